/**
 * Files in and out of the app, in jsdom: the chart image's figure, the session file's
 * format and checks, imported runs in the kept-runs store, and the Simulator's
 * "Import a run" and session controls — a refused file lists its problems and changes
 * nothing. (Plotly cannot draw in jsdom: the PNGs are stand-ins here; the browser
 * tests check real images.)
 */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Chart } from '../../src/components/chart';
import { exportFigure } from '../../src/components/chart/chartImage';
import { chartThemeFor } from '../../src/components/chart/chartTheme';
import { buildRunFile, RUN_FILE_FORMAT } from '../../src/export/runFile';
import {
  buildSession,
  checkSession,
  parseSessionFile,
  sessionText,
  setSessionDatasetsHandler,
  type SessionInput,
} from '../../src/export/sessionFile';
import { ImportRunForm } from '../../src/pages/simulator/sections/ImportRunForm';
import { SessionSection } from '../../src/pages/simulator/sections/SessionSection';
import { openSession } from '../../src/pages/simulator/session';
import { DEFAULT_CONFIG, setConfigValue } from '../../src/sim/config';
import { configToQuery, useConfigStore } from '../../src/store/config';
import { stageKey, type StageRun, type StageRuns } from '../../src/store/runs';
import {
  FINAL_KEYS,
  IMPORT_CAP_MESSAGE,
  MAX_SAVED_RUNS,
  SAVED_RUNS_KEY,
  SERIES_KEYS,
  useSavedRuns,
  type RunFigures,
  type RunOrigin,
  type SavedRun,
} from '../../src/store/savedRuns';
import { TRAIN_STAGES } from '../../src/worker/protocol';
import type { ShippedManifest } from '../../src/worker/shippedFormat';
import { setRuns } from './runFixtures';

const PNG = 'data:image/png;base64,iVBORw0KGgo=';
vi.mock('../../src/components/chart/chartImage', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../src/components/chart/chartImage')>()),
  chartPngDataUrl: async () => PNG,
}));

function figures(offset = 0): RunFigures {
  const series = {} as RunFigures['series'];
  for (const key of SERIES_KEYS) series[key] = { x: [1, 2, 3], y: [3 + offset, 2 + offset, 1] };
  const finals = {} as RunFigures['finals'];
  FINAL_KEYS.forEach((key, i) => (finals[key] = i % 4 === 0 ? null : i / 10 + offset));
  return { series, finals };
}

function savedRun(id: string, name = id, seed = 1): SavedRun {
  return {
    id,
    name,
    savedAt: '2025-01-01T00:00:00.000Z',
    config: setConfigValue(DEFAULT_CONFIG, 'seed', seed),
    ...figures(),
  };
}

const ORIGIN: RunOrigin = {
  kind: 'imported',
  source: 'cli',
  fileName: 'run.json',
  importedAt: '2025-05-02T09:30:00.000Z',
};

/** The shipped default run, as the runs store holds it. */
function shippedStages(): StageRuns {
  const manifest = JSON.parse(
    readFileSync('public/default-run/manifest.json', 'utf8'),
  ) as ShippedManifest;
  const stages = {} as Record<string, StageRun>;
  for (const stage of TRAIN_STAGES) {
    const s = manifest.stages[stage];
    stages[stage] = {
      status: s.status,
      source: 'shipped',
      key: stageKey(stage, manifest.config),
      metrics: s.metrics,
      progress: 1,
      checkpoint: null,
      summary: s.summary,
      message: s.message,
    };
  }
  return stages as StageRuns;
}

function sessionInput(patch: Partial<SessionInput> = {}): SessionInput {
  return {
    createdAt: '2025-05-02T09:30:00.000Z',
    appVersion: '0.1.0',
    config: setConfigValue(DEFAULT_CONFIG, 'seed', 7),
    link: '/simulator?seed=7',
    preferences: { theme: 'dark', textSize: 'large' },
    keptRuns: [
      savedRun('a', 'first'),
      { ...savedRun('b', 'second (imported)', 2), origin: ORIGIN },
    ],
    currentRun: null,
    charts: [{ title: 'T', description: 'D', fileName: 't.png', image: PNG }],
    ...patch,
  };
}

const jsonFile = (text: string, name = 'file.json') =>
  new File([text], name, { type: 'application/json' });

/** Chooses `file` in the file input labelled `label`. */
async function choose(label: string, file: File) {
  await act(async () => {
    fireEvent.change(screen.getByLabelText(label), { target: { files: [file] } });
  });
}

beforeEach(() => {
  localStorage.clear();
  useSavedRuns.getState().reload();
});

