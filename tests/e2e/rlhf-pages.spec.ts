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
