/**
 * Distribution shift study: it samples judged pairs from both models, measures the
 * reward model on each, refits after one round of labelling, and is deterministic.
 * (A short PPO run against a probe reward model stands in for the pipeline's PPO.)
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { KNOWLEDGE_BASE, buildPpoPrompts, buildPreferencePairs } from '../../../src/sim/data';
import { runDistributionShiftStudy } from '../../../src/sim/experiments/distributionShift';
import { extractPairFeatures, fitRewardProbe } from '../../../src/sim/experiments/rewardProbe';
import { Gpt } from '../../../src/sim/model/gpt';
import { ScalarHead } from '../../../src/sim/model/scalarHead';
import { ppo } from '../../../src/sim/stages/ppo';
import type { RewardModel } from '../../../src/sim/stages/reward';
import { BpeTokenizer } from '../../../src/sim/text';
import { loadShippedCheckpoint } from '../helpers/shippedRun';

describe('distribution shift study', () => {
  const { config, checkpoint } = loadShippedCheckpoint('sft');
  const prompts = buildPpoPrompts(KNOWLEDGE_BASE, 1).train;
  let rm: RewardModel;
  let policyParams: Float32Array;

  beforeAll(() => {
    const trunk = new Gpt(config.model, Float32Array.from(checkpoint.params));
    const tokenizer = BpeTokenizer.fromJSON(checkpoint.tokenizer);
    const pairs = buildPreferencePairs();
    const probe = fitRewardProbe(
      extractPairFeatures(trunk, tokenizer, pairs),
      pairs.map(() => 1),
    );
    rm = { trunk, head: ScalarHead.fromWeights(probe.w, probe.b), offset: 0 };
    const gen = ppo(config, checkpoint, rm, { iterations: 4, rolloutsPerIteration: 8 });
    let next = gen.next();
    while (!next.done) next = gen.next();
    policyParams = next.value.checkpoint.params;
  }, 120_000);

  it('measures the reward model on SFT and policy outputs, before and after labelling', () => {
    const options = { seed: 3, pairsPerModel: 24 };
    const r = runDistributionShiftStudy(
      checkpoint,
      policyParams,
      rm,
      prompts,
      KNOWLEDGE_BASE,
      options,
    );
    console.log(
      `distribution shift: ${JSON.stringify({ rm: r.rewardModel, al: r.activeLearning, n: r.counts })}`,
    );
    expect(r.counts.sftTest).toBeGreaterThan(0);
    expect(r.counts.policyTest).toBeGreaterThan(0);
    expect(r.activeLearning.labelsAdded).toBe(r.counts.policyPool);
    for (const a of [r.rewardModel, r.activeLearning.before, r.activeLearning.after]) {
      for (const v of [a.sft, a.policy]) expect(v >= 0 && v <= 1).toBe(true);
    }
    // Every example is a judged pair of two different policy answers.
    for (const p of r.examples) {
      expect(p.source).toBe('model-output');
      expect(p.chosen).not.toBe(p.rejected);
    }
    const again = runDistributionShiftStudy(
      checkpoint,
      policyParams,
      rm,
      prompts,
      KNOWLEDGE_BASE,
      options,
    );
    expect(again).toEqual(r);
  });

  it('refuses bad inputs', () => {
    expect(() =>
      runDistributionShiftStudy(checkpoint, policyParams, rm, [], KNOWLEDGE_BASE, { seed: 1 }),
    ).toThrow(/no prompts/);
    expect(() =>
      runDistributionShiftStudy(checkpoint, policyParams, rm, prompts, KNOWLEDGE_BASE, {
        seed: 1,
        pairsPerModel: 2,
      }),
    ).toThrow(/pairsPerModel/);
    expect(() =>
      runDistributionShiftStudy(checkpoint, new Float32Array(3), rm, prompts, KNOWLEDGE_BASE, {
        seed: 1,
      }),
    ).toThrow(/shape/);
  });
});
