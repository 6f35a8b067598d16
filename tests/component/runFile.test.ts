/**
 * The run file (src/export/runFile.ts): what the app writes reads back to the same
 * figures; what the CLI writes (its real writer, on a tiny configuration) imports;
 * malformed files are refused with messages that name the problem. Also the metrics
 * CSV and the readable JSON writer.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toJsonText } from '../../src/export/jsonText';
import { metricsCsv } from '../../src/export/metricsCsv';
import {
  buildRunFile,
  exportableStages,
  MAX_LISTED,
  parseRunFile,
  runFileText,
  type ParsedRun,
} from '../../src/export/runFile';
import { importedFigures, importedName } from '../../src/pages/simulator/importRun';
import { compactFigures, runFigures } from '../../src/pages/simulator/runFigures';
import { DEFAULT_CONFIG, type PipelineConfig } from '../../src/sim/config';
import { runPipeline } from '../../src/sim/pipeline';
import { cliRunFileText, RUN_FILE_FORMAT } from '../../src/sim/runFormat';
import { stageKey, type StageRun, type StageRuns } from '../../src/store/runs';
import type { ShippedManifest } from '../../src/worker/shippedFormat';
import { TRAIN_STAGES } from '../../src/worker/protocol';

/** The shipped default run, as the runs store holds it (without weights). */
function shippedStages(): { config: PipelineConfig; stages: StageRuns } {
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
  return { config: manifest.config, stages: stages as StageRuns };
}

const META = { createdAt: '2025-05-02T09:30:00.000Z', appVersion: '0.1.0' };

function parsedOk(text: string): ParsedRun {
  const result = parseRunFile(text);
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.run;
}

function errorsOf(value: unknown): string[] {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const result = parseRunFile(text);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.errors;
}

/** A valid minimal file: the default config and a few pretraining steps. */
function minimalFile(
  metrics: unknown[] = [
    { step: 1, loss: 6.9 },
    { step: 2, loss: 6.1 },
  ],
) {
  return {
    format: RUN_FILE_FORMAT,
    version: 1,
    config: DEFAULT_CONFIG,
    pretrain: { status: 'completed', message: '', metrics },
  };
}

describe('the app’s run file', () => {
  it('holds every stage of the run, reads back, and gives the figures of the live run', () => {
    const { config, stages } = shippedStages();
    expect(exportableStages(stages, config)).toEqual([...TRAIN_STAGES]);
    const file = buildRunFile(stages, config, { ...META, name: 'Default run' });
    const text = runFileText(file);
    const run = parsedOk(text);
    expect(run).toMatchObject({ source: 'app', createdAt: META.createdAt, name: 'Default run' });
    expect(run.appVersion).toBe('0.1.0');
    expect(run.config).toEqual(config);
    for (const stage of TRAIN_STAGES) {
      expect(run.stages[stage]?.metrics).toHaveLength(stages[stage].metrics.length);
    }
    // Imported, it is compared exactly as the run it came from.
    const { series, finals } = runFigures(stages, config);
    expect(importedFigures(run)).toEqual(compactFigures({ series, finals }));
    expect(importedFigures(run).finals.rewardHeldOutAccuracy).not.toBeNull();
    expect(importedName(run, 'x.json')).toBe('Default run (imported)');
    // Readable: one line per step, and smaller than indented JSON.
    expect(text.split('\n').length).toBeLessThan(1500);
    expect(text.length).toBeLessThan(JSON.stringify(file, null, 1).length * 0.9);
  });

  it('leaves out stages of other settings, and writes non-finite values as null', () => {
    const { config, stages } = shippedStages();
    const other = { ...config, seed: 99 };
    expect(exportableStages(stages, other)).toEqual([]);
    const diverged: StageRuns = {
      ...stages,
      pretrain: {
        ...stages.pretrain,
        status: 'diverged',
        metrics: [
          ...stages.pretrain.metrics.slice(0, 2),
          { ...stages.pretrain.metrics[2], loss: NaN },
        ],
      },
    };
    const text = runFileText(buildRunFile(diverged, config, META));
    expect(text).toContain('"loss":null');
    const run = parsedOk(text);
    expect(run.stages.pretrain?.status).toBe('diverged');
    expect(run.stages.pretrain?.metrics[2].loss).toBeNaN();
  });
});

