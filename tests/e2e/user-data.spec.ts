import { expect, test } from '@playwright/test';
import { collectErrors, h1 } from './helpers';

/**
 * Bring your own data, as a student would: a malformed file lists its problems by line
 * and changes nothing; a valid one is kept (across a reload) and the next run trains
 * on it; the built-in data comes back with one click.
 */
const pairs = (n: number) =>
  Array.from({ length: n }, (_, k) =>
    JSON.stringify({
      instruction: `How long should green tea number ${k} steep?`,
      response: `STEEP: ${k + 2} minutes at eighty degrees.`,
    }),
  ).join('\n');

test('own SFT pairs: a malformed file changes nothing, a valid one trains', async ({ page }) => {
  test.setTimeout(180_000);
  const errors = collectErrors(page);
  await page.goto('/simulator');
  await expect(h1(page)).toHaveText('Simulator');
  const section = page.locator('#your-data');
  const input = section.getByLabel('Import SFT pairs (.jsonl or .csv)');

  await input.setInputFiles({
    name: 'broken.jsonl',
    mimeType: 'application/json',
    buffer: Buffer.from(`${pairs(8)}\n{"instruction": "Only a question?"}\nnot json\n`),
  });
  const alert = section.getByRole('alert');
  await expect(alert).toContainText('Not imported: broken.jsonl has 2 problems.');
  await expect(alert.locator('li')).toHaveText([
    'Line 9: is missing the field "response".',
    'Line 10: is not valid JSON (one object per line).',
  ]);
  await expect(section).toContainText('Built-in: ');
  await expect(section).not.toContainText('Yours:');

  await input.setInputFiles({
    name: 'tea.jsonl',
    mimeType: 'application/json',
    buffer: Buffer.from(pairs(10)),
  });
  await expect(section).toContainText('Imported 10 pairs from tea.jsonl.');
  await expect(section).toContainText('Yours: tea.jsonl, 10 pairs');

  // Kept across a reload; the SFT page trains on it (briefly) and answers its held-out pair.
  await page.goto('/sft?sft.steps=10&sft.evalEvery=5');
  await expect(h1(page)).toHaveText('Supervised fine-tuning');
  const panel = page.locator('.run-panel');
  await expect(panel).toContainText('not been trained yet');
  await page.getByRole('button', { name: 'Train live' }).click();
  await expect(panel).toHaveAttribute('data-status', 'completed', { timeout: 150_000 });
  await expect(page.locator('#base-vs-sft')).toContainText('How long should green tea number');

  await page.goto('/simulator');
  await section.getByRole('button', { name: 'Restore the built-in data' }).click();
  await expect(section).not.toContainText('Yours:');
  expect(errors).toEqual([]);
});
