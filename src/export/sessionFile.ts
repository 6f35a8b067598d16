/**
 * The session file: everything a student did in the Simulator, as one JSON file to
 * hand in, and to open again (here or on a teacher's machine). Format version 1:
 *
 *   {
 *     "format": "pipeline-lab/session",
 *     "version": 1,
 *     "app": { "name": "Pipeline Lab", "version": "0.1.0" },
 *     "createdAt": "2025-05-02T09:30:00.000Z",
 *     "about": "…what the file holds, and that it holds no weights…",
 *     "config": { …every setting… },        // restored on opening
 *     "link": "/simulator?seed=7&…",         // the same settings as a link (for reading)
 *     "preferences": { "theme": "dark", "textSize": "large" },   // recorded, not applied
 *     "keptRuns": [ { "id", "name", "savedAt", "config", "series", "finals", "origin"? } ],
 *     "currentRun": { …a run file (runFile.ts) of the current settings' run… } | null,
 *     "charts": [ { "title", "description", "fileName", "image": "data:image/png;base64,…" } ],
 *     "datasets": …                           // optional: the datasets feature's (see below)
 *   }
 *
 * - No weights: they are 3.5 MB per run and are recomputed exactly by training with
 *   the same settings (the core is deterministic). The metrics are what a report needs.
 * - The charts are the Simulator's comparison charts as PNGs (1000 px wide, ~30–60 KB
 *   each), so the file reads without the app; opening a session redraws them instead.
 * - Opening checks everything first (settings, every kept run, the current run, the
 *   datasets) and changes nothing unless all of it is usable.
 * - Display preferences are recorded but not applied: the person opening the file
 *   keeps their own theme and text size.
 * - `datasets` is a hook for the student's own data (src/store/datasets.ts): a
 *   handler registered with setSessionDatasetsHandler fills it on export, checks it
 *   and restores it on opening. Without one, a file's datasets are reported, not used.
 */
import type { PipelineConfig } from '../sim/config';
import { checkSavedRun, MAX_SAVED_RUNS, type SavedRun } from '../store/savedRuns';
import { sanitizePrefs, type UiPrefs } from '../store/uiPrefs';
import {
  APP_NAME,
  checkConfig,
  checkRunFile,
  describeValue,
  isRecord,
  Problems,
  RUN_FILE_FORMAT,
  SESSION_FILE_FORMAT,
  type ParsedRun,
} from './runFile';
import { toJsonText } from './jsonText';

export { SESSION_FILE_FORMAT };
export const SESSION_FILE_VERSION = 1;
/** The largest session file opened (a full one is well under 2 MB). */
export const MAX_SESSION_BYTES = 20 * 1024 * 1024;

export const SESSION_ABOUT =
  'A Pipeline Lab session: the settings, the kept runs, the current run’s metrics and the ' +
  'comparison charts (PNG). No model weights: training with these settings reproduces them ' +
  'exactly. Open it on the Simulator page (“Open a session file”). Teaching examples only — ' +
  'not medical advice.';

export interface SessionChart {
  title: string;
  /** The chart's text alternative (its key numbers in words). */
  description: string;
  fileName: string;
  /** A PNG as a data URL. */
  image: string;
}

export interface SessionInput {
  createdAt: string;
  appVersion: string;
  config: PipelineConfig;
  /** The settings as a link (path and query). */
  link: string;
  preferences: UiPrefs;
  keptRuns: readonly SavedRun[];
  /** A run file (runFile.ts) of the current settings' run, or null when nothing ran. */
  currentRun: Record<string, unknown> | null;
  charts: readonly SessionChart[];
}

/** The datasets feature's part in sessions (see the file comment). */
export interface SessionDatasetsHandler {
  /** What to store under "datasets" (JSON-serialisable), or undefined for nothing. */
  collect(): unknown;
  /** Problems with a file's "datasets" (none: it can be restored). */
  check(value: unknown): string[];
  /** Restores a value that passed `check`. */
  restore(value: unknown): void;
}

let datasetsHandler: SessionDatasetsHandler | null = null;

/** Registers (or, with null, removes) the handler of the "datasets" field. */
export function setSessionDatasetsHandler(handler: SessionDatasetsHandler | null): void {
  datasetsHandler = handler;
}

export function sessionDatasetsHandler(): SessionDatasetsHandler | null {
  return datasetsHandler;
}

/** The session file's content. */
export function buildSession(input: SessionInput): Record<string, unknown> {
  const datasets = datasetsHandler?.collect();
  return {
    format: SESSION_FILE_FORMAT,
    version: SESSION_FILE_VERSION,
    app: { name: APP_NAME, version: input.appVersion },
    createdAt: input.createdAt,
    about: SESSION_ABOUT,
    config: input.config,
    link: input.link,
    preferences: input.preferences,
    keptRuns: input.keptRuns,
    currentRun: input.currentRun,
    charts: input.charts,
    ...(datasets === undefined ? {} : { datasets }),
  };
}

export function sessionText(session: Record<string, unknown>): string {
  return toJsonText(session);
}

