import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { h1, ROUTES } from './helpers';

const THEMES = ['light', 'dark', 'high-contrast'] as const;

for (const route of [...ROUTES, { path: '/missing', h1: 'Page not found' }]) {
  test(`axe finds no violations on ${route.path}`, async ({ page }) => {
    await page.goto(route.path);
    await expect(h1(page)).toHaveText(route.h1);
    await page.waitForLoadState('networkidle');
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
  });
}

for (const theme of THEMES) {
  test(`axe finds no contrast problems in the ${theme} theme`, async ({ page }) => {
    await page.addInitScript((value) => {
      localStorage.setItem(
        'pipeline-lab:ui-prefs',
        JSON.stringify({ state: { theme: value, textSize: 'standard' }, version: 1 }),
      );
    }, theme);
    await page.goto('/sft?pretrain.learningRate=99');
    await expect(h1(page)).toHaveText('Supervised fine-tuning');
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await expect(page.locator('.notice-banner')).toBeVisible();
    const results = await new AxeBuilder({ page }).withTags(['wcag2aa']).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
  });
}
