/**
 * Export and import in the real browser (under the built app's strict CSP): a chart as
 * PNG and SVG, a run's metrics as CSV and JSON, that JSON imported into the
 * Simulator's comparison, the session file downloaded and opened again, and malformed
 * files refused with their problems listed and nothing changed.
 */
import { expect, test, type Download, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { collectErrors, h1 } from './helpers';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Clicks `click` and returns the download it starts, with its content. */
async function downloadOf(
  page: Page,
  click: () => Promise<void>,
): Promise<{ download: Download; body: Buffer }> {
  const started = page.waitForEvent('download');
  await click();
  const download = await started;
  const path = await download.path();
  return { download, body: readFileSync(path) };
}

/** The shipped run's pretraining curves, drawn. */
async function openPretraining(page: Page) {
  await page.goto('/pretraining');
  await expect(h1(page)).toHaveText('Pretraining');
  const chart = page.locator('#training-curves figure').first();
  await expect(chart.locator('.scatterlayer .trace').first()).toBeVisible({ timeout: 30_000 });
  return chart;
}

/** The whole-run JSON downloaded from the Pretraining page (the shipped default run). */
async function downloadRunJson(page: Page): Promise<{ name: string; body: Buffer }> {
  await openPretraining(page);
  const { download, body } = await downloadOf(page, () =>
    page.getByRole('button', { name: 'Download run (JSON)' }).click(),
  );
  return { name: download.suggestedFilename(), body };
}

const keptRows = (page: Page) => page.locator('#compare table tbody tr');

test('a chart downloads as PNG and SVG (and its data as CSV), under the strict CSP', async ({
  page,
}) => {
  const errors = collectErrors(page);
  const chart = await openPretraining(page);
  const exports = chart.getByRole('group', { name: /Download “Cross-entropy loss”/ });

  const png = await downloadOf(page, () =>
    exports.getByRole('button', { name: 'PNG image' }).click(),
  );
  expect(png.download.suggestedFilename()).toBe('pretraining-loss.png');
  expect([...png.body.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  // 1000 × 620 CSS pixels at twice the density: the IHDR chunk holds the size.
  expect(png.body.readUInt32BE(16)).toBe(2000);
  expect(png.body.readUInt32BE(20)).toBe(1240);

  const svg = await downloadOf(page, () =>
    exports.getByRole('button', { name: 'SVG image' }).click(),
  );
  expect(svg.download.suggestedFilename()).toBe('pretraining-loss.svg');
  const svgText = svg.body.toString('utf8');
  expect(svgText.startsWith('<svg')).toBe(true);
  expect(svgText).toContain('Cross-entropy loss'); // the title is drawn in the image
  expect(svgText).toContain('held-out'); // and the legend
  expect(svgText).toContain('fill: rgb(255, 255, 255)'); // an opaque (light theme) background

  const csv = await downloadOf(page, () =>
    exports.getByRole('button', { name: 'Data (CSV)' }).click(),
  );
  expect(csv.download.suggestedFilename()).toBe('pretraining-loss.csv');
  expect(csv.body.toString('utf8').split('\n')[0]).toBe('series,x,y');

  // Charts without an export name are named after their title.
  await page.goto('/ppo');
  const clip = page.locator('#ppo-clip figure').first();
  await expect(clip.locator('.scatterlayer .trace').first()).toBeVisible({ timeout: 30_000 });
  const named = await downloadOf(page, () =>
    clip.getByRole('button', { name: 'SVG image' }).click(),
  );
  expect(named.download.suggestedFilename()).toBe('the-clipped-objective-against-the-ratio-r.svg');
  expect(errors).toEqual([]);
});

test("a run's metrics download as CSV (a row per step) and as JSON", async ({ page }) => {
  const errors = collectErrors(page);
  await openPretraining(page);
  const csv = await downloadOf(page, () =>
    page.getByRole('button', { name: 'Download metrics (CSV)' }).click(),
  );
  expect(csv.download.suggestedFilename()).toBe('pretraining-metrics-seed1.csv');
  const lines = csv.body.toString('utf8').trimEnd().split('\n');
  expect(lines[0]).toBe(
    'step,loss,perplexity,learningRate,gradNorm,tokensSeen,heldOutLoss,heldOutPerplexity',
  );

  const json = await downloadOf(page, () =>
    page.getByRole('button', { name: 'Download run (JSON)' }).click(),
  );
  expect(json.download.suggestedFilename()).toBe('pipeline-lab-run-seed1.json');
  const run = JSON.parse(json.body.toString('utf8'));
  expect(run).toMatchObject({ format: 'pipeline-lab/run', version: 1, source: 'app' });
  expect(run.stages).toEqual(['pretrain', 'sft', 'reward', 'ppo', 'dpo']);
  const steps: number = run.config.pretrain.steps;
  // One CSV row and one JSON record per step of the run's configuration.
  expect(lines.length - 1).toBe(steps);
  expect(run.pretrain.metrics).toHaveLength(steps);
  expect(run.pretrain.metrics[steps - 1].step).toBe(steps);
  expect(Number(lines[steps].split(',')[0])).toBe(steps);
  expect(run.ppo.metrics).toHaveLength(run.config.ppo.iterations);
  expect(errors).toEqual([]);
});

test('a downloaded run imported on the Simulator joins the comparison, marked imported', async ({
  page,
}) => {
  const errors = collectErrors(page);
  const file = await downloadRunJson(page);
  await page.goto('/simulator');
  await expect(h1(page)).toHaveText('Simulator');
  await page.getByLabel('Import a run (JSON)').setInputFiles({
    name: file.name,
    mimeType: 'application/json',
    buffer: file.body,
  });
  const name = 'pipeline-lab-run-seed1 (imported)';
  await expect(page.locator('#compare .sim-exchange-done')).toContainText(
    `Imported “${name}” (written by the app; Pretraining, SFT, Reward model, PPO, DPO)`,
  );
  const row = keptRows(page).filter({ hasText: name });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(`Imported from ${file.name} (a run file from the app)`);
  // Its figures are the run's: the reward model's held-out accuracy, as a percentage.
  await expect(row.locator('td').nth(2)).toHaveText(/^\d+%$/);
  // Drawn like a kept run: a line in the comparison charts, named in their legends.
  const chart = page.locator('#compare figure').first();
  await expect(chart).toContainText(name);
  await expect(chart.locator('.scatterlayer .trace').first()).toBeVisible();
  expect(errors).toEqual([]);
});

test('malformed run files are refused with their problems listed, and nothing changes', async ({
  page,
}) => {
  const errors = collectErrors(page);
  await page.goto('/simulator');
  await expect(h1(page)).toHaveText('Simulator');
  const input = page.getByLabel('Import a run (JSON)');
  const alert = page.locator('#compare .sim-exchange-errors');
  // The shipped run's figures are in the table (the current settings' row) first.
  await expect(keptRows(page).first()).toContainText('Current settings (not kept)');
  const rowsBefore = await keptRows(page).count();
  const storedBefore = await page.evaluate(() => localStorage.getItem('pipeline-lab:saved-runs'));

  await input.setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"format": "pipeline-lab/run", "version": 1, '),
  });
  await expect(alert).toContainText('“broken.json” was not imported; nothing changed');
  await expect(alert).toContainText('The file is not valid JSON');

  // Settings missing, a metric that is text, one too large to be finite (1e999).
  const bad =
    '{"format": "pipeline-lab/run", "version": 1, "config": {"seed": 1}, "pretrain": {"metrics": [' +
    '{"step": 1, "loss": 6.9}, {"step": 2, "loss": "low"}, {"step": 3, "loss": 1e999}]}}';
  await input.setInputFiles({
    name: 'bad.json',
    mimeType: 'application/json',
    buffer: Buffer.from(bad),
  });
  await expect(alert).toContainText('“bad.json” was not imported; nothing changed');
  await expect(alert).toContainText(/config lacks \d+ settings: model\.vocabSize/);
  await expect(alert).toContainText(
    'pretrain.metrics[1].loss is the text "low", not a finite number',
  );
  await expect(alert).toContainText(
    'pretrain.metrics[2].loss is a number too large to be finite, not a finite number',
  );

  await input.setInputFiles({
    name: 'future.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ format: 'pipeline-lab/run', version: 9 })),
  });
  await expect(alert).toContainText('written by a newer Pipeline Lab');

  await expect(keptRows(page)).toHaveCount(rowsBefore);
  expect(await page.evaluate(() => localStorage.getItem('pipeline-lab:saved-runs'))).toBe(
    storedBefore,
  );
  expect(errors).toEqual([]);
});

test('the session downloads as one file and opens again; a broken one changes nothing', async ({
  page,
}) => {
  const errors = collectErrors(page);
  test.setTimeout(120_000);
  const file = await downloadRunJson(page);
  await page.goto('/simulator?seed=7');
  await expect(h1(page)).toHaveText('Simulator');
  await page.getByLabel('Import a run (JSON)').setInputFiles({
    name: file.name,
    mimeType: 'application/json',
    buffer: file.body,
  });
  await expect(keptRows(page)).toHaveCount(1);

  const session = await downloadOf(page, () =>
    page.getByRole('button', { name: 'Download my session' }).click(),
  );
  expect(session.download.suggestedFilename()).toMatch(
    /^pipeline-lab-session-\d{4}-\d\d-\d\d-\d{4}\.json$/,
  );
  const content = JSON.parse(session.body.toString('utf8'));
  expect(content).toMatchObject({
    format: 'pipeline-lab/session',
    version: 1,
    app: { name: 'Pipeline Lab' },
    link: '/simulator?seed=7',
    config: { seed: 7 },
    preferences: { theme: 'system', textSize: 'standard' },
  });
  expect(content.keptRuns).toHaveLength(1);
  expect(content.keptRuns[0]).toMatchObject({
    name: 'pipeline-lab-run-seed1 (imported)',
    origin: { kind: 'imported', source: 'app', fileName: file.name },
  });
  expect(content.currentRun).toBeNull(); // seed 7 has not been trained
  expect(content.charts.length).toBeGreaterThanOrEqual(4);
  for (const chart of content.charts) {
    expect(chart.image.startsWith('data:image/png;base64,')).toBe(true);
    const png = Buffer.from(chart.image.slice('data:image/png;base64,'.length), 'base64');
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  }
  expect(content.about).toContain('No model weights');
  const status = page.locator('#session .sim-exchange-done');
  await expect(status).toContainText(/Downloaded pipeline-lab-session-.*\.json \(\d+ KB\)/);
  console.log(`session file: ${session.body.length} bytes, ${content.charts.length} charts`);

  // Change everything, then open the session: settings and kept runs come back.
  await page
    .locator('#compare')
    .getByRole('button', { name: /^Delete/ })
    .click();
  await expect(keptRows(page)).toHaveCount(0); // seed 7 is not trained: no current row
  await page.goto('/simulator?seed=3');
  await expect(h1(page)).toHaveText('Simulator');
  const sessionInput = page.getByLabel('Open a session file');

  // A broken session first: listed problems, nothing changed.
  const broken = { ...content, config: { ...content.config, seed: -5 }, keptRuns: [{ id: 'x' }] };
  await sessionInput.setInputFiles({
    name: 'broken-session.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(broken)),
  });
  const alert = page.locator('#session .sim-exchange-errors');
  await expect(alert).toContainText('“broken-session.json” was not opened; nothing changed');
  await expect(alert).toContainText('seed');
  await expect(alert).toContainText('keptRuns[0] cannot be used');
  await expect(page).toHaveURL(/seed=3/);
  expect(await page.evaluate(() => localStorage.getItem('pipeline-lab:saved-runs'))).toBeNull();

  await sessionInput.setInputFiles({
    name: 'my-session.json',
    mimeType: 'application/json',
    buffer: session.body,
  });
  const confirm = page.locator('#session .sim-session-confirm');
  await expect(confirm).toContainText('“my-session.json”');
  await expect(confirm).toContainText('1 kept run, no current run');
  await expect(page).toHaveURL(/seed=3/); // nothing changes before confirming
  await confirm.getByRole('button', { name: 'Open this session' }).click();
  await expect(status).toContainText('Opened “my-session.json”');
  await expect(page).toHaveURL(/seed=7/);
  await expect(keptRows(page).filter({ hasText: 'pipeline-lab-run-seed1 (imported)' })).toHaveCount(
    1,
  );
  expect(errors).toEqual([]);
});
