import { expect, test } from '@playwright/test';
import { collectErrors, DISCLAIMER, h1, ROUTES } from './helpers';

test.describe('every route by deep link', () => {
  for (const route of ROUTES) {
    test(`${route.path} shows its h1 and the disclaimer, without console errors`, async ({
      page,
    }) => {
      const errors = collectErrors(page);
      await page.goto(route.path);
      await expect(h1(page)).toHaveText(route.h1);
      await expect(page.getByText(DISCLAIMER)).toBeVisible();
      await expect(page.getByRole('navigation', { name: 'Pages' })).toBeVisible();
      // Formulas (KaTeX, lazy) must render under the strict CSP where a page has them.
      const formulas = page.locator('.formula');
      if ((await formulas.count()) > 0)
        // A formula with live numbers holds two renderings; the first is the formula itself.
        await expect(formulas.first().locator('.katex').first()).toBeVisible();
      await page.waitForLoadState('networkidle');
      expect(errors).toEqual([]);
    });
  }

  test('an unknown path shows the 404 page inside the layout', async ({ page }) => {
    const errors = collectErrors(page);
    await page.goto('/no/such/page');
    await expect(h1(page)).toHaveText('Page not found');
    await expect(page.getByText(DISCLAIMER)).toBeVisible();
    await expect(page.getByRole('main').getByRole('link', { name: 'Pretraining' })).toBeVisible();
    expect(errors).toEqual([]);
  });

  test('the built page carries a strict Content-Security-Policy', async ({ page }) => {
    await page.goto('/');
    const csp = await page
      .locator('meta[http-equiv="Content-Security-Policy"]')
      .getAttribute('content');
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
  });
});
