/**
 * Offline use: after the first visit the service worker (src/sw/serviceWorker.ts) has
 * precached the build, so with no network every page opens — by link and by reload —
 * with the shipped default run, and a stage trains in the Worker.
 *
 * Going offline: `context.setOffline(true)` for the page, plus a context route that
 * aborts every request that still reaches the network (it sees the service worker's
 * own fetches in Chromium). A probe for a file that is not precached checks that the
 * network really is gone for the service worker too.
 */
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { collectErrors, h1, ROUTES } from './helpers';

test.use({ serviceWorkers: 'allow' });

const RUN_TIMEOUT = 150_000;

/** Waits until the service worker has installed (precached), activated and controls the page. */
async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (navigator.serviceWorker.controller) return;
    await new Promise<void>((resolve) =>
      navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), {
        once: true,
      }),
    );
  });
}

async function goOffline(context: BrowserContext): Promise<void> {
  await context.setOffline(true);
  await context.route('**/*', (route) => route.abort('internetdisconnected'));
}

/**
 * Whether a file outside the precache can be fetched: by the page, and by the service
 * worker itself (which is what would answer for the cache otherwise).
 */
async function networkAnswers(page: Page, context: BrowserContext): Promise<boolean[]> {
  const probe = () =>
    fetch(`/not-precached-${Date.now()}.txt`, { cache: 'no-store' }).then(
      () => true,
      () => false,
    );
  const [worker] = context.serviceWorkers();
  return [await page.evaluate(probe), await worker.evaluate(probe)];
}

test('after one visit, every page opens offline and a stage trains', async ({ page, context }) => {
  test.setTimeout(RUN_TIMEOUT + 60_000);
  const errors = collectErrors(page);
  await page.goto('/');
  await expect(h1(page)).toHaveText(ROUTES[0].h1);
  await waitForServiceWorker(page);

  await goOffline(context);
  expect(await networkAnswers(page, context), 'the network is gone for page and worker').toEqual([
    false,
    false,
  ]);
  errors.length = 0; // the probe's own failure; from here on, nothing may fail

  // Every page by link (the lazy page chunks, KaTeX, Plotly, the default run from the cache)…
  const nav = page.getByRole('navigation', { name: 'Pages' });
  for (const route of ROUTES.slice(1)) {
    await nav.locator(`a[href="${route.path}"]`).first().click();
    await expect(h1(page)).toHaveText(route.h1);
  }
  // …and by address and reload (navigations answered with the cached index.html).
  for (const route of ROUTES) {
    await page.goto(route.path);
    await expect(h1(page)).toHaveText(route.h1);
    await page.reload();
    await expect(h1(page)).toHaveText(route.h1);
  }
  await page.goto('/pretraining');
  await expect(page.locator('.run-panel')).toHaveAttribute('data-status', 'completed');
  await expect(page.locator('figure .scatterlayer .trace path.js-line').first()).toBeVisible();
  await expect(page.locator('.formula .katex').first()).toBeVisible();

  // A short live run: the Worker script and its chunks come from the cache too.
  await page.goto('/pretraining?pretrain.steps=20&pretrain.evalEvery=10');
  await page.getByRole('button', { name: 'Train live' }).click();
  await expect(page.locator('.run-panel')).toHaveAttribute('data-status', 'running');
  await expect(page.locator('.run-panel')).toHaveAttribute('data-status', 'completed', {
    timeout: RUN_TIMEOUT,
  });
  await expect(page.locator('.run-panel')).toContainText('Trained live in your browser');

  // An unknown path is still the app's 404 page, not the browser's offline page.
  await page.goto('/no/such/page');
  await expect(h1(page)).toHaveText('Page not found');

  expect(errors).toEqual([]);
});

test('the service worker precaches only this build, in one versioned cache', async ({ page }) => {
  await page.goto('/');
  await waitForServiceWorker(page);
  const caches = await page.evaluate(async () => {
    const names = await window.caches.keys();
    const entries = await Promise.all(
      names.map(async (name) => {
        const keys = await (await window.caches.open(name)).keys();
        return { name, paths: keys.map((request) => new URL(request.url).pathname) };
      }),
    );
    return entries;
  });
  expect(caches).toHaveLength(1);
  const [cache] = caches;
  expect(cache.name).toMatch(/^pipeline-lab-precache-[0-9a-f]{12}$/);
  expect(cache.paths).toContain('/index.html');
  expect(cache.paths).toContain('/default-run/manifest.json');
  expect(cache.paths).toContain('/default-run/pretrain.bin');
  expect(cache.paths.some((p) => /^\/assets\/pipeline\.worker-.*\.js$/.test(p))).toBe(true);
  expect(cache.paths.some((p) => /^\/assets\/PlotlyPlot-.*\.js$/.test(p))).toBe(true);
  // Not precached: Vite's manifest, the service worker itself, fonts no browser here uses.
  expect(cache.paths.filter((p) => p.startsWith('/.vite/') || p === '/sw.js')).toEqual([]);
  expect(cache.paths.filter((p) => /\.(woff|ttf)$/.test(p))).toEqual([]);
});
