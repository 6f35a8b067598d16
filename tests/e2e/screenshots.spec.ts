/**
 * Screenshots for the docs, at projector size (1280×720), into docs/screenshots/.
 * Skipped in `npm test`; run with `npm run screenshots` (after `npm run build`).
 */
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { h1 } from './helpers';

const SHOTS = [
  { name: 'home', path: '/', h1: 'Four stages from text to assistant' },
  { name: 'pretraining', path: '/pretraining', h1: 'Pretraining' },
  { name: 'sft', path: '/sft', h1: 'Supervised fine-tuning' },
  { name: 'reward-model', path: '/reward-model', h1: 'Reward model' },
  { name: 'not-found', path: '/no-such-page', h1: 'Page not found' },
];

const outDir = join(process.cwd(), 'docs', 'screenshots');

test.describe('screenshots', () => {
  test.skip(!process.env.SCREENSHOTS, 'set SCREENSHOTS=1 (npm run screenshots)');

  for (const shot of SHOTS) {
    test(shot.name, async ({ page }) => {
      await page.goto(shot.path);
      await expect(h1(page)).toHaveText(shot.h1);
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: join(outDir, `${shot.name}.png`) });
    });
  }

  test('home at 375 px wide', async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto('/');
    await expect(h1(page)).toHaveText('Four stages from text to assistant');
    await page.screenshot({ path: join(outDir, 'home-375.png'), fullPage: true });
  });

  test('SFT in the dark theme, with link notices', async ({ page }) => {
    await page.addInitScript(() => {
      localStorage.setItem(
        'pipeline-lab:ui-prefs',
        JSON.stringify({ state: { theme: 'dark', textSize: 'standard' }, version: 1 }),
      );
    });
    await page.goto('/sft?seed=abc&pretrain.learningRate=99&foo=1');
    await expect(h1(page)).toHaveText('Supervised fine-tuning');
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: join(outDir, 'sft-dark-notices.png') });
  });
});
