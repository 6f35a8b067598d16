/**
 * Kept runs: the Simulator's "Keep this run", persisted in localStorage so runs can be
 * compared across visits.
 *
 * A kept run holds its configuration and the compact figures the comparison draws
 * (a few metric series and final numbers), never the weights: eight runs fit in a
 * few hundred kilobytes.
 *
 * Like src/store/uiPrefs.ts, the stored entry is versioned (`SAVED_RUNS_VERSION`, in
 * the same `{ state, version }` envelope) and everything read back is validated:
 * unreadable JSON, another version's data or a hand-edited entry never reaches the
 * page. What cannot be read is dropped and the store's `notice` says so; the page
 * shows it. Storage that throws (private mode, quota) just stops persisting, with a
 * notice. Nothing here throws.
 */
import { create } from 'zustand';
import {
  CONFIG_FIELDS,
  DEFAULT_CONFIG,
  getConfigValue,
  setConfigValue,
  validateConfig,
  type PipelineConfig,
} from '../sim/config';

export const SAVED_RUNS_KEY = 'pipeline-lab:saved-runs';
export const SAVED_RUNS_VERSION = 1;
/** The most runs kept: more would crowd the overlays beyond reading. */
export const MAX_SAVED_RUNS = 8;
export const MAX_NAME_LENGTH = 60;
/** Longest series accepted from storage (the page stores at most a few hundred points). */
export const MAX_SERIES_POINTS = 2000;

/** The metric series a kept run holds, one per comparison chart. */
export const SERIES_KEYS = [
  'pretrainHeldOutLoss',
  'rewardHeldOutAccuracy',
  'ppoScore',
  'ppoGoldScore',
  'ppoKl',
] as const;
export type SeriesKey = (typeof SERIES_KEYS)[number];

/** The final figures a kept run holds (null: not measured in that run). */
export const FINAL_KEYS = [
  'pretrainHeldOutLoss',
  'unigramLoss',
  'sftHeldOutLoss',
  'sftFormatRate',
  'rewardHeldOutAccuracy',
  'rewardTrainAccuracy',
  /** PPO, rollouts: means over the first and the last few iterations. */
  'ppoScoreStart',
  'ppoScoreEnd',
  'ppoGoldStart',
  'ppoGoldEnd',
  'ppoKlEnd',
  'ppoEntropyStart',
  'ppoEntropyEnd',
  'ppoClipFraction',
  /** PPO, greedy answers to the held-out prompts before and after training (means). */
  'ppoHeldOutScoreBefore',
  'ppoHeldOutScoreAfter',
  'ppoHeldOutGoldBefore',
  'ppoHeldOutGoldAfter',
  'dpoHeldOutAccuracy',
  'dpoKl',
] as const;
export type FinalKey = (typeof FINAL_KEYS)[number];

export interface SeriesData {
  /** Steps (PPO: iterations), ascending. */
  x: number[];
  y: number[];
}

export type RunSeries = Record<SeriesKey, SeriesData>;
export type RunFinals = Record<FinalKey, number | null>;

/** What the comparison needs of a run. */
export interface RunFigures {
  series: RunSeries;
  finals: RunFinals;
}

/** Where a kept run came from when it was not trained here: a file (src/export). */
export interface RunOrigin {
  kind: 'imported';
  /** What wrote the file: the app ("Download run"), the CLI (--out), or a session file. */
  source: 'app' | 'cli' | 'session';
  /** The imported file's name, as the reader's system gave it. */
  fileName: string;
  /** ISO 8601 time it was imported. */
  importedAt: string;
}

export interface SavedRun extends RunFigures {
  id: string;
  name: string;
  /** ISO 8601 time it was kept. */
  savedAt: string;
  config: PipelineConfig;
  /** Absent for runs kept on this page; set for imported runs (shown as such). */
  origin?: RunOrigin;
}

export type KeepResult = { ok: true; run: SavedRun } | { ok: false; message: string };
export type RenameResult = { ok: true } | { ok: false; message: string };

