/**
 * Screenshots for the docs, at projector size (1280×720) and full page, into
 * docs/screenshots/. Run with `npm run screenshots` (it builds first); not part of
 * `npm test`. The default run must be shipped (`npm run checkpoints`) so the pages
 * show real curves.
 */
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';

const outDir = join(process.cwd(), 'docs', 'screenshots');
const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

/** Waits until what the page computes from the run has appeared. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expect(page.locator('.chart-loading')).toHaveCount(0);
  await expect(page.getByText(/…(generating|answering)/)).toHaveCount(0, { timeout: 60_000 });
  await expect(page.locator('.formula-fallback')).toHaveCount(0);
}

const SHOTS = [
  { name: 'home', path: '/', h1: 'Four stages from text to assistant', full: true },
  { name: 'pretraining', path: '/pretraining', h1: 'Pretraining', full: true },
  { name: 'sft', path: '/sft', h1: 'Supervised fine-tuning', full: true },
  { name: 'reward-model', path: '/reward-model', h1: 'Reward model', full: true },
  { name: 'ppo', path: '/ppo', h1: 'RLHF with PPO', full: true },
  { name: 'pharma', path: '/pharma', h1: 'Pharmaceutical applications', full: true },
  { name: 'challenges', path: '/challenges', h1: 'Challenges and solutions', full: true },
  { name: 'simulator', path: '/simulator', h1: 'Simulator', full: true },
  { name: 'not-found', path: '/no-such-page', h1: 'Page not found', full: false },
];

for (const shot of SHOTS) {
  test(shot.name, async ({ page }) => {
    await page.goto(shot.path);
    await expect(h1(page)).toHaveText(shot.h1);
    await settle(page);
    await page.screenshot({ path: join(outDir, `${shot.name}.png`) });
    if (shot.full) {
      await page.screenshot({ path: join(outDir, `${shot.name}-full.png`), fullPage: true });
    }
  });
}

test('home at 375 px wide', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto('/');
  await expect(h1(page)).toHaveText('Four stages from text to assistant');
  await settle(page);
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
  await settle(page);
  await page.screenshot({ path: join(outDir, 'sft-dark-notices.png') });
});
