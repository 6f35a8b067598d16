/**
 * The Worker's stage runner for every stage, on a tiny configuration: each stage starts
 * from the checkpoints it needs, reports its own kind of metrics and a summary, and a
 * stage started without its inputs reports an error instead of throwing.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type PipelineConfig } from '../../../src/sim/config';
import { buildDefaultRun } from '../../../src/worker/defaultRun';
import { TRAIN_STAGES, metricStep, type WorkerResponse } from '../../../src/worker/protocol';
import { createStageRunner, rewardModelFromCheckpoint } from '../../../src/worker/runStage';

const TINY: PipelineConfig = {
  ...DEFAULT_CONFIG,
  model: { vocabSize: 300, contextLength: 160, width: 16, heads: 2, layers: 1 },
  pretrain: { ...DEFAULT_CONFIG.pretrain, steps: 3, batchSize: 2, warmupSteps: 1, evalEvery: 3 },
  sft: { ...DEFAULT_CONFIG.sft, steps: 3, batchSize: 2, warmupSteps: 1, evalEvery: 3 },
  reward: { ...DEFAULT_CONFIG.reward, steps: 2, batchSize: 2 },
  ppo: { ...DEFAULT_CONFIG.ppo, iterations: 2, rolloutsPerIteration: 2 },
  dpo: { ...DEFAULT_CONFIG.dpo, steps: 2, batchSize: 2 },
};

describe('createStageRunner, every stage', () => {
  it('runs the five stages in order, each with its metrics, checkpoint and summary', () => {
    const { manifest, params } = buildDefaultRun(TINY);
    expect(Object.keys(manifest.stages)).toEqual([...TRAIN_STAGES]);
    const steps = (stage: (typeof TRAIN_STAGES)[number]) =>
      manifest.stages[stage].metrics.map(metricStep);
    expect(steps('pretrain')).toEqual([1, 2, 3]);
    expect(steps('reward')).toEqual([1, 2]);
    expect(steps('ppo')).toEqual([1, 2]);
    expect(steps('dpo')).toEqual([1, 2]);
    for (const stage of TRAIN_STAGES) {
      expect(manifest.stages[stage].status).toBe('completed');
      expect(params[stage].length).toBe(manifest.stages[stage].paramCount);
    }
    // The reward model travels with its head; PPO and DPO leave what their pages show.
    expect(manifest.stages.reward.head?.w.length).toBe(TINY.model.width);
    expect(manifest.stages.reward.summary.reward?.finalHeldOut).not.toBeNull();
    expect(manifest.stages.ppo.summary.ppo?.snapshots[0].iteration).toBe(0);
    expect(manifest.stages.ppo.summary.ppo?.lastTrace?.tokens.length).toBeGreaterThan(0);
    expect(manifest.stages.dpo.summary.dpo?.finalKl.sequence).toBeGreaterThanOrEqual(0);
    // No wall-clock figures in what is shipped.
    expect(JSON.stringify(manifest)).not.toContain('timing');
  }, 120_000);

  it('reports a missing input checkpoint as an error message, for each stage that needs one', () => {
    for (const stage of ['sft', 'reward', 'ppo', 'dpo'] as const) {
      const posted: WorkerResponse[] = [];
      const runner = createStageRunner(
        { type: 'start', runId: 'r', stage, config: TINY, bases: {} },
        (m) => posted.push(m),
      );
      expect(runner.slice()).toBe(false);
      expect(posted).toEqual([
        {
          type: 'error',
          runId: 'r',
          stage,
          message: expect.stringMatching(/needs the \w+ checkpoint/),
        },
      ]);
    }
  });

  it('refuses a reward checkpoint without its head', () => {
    const { checkpoint } = {
      checkpoint: {
        stage: 'sft' as const,
        config: TINY,
        params: new Float32Array(1),
        tokenizer: { version: 1 as const, merges: [] },
      },
    };
    expect(() => rewardModelFromCheckpoint(checkpoint)).toThrow(/no scalar head/);
  });
});
