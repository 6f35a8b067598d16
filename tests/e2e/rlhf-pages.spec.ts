import { expect, test } from '@playwright/test';
import { collectErrors, h1 } from './helpers';

/**
 * The RLHF pages driven as a student would: the Reward Model page scores a typed
 * answer with the shipped reward model; the Simulator reads a shared configuration
 * and a named scenario from the URL.
 */
test('/reward-model scores an answer the student types', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/reward-model');
  await expect(h1(page)).toHaveText('Reward model');
  await expect(
    page.locator('#training-curves .scatterlayer .trace path.js-line').first(),
  ).toBeVisible();
  const box = page.getByLabel('Your answer');
  await box.fill('AVOID: NSAIDs raise the bleeding risk with warfarin. Use paracetamol instead.');
  await page.getByRole('button', { name: 'Score this answer' }).click();
  await expect(page.locator('.score-headline')).toContainText(
    /Your answer scores [+−-]?\d+\.\d\d/,
    {
      timeout: 15_000,
    },
  );
  expect(errors).toEqual([]);
});

test('/simulator opens a shared configuration and a named scenario from the URL', async ({
  page,
}) => {
  const errors = collectErrors(page);
  await page.goto('/simulator?ppo.klCoef=0.5&seed=7');
  await expect(h1(page)).toHaveText('Simulator');
  await expect(page.getByLabel('KL β')).toHaveValue('0.5');
  await expect(page.getByLabel('Seed', { exact: true })).toHaveValue('7');
  await page.goto('/simulator?preset=no-kl-penalty');
  await expect(page.getByLabel('KL β')).toHaveValue('0');
  // The scenario becomes the ordinary settings query, so the link can be shared.
  await expect(page).toHaveURL(/ppo\.klCoef=0/);
  expect(errors).toEqual([]);
});

test('/reward-model fits a reward model on the student’s own labels', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = collectErrors(page);
  await page.goto('/reward-model');
  await expect(page.locator('.run-panel')).toHaveAttribute('data-status', 'completed');
  const section = page.locator('#be-the-annotator');
  const fit = section.getByRole('button', { name: 'Fit a reward model on my labels' });
  await expect(fit).toBeDisabled();
  const pickA = section.getByRole('button', { name: /A is better/ });
  const count = await pickA.count();
  expect(count).toBeGreaterThanOrEqual(4);
  for (let i = 0; i < count; i++) await pickA.nth(i).click();
  await expect(fit).toBeEnabled();
  await fit.click();
  await expect(section).toContainText(/Your labels agree with the experts’ on \d+ of \d+ pairs/, {
    timeout: 90_000,
  });
  await expect(section.locator('table').first()).toContainText('Fitted on your labels');
  await expect(section.locator('figure .scatterlayer .trace path.js-line').first()).toBeVisible();
  expect(errors).toEqual([]);
});

test('/ppo steps through PPO one iteration at a time', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = collectErrors(page);
  await page.goto('/ppo');
  await expect(page.locator('.run-panel')).toHaveAttribute('data-status', 'completed');
  const section = page.locator('#ppo-step-through');
  await section.getByRole('button', { name: 'Start step-through' }).click();
  await expect(section).toContainText(/Iteration 1 of \d+/, { timeout: 60_000 });
  const next = section.getByRole('button', { name: 'Next iteration' });
  await expect(next).not.toHaveAttribute('aria-disabled', 'true', { timeout: 60_000 });
  await next.click();
  await expect(section).toContainText(/Iteration 2 of \d+/, { timeout: 60_000 });
  await expect(section).toContainText('What changed since iteration 1');
  // The traced rollout, one row per token with its numbers.
  const rows = section.locator('table.ppo-trace-table tbody tr');
  expect(await rows.count()).toBeGreaterThan(1);
  await section.getByRole('button', { name: 'Stop' }).click();
  expect(errors).toEqual([]);
});
