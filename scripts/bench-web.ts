/**
 * `npm run bench:web`: the built app in a real browser, measured the same way each time.
 *
 * 1. Lighthouse (performance + accessibility) on every route, each by deep link in a
 *    fresh headless Chromium. Desktop preset by default: the app is made for laptops
 *    and projectors at 1280×720 (DESIGN.md); `--preset mobile` or `both` adds
 *    Lighthouse's mobile run (a mid-range phone on slow 4G, simulated). Each route is
 *    run `--runs` times (default 3) and the run with the median performance score is
 *    reported. Prints route, performance, accessibility, FCP, LCP, TBT and CLS, then,
 *    for every route below the target of 90, what cost the points (the metrics'
 *    scores, the LCP element, the busiest scripts and longest tasks, layout-shift
 *    culprits, the largest estimated savings and every failing accessibility audit).
 *    TBT is the noisiest figure on a busy machine: compare Lighthouse's
 *    benchmarkIndex (printed) between runs before comparing TBT.
 * 2. Heap: Playwright drives /simulator through ten "Run all" runs with a short
 *    configuration (every stage short, the model as default), a new seed each time so
 *    that every stage trains again (`--heap-vary beta` changes PPO's KL β instead:
 *    only PPO retrains, quicker). After each run it forces garbage collection (CDP
 *    HeapProfiler.collectGarbage) in the page and in the training Worker and records
 *    the JS heap in use and the ArrayBuffer backing stores (CDP Runtime.getHeapUsage),
 *    then says whether they stay bounded: the last run against the second (the first
 *    includes one-off loading). Heap snapshots after run 2 and the last run split the
 *    growth into V8's compiled code (functions warming up) and the rest (kept data);
 *    only the rest counts against the bound.
 *
 * A benchmark, not a test: it exits 0 when a route misses the target (and says so),
 * and non-zero only when it could not measure. Writes everything to JSON (default
 * `<dist>/bench-web.json`, beside build-size.json).
 *
 *   npm run bench:web                                   build, then measure dist/
 *   tsx scripts/bench-web.ts --dist /tmp/x --port 4303  measure an existing build
 *   options: --runs N  --preset desktop|mobile|both  --routes /,/ppo  --out file.json
 *            --heap-runs N  --heap-vary seed|beta  --skip-lighthouse  --skip-heap
 *            --reports DIR (keep each route's full Lighthouse JSON, to open in the viewer)
 *
 * Why the `lighthouse` devDependency (pinned to 12.8.2): the budget is stated in
 * Lighthouse's scores, and 12.x is the last major that runs on Node 20 (13 needs
 * Node ≥ 22.19). It runs through its own CLI, whose Chrome launcher takes CHROME_PATH,
 * so Debian's Chromium needs no chrome-launcher or puppeteer code of ours.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type CDPSession, type LaunchOptions } from '@playwright/test';
import type { Result as LighthouseResult } from 'lighthouse';
import playwrightConfig from '../playwright.config';
import { PAGES } from '../src/app/pages';

const TARGET = 90;
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
/** Headless Chromium for Lighthouse; its launcher adds its usual quiet-profile flags. */
const LIGHTHOUSE_CHROME_FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu'];
/**
 * Every stage short (a new seed retrains them all; at the default 400 pretraining
 * steps one run took over two minutes on a shared 2-core machine). The model, and so
 * the size of every checkpoint kept, is the default one.
 */
const HEAP_QUERY =
  'pretrain.steps=40&sft.steps=20&reward.steps=12&ppo.iterations=2&ppo.rolloutsPerIteration=4&dpo.steps=6';
const TRAINED = 'Every stage is trained for these settings.';

interface Variation {
  label: string;
  param: string;
  value: (run: number) => string;
}
const VARY_SEED: Variation = { label: 'Seed', param: 'seed', value: (run) => String(100 + run) };
const VARY_BETA: Variation = {
  label: 'KL β',
  param: 'ppo.klCoef',
  value: (run) => String(Number((0.05 * run).toFixed(2))),
};
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const RUN_TIMEOUT_MS = 300_000;

