/**
 * The student's own datasets (bring your own data): a corpus, SFT pairs and
 * preference pairs, each either the built-in one (null here) or an imported file that
 * passed validation (src/sim/data/userData.ts) as a whole.
 *
 * - Runs are keyed by the datasets they trained on (`datasetKeys`, part of stageKey in
 *   runs.ts), so a page never shows a run trained on other data as if it were this one.
 * - Kept in localStorage (versioned) when it fits, so a reload loses nothing; when the
 *   browser refuses (quota, private mode) the data stays for this visit and a notice
 *   says so. Anything unreadable in storage is dropped with a notice, never a crash.
 */
import { create } from 'zustand';
import type { UserCorpusDocument, UserPreferencePair, UserSftPair } from '../sim/data/userData';
import type { StageDatasets } from '../worker/protocol';
import { setSessionDatasetsHandler } from '../export/sessionFile';
import { useConfigStore } from './config';

export type DatasetKind = 'corpus' | 'sft' | 'preferences';

export interface ImportedDataset<T> {
  /** The file it came from. */
  fileName: string;
  items: T[];
  /** A hash of the items: part of every dependent run's key. */
  fingerprint: string;
}

export interface Datasets {
  corpus: ImportedDataset<UserCorpusDocument> | null;
  sft: ImportedDataset<UserSftPair> | null;
  preferences: ImportedDataset<UserPreferencePair> | null;
}

type ItemOf<K extends DatasetKind> = NonNullable<Datasets[K]>['items'][number];

interface DatasetsState extends Datasets {
  /** A problem with storage, in words, until dismissed. */
  notice: string | null;
  replace<K extends DatasetKind>(kind: K, fileName: string, items: ItemOf<K>[]): void;
  restore(kind: DatasetKind): void;
  dismissNotice(): void;
}

export const DATASETS_KEY = 'pipeline-lab:datasets';
export const DATASETS_VERSION = 1;

/** FNV-1a (32 bit) over the JSON of the items: enough to tell datasets apart. */
export function fingerprintOf(items: readonly unknown[]): string {
  const text = JSON.stringify(items);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `${items.length}-${hash.toString(16).padStart(8, '0')}`;
}

/** No imported data: every stage trains on the built-in data. */
export const BUILT_IN_DATASETS: Datasets = { corpus: null, sft: null, preferences: null };
const EMPTY = BUILT_IN_DATASETS;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/** Field checks for each kind's items, so foreign data in storage is refused. */
const ITEM_CHECKS: Record<DatasetKind, (item: Record<string, unknown>) => boolean> = {
  corpus: (d) => isText(d.id) && isText(d.text) && typeof d.line === 'number',
  sft: (p) => isText(p.id) && isText(p.instruction) && isText(p.response),
  preferences: (p) =>
    isText(p.id) &&
    isText(p.prompt) &&
    isText(p.chosen) &&
    isText(p.rejected) &&
    (p.quality === null || typeof p.quality === 'string'),
};

function readDataset(kind: DatasetKind, value: unknown): ImportedDataset<never> | null | 'bad' {
  if (value === null || value === undefined) return null;
  if (!isRecord(value) || !isText(value.fileName) || !Array.isArray(value.items)) return 'bad';
  const items = value.items as unknown[];
  if (items.length === 0 || !items.every((i) => isRecord(i) && ITEM_CHECKS[kind](i))) return 'bad';
  return { fileName: value.fileName, items: items as never[], fingerprint: fingerprintOf(items) };
}

/** What storage holds, checked; `problem` says what was dropped. */
export function readStoredDatasets(raw: string | null): {
  datasets: Datasets;
  problem: string | null;
} {
  if (raw === null) return { datasets: EMPTY, problem: null };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return {
      datasets: EMPTY,
      problem: 'Your saved datasets could not be read and were reset to the built-in data.',
    };
  }
  if (!isRecord(parsed) || parsed.version !== DATASETS_VERSION || !isRecord(parsed.datasets)) {
    return {
      datasets: EMPTY,
      problem:
        'Your saved datasets were in a format this version does not know and were reset to the built-in data.',
    };
  }
  const out: Datasets = { ...EMPTY };
  const dropped: DatasetKind[] = [];
  for (const kind of ['corpus', 'sft', 'preferences'] as const) {
    const read = readDataset(kind, parsed.datasets[kind]);
    if (read === 'bad') dropped.push(kind);
    else (out as Record<DatasetKind, unknown>)[kind] = read;
  }
  return {
    datasets: out,
    problem:
      dropped.length > 0
        ? `Some saved data was damaged and was reset to the built-in data: ${dropped.join(', ')}.`
        : null,
  };
}