describe('the CLI’s run file', () => {
  // The CLI's own writer (runPipeline's json + cliRunFileText) on a tiny configuration.
  const TINY: PipelineConfig = {
    ...DEFAULT_CONFIG,
    model: { vocabSize: 300, contextLength: 160, width: 16, heads: 2, layers: 1 },
    pretrain: { ...DEFAULT_CONFIG.pretrain, steps: 3, batchSize: 2, warmupSteps: 1, evalEvery: 3 },
    sft: { ...DEFAULT_CONFIG.sft, steps: 3, batchSize: 2, warmupSteps: 1, evalEvery: 3 },
    reward: { ...DEFAULT_CONFIG.reward, steps: 2, batchSize: 2 },
    ppo: { ...DEFAULT_CONFIG.ppo, iterations: 2, rolloutsPerIteration: 2 },
    dpo: { ...DEFAULT_CONFIG.dpo, steps: 2, batchSize: 2 },
  };

  it('imports, with every stage and the figures the comparison draws', () => {
    const gen = runPipeline(TINY);
    let next = gen.next();
    while (!next.done) next = gen.next();
    const text = cliRunFileText(next.value.json, '2025-05-02T09:30:00.000Z');
    const run = parsedOk(text);
    expect(run.source).toBe('cli');
    expect(run.config).toEqual(TINY);
    expect(Object.keys(run.stages)).toEqual([...TRAIN_STAGES]);
    expect(run.stages.pretrain?.metrics).toHaveLength(3);
    expect(run.stages.ppo?.metrics).toHaveLength(2);
    const figures = importedFigures(run);
    expect(figures.series.pretrainHeldOutLoss.x).toEqual([1, 3]); // evaluated at 1 and every 3
    expect(figures.series.ppoKl.x).toEqual([1, 2]);
    expect(figures.finals.unigramLoss).toBeGreaterThan(0);
    expect(figures.finals.rewardTrainAccuracy).not.toBeNull();
    expect(figures.finals.ppoHeldOutGoldAfter).not.toBeNull();
    expect(figures.finals.dpoKl).not.toBeNull();
    expect(importedName(run, 'run.json')).toBe('run (imported)');

    // Files the CLI wrote before it marked them (no format, version or source) still read.
    const old = JSON.parse(text) as Record<string, unknown>;
    delete old.format;
    delete old.version;
    delete old.source;
    delete old.createdAt;
    expect(parsedOk(JSON.stringify(old)).source).toBe('cli');
  }, 180_000);
});

