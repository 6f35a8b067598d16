import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { h1, ROUTES } from './helpers';

const THEMES = ['light', 'dark', 'high-contrast'] as const;

/** Page backgrounds of the 'system' theme (app/styles/theme.css), per colour scheme. */
const SYSTEM_BACKGROUND = { light: 'rgb(255, 255, 255)', dark: 'rgb(20, 23, 28)' } as const;

async function violations(page: Page, tags?: string[]): Promise<string[]> {
  const builder = new AxeBuilder({ page });
  const results = await (tags ? builder.withTags(tags) : builder).analyze();
  return results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.length}: ${v.nodes[0]?.target.join(' ')})`,
  );
}

async function setPresenting(page: Page, on: boolean): Promise<void> {
  await page.keyboard.press(on ? 'p' : 'Escape');
  const html = page.locator('html');
  if (on) await expect(html).toHaveAttribute('data-presenting', '');
  else await expect(html).not.toHaveAttribute('data-presenting', '');
}

// Every route in the light theme, then in the dark one (both as the system setting
// picks them, without a reload) while presenting: each route's content is checked in
// both palettes and in presentation mode's layout and type, at two axe runs a route.
// The chrome that presentation mode hides is the same on every page: the theme tests
// below check it, with and without presentation mode, in all three themes.
for (const route of [...ROUTES, { path: '/missing', h1: 'Page not found' }]) {
  test(`axe finds no violations on ${route.path}: light, then dark presenting`, async ({
    page,
  }) => {
    test.setTimeout(90_000);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(route.path);
    await expect(h1(page)).toHaveText(route.h1);
    await page.waitForLoadState('networkidle');
    await expect(page.locator('body')).toHaveCSS('background-color', SYSTEM_BACKGROUND.light);
    expect(await violations(page), 'light').toEqual([]);

    await page.emulateMedia({ colorScheme: 'dark' });
    await setPresenting(page, true);
    await expect(page.locator('body')).toHaveCSS('background-color', SYSTEM_BACKGROUND.dark);
    expect(await violations(page), 'dark, presenting').toEqual([]);
  });
}

for (const theme of THEMES) {
  test(`axe finds no contrast problems in the ${theme} theme, also presenting`, async ({
    page,
  }) => {
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
    expect(await violations(page, ['wcag2aa'])).toEqual([]);
    // Presentation mode keeps the theme, the config notice, and the contrast.
    await setPresenting(page, true);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await expect(page.locator('.notice-banner')).toBeVisible();
    expect(await violations(page, ['wcag2aa'])).toEqual([]);
  });
}

test('charts follow the theme, in presentation mode too', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/pretraining?present=1');
  await expect(h1(page)).toHaveText('Pretraining');
  const tick = page.locator('.chart .xtick text').first();
  await expect(tick).toHaveCSS('fill', 'rgb(17, 17, 17)');
  // Presentation type: the largest chart font (20 px ticks), redrawn once presenting.
  await expect
    .poll(() => tick.evaluate((t) => parseFloat(getComputedStyle(t).fontSize) || 0))
    .toBeGreaterThanOrEqual(20);
  // The system switches to dark: page and charts follow without a reload.
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(tick).toHaveCSS('fill', 'rgb(242, 242, 242)');
  await expect(page.locator('body')).toHaveCSS('background-color', SYSTEM_BACKGROUND.dark);
});
