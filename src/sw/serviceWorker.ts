/**
 * The service worker: after the first visit Pipeline Lab works with no network.
 * Registered by src/app/serviceWorker.ts in production builds only; built into
 * `sw.js` by scripts/serviceWorkerPlugin.ts, which prepends PRECACHE_MANIFEST (every
 * file of the build with a hash of its content). No imports: this file is the script.
 *
 * Decisions:
 * - Precache, cache-first. Every file of the build is cached at install, the shipped
 *   default run (public/default-run/, 3.5 MB) included: every stage page loads it on
 *   landing, and caching it only when first used would leave a student who opened
 *   only the Home page with pages that cannot show their charts offline.
 * - One cache per build (`pipeline-lab-precache-<build hash>`). Install copies files
 *   whose content is unchanged from the previous build's cache and downloads the rest,
 *   checking each download against its hash (a deploy in the middle of an install
 *   fails the install rather than caching a mixture). Activate deletes older caches.
 * - Navigations (every route, any query) get the cached index.html: the app routes
 *   itself. A page and the files it loads always come from the same build.
 * - Updates never reload a page by surprise: a new build installs in the background
 *   and waits. It takes over once every tab of the app is closed, or at once when the
 *   user presses "Update now" in the notice (the page posts SKIP_WAITING, then
 *   reloads itself when the new worker takes control).
 * - Anything else (other origins, files not in the build, non-GET) goes to the
 *   network untouched.
 */

interface PrecacheEntry {
  /** Path relative to the app's base URL, e.g. "assets/index-abc123.js". */
  url: string;
  /** The first 16 hex digits of the SHA-256 of the file's content. */
  revision: string;
}

interface PrecacheManifest {
  /** Hash of every entry: names this build's cache. */
  version: string;
  entries: PrecacheEntry[];
}

declare const PRECACHE_MANIFEST: PrecacheManifest;

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE_PREFIX = 'pipeline-lab-precache-';
const CACHE_NAME = `${CACHE_PREFIX}${PRECACHE_MANIFEST.version}`;
/** Stored with each cached response, so the next build can reuse unchanged files. */
const REVISION_HEADER = 'x-pipeline-lab-revision';
const INDEX_PATH = new URL('index.html', sw.registration.scope).pathname;

/** Pathname → revision of every precached file. */
const PRECACHED = new Map(
  PRECACHE_MANIFEST.entries.map((entry) => [
    new URL(entry.url, sw.registration.scope).pathname,
    entry.revision,
  ]),
);

async function sha256Prefix(buffer: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', buffer));
  return Array.from(digest.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A plain 200 response with the revision header (never "redirected": navigations refuse those). */
function stored(body: ArrayBuffer, from: Response, revision: string): Response {
  const headers = new Headers(from.headers);
  // The body is already decoded and may have another length than the wire's.
  headers.delete('content-encoding');
  headers.delete('content-length');
  headers.set(REVISION_HEADER, revision);
  return new Response(body, { status: 200, statusText: 'OK', headers });
}

async function fromOlderCache(path: string, revision: string): Promise<Response | null> {
  for (const name of await caches.keys()) {
    if (!name.startsWith(CACHE_PREFIX) || name === CACHE_NAME) continue;
    const cached = await (await caches.open(name)).match(path);
    if (cached && cached.headers.get(REVISION_HEADER) === revision) return cached;
  }
  return null;
}

async function precache(): Promise<void> {
  const cache = await caches.open(CACHE_NAME);
  await Promise.all(
    [...PRECACHED].map(async ([path, revision]) => {
      const existing = await cache.match(path);
      if (existing?.headers.get(REVISION_HEADER) === revision) return;
      const reused = await fromOlderCache(path, revision);
      if (reused) return cache.put(path, reused);
      // 'no-cache': revalidate with the server, never an older build's file from the HTTP cache.
      const response = await fetch(path, { cache: 'no-cache' });
      if (!response.ok) throw new Error(`precache: HTTP ${response.status} for ${path}`);
      const body = await response.arrayBuffer();
      if ((await sha256Prefix(body)) !== revision) {
        throw new Error(`precache: ${path} is not this build's file (deployed meanwhile?)`);
      }
      await cache.put(path, stored(body, response, revision));
    }),
  );
}

sw.addEventListener('install', (event) => {
  // A failed install leaves the previous worker (or none) in charge; the next visit retries.
  event.waitUntil(precache());
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names
          .filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE_NAME)
          .map((name) => caches.delete(name)),
      );
      // Control the tab that installed us (first visit): it can go offline at once.
      await sw.clients.claim();
    })(),
  );
});

sw.addEventListener('message', (event: ExtendableMessageEvent) => {
  const data = event.data as { type?: unknown } | null;
  if (data?.type === 'SKIP_WAITING') void sw.skipWaiting();
});

/** The cached file, else the network (the cache may have been evicted by the browser). */
async function cacheFirst(request: Request, path: string): Promise<Response> {
  const cache = await caches.open(CACHE_NAME);
  const cached = await cache.match(path);
  return cached ?? fetch(request);
}

sw.addEventListener('fetch', (event: FetchEvent) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== sw.location.origin) return;
  if (PRECACHED.has(url.pathname)) {
    event.respondWith(cacheFirst(request, url.pathname));
  } else if (
    request.mode === 'navigate' &&
    url.pathname.startsWith(new URL(sw.registration.scope).pathname)
  ) {
    // A route of the single-page app (/pretraining?seed=7, /no/such/page…).
    event.respondWith(cacheFirst(request, INDEX_PATH));
  }
});

export {};