afterEach(() => {
  setSessionDatasetsHandler(null);
  vi.restoreAllMocks();
});

describe('a chart as an image', () => {
  const theme = chartThemeFor('dark', 'standard');
  const series = [
    { name: 'train <b>loss</b>', x: [1, 2, 3], y: [3, 2, 1] },
    { name: 'held-out', x: [1, 3], y: [3.2, 2.1], dashed: true },
  ];

  it('draws the title, a legend and an opaque background in the current theme', () => {
    const figure = exportFigure({
      figure: { series, xTitle: 'step', highlightedSeries: 'held-out', revision: 4 },
      title: 'Loss & <i>perplexity</i>',
      theme,
      size: 'short',
    });
    expect(figure.width).toBe(1000);
    expect(figure.height).toBe(520);
    expect(figure.layout.paper_bgcolor).toBe(theme.background);
    expect(figure.layout.plot_bgcolor).toBe(theme.background);
    expect(figure.layout.showlegend).toBe(true);
    // Text only: Plotly's tags are escaped (it shows them as the characters).
    expect(figure.layout.title).toMatchObject({
      text: 'Loss &amp; &lt;i&gt;perplexity&lt;/i&gt;',
      font: { weight: 700 },
    });
    expect(figure.data.map((d) => d.name)).toEqual(['train &lt;b&gt;loss&lt;/b&gt;', 'held-out']);
    // Highlighting is not exported; the zoom-keeping revisions are dropped.
    expect(figure.data.map((d) => (d as { opacity?: number }).opacity)).toEqual([1, 1]);
    expect('uirevision' in figure.layout).toBe(false);
    expect(figure.config.staticPlot).toBe(true);
  });

  it('keeps series the reader hid hidden', () => {
    const figure = exportFigure({
      figure: { series, hiddenSeries: new Set(['held-out']) },
      title: 'Loss',
      theme,
    });
    expect((figure.data[1] as { visible?: unknown }).visible).toBe(false);
  });

  it('is offered by every chart (named after its title without an export name), with its data', () => {
    render(
      <Chart
        title="Attention: head 1"
        description="d"
        series={[]}
        heatmap={{
          z: [
            [0.5, 0.5],
            [1, Number.NaN],
          ],
          x: ['a', 'b'],
          y: ['a', 'b'],
          zTitle: 'weight',
        }}
      />,
    );
    const group = screen.getByRole('group', { name: 'Download “Attention: head 1”' });
    expect(
      within(group)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['PNG image', 'SVG image', 'Data (CSV)']);
    const urls: Blob[] = [];
    URL.createObjectURL = vi.fn((blob: Blob) => {
      urls.push(blob);
      return 'blob:test';
    });
    URL.revokeObjectURL = vi.fn();
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      expect(this.download).toBe('attention-head-1.csv');
    });
    fireEvent.click(within(group).getByRole('button', { name: 'Data (CSV)' }));
    expect(click).toHaveBeenCalledOnce();
    return urls[0].text().then((text) => {
      expect(text).toBe('weight,a,b\na,0.5,0.5\nb,1,\n');
    });
  });
});

describe('the kept runs store, for imported runs', () => {
  it('keeps an imported run with its origin, under a name not yet used', () => {
    const store = useSavedRuns.getState();
    const a = store.importRun('run (imported)', DEFAULT_CONFIG, figures(), ORIGIN);
    const b = useSavedRuns
      .getState()
      .importRun('run (imported)', DEFAULT_CONFIG, figures(), ORIGIN);
    expect(a.ok && b.ok).toBe(true);
    expect(useSavedRuns.getState().runs.map((r) => r.name)).toEqual([
      'run (imported)',
      'run (imported) 2',
    ]);
    // The origin survives storage.
    useSavedRuns.getState().reload();
    expect(useSavedRuns.getState().runs[1].origin).toEqual(ORIGIN);
  });

  it('refuses an import past the cap, changing nothing', () => {
    for (let i = 0; i < MAX_SAVED_RUNS; i++) {
      useSavedRuns.getState().importRun(`r${i}`, DEFAULT_CONFIG, figures(), ORIGIN);
    }
    const before = localStorage.getItem(SAVED_RUNS_KEY);
    const result = useSavedRuns.getState().importRun('one more', DEFAULT_CONFIG, figures(), ORIGIN);
    expect(result).toEqual({ ok: false, message: IMPORT_CAP_MESSAGE });
    expect(useSavedRuns.getState().runs).toHaveLength(MAX_SAVED_RUNS);
    expect(localStorage.getItem(SAVED_RUNS_KEY)).toBe(before);
  });
});

