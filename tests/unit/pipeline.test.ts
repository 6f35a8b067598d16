/**
 * The whole pipeline, all five stages, on a deliberately tiny configuration: it runs
 * end to end, reports every stage, and the same seed gives identical numbers (the
 * wall-clock figures excepted); a different seed does not.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type PipelineConfig } from '../../src/sim/config';
import { PIPELINE_STAGES, runPipeline, type PipelineResult } from '../../src/sim/pipeline';

const TINY: PipelineConfig = {
  ...DEFAULT_CONFIG,
  model: { vocabSize: 300, contextLength: 160, width: 16, heads: 2, layers: 1 },
  pretrain: { ...DEFAULT_CONFIG.pretrain, steps: 3, batchSize: 2, warmupSteps: 1, evalEvery: 3 },
  sft: { ...DEFAULT_CONFIG.sft, steps: 3, batchSize: 2, warmupSteps: 1, evalEvery: 3 },
  reward: { ...DEFAULT_CONFIG.reward, steps: 2, batchSize: 2 },
  ppo: { ...DEFAULT_CONFIG.ppo, iterations: 2, rolloutsPerIteration: 2 },
  dpo: { ...DEFAULT_CONFIG.dpo, steps: 2, batchSize: 2 },
};

function run(config: PipelineConfig): { result: PipelineResult; stagesSeen: string[] } {
  const gen = runPipeline(config);
  const stagesSeen: string[] = [];
  let next = gen.next();
  while (!next.done) {
    if (next.value.type === 'stage-end') stagesSeen.push(next.value.stage);
    next = gen.next();
  }
  return { result: next.value, stagesSeen };
}

/** The JSON without wall-clock figures (timing fields, "wall time" rows). */
function deterministicPart(json: Record<string, unknown>): string {
  return JSON.stringify(json, (key, value: unknown) => {
    if (key === 'timing') return undefined;
    if (key === 'summary' && Array.isArray(value))
      return (value as { label: string }[]).filter((r) => !/wall time/i.test(r.label));
    return value;
  });
}

describe('runPipeline (all stages, tiny configuration)', () => {
  it('runs every stage and is identical for the same seed', () => {
    const a = run(TINY);
    expect(a.stagesSeen).toEqual([...PIPELINE_STAGES]);
    expect(a.result.reward?.status).toBe('completed');
    expect(a.result.ppo?.metrics.length).toBe(2);
    expect(a.result.dpo?.metrics.length).toBe(2);
    expect(Object.keys(a.result.comparison!.models)).toEqual(['base', 'sft', 'ppo', 'dpo']);
    expect(a.result.sftVsPpo!.length).toBeGreaterThanOrEqual(6);
    const b = run(TINY);
    expect(deterministicPart(b.result.json)).toBe(deterministicPart(a.result.json));
    const c = run({ ...TINY, seed: 2 });
    expect(deterministicPart(c.result.json)).not.toBe(deterministicPart(a.result.json));
  }, 180_000);

  it('refuses an unknown stage', () => {
    expect(() => runPipeline(TINY, { stages: ['pretrain', 'rlhf' as 'ppo'] }).next()).toThrow(
      /unknown stage "rlhf"/,
    );
  });
});
