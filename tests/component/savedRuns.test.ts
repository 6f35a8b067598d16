import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_CONFIG, setConfigValue } from '../../src/sim/config';
import {
  CAP_MESSAGE,
  FINAL_KEYS,
  FOREIGN_NOTICE,
  MAX_SAVED_RUNS,
  SAVED_RUNS_KEY,
  SAVED_RUNS_VERSION,
  SERIES_KEYS,
  UNREADABLE_NOTICE,
  WRITE_NOTICE,
  readSavedRuns,
  serializeSavedRuns,
  useSavedRuns,
  type RunFigures,
  type SavedRun,
} from '../../src/store/savedRuns';

function figures(offset = 0): RunFigures {
  const series = {} as RunFigures['series'];
  for (const key of SERIES_KEYS) series[key] = { x: [1, 2, 3], y: [3 + offset, 2 + offset, 1] };
  const finals = {} as RunFigures['finals'];
  FINAL_KEYS.forEach((key, i) => (finals[key] = i % 4 === 0 ? null : i / 10 + offset));
  return { series, finals };
}

const store = () => useSavedRuns.getState();
const stored = () => JSON.parse(localStorage.getItem(SAVED_RUNS_KEY) ?? 'null');

/** Puts `raw` in storage and reloads the store from it. */
function loadFrom(raw: string) {
  localStorage.setItem(SAVED_RUNS_KEY, raw);
  store().reload();
  return store();
}

function savedRun(id: string, name = id): SavedRun {
  return {
    id,
    name,
    savedAt: '2025-01-01T00:00:00.000Z',
    config: DEFAULT_CONFIG,
    ...figures(),
  };
}