export interface SavedRunsState {
  runs: SavedRun[];
  /** What went wrong reading or writing storage; the page shows it until dismissed. */
  notice: string | null;
  /** Keeps a run (refused past MAX_SAVED_RUNS, or with an empty or already used name). */
  keep(name: string, config: PipelineConfig, figures: RunFigures): KeepResult;
  /**
   * Keeps a run imported from a file (refused past MAX_SAVED_RUNS). A name already
   * used gets a number: "run (imported) 2".
   */
  importRun(
    name: string,
    config: PipelineConfig,
    figures: RunFigures,
    origin: RunOrigin,
  ): KeepResult;
  /** Replaces every kept run (opening a session file); the runs are already checked. */
  replaceAll(runs: readonly SavedRun[]): void;
  /** Renames a run (refused with an empty or already used name: names label the charts). */
  rename(id: string, name: string): RenameResult;
  remove(id: string): void;
  dismissNotice(): void;
  /** Reads storage again (another tab changed it; tests). */
  reload(): void;
}

export const CAP_MESSAGE = `You have kept ${MAX_SAVED_RUNS} runs, the most this page keeps: delete one to keep another.`;
export const IMPORT_CAP_MESSAGE = `You have kept ${MAX_SAVED_RUNS} runs, the most this page keeps: delete one to import another. Nothing was imported.`;
export const UNREADABLE_NOTICE =
  'The kept runs stored in this browser could not be read (the data was damaged), so they were cleared.';
export const FOREIGN_NOTICE =
  'The kept runs stored in this browser were not in a form this version of Pipeline Lab can read, so they were cleared.';
export const WRITE_NOTICE =
  'This browser did not let the page store the kept runs (storage is full or blocked): they last until the page is closed.';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isFiniteNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);

/** Trims and collapses white space; at most MAX_NAME_LENGTH characters ('' when nothing is left). */
export function cleanName(name: string): string {
  return name.replace(/\s+/g, ' ').trim().slice(0, MAX_NAME_LENGTH).trim();
}

function sanitizeConfig(value: unknown): PipelineConfig | null {
  if (!isRecord(value)) return null;
  let config = structuredClone(DEFAULT_CONFIG);
  for (const field of CONFIG_FIELDS) {
    const v = getConfigValue(value as unknown as PipelineConfig, field.path);
    if (!isFiniteNumber(v)) return null;
    config = setConfigValue(config, field.path, v);
  }
  // Not a knob, but part of the config: kept when sensible, else the default.
  const upsampling = getConfigValue(value as unknown as PipelineConfig, 'data.factUpsampling');
  if (isFiniteNumber(upsampling) && upsampling >= 0 && upsampling <= 1) {
    config = setConfigValue(config, 'data.factUpsampling', upsampling);
  }
  return validateConfig(config).length === 0 ? config : null;
}

function sanitizeSeries(value: unknown): SeriesData | null {
  if (!isRecord(value) || !Array.isArray(value.x) || !Array.isArray(value.y)) return null;
  const { x, y } = value;
  if (x.length !== y.length || x.length > MAX_SERIES_POINTS) return null;
  if (!x.every(isFiniteNumber) || !y.every(isFiniteNumber)) return null;
  for (let i = 1; i < x.length; i++) if (x[i] < x[i - 1]) return null;
  return { x: [...x], y: [...y] };
}

const ORIGIN_SOURCES: readonly RunOrigin['source'][] = ['app', 'cli', 'session'];

function checkOrigin(value: unknown): RunOrigin | string {
  if (!isRecord(value) || value.kind !== 'imported') return 'its origin is not "imported"';
  const { source, fileName, importedAt } = value;
  if (!ORIGIN_SOURCES.includes(source as RunOrigin['source'])) return 'its origin has no source';
  if (typeof fileName !== 'string' || fileName.length > 300) return 'its origin has no file name';
  if (typeof importedAt !== 'string' || Number.isNaN(Date.parse(importedAt)))
    return 'its origin has no import date';
  return { kind: 'imported', source: source as RunOrigin['source'], fileName, importedAt };
}

