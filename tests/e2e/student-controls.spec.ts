import { expect, test, type Page } from '@playwright/test';
import { collectErrors, h1 } from './helpers';

/**
 * The controls of the RLHF pages driven as a student would, with short settings
 * shared by URL so each run takes seconds: PPO re-run with another β changes the KL
 * chart; a different label-noise rate changes κ and the reward model's accuracy; the
 * Simulator run twice overlays both runs.
 */
const RUN_TIMEOUT = 180_000;

const runPanel = (page: Page) => page.locator('.run-panel');

/** The text alternative of the chart titled `title` (it carries the chart's numbers). */
const chartDescription = (page: Page, title: string | RegExp) =>
  page.locator('figure.chart').filter({ hasText: title }).locator('.chart-description');

async function trainLive(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Train live' }).click();
  await expect(runPanel(page)).toHaveAttribute('data-status', 'running');
  await expect(runPanel(page)).toHaveAttribute('data-status', 'completed', {
    timeout: RUN_TIMEOUT,
  });
}

test('/ppo: moving β and re-running changes the KL chart', async ({ page }) => {
  test.setTimeout(2 * RUN_TIMEOUT);
  const errors = collectErrors(page);
  // The shipped SFT and reward models are reused; only PPO trains, briefly.
  await page.goto('/ppo?ppo.iterations=3&ppo.rolloutsPerIteration=8&ppo.klCoef=0');
  await expect(h1(page)).toHaveText('RLHF with PPO');
  await trainLive(page);
  const kl = chartDescription(page, /^KL from the SFT reference/);
  await expect(kl).toContainText('Over iterations 1 to 3');
  const atBetaZero = await kl.textContent();

  await page.getByLabel('KL coefficient β', { exact: true }).fill('1');
  await expect(page).toHaveURL(/ppo\.klCoef=1/);
  // A new configuration: the panel says it has not been trained yet.
  await expect(runPanel(page)).toContainText('not been trained yet');
  await trainLive(page);
  await expect(kl).toContainText('β fixed at 1');
  await expect(kl).toContainText('Over iterations 1 to 3');
  const atBetaOne = await kl.textContent();
  // Same seed, same rollouts at iteration 1; the penalty changes what PPO learns.
  expect(atBetaOne?.replace('β fixed at 1', '')).not.toBe(atBetaZero?.replace('β fixed at 0', ''));
  await expect(
    page.locator('#ppo-curves figure .scatterlayer .trace path.js-line').first(),
  ).toBeVisible();
  expect(errors).toEqual([]);
});

test('/challenges: another label-noise rate changes κ and the reward model’s accuracy', async ({
  page,
}) => {
  test.setTimeout(2 * RUN_TIMEOUT);
  const errors = collectErrors(page);
  await page.goto('/challenges');
  await expect(h1(page)).toHaveText('Challenges and solutions');
  const section = page.locator('#annotation-quality');
  const noise = section.getByLabel('Noise rates p');
  const description = section.locator('figure.chart .chart-description');

  const runAt = async (rate: string): Promise<string> => {
    await noise.fill(rate);
    await section.getByRole('button', { name: /^Run the .* study$/ }).click();
    await expect(description).toContainText(`At noise rate p = ${rate}`, { timeout: RUN_TIMEOUT });
    return (await description.textContent()) ?? '';
  };
  const kappaAndAccuracy = (text: string) => {
    const kappa = /Fleiss' κ (−?\d+\.\d+)/.exec(text)?.[1];
    const accuracy = /one annotator's labels (\d+(?:\.\d+)?)%/.exec(text)?.[1];
    return { kappa: Number(kappa), accuracy: Number(accuracy) };
  };

  const clean = kappaAndAccuracy(await runAt('0.1'));
  const noisy = kappaAndAccuracy(await runAt('0.4'));
  // Annotators who flip 40% of labels agree far less than those who flip 10%
  // (expected κ 0.04 against 0.64), and the reward model trained on them is worse.
  expect(clean.kappa).toBeGreaterThan(noisy.kappa + 0.2);
  expect(clean.accuracy).toBeGreaterThan(noisy.accuracy);
  expect(errors).toEqual([]);
});

test('/simulator: two runs are overlaid for comparison', async ({ page }) => {
  test.setTimeout(3 * RUN_TIMEOUT);
  const errors = collectErrors(page);
  // Pretraining and SFT as shipped; the later stages short, so a run takes seconds.
  const short =
    'reward.steps=12&ppo.iterations=2&ppo.rolloutsPerIteration=4&dpo.steps=6&ppo.klCoef=0.2';
  await page.goto(`/simulator?${short}`);
  await expect(h1(page)).toHaveText('Simulator');
  const status = page.locator('#run-all .sim-run-status');
  const runAll = async () => {
    await page.getByRole('button', { name: 'Run all' }).click();
    await expect(status).toHaveText('Every stage is trained for these settings.', {
      timeout: RUN_TIMEOUT,
    });
  };

  await runAll();
  await page.getByLabel('Name for this run').fill('β 0.2');
  await page.getByRole('button', { name: 'Keep this run' }).click();
  await expect(page.locator('#compare')).toContainText('These settings are kept as “β 0.2”');

  await page.getByLabel('KL β').fill('0');
  await expect(page).toHaveURL(/ppo\.klCoef=0(&|$)/);
  await runAll();
  // Both runs in the comparison: the kept one and the current settings' run.
  const compare = page.locator('#compare');
  await expect(compare.locator('table')).toContainText('β 0.2');
  await expect(compare.locator('table')).toContainText('Current settings (not kept)');
  // Every overlay chart draws a line per run.
  const firstChart = compare.locator('figure.chart').first();
  await expect(firstChart.locator('.scatterlayer .trace path.js-line')).toHaveCount(2);
  expect(errors).toEqual([]);
});
