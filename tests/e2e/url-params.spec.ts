import { expect, test } from '@playwright/test';
import { collectErrors, h1 } from './helpers';

test('bad URL parameters show notices and never crash the app', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/sft?seed=abc&pretrain.learningRate=99&foo=1');
  await expect(h1(page)).toHaveText('Supervised fine-tuning');
  const banner = page.locator('.notice-banner');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('Unknown setting "foo" ignored.');
  await expect(banner).toContainText('Seed (seed) = "abc" is not a number; kept 1.');
  await expect(banner).toContainText(
    'Learning rate (pretrain.learningRate) = 99 is outside 1e-6–1; clamped to 1.',
  );
  // The URL now holds what is actually used; the page shows it too.
  await expect(page).toHaveURL(/\/sft\?pretrain\.learningRate=1$/);
  await expect(page.getByRole('row', { name: /Peak learning rate/ })).toContainText('1');

  // The config travels with navigation, and the notices can be dismissed.
  await page.keyboard.press(']');
  await expect(page).toHaveURL(/\/reward-model\?pretrain\.learningRate=1$/);
  await banner.getByRole('button', { name: 'Dismiss' }).click();
  await expect(banner).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('valid parameters are kept without notices', async ({ page }) => {
  await page.goto('/sft?seed=7&sft.steps=200');
  await expect(h1(page)).toHaveText('Supervised fine-tuning');
  await expect(page.getByRole('row', { name: /^Steps/ })).toContainText('200');
  await expect(page.locator('.notice-banner')).toHaveCount(0);
  await expect(page).toHaveURL(/seed=7/);
});