function load(): { datasets: Datasets; problem: string | null } {
  try {
    const raw = localStorage.getItem(DATASETS_KEY);
    const result = readStoredDatasets(raw);
    if (result.problem) localStorage.removeItem(DATASETS_KEY);
    return result;
  } catch {
    return { datasets: EMPTY, problem: null }; // no storage at all: nothing to read
  }
}

/** Saves; returns a notice when the browser refused. */
function save(datasets: Datasets): string | null {
  try {
    if (!datasets.corpus && !datasets.sft && !datasets.preferences) {
      localStorage.removeItem(DATASETS_KEY);
    } else {
      localStorage.setItem(DATASETS_KEY, JSON.stringify({ version: DATASETS_VERSION, datasets }));
    }
    return null;
  } catch {
    return 'Your data is used for this visit, but the browser would not store it (too large, or private browsing): download it to keep it.';
  }
}

const initial = typeof localStorage === 'undefined' ? { datasets: EMPTY, problem: null } : load();

export const useDatasetsStore = create<DatasetsState>()((set, get) => ({
  ...initial.datasets,
  notice: initial.problem,
  replace(kind, fileName, items) {
    const dataset = { fileName, items, fingerprint: fingerprintOf(items) };
    const next: Datasets = {
      corpus: get().corpus,
      sft: get().sft,
      preferences: get().preferences,
      [kind]: dataset,
    };
    set({ [kind]: dataset, notice: save(next) } as Partial<DatasetsState>);
  },
  restore(kind) {
    const next: Datasets = {
      corpus: get().corpus,
      sft: get().sft,
      preferences: get().preferences,
      [kind]: null,
    };
    set({ [kind]: null, notice: save(next) } as Partial<DatasetsState>);
  },
  dismissNotice: () => set({ notice: null }),
}));

// Run keys depend on the datasets (stageKey), and pages recompute them when the config
// changes: a new config object with the same values makes every page re-check which
// runs match, without a second subscription in each of them.
useDatasetsStore.subscribe((next, prev) => {
  if (
    next.corpus !== prev.corpus ||
    next.sft !== prev.sft ||
    next.preferences !== prev.preferences
  ) {
    useConfigStore.setState((state) => ({ config: { ...state.config } }));
  }
});

/** Which imported datasets a stage's result depends on (through its inputs too). */
const USES: Record<string, readonly DatasetKind[]> = {
  pretrain: ['corpus'],
  sft: ['corpus', 'sft'],
  reward: ['corpus', 'sft', 'preferences'],
  ppo: ['corpus', 'sft', 'preferences'],
  dpo: ['corpus', 'sft', 'preferences'],
};

/** The imported items a stage trains on itself (its inputs' data is in their checkpoints). */
export function stageDatasets(stage: string, datasets: Datasets): StageDatasets | undefined {
  const out: StageDatasets = {};
  if (stage === 'pretrain' && datasets.corpus) out.corpus = datasets.corpus.items;
  if (stage === 'sft' && datasets.sft) out.sft = datasets.sft.items;
  if ((stage === 'reward' || stage === 'dpo') && datasets.preferences) {
    out.preferences = datasets.preferences.items;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The fingerprints of the imported datasets `stage` depends on ({} with built-in data). */
export function datasetKeys(
  stage: string,
  datasets: Datasets,
): Partial<Record<DatasetKind, string>> {
  const keys: Partial<Record<DatasetKind, string>> = {};
  for (const kind of USES[stage] ?? []) {
    const d = datasets[kind];
    if (d) keys[kind] = d.fingerprint;
  }
  return keys;
}

// A session file (src/export/sessionFile.ts) carries the imported datasets in the same
// shape as storage, checked the same way before anything is replaced.
setSessionDatasetsHandler({
  collect() {
    const { corpus, sft, preferences } = useDatasetsStore.getState();
    if (!corpus && !sft && !preferences) return undefined;
    return { version: DATASETS_VERSION, datasets: { corpus, sft, preferences } };
  },
  check(value) {
    const { problem } = readStoredDatasets(JSON.stringify(value));
    return problem ? [problem] : [];
  },
  restore(value) {
    const { datasets } = readStoredDatasets(JSON.stringify(value));
    const store = useDatasetsStore.getState();
    for (const kind of ['corpus', 'sft', 'preferences'] as const) {
      const d = datasets[kind];
      if (d) store.replace(kind, d.fileName, d.items as never[]);
      else store.restore(kind);
    }
  },
});