/** A valid kept run from anything read back, or why it is not one. */
export function checkSavedRun(value: unknown): SavedRun | string {
  if (!isRecord(value)) return 'it is not an object';
  const { id, name, savedAt } = value;
  if (typeof id !== 'string' || id === '' || id.length > 100) return 'its "id" is missing';
  if (typeof name !== 'string' || cleanName(name) === '') return 'its "name" is missing';
  if (typeof savedAt !== 'string' || Number.isNaN(Date.parse(savedAt)))
    return 'its "savedAt" is not a date';
  const config = sanitizeConfig(value.config);
  if (!config) return 'its "config" is missing or has a setting out of range';
  if (!isRecord(value.series)) return 'its "series" is missing';
  if (!isRecord(value.finals)) return 'its "finals" is missing';
  const storedSeries = value.series;
  const storedFinals = value.finals;

  const series = {} as RunSeries;
  for (const key of SERIES_KEYS) {
    const s = sanitizeSeries(storedSeries[key]);
    if (!s) return `its series "${key}" is missing or not finite, ascending numbers`;
    series[key] = s;
  }
  const finals = {} as RunFinals;
  for (const key of FINAL_KEYS) {
    const v = storedFinals[key];
    if (v !== null && !isFiniteNumber(v)) return `its final figure "${key}" is not a finite number`;
    finals[key] = v;
  }
  const run: SavedRun = { id, name: cleanName(name), savedAt, config, series, finals };
  if (value.origin !== undefined) {
    const origin = checkOrigin(value.origin);
    if (typeof origin === 'string') return origin;
    run.origin = origin;
  }
  return run;
}

/** A valid kept run from anything read back, or null. */
export function sanitizeSavedRun(value: unknown): SavedRun | null {
  const run = checkSavedRun(value);
  return typeof run === 'string' ? null : run;
}

export interface LoadedRuns {
  runs: SavedRun[];
  notice: string | null;
  /** Storage should be rewritten (something was dropped) or cleared (nothing usable). */
  rewrite: boolean;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The kept runs in a stored entry (the raw localStorage string), validated. */
export function readSavedRuns(raw: string | null): LoadedRuns {
  if (raw === null) return { runs: [], notice: null, rewrite: false };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { runs: [], notice: UNREADABLE_NOTICE, rewrite: true };
  }
  if (
    !isRecord(parsed) ||
    parsed.version !== SAVED_RUNS_VERSION ||
    !isRecord(parsed.state) ||
    !Array.isArray(parsed.state.runs)
  ) {
    return { runs: [], notice: FOREIGN_NOTICE, rewrite: true };
  }
  const stored: unknown[] = parsed.state.runs;
  const runs: SavedRun[] = [];
  const ids = new Set<string>();
  let dropped = 0;
  for (const item of stored) {
    const run = sanitizeSavedRun(item);
    if (!run || ids.has(run.id)) dropped++;
    else {
      ids.add(run.id);
      runs.push(run);
    }
  }
  const notices: string[] = [];
  if (dropped > 0) {
    notices.push(
      `${plural(dropped, 'kept run', 'kept runs')} could not be read (the stored data was damaged) and ${dropped === 1 ? 'was' : 'were'} removed.`,
    );
  }
  if (runs.length > MAX_SAVED_RUNS) {
    notices.push(
      `Storage held ${runs.length} kept runs; the page keeps at most ${MAX_SAVED_RUNS}, so the newest ${runs.length - MAX_SAVED_RUNS} were removed.`,
    );
    runs.length = MAX_SAVED_RUNS;
  }
  return {
    runs,
    notice: notices.length > 0 ? notices.join(' ') : null,
    rewrite: notices.length > 0,
  };
}

/** The entry written to storage. */
export function serializeSavedRuns(runs: readonly SavedRun[]): string {
  return JSON.stringify({ state: { runs }, version: SAVED_RUNS_VERSION });
}

type StorageOutcome<T> = { ok: true; value: T } | { ok: false; missing: boolean };

/** Runs `use` on localStorage, which may be missing, blocked or full: never throws. */
function withStorage<T>(use: (storage: Storage) => T): StorageOutcome<T> {
  try {
    if (typeof localStorage === 'undefined') return { ok: false, missing: true };
    return { ok: true, value: use(localStorage) };
  } catch {
    return { ok: false, missing: false };
  }
}

function readStorage(): { runs: SavedRun[]; notice: string | null } {
  const read = withStorage((s) => s.getItem(SAVED_RUNS_KEY));
  const loaded = readSavedRuns(read.ok ? read.value : null);
  if (loaded.rewrite) writeStorage(loaded.runs);
  return { runs: loaded.runs, notice: loaded.notice };
}