beforeEach(() => {
  localStorage.clear();
  store().reload();
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('savedRuns store', () => {
  it('starts empty, without a notice, when nothing is stored', () => {
    expect(store().runs).toEqual([]);
    expect(store().notice).toBeNull();
  });

  it('keeps, renames and deletes runs', () => {
    const seed2 = setConfigValue(DEFAULT_CONFIG, 'seed', 2);
    const first = store().keep('  Default   run ', DEFAULT_CONFIG, figures());
    const second = store().keep('seed 2', seed2, figures(1));
    expect(first.ok && second.ok).toBe(true);
    expect(store().runs.map((r) => r.name)).toEqual(['Default run', 'seed 2']);
    expect(store().runs[1].config.seed).toBe(2);
    expect(store().runs[1].series.ppoKl.y).toEqual([4, 3, 1]);

    const id = store().runs[1].id;
    expect(store().rename(id, 'Another seed')).toEqual({ ok: true });
    expect(store().runs[1].name).toBe('Another seed');
    // Names label the charts' lines: empty and duplicate names are refused.
    expect(store().rename(id, '   ').ok).toBe(false);
    expect(store().rename(id, 'default RUN')).toEqual({
      ok: false,
      message: 'Another kept run is already called “default RUN”.',
    });
    expect(store().keep('Default run', DEFAULT_CONFIG, figures()).ok).toBe(false);
    expect(store().runs[1].name).toBe('Another seed');

    store().remove(store().runs[0].id);
    expect(store().runs.map((r) => r.name)).toEqual(['Another seed']);
  });

  it('round-trips through storage, versioned', () => {
    store().keep('A', DEFAULT_CONFIG, figures());
    store().keep('B', setConfigValue(DEFAULT_CONFIG, 'ppo.klCoef', 0), figures(2));
    const before = store().runs;
    expect(stored()).toMatchObject({ version: SAVED_RUNS_VERSION, state: { runs: before } });

    useSavedRuns.setState({ runs: [] });
    store().reload();
    expect(store().runs).toEqual(before);
    expect(store().notice).toBeNull();
    // Storage holds figures only: no weights.
    expect(localStorage.getItem(SAVED_RUNS_KEY)).not.toContain('params');
  });

  it('deleting the last run removes the entry', () => {
    store().keep('A', DEFAULT_CONFIG, figures());
    store().remove(store().runs[0].id);
    expect(localStorage.getItem(SAVED_RUNS_KEY)).toBeNull();
  });

  it('enforces the cap with a clear message', () => {
    for (let i = 0; i < MAX_SAVED_RUNS; i++) {
      expect(
        store().keep(`run ${i}`, setConfigValue(DEFAULT_CONFIG, 'seed', i), figures()).ok,
      ).toBe(true);
    }
    const refused = store().keep('one too many', DEFAULT_CONFIG, figures());
    expect(refused).toEqual({ ok: false, message: CAP_MESSAGE });
    expect(CAP_MESSAGE).toContain(`${MAX_SAVED_RUNS} runs`);
    expect(store().runs).toHaveLength(MAX_SAVED_RUNS);
  });

  it('loads at most the cap from storage, saying so', () => {
    const runs = Array.from({ length: MAX_SAVED_RUNS + 2 }, (_, i) => savedRun(`r${i}`));
    const state = loadFrom(serializeSavedRuns(runs));
    expect(state.runs).toHaveLength(MAX_SAVED_RUNS);
    expect(state.notice).toContain(`at most ${MAX_SAVED_RUNS}`);
    expect(stored().state.runs).toHaveLength(MAX_SAVED_RUNS);
  });

  it('resets corrupted JSON with a message, without throwing', () => {
    const state = loadFrom('{"state": {"runs": [');
    expect(state.runs).toEqual([]);
    expect(state.notice).toBe(UNREADABLE_NOTICE);
    expect(localStorage.getItem(SAVED_RUNS_KEY)).toBeNull();
    store().dismissNotice();
    expect(store().notice).toBeNull();
  });

  it.each([
    ['another version', JSON.stringify({ state: { runs: [] }, version: SAVED_RUNS_VERSION + 1 })],
    ['no version', JSON.stringify({ state: { runs: [] } })],
    ['an array', JSON.stringify([1, 2, 3])],
    ['runs that are not a list', JSON.stringify({ state: { runs: 'many' }, version: 1 })],
    ['a number', '42'],
  ])('resets foreign data (%s) with a message', (_, raw) => {
    const state = loadFrom(raw);
    expect(state.runs).toEqual([]);
    expect(state.notice).toBe(FOREIGN_NOTICE);
    expect(localStorage.getItem(SAVED_RUNS_KEY)).toBeNull();
  });

  it('drops damaged runs, keeps the good ones, and says how many went', () => {
    const good = savedRun('good');
    const badConfig = { ...savedRun('bad-config'), config: { ...DEFAULT_CONFIG, seed: -5 } };
    const badSeries = savedRun('bad-series');
    badSeries.series = { ...badSeries.series, ppoKl: { x: [1, 2], y: [1] } };
    const nanFinal = JSON.parse(JSON.stringify(savedRun('bad-final')));
    nanFinal.finals.ppoKlEnd = 'lots';
    const duplicate = savedRun('good', 'copy');
    const raw = serializeSavedRuns([good, badConfig, badSeries, nanFinal, duplicate]);
    const state = loadFrom(raw);
    expect(state.runs.map((r) => r.id)).toEqual(['good']);
    expect(state.notice).toBe(
      '4 kept runs could not be read (the stored data was damaged) and were removed.',
    );
    // Rewritten, so the next visit loads cleanly.
    expect(readSavedRuns(localStorage.getItem(SAVED_RUNS_KEY))).toMatchObject({
      notice: null,
      runs: [good],
    });
  });

  it('keeps working in memory when storage refuses writes', () => {
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    const result = store().keep('A', DEFAULT_CONFIG, figures());
    expect(result.ok).toBe(true);
    expect(store().runs).toHaveLength(1);
    expect(store().notice).toBe(WRITE_NOTICE);
  });

  it('survives storage that throws on read', () => {
    vi.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
      throw new DOMException('blocked', 'SecurityError');
    });
    expect(() => store().reload()).not.toThrow();
    expect(store().runs).toEqual([]);
  });
});
