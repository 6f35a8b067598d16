/**
 * Stored data that cannot be trusted — damaged JSON, another shape, a newer version's
 * entry, invalid values — never crashes the app: it loads with the defaults, says what
 * was reset, and repairs storage. "Reset the app" clears this app's keys (only those)
 * after a confirm step and reloads with the default settings.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { collectErrors, h1 } from './helpers';

const PREFS_KEY = 'pipeline-lab:ui-prefs';
const RUNS_KEY = 'pipeline-lab:saved-runs';

/** Seeds localStorage before the app's first script runs (once: not again on reload). */
async function seed(page: Page, entries: Record<string, string>): Promise<void> {
  await page.addInitScript((values) => {
    if (sessionStorage.getItem('e2e-seeded')) return;
    sessionStorage.setItem('e2e-seeded', '1');
    for (const [key, value] of Object.entries(values)) localStorage.setItem(key, value);
  }, entries);
}

const stored = (page: Page, key: string) => page.evaluate((k) => localStorage.getItem(k), key);

const storageNotice = (page: Page) => page.locator('[data-notice="storage"]');

test('damaged JSON in storage: the app loads, says what was reset, repairs storage', async ({
  page,
}) => {
  const errors = collectErrors(page);
  await seed(page, { [PREFS_KEY]: '{"state": {"theme": "dark"', [RUNS_KEY]: '\u0000garbage' });
  await page.goto('/');
  await expect(h1(page)).toHaveText('Four stages from text to assistant');
  await expect(storageNotice(page)).toContainText(
    'Your display settings stored in this browser could not be read (the data was damaged), so they were reset to the defaults.',
  );
  expect(await stored(page, PREFS_KEY)).toBeNull();
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBeUndefined();

  // The kept runs are checked where they are used, and reported there.
  await page
    .getByRole('navigation', { name: 'Pages' })
    .getByRole('link', { name: /Simulator/ })
    .click();
  await expect(h1(page)).toHaveText('Simulator');
  await expect(page.locator('.sim-storage-notice')).toContainText(
    'The kept runs stored in this browser could not be read (the data was damaged), so they were cleared.',
  );
  expect(await stored(page, RUNS_KEY)).toBeNull();

  // The app works: preferences can be changed and are stored again.
  await page.getByText('Display', { exact: true }).click();
  await page.getByLabel('Theme').selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(JSON.parse((await stored(page, PREFS_KEY)) ?? 'null')).toEqual({
    state: { theme: 'dark', textSize: 'standard' },
    version: 1,
  });
  await page.getByText('Display', { exact: true }).click(); // closes the floating panel
  await storageNotice(page).getByRole('button', { name: 'Dismiss' }).click();
  await expect(storageNotice(page)).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('foreign shapes, a newer version and invalid values are reset and reported', async ({
  page,
}) => {
  const errors = collectErrors(page);
  await seed(page, {
    [PREFS_KEY]: JSON.stringify({ state: { theme: 'neon', textSize: 'large' }, version: 1 }),
    [RUNS_KEY]: JSON.stringify({ state: { runs: [] }, version: 99 }),
  });
  await page.goto('/simulator');
  await expect(h1(page)).toHaveText('Simulator');
  // The valid text size is kept; the invalid theme is reset and named.
  await expect(storageNotice(page)).toContainText(
    'Some display settings stored in this browser were not valid and were reset to the defaults: theme.',
  );
  await expect(page.locator('html')).toHaveAttribute('data-text-size', 'large');
  expect(JSON.parse((await stored(page, PREFS_KEY)) ?? 'null')).toEqual({
    state: { theme: 'system', textSize: 'large' },
    version: 1,
  });
  await expect(page.locator('.sim-storage-notice')).toContainText(
    'not in a form this version of Pipeline Lab can read, so they were cleared.',
  );
  expect(await stored(page, RUNS_KEY)).toBeNull();

  // A newer version's preferences, and a value that is not our envelope at all.
  await page.evaluate(
    ([prefs, runs]) => {
      localStorage.setItem(prefs, JSON.stringify({ state: { theme: 'dark' }, version: 7 }));
      localStorage.setItem(runs, '[1, 2, 3]');
    },
    [PREFS_KEY, RUNS_KEY],
  );
  await page.reload();
  await expect(h1(page)).toHaveText('Simulator');
  await expect(storageNotice(page)).toContainText(
    'Your display settings were saved by a newer version of Pipeline Lab, which this version cannot read, so they were reset to the defaults.',
  );
  await expect(page.locator('.sim-storage-notice')).toBeVisible();
  expect(await stored(page, PREFS_KEY)).toBeNull();
  expect(await stored(page, RUNS_KEY)).toBeNull();
  expect(errors).toEqual([]);
});

test('"Reset the app" asks first, clears only this app\'s storage and reloads with the defaults', async ({
  page,
}) => {
  const errors = collectErrors(page);
  await seed(page, {
    [PREFS_KEY]: JSON.stringify({ state: { theme: 'dark', textSize: 'x-large' }, version: 1 }),
    [RUNS_KEY]: JSON.stringify({ state: { runs: [] }, version: 1 }),
    'pipeline-lab:anything-else': '1',
    'another-app:data': 'keep me',
  });
  await page.goto('/pretraining?seed=7');
  await expect(h1(page)).toHaveText('Pretraining');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');

  await page.getByText('Display', { exact: true }).click();
  await page.getByRole('button', { name: 'Reset the app…' }).click();
  const confirm = page.getByRole('group', { name: /Delete your display settings and kept runs/ });
  await expect(confirm).toBeVisible();
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  const axe = await new AxeBuilder({ page }).include('.display-settings').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  // Cancel keeps everything.
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('button', { name: 'Reset the app…' })).toBeFocused();
  expect(await stored(page, PREFS_KEY)).not.toBeNull();

  await page.getByRole('button', { name: 'Reset the app…' }).click();
  await Promise.all([
    page.waitForEvent('load'),
    page.getByRole('button', { name: 'Reset and reload' }).click(),
  ]);
  await expect(h1(page)).toHaveText('Pretraining');
  expect(new URL(page.url()).search).toBe(''); // the default settings, not seed 7
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', /.+/);
  await expect(page.locator('html')).toHaveAttribute('data-text-size', 'standard');
  const keys = await page.evaluate(() => Object.keys(localStorage));
  expect(keys.filter((k) => k.startsWith('pipeline-lab:'))).toEqual([]);
  expect(await stored(page, 'another-app:data')).toBe('keep me');
  await expect(page.locator('.run-panel')).toContainText('seed 1');
  expect(errors).toEqual([]);
});