/** Writes the runs; the notice to show when storage refused them. */
function writeStorage(runs: readonly SavedRun[]): string | null {
  const written = withStorage((s) => {
    if (runs.length === 0) s.removeItem(SAVED_RUNS_KEY);
    else s.setItem(SAVED_RUNS_KEY, serializeSavedRuns(runs));
  });
  return written.ok || written.missing ? null : WRITE_NOTICE;
}

/** Why `name` cannot label a run (other than `exceptId`), or null when it can. */
export function nameProblem(
  runs: readonly SavedRun[],
  name: string,
  exceptId: string | null = null,
): string | null {
  const clean = cleanName(name);
  if (clean === '') return 'Give the run a name.';
  const taken = runs.some(
    (run) => run.id !== exceptId && run.name.toLowerCase() === clean.toLowerCase(),
  );
  return taken ? `Another kept run is already called “${clean}”.` : null;
}

/** `name` cleaned, or with " 2", " 3"… added until no kept run uses it ("Imported run" when empty). */
export function uniqueName(runs: readonly SavedRun[], name: string): string {
  const base = cleanName(name) || 'Imported run';
  const taken = new Set(runs.map((run) => run.name.toLowerCase()));
  if (!taken.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) {
    const suffix = ` ${n}`;
    const candidate = `${base.slice(0, MAX_NAME_LENGTH - suffix.length).trim()}${suffix}`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

let idCounter = 0;
function newId(taken: readonly SavedRun[]): string {
  let id: string;
  do id = `run-${Date.now().toString(36)}-${(++idCounter).toString(36)}`;
  while (taken.some((run) => run.id === id));
  return id;
}

export const useSavedRuns = create<SavedRunsState>()((set, get) => ({
  ...readStorage(),

  keep(name, config, figures) {
    const runs = get().runs;
    if (runs.length >= MAX_SAVED_RUNS) return { ok: false, message: CAP_MESSAGE };
    const problem = nameProblem(runs, name);
    if (problem) return { ok: false, message: problem };
    const run: SavedRun = {
      id: newId(runs),
      name: cleanName(name),
      savedAt: new Date().toISOString(),
      config: structuredClone(config),
      series: structuredClone(figures.series),
      finals: { ...figures.finals },
    };
    const next = [...runs, run];
    set({ runs: next, notice: writeStorage(next) ?? get().notice });
    return { ok: true, run };
  },

  importRun(name, config, figures, origin) {
    const runs = get().runs;
    if (runs.length >= MAX_SAVED_RUNS) return { ok: false, message: IMPORT_CAP_MESSAGE };
    const run: SavedRun = {
      id: newId(runs),
      name: uniqueName(runs, name),
      savedAt: new Date().toISOString(),
      config: structuredClone(config),
      series: structuredClone(figures.series),
      finals: { ...figures.finals },
      origin: { ...origin },
    };
    const next = [...runs, run];
    set({ runs: next, notice: writeStorage(next) ?? get().notice });
    return { ok: true, run };
  },

  replaceAll(runs) {
    const next = runs.slice(0, MAX_SAVED_RUNS).map((run) => structuredClone(run));
    set({ runs: next, notice: writeStorage(next) ?? get().notice });
  },

  rename(id, name) {
    const runs = get().runs;
    if (!runs.some((run) => run.id === id))
      return { ok: false, message: 'That run is no longer kept.' };
    const problem = nameProblem(runs, name, id);
    if (problem) return { ok: false, message: problem };
    const next = runs.map((run) => (run.id === id ? { ...run, name: cleanName(name) } : run));
    set({ runs: next, notice: writeStorage(next) ?? get().notice });
    return { ok: true };
  },

  remove(id) {
    const next = get().runs.filter((run) => run.id !== id);
    if (next.length === get().runs.length) return;
    set({ runs: next, notice: writeStorage(next) ?? get().notice });
  },

  dismissNotice() {
    set({ notice: null });
  },

  reload() {
    set(readStorage());
  },
}));

// Another tab kept, renamed or deleted a run: show the same list here.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (event.key === SAVED_RUNS_KEY || event.key === null) useSavedRuns.getState().reload();
  });
}
