/**
 * The study runner: each Challenges study runs from the checkpoints it needs, reports
 * progress and a result, and a study missing a checkpoint reports an error message.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type PipelineConfig } from '../../../src/sim/config';
import type { Checkpoint } from '../../../src/sim/stages/types';
import { buildDefaultRun } from '../../../src/worker/defaultRun';
import type { StudyRequest, StudyResponse, TrainStage } from '../../../src/worker/protocol';
import { createStudyRunner } from '../../../src/worker/runStudy';
import { DISTRIBUTION_SHIFT_PHASES } from '../../../src/sim/experiments/distributionShift';
import { annotatorPairs } from '../../../src/sim/experiments/annotatorFit';
import { buildPreferencePairs } from '../../../src/sim/data';

const TINY: PipelineConfig = {
  ...DEFAULT_CONFIG,
  model: { vocabSize: 300, contextLength: 160, width: 16, heads: 2, layers: 1 },
  pretrain: { ...DEFAULT_CONFIG.pretrain, steps: 3, batchSize: 2, warmupSteps: 1, evalEvery: 3 },
  sft: { ...DEFAULT_CONFIG.sft, steps: 3, batchSize: 2, warmupSteps: 1, evalEvery: 3 },
  reward: { ...DEFAULT_CONFIG.reward, steps: 2, batchSize: 2 },
  ppo: { ...DEFAULT_CONFIG.ppo, iterations: 2, rolloutsPerIteration: 2 },
};

let bases: Partial<Record<TrainStage, Checkpoint>>;

beforeAll(() => {
  const built = buildDefaultRun(TINY, ['pretrain', 'sft', 'reward', 'ppo']);
  bases = {};
  for (const stage of ['sft', 'reward', 'ppo'] as const) {
    const s = built.manifest.stages[stage];
    bases[stage] = {
      stage,
      config: TINY,
      params: built.params[stage],
      tokenizer: s.tokenizer,
      ...(s.head ? { head: { ...s.head, w: Float32Array.from(s.head.w) } } : {}),
    };
  }
}, 120_000);

function run(study: StudyRequest, given = bases): StudyResponse[] {
  const posted: StudyResponse[] = [];
  const runner = createStudyRunner(
    { type: 'study', runId: 's', config: TINY, study, bases: given },
    (m) => posted.push(m),
  );
  while (runner.slice()) {
    /* keep going */
  }
  return posted;
}

describe('createStudyRunner', () => {
  it('runs the annotation and label-cost studies and posts their results', () => {
    const a = run({ kind: 'annotation', seed: 1, options: { noiseRates: [0, 0.5], repeats: 1 } });
    const done = a[a.length - 1];
    expect(done.type).toBe('study-done');
    if (done.type === 'study-done' && done.kind === 'annotation') {
      expect(done.result.points.map((p) => p.noise)).toEqual([0, 0.5]);
      expect(done.result.points[0].kappa).toBe(1);
    }
    const c = run({ kind: 'labelCost', seed: 1, options: { labelCounts: [8], repeats: 1 } });
    const last = c[c.length - 1];
    expect(last.type).toBe('study-done');
    if (last.type === 'study-done' && last.kind === 'labelCost') {
      expect(last.result.points[0].labels).toBe(8);
    }
  }, 60_000);

  it('reports progress per PPO iteration in the reward-hacking study', () => {
    const posted = run({
      kind: 'rewardHacking',
      seed: 1,
      options: { betas: [0, 0.2], iterations: 3, rolloutsPerIteration: 2 },
    });
    const done = posted[posted.length - 1];
    expect(done.type).toBe('study-done');
    if (done.type === 'study-done' && done.kind === 'rewardHacking') {
      expect(done.result.runs.map((r) => r.beta)).toEqual([0, 0.2]);
      expect(done.result.runs[0].points).toHaveLength(3);
    }
    for (const m of posted.filter((p) => p.type === 'study-progress')) {
      if (m.type === 'study-progress') expect(m.done).toBeLessThanOrEqual(m.total);
    }
  }, 60_000);

  it('steps through the distribution-shift study phase by phase, and says when answers cannot be judged', () => {
    const posted = run({
      kind: 'distributionShift',
      seed: 1,
      options: { pairsPerModel: 4, maxNewTokens: 8 },
    });
    const notes = [
      ...new Set(posted.flatMap((m) => (m.type === 'study-progress' ? [m.note] : []))),
    ];
    // Progress is posted once per 40 ms slice, so a fast phase may not be seen; those
    // seen are phases, in order.
    const phases: readonly string[] = DISTRIBUTION_SHIFT_PHASES;
    const order = notes.map((n) => phases.indexOf(n));
    expect(order.length).toBeGreaterThan(0);
    expect(order.every((k, i) => k >= 0 && (i === 0 || k > order[i - 1]))).toBe(true);
    // A 3-step model's answers all grade alike: the study says so instead of failing later.
    const last = posted[posted.length - 1];
    expect(last.type === 'study-error' ? last.message : last.type).toMatch(
      /could tell apart only \d+ pairs of SFT answers/,
    );
  }, 60_000);

  it('says which checkpoint is missing, and reports bad options as an error message', () => {
    const missing = run({ kind: 'distributionShift', seed: 1, options: {} }, { sft: bases.sft });
    expect(missing).toEqual([
      {
        type: 'study-error',
        runId: 's',
        kind: 'distributionShift',
        message: 'the distributionShift study needs the reward checkpoint',
      },
    ]);
    const bad = run({ kind: 'rewardHacking', seed: 1, options: { betas: [] } });
    expect(bad[bad.length - 1]).toMatchObject({ type: 'study-error', message: /betas/ });
  });

  it('fits the Reward Model page’s annotator labels, and names a malformed label', () => {
    const shown = annotatorPairs(buildPreferencePairs(), 1).shown;
    const labels = shown.slice(0, 4).map((p) => ({ pairId: p.id, preferred: p.expert }));
    const posted = run({ kind: 'annotator', seed: 1, options: { labels } });
    const done = posted[posted.length - 1];
    expect(done.type).toBe('study-done');
    if (done.type === 'study-done' && done.kind === 'annotator') {
      expect(done.result.agreement).toEqual({ agree: 4, labelled: 4, rate: 1 });
      expect(done.result.outcomes.map((o) => o.id)).toEqual(labels.map((l) => l.pairId));
    }
    const bad = run({
      kind: 'annotator',
      seed: 1,
      options: { labels: [...labels, { pairId: shown[5].id, preferred: 'C' as 'A' }] },
    });
    expect(bad).toEqual([
      {
        type: 'study-error',
        runId: 's',
        kind: 'annotator',
        message: `label 5 (pair '${shown[5].id}'): the preferred answer must be 'A' or 'B', got "C"`,
      },
    ]);
  }, 60_000);
});