function fail(message: string): never {
  console.error(`bench:web: ${message}`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    dist: { type: 'string', default: 'dist' },
    port: { type: 'string', default: '4180' },
    out: { type: 'string' },
    runs: { type: 'string', default: '3' },
    preset: { type: 'string', default: 'desktop' },
    routes: { type: 'string' },
    'heap-runs': { type: 'string', default: '10' },
    'heap-vary': { type: 'string', default: 'seed' },
    'skip-lighthouse': { type: 'boolean', default: false },
    'skip-heap': { type: 'boolean', default: false },
    reports: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  const doc = readFileSync(new URL(import.meta.url), 'utf8').split('*/')[0];
  console.log(doc.replace(/^\/\*\*\n/, '').replace(/^ \* ?/gm, ''));
  process.exit(0);
}

const DIST = resolve(values.dist);
const PORT = Number(values.port);
const RUNS = Number(values.runs);
const HEAP_RUNS = Number(values['heap-runs']);
/** What changes between heap runs: the seed (every stage retrains) or PPO's KL β (PPO only). */
const HEAP_VARY = values['heap-vary'] === 'beta' ? VARY_BETA : VARY_SEED;
const OUT = resolve(values.out ?? join(DIST, 'bench-web.json'));
/** Where to keep each route's full Lighthouse report (the median run), if anywhere. */
const REPORTS = values.reports ? resolve(values.reports) : null;
const PRESETS: Preset[] =
  values.preset === 'both' ? ['desktop', 'mobile'] : [values.preset as Preset];
const ROUTES = values.routes ? values.routes.split(',') : PAGES.map((p) => p.path);
if (!existsSync(join(DIST, 'index.html'))) fail(`no build in ${DIST} (run npm run build first)`);
if (!Number.isInteger(PORT) || PORT < 1) fail(`bad --port ${values.port}`);
if (!Number.isInteger(RUNS) || RUNS < 1) fail(`bad --runs ${values.runs}`);
if (!Number.isInteger(HEAP_RUNS) || HEAP_RUNS < 2) fail('--heap-runs must be at least 2');
if (values['heap-vary'] !== 'seed' && values['heap-vary'] !== 'beta') fail('--heap-vary seed|beta');
if (!PRESETS.every((p) => p === 'desktop' || p === 'mobile')) fail(`bad --preset ${values.preset}`);
if (!existsSync(CHROMIUM)) fail(`no Chromium at ${CHROMIUM} (scripts/ensure-chromium.sh)`);
const BASE = `http://127.0.0.1:${PORT}`;

type Preset = 'desktop' | 'mobile';

// ------------------------------------------------------------------ preview server
/** `vite preview` of the build (its binary, not npx: killing npx would leave vite on the port). */
async function startPreview(): Promise<ChildProcess> {
  const taken = await fetch(BASE).then(
    () => true,
    () => false,
  );
  if (taken) fail(`something already answers on ${BASE}: pick another --port`);
  const vite = join(process.cwd(), 'node_modules', '.bin', 'vite');
  const args = ['preview', '--host', '127.0.0.1', '--strictPort', '--port', String(PORT)];
  const child = spawn(vite, [...args, '--outDir', DIST], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) fail(`vite preview exited: ${stderr.trim()}`);
    try {
      if ((await fetch(BASE)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill();
  return fail(`vite preview did not answer on ${BASE}`);
}

// ------------------------------------------------------------------ 1. Lighthouse
interface Scores {
  performance: number;
  accessibility: number;
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  speedIndexMs: number;
}

interface RouteReport extends Scores {
  route: string;
  preset: Preset;
  /** Performance score of every run, in order; the median one is reported above. */
  runs: number[];
  /** Lighthouse's measure of this machine's speed in the median run (higher: faster). */
  benchmarkIndex: number;
  /** What cost points: the LCP element, layout shifts, estimated savings, failing a11y audits. */
  causes: string[];
}

const requireFromHere = createRequire(import.meta.url);
const LIGHTHOUSE_CLI = join(
  dirname(requireFromHere.resolve('lighthouse/package.json')),
  'cli',
  'index.js',
);

function runLighthouse(url: string, preset: Preset, outFile: string): Promise<LighthouseResult> {
  const args = [
    LIGHTHOUSE_CLI,
    url,
    '--only-categories=performance,accessibility',
    ...(preset === 'desktop' ? ['--preset=desktop'] : []),
    `--chrome-flags=${LIGHTHOUSE_CHROME_FLAGS.join(' ')}`,
    '--output=json',
    `--output-path=${outFile}`,
    '--quiet',
    // Never ask about, nor send, error reports (CI has no network beyond the registry).
    '--no-enable-error-reporting',
  ];
  return new Promise((done, reject) => {
    const child = spawn(process.execPath, args, {
      env: { ...process.env, CHROME_PATH: CHROMIUM },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`lighthouse exited ${code}: ${stderr.slice(-2000)}`));
      const lhr = JSON.parse(readFileSync(outFile, 'utf8')) as LighthouseResult;
      if (lhr.runtimeError) return reject(new Error(`lighthouse: ${lhr.runtimeError.message}`));
      done(lhr);
    });
  });
}

const score = (lhr: LighthouseResult, category: string) =>
  Math.round((lhr.categories[category]?.score ?? 0) * 100);
const numeric = (lhr: LighthouseResult, audit: string) => lhr.audits[audit]?.numericValue ?? NaN;

function scoresOf(lhr: LighthouseResult): Scores {
  return {
    performance: score(lhr, 'performance'),
    accessibility: score(lhr, 'accessibility'),
    fcpMs: numeric(lhr, 'first-contentful-paint'),
    lcpMs: numeric(lhr, 'largest-contentful-paint'),
    tbtMs: numeric(lhr, 'total-blocking-time'),
    cls: numeric(lhr, 'cumulative-layout-shift'),
    speedIndexMs: numeric(lhr, 'speed-index'),
  };
}

interface NodeDetail {
  type: 'node';
  selector?: string;
}
type Item = Record<string, unknown>;
const itemsOf = (details: unknown): Item[] =>
  ((details as { items?: Item[] } | undefined)?.items ?? []).filter(Boolean);
const selectorOf = (item: Item) => (item.node as NodeDetail | undefined)?.selector ?? '?';

/** Why a route lost points, in Lighthouse's own terms, most costly first. */
function causesOf(lhr: LighthouseResult): string[] {
  const causes: string[] = [];
  const audits = lhr.audits;
  for (const ref of lhr.categories.performance?.auditRefs ?? []) {
    const audit = audits[ref.id];
    if (ref.weight > 0 && audit?.score != null && audit.score < 0.9) {
      const lost = ((1 - audit.score) * ref.weight).toFixed(1);
      causes.push(
        `perf: ${audit.title} ${audit.displayValue ?? ''} (score ${audit.score}, −${lost} of weight ${ref.weight})`,
      );
    }
  }
  // The LCP element: a table of the element, then a table of LCP's phases.
  const [lcpTable, phases] = itemsOf(audits['largest-contentful-paint-element']?.details);
  const lcpNode = itemsOf(lcpTable)[0];
  if (lcpNode) {
    const phaseText = itemsOf(phases)
      .map((p) => `${String(p.phase)} ${Math.round(Number(p.timing))} ms`)
      .join(', ');
    causes.push(`perf: LCP element ${selectorOf(lcpNode)} (${phaseText})`);
  }
  // Total Blocking Time: which scripts kept the main thread busy, and the longest tasks.
  const short = (url: unknown) =>
    String(url)
      .replace(BASE, '')
      .replace(/^\/assets\//, '');
  const busy = itemsOf(audits['bootup-time']?.details)
    .slice(0, 3)
    .map((i) => `${short(i.url)} ${Math.round(Number(i.scripting))} ms`);
  if (busy.length > 0) causes.push(`perf: script evaluation by file: ${busy.join(', ')}`);
  const long = itemsOf(audits['long-tasks']?.details)
    .slice(0, 3)
    .map((i) => `${Math.round(Number(i.duration))} ms (${short(i.url)})`);
  if (long.length > 0) causes.push(`perf: longest main-thread tasks: ${long.join(', ')}`);
  for (const shift of itemsOf(audits['layout-shifts']?.details).slice(0, 3)) {
    causes.push(`perf: layout shift ${Number(shift.score).toFixed(3)} by ${selectorOf(shift)}`);
  }
  const savings = Object.values(audits)
    .filter((a) => a.details?.type === 'opportunity' && (a.score ?? 1) < 1)
    .map((a) => ({ a, ms: (a.details as { overallSavingsMs?: number }).overallSavingsMs ?? 0 }))
    .filter(({ ms }) => ms > 0)
    .sort((x, y) => y.ms - x.ms)
    .slice(0, 3);
  for (const { a } of savings) causes.push(`perf: opportunity ${a.title}: ${a.displayValue ?? ''}`);
  for (const ref of lhr.categories.accessibility?.auditRefs ?? []) {
    const audit = audits[ref.id];
    if (ref.weight > 0 && audit?.score != null && audit.score < 1) {
      const nodes = itemsOf(audit.details).map(selectorOf).slice(0, 3).join('; ');
      causes.push(`a11y: ${ref.id} — ${audit.title} (${nodes})`);
    }
  }
  return causes;
}

async function lighthouseAll(): Promise<RouteReport[]> {
  const tmp = mkdtempSync(join(tmpdir(), 'bench-web-'));
  if (REPORTS) mkdirSync(REPORTS, { recursive: true });
  const reports: RouteReport[] = [];
  try {
    for (const preset of PRESETS) {
      for (const route of ROUTES) {
        const runs: LighthouseResult[] = [];
        for (let i = 0; i < RUNS; i++) {
          runs.push(await runLighthouse(BASE + route, preset, join(tmp, 'lhr.json')));
        }
        const sorted = [...runs].sort((a, b) => score(a, 'performance') - score(b, 'performance'));
        const median = sorted[Math.floor((sorted.length - 1) / 2)];
        const report: RouteReport = {
          route,
          preset,
          ...scoresOf(median),
          runs: runs.map((r) => score(r, 'performance')),
          benchmarkIndex: Math.round(median.environment.benchmarkIndex),
          causes: causesOf(median),
        };
        if (REPORTS) {
          const name = `${preset}${route === '/' ? '-home' : route.replace(/\//g, '-')}.json`;
          writeFileSync(join(REPORTS, name), JSON.stringify(median));
        }
        reports.push(report);
        console.log(`  ${preset} ${route}: ${report.performance} / ${report.accessibility}`);
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return reports;
}

function printLighthouse(reports: RouteReport[]): void {
  const ms = (x: number) => (Number.isFinite(x) ? `${Math.round(x)} ms` : '—');
  const header = ['route', 'preset', 'perf', 'a11y', 'FCP', 'LCP', 'TBT', 'CLS', 'perf runs'];
  const rows = reports.map((r) => [
    r.route,
    r.preset,
    String(r.performance),
    String(r.accessibility),
    ms(r.fcpMs),
    ms(r.lcpMs),
    ms(r.tbtMs),
    r.cls.toFixed(3),
    r.runs.join(' '),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c].length)));
  const line = (cells: string[]) =>
    cells.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  const speed = reports.map((r) => r.benchmarkIndex);
  console.log(
    `\nLighthouse ${lighthouseVersion()} (median of ${RUNS} by performance score;` +
      ` machine benchmarkIndex ${Math.min(...speed)}–${Math.max(...speed)})`,
  );
  console.log(`  ${line(header)}`);
  for (const row of rows) console.log(`  ${line(row)}`);
  const missing = reports.filter((r) => r.performance < TARGET || r.accessibility < TARGET);
  if (missing.length === 0) {
    console.log(`\nEvery route meets the target (performance and accessibility ≥ ${TARGET}).`);
    return;
  }
  console.log(`\nBelow the target of ${TARGET}:`);
  for (const r of missing) {
    console.log(
      `  ${r.preset} ${r.route} — performance ${r.performance}, accessibility ${r.accessibility}`,
    );
    for (const cause of r.causes) console.log(`      ${cause}`);
  }
}

function lighthouseVersion(): string {
  const pkg = requireFromHere('lighthouse/package.json') as { version: string };
  return pkg.version;
}

// ------------------------------------------------------------------ 2. heap
interface HeapSample {
  run: number;
  /** The setting changed for this run, e.g. `seed=101`. */
  setting: string;
  trainMs: number;
  /** Main thread after GC: JS heap in use, and ArrayBuffer backing stores. */
  pageUsed: number;
  pageBacking: number;
  /** The training Worker after GC (null if it could not be reached). */
  workerUsed: number | null;
  workerBacking: number | null;
}

interface HeapUsage {
  usedSize: number;
  totalSize: number;
  /** Chromium reports it; Playwright's protocol types may not list it yet. */
  backingStorageSize?: number;
}

/** Heap-snapshot self sizes by node type ('code', 'object', 'string', 'closure', …). */
type SizeByType = Record<string, number>;

interface HeapSnapshotJson {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
}

function sizeByType(json: string): SizeByType {
  const { snapshot, nodes } = JSON.parse(json) as HeapSnapshotJson;
  const fields = snapshot.meta.node_fields;
  const types = snapshot.meta.node_types[0];
  const typeAt = fields.indexOf('type');
  const sizeAt = fields.indexOf('self_size');
  const sizes: SizeByType = {};
  for (let i = 0; i < nodes.length; i += fields.length) {
    const type = types[nodes[i + typeAt]];
    sizes[type] = (sizes[type] ?? 0) + nodes[i + sizeAt];
  }
  return sizes;
}

/** What a heap measurement needs from a CDP target: GC, heap usage, a heap snapshot. */
interface HeapTarget {
  collectGarbage(): Promise<void>;
  usage(): Promise<HeapUsage>;
  snapshot(): Promise<SizeByType>;
}

async function pageTarget(session: CDPSession): Promise<HeapTarget> {
  const chunks: string[] = [];
  session.on('HeapProfiler.addHeapSnapshotChunk', (event) => chunks.push(event.chunk));
  return {
    collectGarbage: async () => void (await session.send('HeapProfiler.collectGarbage')),
    usage: async () => (await session.send('Runtime.getHeapUsage')) as HeapUsage,
    async snapshot() {
      chunks.length = 0;
      await session.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
      return sizeByType(chunks.join(''));
    },
  };
}

/**
 * The training Worker, through the browser's target domain (Playwright gives no CDP
 * session for a Worker): messages go in and out with Target.sendMessageToTarget.
 */
async function workerTarget(browser: Browser): Promise<(HeapTarget & { detach(): void }) | null> {
  const session: CDPSession = await browser.newBrowserCDPSession();
  const { targetInfos } = await session.send('Target.getTargets');
  const worker = targetInfos.find((t) => t.type === 'worker' && t.url.includes('pipeline.worker'));
  if (!worker) return null;
  const { sessionId } = await session.send('Target.attachToTarget', {
    targetId: worker.targetId,
    flatten: false,
  });
  let nextId = 0;
  const pending = new Map<number, (result: unknown) => void>();
  const chunks: string[] = [];
  session.on('Target.receivedMessageFromTarget', (event) => {
    if (event.sessionId !== sessionId) return;
    const message = JSON.parse(event.message) as {
      id?: number;
      method?: string;
      params?: { chunk: string };
      result?: unknown;
    };
    if (message.method === 'HeapProfiler.addHeapSnapshotChunk') chunks.push(message.params!.chunk);
    if (message.id !== undefined) pending.get(message.id)?.(message.result);
  });
  const send = <T>(method: string, params: object = {}): Promise<T> => {
    const id = ++nextId;
    const result = new Promise<T>((done) => pending.set(id, done as (r: unknown) => void));
    const message = JSON.stringify({ id, method, params });
    void session.send('Target.sendMessageToTarget', { sessionId, message });
    return result;
  };
  return {
    collectGarbage: async () => void (await send('HeapProfiler.collectGarbage')),
    usage: () => send<HeapUsage>('Runtime.getHeapUsage'),
    async snapshot() {
      chunks.length = 0;
      await send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
      return sizeByType(chunks.join(''));
    },
    detach: () => void session.detach(),
  };
}

/** Snapshots after run 2 and after the last run, to tell compiled code from kept objects. */
interface Snapshots {
  page: [SizeByType, SizeByType] | null;
  worker: [SizeByType, SizeByType] | null;
}

async function heapSession(): Promise<{
  samples: HeapSample[];
  snapshots: Snapshots;
  errors: string[];
}> {
  const launch = playwrightConfig.use?.launchOptions as LaunchOptions | undefined;
  const browser = await chromium.launch({ ...launch, executablePath: CHROMIUM });
  const errors: string[] = [];
  const samples: HeapSample[] = [];
  const early: { page?: SizeByType; worker?: SizeByType } = {};
  const snapshots: Snapshots = { page: null, worker: null };
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    page.on('console', (m) => m.type() === 'error' && errors.push(`console: ${m.text()}`));
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    await page.goto(`${BASE}/simulator?${HEAP_QUERY}`);
    const status = page.locator('#run-all .sim-run-status');
    const pageHeap = await pageTarget(await page.context().newCDPSession(page));
    let workerHeap: Awaited<ReturnType<typeof workerTarget>> = null;
    for (let run = 1; run <= HEAP_RUNS; run++) {
      const { label, param, value } = HEAP_VARY;
      await page.getByLabel(label, { exact: true }).fill(value(run));
      await page.waitForURL(new RegExp(`[?&]${escapeRegExp(`${param}=${value(run)}`)}(&|$)`));
      await page.waitForFunction(
        ([selector, trained]) => document.querySelector(selector)?.textContent !== trained,
        ['#run-all .sim-run-status', TRAINED] as const,
      );
      const start = performance.now();
      await page.getByRole('button', { name: 'Run all' }).click();
      await status.filter({ hasText: TRAINED }).waitFor({ timeout: RUN_TIMEOUT_MS });
      const trainMs = performance.now() - start;

      await pageHeap.collectGarbage();
      const pageUsage = await pageHeap.usage();
      workerHeap ??= await workerTarget(browser);
      await workerHeap?.collectGarbage();
      const workerUsage = (await workerHeap?.usage()) ?? null;
      const sample: HeapSample = {
        run,
        setting: `${param}=${value(run)}`,
        trainMs: Math.round(trainMs),
        pageUsed: pageUsage.usedSize,
        pageBacking: pageUsage.backingStorageSize ?? NaN,
        workerUsed: workerUsage?.usedSize ?? null,
        workerBacking: workerUsage?.backingStorageSize ?? null,
      };
      samples.push(sample);
      console.log(
        `  run ${String(run).padStart(2)} (${sample.setting}): ${(trainMs / 1000).toFixed(1)} s, ` +
          `page heap ${mb(sample.pageUsed)}, worker heap ${mb(sample.workerUsed)}`,
      );
      // Snapshots after the figures (what a snapshot allocates is garbage by the next run).
      if (run === 2) {
        early.page = await pageHeap.snapshot();
        early.worker = await workerHeap?.snapshot();
      } else if (run === HEAP_RUNS) {
        if (early.page) snapshots.page = [early.page, await pageHeap.snapshot()];
        if (early.worker && workerHeap) {
          snapshots.worker = [early.worker, await workerHeap.snapshot()];
        }
      }
    }
    workerHeap?.detach();
  } finally {
    await browser.close();
  }
  return { samples, snapshots, errors };
}

const mb = (bytes: number | null) =>
  bytes === null || !Number.isFinite(bytes) ? '—' : `${(bytes / 2 ** 20).toFixed(2)} MB`;

interface HeapVerdict {
  measure: string;
  second: number | null;
  last: number | null;
  growthPercent: number | null;
  /** Least-squares slope over runs 2..N, bytes per run. */
  slopePerRun: number | null;
  /**
   * Of the growth, V8's compiled code (bytecode, machine code, feedback: heap-snapshot
   * type 'code'), from snapshots after run 2 and the last run; it grows while functions
   * warm up and is not kept data. Null for ArrayBuffers and without snapshots.
   */
  codeGrowth: number | null;
  bounded: boolean | null;
}

/** Least-squares slope of ys against 0, 1, 2, … */
function slope(ys: number[]): number {
  const n = ys.length;
  const meanX = (n - 1) / 2;
  const meanY = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  ys.forEach((y, x) => {
    num += (x - meanX) * (y - meanY);
    den += (x - meanX) ** 2;
  });
  return den > 0 ? num / den : 0;
}

/** Allowed growth from the second run to the last: 10%, or 256 KB for tiny figures. */
const BOUND_FRACTION = 0.1;
const BOUND_BYTES = 256 * 1024;

/**
 * Bounded: from run 2 to the last, what grew apart from compiled code stays within
 * BOUND_FRACTION (or BOUND_BYTES) of run 2's figure.
 */
function verdicts(samples: HeapSample[], snapshots: Snapshots): HeapVerdict[] {
  const code = (pair: [SizeByType, SizeByType] | null) =>
    pair ? (pair[1].code ?? 0) - (pair[0].code ?? 0) : null;
  const measures: [string, (s: HeapSample) => number | null, number | null][] = [
    ['page JS heap', (s) => s.pageUsed, code(snapshots.page)],
    ['page ArrayBuffers', (s) => s.pageBacking, null],
    ['worker JS heap', (s) => s.workerUsed, code(snapshots.worker)],
    ['worker ArrayBuffers', (s) => s.workerBacking, null],
  ];
  return measures.map(([measure, get, codeGrowth]) => {
    const later = samples.slice(1).map(get);
    const second = later[0];
    const last = later[later.length - 1];
    if (second === null || last === null || !later.every((x) => x !== null && Number.isFinite(x))) {
      return {
        measure,
        second: null,
        last: null,
        growthPercent: null,
        slopePerRun: null,
        codeGrowth: null,
        bounded: null,
      };
    }
    const kept = last - second - (codeGrowth ?? 0);
    return {
      measure,
      second,
      last,
      growthPercent: second > 0 ? (100 * (last - second)) / second : null,
      slopePerRun: slope(later as number[]),
      codeGrowth,
      bounded: kept <= Math.max(BOUND_FRACTION * second, BOUND_BYTES),
    };
  });
}

function printHeap(samples: HeapSample[], results: HeapVerdict[], errors: string[]): void {
  console.log(`\nHeap after each of ${samples.length} simulator runs (after forced GC):`);
  const settingWidth = Math.max(7, ...samples.map((s) => s.setting.length));
  console.log(
    `  run  ${'setting'.padEnd(settingWidth)}  train s  page heap  page buffers  worker heap  worker buffers`,
  );
  for (const s of samples) {
    console.log(
      `  ${String(s.run).padStart(3)}  ${s.setting.padEnd(settingWidth)}  ${(s.trainMs / 1000).toFixed(1).padStart(7)}` +
        `  ${mb(s.pageUsed).padStart(9)}  ${mb(s.pageBacking).padStart(12)}` +
        `  ${mb(s.workerUsed).padStart(11)}  ${mb(s.workerBacking).padStart(14)}`,
    );
  }
  console.log(
    `  Bounded: from run 2 to the last, the growth other than V8's compiled code within` +
      ` ${100 * BOUND_FRACTION}% (or ${BOUND_BYTES / 1024} KB) of run 2. Slope: least squares over runs 2..N.`,
  );
  for (const v of results) {
    const verdict = v.bounded === null ? 'not measured' : v.bounded ? 'bounded' : 'GROWS';
    const growth = v.growthPercent === null ? '' : ` (${v.growthPercent.toFixed(1)}%)`;
    const perRun = v.slopePerRun === null ? '' : `, ${(v.slopePerRun / 1024).toFixed(0)} KB/run`;
    const code =
      v.codeGrowth === null || v.second === null || v.last === null
        ? ''
        : `; compiled code ${kb(v.codeGrowth)}, the rest ${kb(v.last - v.second - v.codeGrowth)}`;
    console.log(
      `  ${v.measure.padEnd(20)} run 2 ${mb(v.second)} → run ${samples.length} ${mb(v.last)}` +
        `${growth}${perRun}${code}: ${verdict}`,
    );
  }
  if (errors.length > 0)
    console.log(`  console errors during the session:\n    ${errors.join('\n    ')}`);
}

const kb = (bytes: number) => `${bytes >= 0 ? '+' : ''}${(bytes / 1024).toFixed(0)} KB`;

// ------------------------------------------------------------------ main
const server = await startPreview();
const stopServer = () => server.exitCode === null && server.kill();
process.on('exit', stopServer);
try {
  console.log(`bench:web — ${DIST} served at ${BASE}, Chromium ${CHROMIUM}`);
  const report: Record<string, unknown> = {
    date: new Date().toISOString(),
    dist: DIST,
    target: TARGET,
    chromium: CHROMIUM,
  };
  if (!values['skip-lighthouse']) {
    console.log(`\nLighthouse: ${ROUTES.length} routes × ${RUNS} run(s), ${PRESETS.join(' + ')}`);
    const routes = await lighthouseAll();
    printLighthouse(routes);
    report.lighthouse = {
      version: lighthouseVersion(),
      runsPerRoute: RUNS,
      routes,
      belowTarget: routes
        .filter((r) => r.performance < TARGET || r.accessibility < TARGET)
        .map((r) => `${r.preset} ${r.route}`),
    };
  }
  if (!values['skip-heap']) {
    console.log(
      `\nHeap: /simulator?${HEAP_QUERY}, ${HEAP_RUNS} runs, a new ${HEAP_VARY.label} each`,
    );
    const { samples, snapshots, errors } = await heapSession();
    const results = verdicts(samples, snapshots);
    printHeap(samples, results, errors);
    report.heap = {
      query: HEAP_QUERY,
      vary: HEAP_VARY.param,
      samples,
      verdicts: results,
      snapshotSizeByType: snapshots,
      errors,
    };
  }
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nWrote ${OUT}`);
} finally {
  stopServer();
}
