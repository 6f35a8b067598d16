/**
 * A Worker that fails for real: its script answers HTTP 500, so the browser fires
 * `error` at the Worker (the path a crash takes too). The run must end with a message
 * and "Retry" — never an endless spinner — and Retry, with the script back, starts a
 * fresh Worker that trains to the end. (Thrown errors and stalls are covered with fake
 * Workers in tests/component/workerFailures.test.tsx.)
 */
import { expect, test } from '@playwright/test';
import { h1 } from './helpers';

// page.route must see the Worker script's request: no service worker in between.
test.use({ serviceWorkers: 'block' });

const RUN_TIMEOUT = 150_000;
const WORKER_SCRIPT = '**/assets/pipeline.worker-*.js';

test('a Worker that fails to load ends the run with a message and Retry; Retry trains', async ({
  page,
}) => {
  test.setTimeout(RUN_TIMEOUT + 30_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  let failed = 0;
  await page.route(WORKER_SCRIPT, (route) => {
    failed++;
    return route.fulfill({ status: 500, contentType: 'text/plain', body: 'server error' });
  });

  await page.goto('/pretraining?pretrain.steps=20&pretrain.evalEvery=10');
  await expect(h1(page)).toHaveText('Pretraining');
  const panel = page.locator('.run-panel');
  await page.getByRole('button', { name: 'Train live' }).click();

  await expect(panel).toHaveAttribute('data-status', 'error');
  expect(failed).toBeGreaterThan(0);
  await expect(panel.getByRole('alert')).toContainText(
    'Pretraining failed: The training worker stopped: it crashed or could not be loaded.',
  );
  await expect(panel.getByRole('progressbar')).toHaveCount(0);
  await expect(panel.getByRole('button', { name: 'Cancel' })).toHaveCount(0);
  // The rest of the app still works.
  await expect(page.getByRole('navigation', { name: 'Pages' })).toBeVisible();

  await page.unroute(WORKER_SCRIPT);
  await panel.getByRole('button', { name: 'Retry' }).click();
  await expect(panel).toHaveAttribute('data-status', 'running');
  await expect(panel).toHaveAttribute('data-status', 'completed', { timeout: RUN_TIMEOUT });
  await expect(panel).toContainText('Trained live in your browser');
  await expect(panel.getByRole('alert')).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});