export interface ParsedSession {
  createdAt: string | null;
  appVersion: string | null;
  config: PipelineConfig;
  keptRuns: SavedRun[];
  currentRun: ParsedRun | null;
  chartCount: number;
  /** As recorded (not applied). */
  preferences: UiPrefs | null;
  /** Present in the file (restored only through the datasets handler). */
  datasets: { value: unknown } | null;
}

export type SessionParseResult =
  { ok: true; session: ParsedSession } | { ok: false; errors: string[] };

/** A session file's content (already parsed JSON), checked in full. */
export function checkSession(value: unknown): SessionParseResult {
  if (!isRecord(value)) {
    return { ok: false, errors: ['The file does not hold a session: expected a JSON object.'] };
  }
  if (value.format === RUN_FILE_FORMAT) {
    return {
      ok: false,
      errors: ['This is a run file, not a session: import it with “Import a run (JSON)”.'],
    };
  }
  if (value.format !== SESSION_FILE_FORMAT) {
    return {
      ok: false,
      errors: [
        value.format === undefined
          ? `The file is not a Pipeline Lab session: it has no "format" field (expected "${SESSION_FILE_FORMAT}").`
          : `The file's format is ${describeValue(value.format)}, not a Pipeline Lab session ("${SESSION_FILE_FORMAT}").`,
      ],
    };
  }
  const v = value.version;
  if (v !== SESSION_FILE_VERSION) {
    return {
      ok: false,
      errors: [
        typeof v === 'number' && v > SESSION_FILE_VERSION
          ? `The session file is version ${v}, written by a newer Pipeline Lab; this one reads version ${SESSION_FILE_VERSION}.`
          : `The session file's version is ${describeValue(v)}; this Pipeline Lab reads version ${SESSION_FILE_VERSION}.`,
      ],
    };
  }

  const problems = new Problems();
  const config = checkConfig(value.config, 'config', problems);

  const keptRuns: SavedRun[] = [];
  if (!Array.isArray(value.keptRuns)) {
    problems.add(
      value.keptRuns === undefined
        ? 'keptRuns is missing (an empty list when no run was kept).'
        : `keptRuns is ${describeValue(value.keptRuns)}, not a list of runs.`,
    );
  } else if (value.keptRuns.length > MAX_SAVED_RUNS) {
    problems.add(
      `The session keeps ${value.keptRuns.length} runs; this page keeps at most ${MAX_SAVED_RUNS}.`,
    );
  } else {
    const ids = new Set<string>();
    const names = new Set<string>();
    value.keptRuns.forEach((item: unknown, i) => {
      const label = isRecord(item) && typeof item.name === 'string' ? ` (“${item.name}”)` : '';
      const run = checkSavedRun(item);
      if (typeof run === 'string') {
        problems.add(`keptRuns[${i}]${label} cannot be used: ${run}.`);
      } else if (ids.has(run.id) || names.has(run.name.toLowerCase())) {
        problems.add(`keptRuns[${i}]${label} repeats another kept run's id or name.`);
      } else {
        ids.add(run.id);
        names.add(run.name.toLowerCase());
        keptRuns.push(run);
      }
    });
  }

  let currentRun: ParsedRun | null = null;
  if (value.currentRun !== undefined && value.currentRun !== null) {
    const parsed = checkRunFile(value.currentRun);
    if (parsed.ok) currentRun = parsed.run;
    else for (const error of parsed.errors) problems.add(`currentRun: ${error}`);
  }

  let chartCount = 0;
  if (value.charts !== undefined) {
    if (!Array.isArray(value.charts)) {
      problems.add(`charts is ${describeValue(value.charts)}, not a list.`);
    } else chartCount = value.charts.length;
  }

  let createdAt: string | null = null;
  if (typeof value.createdAt === 'string' && !Number.isNaN(Date.parse(value.createdAt))) {
    createdAt = value.createdAt;
  } else if (value.createdAt !== undefined) {
    problems.add(`createdAt is ${describeValue(value.createdAt)}, not a date.`);
  }
  const app = isRecord(value.app) ? value.app : {};
  const appVersion = typeof app.version === 'string' ? app.version.slice(0, 40) : null;

  let datasets: { value: unknown } | null = null;
  if (value.datasets !== undefined) {
    datasets = { value: value.datasets };
    for (const error of datasetsHandler?.check(value.datasets) ?? []) {
      problems.add(`datasets: ${error}`);
    }
  }

  if (problems.any || !config) return { ok: false, errors: problems.messages() };
  return {
    ok: true,
    session: {
      createdAt,
      appVersion,
      config,
      keptRuns,
      currentRun,
      chartCount,
      preferences: isRecord(value.preferences) ? sanitizePrefs(value.preferences) : null,
      datasets,
    },
  };
}

/** A session file's text, parsed and checked. */
export function parseSessionFile(text: string): SessionParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? ` (${error.message})` : '';
    return { ok: false, errors: [`The file is not valid JSON${detail}.`] };
  }
  return checkSession(value);
}
