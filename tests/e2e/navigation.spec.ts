import { expect, test } from '@playwright/test';
import { collectErrors, h1, ROUTES } from './helpers';

test('navigation by click marks the current page and moves focus to the h1', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/');
  const nav = page.getByRole('navigation', { name: 'Pages' });
  for (const route of ROUTES.slice(1)) {
    const label = route.path === '/sft' ? 'SFT' : route.path === '/ppo' ? 'PPO' : undefined;
    const link = nav.locator(`a[href^="${route.path}"]`);
    await link.click();
    await expect(page).toHaveURL(new RegExp(`${route.path}$`));
    await expect(h1(page)).toHaveText(route.h1);
    await expect(h1(page)).toBeFocused();
    await expect(link).toHaveAttribute('aria-current', 'page');
    if (label) await expect(link).toContainText(label);
  }
  expect(errors).toEqual([]);
});

test('the keyboard moves between pages with ] and [', async ({ page }) => {
  await page.goto('/');
  await expect(h1(page)).toHaveText('Four stages from text to assistant');
  for (const route of ROUTES.slice(1)) {
    await page.keyboard.press(']');
    await expect(h1(page)).toHaveText(route.h1);
    await expect(h1(page)).toBeFocused();
  }
  await page.keyboard.press('[');
  await expect(h1(page)).toHaveText(ROUTES[ROUTES.length - 2].h1);
});

test('the pager links lead onward, from the reward model to PPO', async ({ page }) => {
  await page.goto('/reward-model');
  await page
    .getByRole('navigation', { name: 'Previous and next page' })
    .getByRole('link', { name: /Next/ })
    .click();
  await expect(h1(page)).toHaveText('RLHF with PPO');
});

test('Tab reaches the skip link first, and it jumps to the main content', async ({ page }) => {
  await page.goto('/sft');
  await expect(h1(page)).toHaveText('Supervised fine-tuning');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.locator('#main')).toBeFocused();
});

test('back and forward work after in-app navigation', async ({ page }) => {
  await page.goto('/pretraining');
  await page.keyboard.press(']');
  await expect(h1(page)).toHaveText('Supervised fine-tuning');
  await page.goBack();
  await expect(h1(page)).toHaveText('Pretraining');
  await page.goForward();
  await expect(h1(page)).toHaveText('Supervised fine-tuning');
});