describe('the session file', () => {
  it('reads back what it was made from', () => {
    const current = buildRunFile(shippedStages(), DEFAULT_CONFIG, {
      createdAt: '2025-05-02T09:30:00.000Z',
      appVersion: '0.1.0',
    });
    const text = sessionText(buildSession(sessionInput({ currentRun: current })));
    const content = JSON.parse(text);
    expect(content).toMatchObject({
      format: 'pipeline-lab/session',
      version: 1,
      link: '/simulator?seed=7',
    });
    expect('datasets' in content).toBe(false);
    const parsed = parseSessionFile(text);
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    expect(parsed.session.config.seed).toBe(7);
    expect(parsed.session.keptRuns.map((r) => r.name)).toEqual(['first', 'second (imported)']);
    expect(parsed.session.keptRuns[1].origin).toEqual(ORIGIN);
    expect(Object.keys(parsed.session.currentRun?.stages ?? {})).toEqual([...TRAIN_STAGES]);
    expect(parsed.session.chartCount).toBe(1);
    expect(parsed.session.preferences).toEqual({ theme: 'dark', textSize: 'large' });
  });

  it('lists every problem and accepts nothing when something is wrong', () => {
    const good = buildSession(sessionInput()) as Record<string, unknown>;
    const errors = (value: unknown) => {
      const result = checkSession(value);
      expect(result.ok).toBe(false);
      return result.ok ? [] : result.errors;
    };
    expect(parseSessionFile('not json').ok).toBe(false);
    expect(errors({ format: RUN_FILE_FORMAT, version: 1 })[0]).toContain('This is a run file');
    expect(errors({ ...good, version: 3 })[0]).toContain('version 3, written by a newer');
    expect(errors({ ...good, keptRuns: undefined })).toEqual([
      'keptRuns is missing (an empty list when no run was kept).',
    ]);
    const broken = errors({
      ...good,
      config: { ...DEFAULT_CONFIG, seed: 'seven' },
      keptRuns: [savedRun('a', 'same'), savedRun('b', 'Same'), { ...savedRun('c'), finals: {} }],
      currentRun: { format: RUN_FILE_FORMAT, version: 1, config: DEFAULT_CONFIG },
    });
    expect(broken).toEqual([
      'config.seed is the text "seven", not a finite number.',
      "keptRuns[1] (“Same”) repeats another kept run's id or name.",
      'keptRuns[2] (“c”) cannot be used: its final figure "pretrainHeldOutLoss" is not a finite number.',
      'currentRun: The file holds no stage: expected at least one of pretrain, sft, reward, ppo, dpo with its "metrics".',
    ]);
    const many = Array.from({ length: MAX_SAVED_RUNS + 1 }, (_, i) => savedRun(`r${i}`));
    expect(errors({ ...good, keptRuns: many })[0]).toContain(`at most ${MAX_SAVED_RUNS}`);
  });

  it('carries the datasets through the datasets handler (the hook for that feature)', () => {
    const restore = vi.fn();
    setSessionDatasetsHandler({
      collect: () => ({ corpus: { fileName: 'my.txt' } }),
      check: (value) => ((value as { bad?: boolean }).bad ? ['the corpus is empty'] : []),
      restore,
    });
    const session = buildSession(sessionInput());
    expect(session.datasets).toEqual({ corpus: { fileName: 'my.txt' } });
    expect(checkSession({ ...session, datasets: { bad: true } })).toEqual({
      ok: false,
      errors: ['datasets: the corpus is empty'],
    });
    const parsed = checkSession(session);
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    openSession(parsed.session, 'session.json');
    expect(restore).toHaveBeenCalledWith({ corpus: { fileName: 'my.txt' } });
  });

  it('opens: kept runs replaced, the current run added as imported, the settings applied', () => {
    useSavedRuns.getState().importRun('mine', DEFAULT_CONFIG, figures(), ORIGIN);
    const current = buildRunFile(shippedStages(), DEFAULT_CONFIG, {
      createdAt: '2025-05-02T09:30:00.000Z',
      appVersion: '0.1.0',
    });
    // The current run (default settings) is not among the kept runs (seeds 5 and 2).
    const keptRuns = [
      savedRun('a', 'first', 5),
      { ...savedRun('b', 'second (imported)', 2), origin: ORIGIN },
    ];
    const text = sessionText(buildSession(sessionInput({ currentRun: current, keptRuns })));
    const parsed = checkSession(JSON.parse(text));
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    const notes = openSession(parsed.session, 'session.json');
    const runs = useSavedRuns.getState().runs;
    expect(runs.map((r) => r.name)).toEqual([
      'first',
      'second (imported)',
      'Current run of the session (imported)',
    ]);
    expect(runs[2].origin).toMatchObject({ source: 'session', fileName: 'session.json' });
    expect(notes[0]).toContain('added to the comparison');
    expect(useConfigStore.getState().config.seed).toBe(7);
  });
});

