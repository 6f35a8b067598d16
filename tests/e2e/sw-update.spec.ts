/**
 * The service worker's update flow, against a small server of our own (the preview
 * server cannot swap sw.js mid-test, and Playwright cannot route the browser's update
 * check): the built app, with a sw.js that a test can replace by the "next build".
 *
 * A new build installs in the background and waits — no reload the reader did not ask
 * for — reusing every unchanged file from the old cache instead of downloading it. It
 * takes over on "Update now" (one reload), or once every tab of the app is closed;
 * then only its cache is left.
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { h1 } from './helpers';

test.use({ serviceWorkers: 'allow' });

const DIST = resolve(process.env.E2E_DIST ?? 'dist');
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};

let server: Server;
let origin = '';
/** Serve the next build's sw.js (same files, another build version). */
let nextBuild = false;
/** Requests for anything but sw.js since the last reset. */
let fileRequests: string[] = [];

function swScript(): string {
  const script = readFileSync(join(DIST, 'sw.js'), 'utf8');
  return nextBuild ? script.replace(/"version":"([0-9a-f]+)"/, '"version":"$1next"') : script;
}

test.beforeAll(async () => {
  server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    if (path === '/sw.js') {
      response.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-cache' });
      response.end(swScript());
      return;
    }
    fileRequests.push(path);
    let file = join(DIST, path);
    // Single-page app: any other path is index.html.
    if (!file.startsWith(DIST + sep) || !existsSync(file) || statSync(file).isDirectory()) {
      file = join(DIST, 'index.html');
    }
    response.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-cache',
    });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise((done) => server.close(done));
});

test.beforeEach(() => {
  nextBuild = false;
  fileRequests = [];
});

async function controlled(page: Page): Promise<void> {
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), {
      timeout: 30_000,
    })
    .toBe(true);
}

const cacheNames = (page: Page) => page.evaluate(() => caches.keys());

async function checkForUpdate(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    await registration?.update();
  });
}

test('a new build waits, reuses unchanged files, and takes over on "Update now"', async ({
  page,
}) => {
  await page.goto(`${origin}/pretraining`);
  await expect(h1(page)).toHaveText('Pretraining');
  await controlled(page);
  const [first] = await cacheNames(page);
  expect(first).toMatch(/^pipeline-lab-precache-[0-9a-f]{12}$/);

  await page.evaluate(
    () => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true),
  );
  nextBuild = true;
  fileRequests = [];
  await checkForUpdate(page);
  const notice = page.locator('[data-notice="update"]');
  await expect(notice).toContainText('A new version of Pipeline Lab is ready');
  // Installed beside the old one: every file copied from the old cache, none downloaded.
  await expect.poll(() => cacheNames(page)).toEqual([first, `${first}next`]);
  expect(fileRequests).toEqual([]);
  // No reload the reader did not ask for; the app keeps working on the old build.
  expect(
    await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument),
  ).toBe(true);
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: /SFT/ }).click();
  await expect(h1(page)).toHaveText('Supervised fine-tuning');

  await Promise.all([
    page.waitForEvent('load'),
    notice.getByRole('button', { name: 'Update now (reloads)' }).click(),
  ]);
  await expect(h1(page)).toHaveText('Supervised fine-tuning');
  expect(
    await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument),
  ).toBeUndefined();
  await expect.poll(() => cacheNames(page)).toEqual([`${first}next`]);
  await expect(notice).toHaveCount(0);
});

test('without "Update now", the new build takes over once every tab is closed', async ({
  context,
}) => {
  const page = await context.newPage();
  await page.goto(`${origin}/`);
  await controlled(page);
  const [first] = await cacheNames(page);

  nextBuild = true;
  await checkForUpdate(page);
  await expect(page.locator('[data-notice="update"]')).toBeVisible();
  await page.reload();
  // A reload alone keeps the old build: the tab never closed.
  await expect(h1(page)).toHaveText('Four stages from text to assistant');
  expect(await cacheNames(page)).toContain(first);
  await expect(page.locator('[data-notice="update"]')).toBeVisible();

  await page.close();
  const later = await context.newPage();
  await later.goto(`${origin}/ppo`);
  await expect(h1(later)).toHaveText('RLHF with PPO');
  await expect.poll(() => cacheNames(later)).toEqual([`${first}next`]);
  await expect(later.locator('[data-notice="update"]')).toHaveCount(0);
});
