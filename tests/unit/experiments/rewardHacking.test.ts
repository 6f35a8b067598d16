/**
 * Reward hacking, with fixed seeds: against a reward model fit on permissive
 * annotators' labels, PPO without a KL penalty climbs the proxy while the gold grade
 * falls; at the default β the gold grade does not fall.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildPreferencePairs } from '../../../src/sim/data';
import { readVerdict, verdictGroup } from '../../../src/sim/eval/grader';
import {
  biasedLabels,
  runRewardHackingStudy,
  type RewardHackingResult,
} from '../../../src/sim/experiments/rewardHacking';
import { loadShippedCheckpoint } from '../helpers/shippedRun';

describe('reward hacking study', () => {
  const { config, checkpoint } = loadShippedCheckpoint('sft');
  let result: RewardHackingResult;

  beforeAll(() => {
    const gen = runRewardHackingStudy(config, checkpoint, { betas: [0, config.ppo.klCoef] });
    let next = gen.next();
    while (!next.done) next = gen.next();
    result = next.value;
  }, 300_000);

  it('the permissive annotator flips exactly the pairs whose rejected answer is more permissive', () => {
    const pairs = buildPreferencePairs();
    const permissive = biasedLabels(pairs, 'permissive');
    const flipped = pairs.filter((_, i) => permissive[i] === 0);
    expect(flipped.length).toBeGreaterThan(10);
    // Flipped exactly where the rejected answer lets the patient have the drug more.
    const rank = (text: string) => {
      const v = readVerdict(text).verdict;
      const group = v === null ? 'give-with-care' : verdictGroup(v);
      return { safe: 0, 'give-with-care': 1, 'do-not-give': 2 }[group];
    };
    pairs.forEach((p, i) => expect(permissive[i] === 0).toBe(rank(p.rejected) < rank(p.chosen)));
    const length = biasedLabels(pairs, 'length');
    pairs.forEach((p, i) => expect(length[i] === 1).toBe(p.chosen.length >= p.rejected.length));
    // The proxy learned the bias: it agrees with the biased labels more than with the truth.
    expect(result.proxyAccuracy.biased).toBeGreaterThan(result.proxyAccuracy.truth);
  });

  it('at β = 0 the proxy rises while the gold grade falls; at the default β gold does not fall', () => {
    const [free, penalised] = result.runs;
    const show = (r: (typeof result.runs)[number]) =>
      `β=${r.beta}: proxy ${r.start.proxy.toFixed(2)} → ${r.end.proxy.toFixed(2)}, gold ` +
      `${r.start.gold.toFixed(3)} → ${r.end.gold.toFixed(3)}, KL ${r.start.kl.toFixed(1)} → ${r.end.kl.toFixed(1)}`;
    console.log(`reward hacking (${result.bias}): ${show(free)}; ${show(penalised)}`);
    expect(free.beta).toBe(0);
    expect(free.end.proxy).toBeGreaterThan(free.start.proxy);
    expect(free.end.gold).toBeLessThan(free.start.gold);
    expect(penalised.end.gold).toBeGreaterThanOrEqual(penalised.start.gold);
    // The penalty is what held the policy back: it ends nearer the SFT model.
    expect(penalised.end.kl).toBeLessThan(free.end.kl);
  });

  it('refuses bad options', () => {
    const bad = (o: object, field: RegExp) =>
      expect(() => runRewardHackingStudy(config, checkpoint, o).next()).toThrow(field);
    bad({ betas: [] }, /betas/);
    bad({ betas: [-1] }, /betas\[0\]/);
    bad({ iterations: 1 }, /iterations/);
    bad({ bias: 'loud' }, /bias/);
    bad({ learningRate: 0 }, /learningRate/);
  });
});