describe('the Simulator’s import and session controls', () => {
  it('imports a valid run file and marks it imported', async () => {
    render(<ImportRunForm />);
    const file = {
      format: RUN_FILE_FORMAT,
      version: 1,
      source: 'cli',
      config: DEFAULT_CONFIG,
      pretrain: { metrics: [{ step: 1, loss: 6.9, heldOutLoss: 7 }] },
    };
    await choose('Import a run (JSON)', jsonFile(JSON.stringify(file), 'lab-3.json'));
    await screen.findByText(
      /Imported “lab-3 \(imported\)” \(written by the command line; Pretraining\)/,
    );
    const [run] = useSavedRuns.getState().runs;
    expect(run.origin).toMatchObject({ source: 'cli', fileName: 'lab-3.json' });
    expect(run.series.pretrainHeldOutLoss).toEqual({ x: [1], y: [7] });
  });

  it('refuses a malformed file: problems listed (as text), nothing kept', async () => {
    render(<ImportRunForm />);
    const before = localStorage.getItem(SAVED_RUNS_KEY);
    const text = JSON.stringify({
      format: RUN_FILE_FORMAT,
      version: 1,
      config: DEFAULT_CONFIG,
      pretrain: { metrics: [{ step: 1, loss: '<img src=x onerror=alert(1)>' }] },
    });
    await choose('Import a run (JSON)', jsonFile(text, '<b>evil</b>.json'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('“<b>evil</b>.json” was not imported; nothing changed:');
    expect(alert.textContent).toContain('pretrain.metrics[0].loss is the text "<img src=x onerror');
    expect(alert.querySelector('img, b')).toBeNull();
    expect(useSavedRuns.getState().runs).toEqual([]);
    expect(localStorage.getItem(SAVED_RUNS_KEY)).toBe(before);

    await choose('Import a run (JSON)', jsonFile('', 'empty.json'));
    expect((await screen.findByRole('alert')).textContent).toContain('The file is empty.');
  });

  it('downloads the session and opens it again after confirming; a broken one changes nothing', async () => {
    setRuns(shippedStages());
    useSavedRuns.getState().importRun('kept one', DEFAULT_CONFIG, figures(), ORIGIN);
    useConfigStore.getState().applyQuery('seed=7');
    const blobs: Blob[] = [];
    URL.createObjectURL = vi.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:test';
    });
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    render(<SessionSection />);

    fireEvent.click(screen.getByRole('button', { name: 'Download my session' }));
    await screen.findByText(
      /^Downloaded pipeline-lab-session-.*\.json \(\d+ KB\): the settings, 1 kept run, no current run and 5 charts\.$/,
    );
    const text = await blobs[0].text();
    const content = JSON.parse(text);
    expect(content.config.seed).toBe(7);
    expect(content.charts).toHaveLength(5);
    expect(content.charts[0]).toMatchObject({ title: 'Pretraining: held-out loss', image: PNG });

    // Change the settings and the kept runs, then open a broken copy: nothing changes.
    useConfigStore.getState().applyQuery('seed=3');
    useSavedRuns.getState().remove(useSavedRuns.getState().runs[0].id);
    const broken = text.replace(
      '"format": "pipeline-lab/session"',
      '"format": "pipeline-lab/other"',
    );
    await choose('Open a session file', jsonFile(broken, 'broken.json'));
    expect((await screen.findByRole('alert')).textContent).toContain(
      '“broken.json” was not opened; nothing changed:',
    );
    expect(useConfigStore.getState().config.seed).toBe(3);
    expect(useSavedRuns.getState().runs).toEqual([]);

    await choose('Open a session file', jsonFile(text, 'mine.json'));
    const confirm = await screen.findByRole('group', { name: /“mine\.json”/ });
    expect(confirm.textContent).toContain('1 kept run, no current run, 5 charts');
    expect(confirm.textContent).toContain('Opening it replaces your settings.');
    expect(useConfigStore.getState().config.seed).toBe(3); // not before confirming
    fireEvent.click(within(confirm).getByRole('button', { name: 'Open this session' }));
    await waitFor(() => expect(useConfigStore.getState().config.seed).toBe(7));
    expect(useSavedRuns.getState().runs.map((r) => r.name)).toEqual(['kept one']);
    expect(configToQuery(useConfigStore.getState().config)).toBe('seed=7');
    expect(screen.getByRole('status').textContent).toContain('Opened “mine.json”');
  });
});