describe('reading a malformed run file', () => {
  it('says what is wrong with the file as a whole', () => {
    expect(errorsOf('{"format": ')[0]).toMatch(/^The file is not valid JSON \(.+\)\.$/);
    expect(errorsOf('[1, 2]')).toEqual(['The file does not hold a run: expected a JSON object.']);
    expect(errorsOf({ hello: 'world' })[0]).toContain('it has no "format" field');
    expect(errorsOf({ format: 'something/else', version: 1 })[0]).toBe(
      'The file\'s format is the text "something/else", not a Pipeline Lab run ("pipeline-lab/run").',
    );
    expect(errorsOf({ format: 'pipeline-lab/session', version: 1 })[0]).toContain(
      'This is a session file',
    );
    expect(errorsOf({ ...minimalFile(), version: 2 })[0]).toBe(
      'The run file is version 2, written by a newer Pipeline Lab; this one reads version 1.',
    );
    expect(errorsOf({ ...minimalFile(), version: '1' })[0]).toContain('version is the text "1"');
  });

  it('names missing and out-of-range settings', () => {
    const { config: _config, ...noConfig } = minimalFile();
    expect(errorsOf(noConfig)).toEqual([
      'config is missing: the file must hold the settings that made the run.',
    ]);
    const partial = { ...minimalFile(), config: { seed: 1, model: DEFAULT_CONFIG.model } };
    expect(errorsOf(partial)[0]).toMatch(
      /^config lacks \d+ settings: data\.\w+, .* and \d+ more\.$/,
    );
    const bad = {
      ...minimalFile(),
      config: { ...DEFAULT_CONFIG, seed: -3, model: { ...DEFAULT_CONFIG.model, width: 'wide' } },
    };
    const errors = errorsOf(bad);
    expect(errors).toContain('config.model.width is the text "wide", not a finite number.');
  });

  it('names metrics that are missing, not numbers, not finite, or out of order', () => {
    expect(errorsOf({ ...minimalFile(), pretrain: { status: 'completed' } })).toEqual([
      'pretrain.metrics is missing: a stage needs its list of per-step metrics.',
    ]);
    const errors = errorsOf(
      JSON.stringify(
        minimalFile([
          { step: 1, loss: 6.9, timing: { tokensPerSecond: 1, elapsedMs: 2 } },
          { step: 1, loss: 6.5 },
          { step: 3, loss: 'low' },
          { step: 4, loss: 'INFINITY' },
          { step: 5 },
          { step: 6.5, loss: 1 },
          'a step',
        ]),
      ).replace('"INFINITY"', '1e999'),
    );
    expect(errors).toEqual([
      'pretrain.metrics[1].step = 1 does not follow 1: steps must increase.',
      'pretrain.metrics[2].loss is the text "low", not a finite number (or null).',
      'pretrain.metrics[3].loss is a number too large to be finite, not a finite number (or null).',
      'pretrain.metrics[4].loss is missing.',
      'pretrain.metrics[5].step is 6.5, not a step number (a whole number ≥ 0).',
      'pretrain.metrics[6] is the text "a step", not a record of metrics.',
    ]);
    expect(errorsOf({ ...minimalFile(), pretrain: undefined })).toEqual([
      'The file holds no stage: expected at least one of pretrain, sft, reward, ppo, dpo with its "metrics".',
    ]);
  });

  it('checks the summary figures it uses, and lists at most a few problems', () => {
    const file = {
      ...minimalFile(),
      sft: { metrics: [{ step: 1, loss: 2 }], formatRate: 1.5 },
      reward: {
        metrics: [{ step: 1, loss: 0.6, accuracy: 0.5 }],
        finalHeldOut: { accuracy: 'high' },
      },
    };
    const errors = errorsOf(file);
    expect(errors).toContain('sft.formatRate = 1.5 is outside 0–1.');
    expect(errors).toContain(
      'reward.finalHeldOut.accuracy is the text "high", not a finite number.',
    );

    const many = minimalFile(Array.from({ length: 20 }, (_, i) => ({ step: i + 1, loss: 'x' })));
    const listed = errorsOf(many);
    expect(listed).toHaveLength(MAX_LISTED + 1);
    expect(listed[MAX_LISTED]).toBe(`…and ${20 - MAX_LISTED} more problems.`);
  });

  it('accepts null for a metric that was not finite, and ignores wall-clock timing', () => {
    const run = parsedOk(
      JSON.stringify(minimalFile([{ step: 1, loss: null, timing: { elapsedMs: 5 } }])),
    );
    expect(run.stages.pretrain?.metrics[0].loss).toBeNaN();
    expect('timing' in (run.stages.pretrain?.metrics[0] ?? {})).toBe(false);
  });
});

describe('metricsCsv', () => {
  it('writes a header and one row per step; missing and non-finite values are empty', () => {
    const csv = metricsCsv([
      { step: 1, loss: 2.5, timing: { tokensPerSecond: 100, elapsedMs: 10 } },
      { step: 2, loss: Number.NaN, heldOutLoss: 3 },
    ]);
    expect(csv).toBe(
      'step,loss,heldOutLoss,timing.tokensPerSecond,timing.elapsedMs\n1,2.5,,100,10\n2,,3,,\n',
    );
  });
});

describe('toJsonText', () => {
  it('reads back as the same value, one record per line', () => {
    const value = {
      a: [
        { step: 1, loss: 0.5 },
        { step: 2, loss: Number.NaN },
      ],
      b: { nested: { list: [1, 2, 3], empty: [], none: undefined } },
      c: null,
    };
    const text = toJsonText(value);
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
    expect(text).toContain('\n    {"step":1,"loss":0.5},\n');
    expect(text).toContain('"list": [1,2,3]');
  });
});
