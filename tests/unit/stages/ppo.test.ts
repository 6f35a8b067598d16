/**
 * PPO: the minibatch gradient against finite differences; from the shipped SFT
 * checkpoint, the default run raises the reward model's score and the gold grade on
 * held-out prompts with a bounded KL; DPO's gold grade is not below SFT's; same seed →
 * same numbers; bad inputs refused.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { gradCheck } from '../../../src/sim/core/gradcheck';
import { createRng } from '../../../src/sim/core/rng';
import { Gpt, initParams } from '../../../src/sim/model/gpt';
import { ScalarHead } from '../../../src/sim/model/scalarHead';
import {
  ppo,
  ppoLossAndGrad,
  type PpoEvent,
  type PpoOptions,
  type PpoResult,
  type PpoSample,
} from '../../../src/sim/stages/ppo';
import { dpo } from '../../../src/sim/stages/dpo';
import { compareModels } from '../../../src/sim/eval/compareModels';
import {
  rewardModelFromResult,
  trainRewardModel,
  type RewardModel,
  type RewardResult,
} from '../../../src/sim/stages/reward';
import { BpeTokenizer } from '../../../src/sim/text';
import { loadShippedCheckpoint } from '../helpers/shippedRun';

function drain<E, R>(gen: Generator<E, R>): { events: E[]; result: R } {
  const events: E[] = [];
  let next = gen.next();
  while (!next.done) {
    events.push(next.value);
    next = gen.next();
  }
  return { events, result: next.value };
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('PPO minibatch gradient', () => {
  it('matches central finite differences (policy trunk and value head)', () => {
    // vocabSize 260 so the padding token (<|endoftext|> = 256) is in the vocabulary.
    const cfg = { vocabSize: 260, contextLength: 10, width: 8, heads: 2, layers: 1 };
    const rng = createRng(5);
    const params = initParams(cfg, rng.stream('init'));
    for (let i = 0; i < params.length; i++) params[i] += rng.normal() * 0.3;
    const policy = new Gpt(cfg, params);
    const head = ScalarHead.init(cfg.width, rng.stream('head'));
    const pc = { cliprange: 0.2, cliprangeValue: 0.2, vfCoef: 0.5, temperature: 0.7 };
    const base = [
      { promptIds: [1, 2, 3], response: [4, 5, 6] },
      { promptIds: [7, 8], response: [9, 10, 11, 12, 13] },
    ];
    // Old log-probs and values placed so that some tokens are clipped, some not, and
    // none sits near a kink (finite differences cannot cross one).
    const probe = ppoLossAndGrad(
      policy,
      head,
      base.map((b) => ({
        ...b,
        oldLogp: new Float64Array(b.response.length),
        oldValues: new Float64Array(b.response.length),
        advantages: new Float64Array(b.response.length),
        returns: new Float64Array(b.response.length),
      })),
      pc,
    );
    expect(probe.tokens).toBe(8);
    const offsets = [-0.6, 0.05, 0.5, -0.05];
    const samples: PpoSample[] = base.map((b, s) => {
      const seq = [...b.promptIds, ...b.response];
      const { logits } = policy.forward(seq, 1, seq.length);
      const V = cfg.vocabSize;
      const logp = b.response.map((tok, j) => {
        const row = b.promptIds.length - 1 + j;
        let max = -Infinity;
        for (let v = 0; v < V; v++) max = Math.max(max, logits[row * V + v]);
        let z = 0;
        for (let v = 0; v < V; v++) z += Math.exp((logits[row * V + v] - max) / pc.temperature);
        return (logits[row * V + tok] - max) / pc.temperature - Math.log(z);
      });
      const values = head.forward(
        policy.forward(seq, 1, seq.length).hidden,
        b.response.map((_, j) => b.promptIds.length - 1 + j),
      );
      return {
        ...b,
        oldLogp: logp.map((lp, j) => lp + offsets[(j + s) % 4]),
        oldValues: Array.from(values, (v, j) => v + offsets[(j + s + 1) % 4]),
        advantages: b.response.map((_, j) => (j % 2 === 0 ? 1.3 : -0.8)),
        returns: Array.from(values, (v, j) => v + (j % 2 === 0 ? 1 : -1)),
      };
    });
    const f = () => ppoLossAndGrad(policy, head, samples, pc).loss;
    const first = ppoLossAndGrad(policy, head, samples, pc);
    expect(first.sums.clipped).toBeGreaterThan(0);
    expect(first.sums.clipped).toBeLessThan(first.tokens);
    const trunkGrad = Float32Array.from(policy.grads);
    const headGrad = Float32Array.from(head.grads);
    const onHead = gradCheck(f, head.params, headGrad, { step: 1e-3 });
    expect(onHead.maxRelativeError, JSON.stringify(onHead.worst)).toBeLessThan(2e-2);
    const onTrunk = gradCheck(f, policy.params, trunkGrad, {
      samples: 300,
      rng: createRng(12),
      step: 1e-3,
      floor: 1e-3,
    });
    expect(onTrunk.maxRelativeError, JSON.stringify(onTrunk.worst)).toBeLessThan(3e-2);
  });
});

describe('PPO and DPO from the shipped SFT checkpoint (default configuration)', () => {
  const { config, checkpoint } = loadShippedCheckpoint('sft');
  const tokenizer = BpeTokenizer.fromJSON(checkpoint.tokenizer);
  let reward: RewardResult;
  let rm: RewardModel;
  let run: { events: PpoEvent[]; result: PpoResult };

  beforeAll(() => {
    reward = drain(trainRewardModel(config, checkpoint)).result;
    rm = rewardModelFromResult(reward, config.model);
    run = drain(ppo(config, checkpoint, rm, { snapshotAt: [15] }));
  }, 300_000);

  it('the reward model ranks held-out pairs with accuracy ≥ 0.8', () => {
    console.log(`reward model held-out accuracy ${reward.finalHeldOut!.accuracy.toFixed(3)}`);
    expect(reward.finalHeldOut!.accuracy).toBeGreaterThanOrEqual(0.8);
  });

  it('rewards are normalised on the SFT policy: the first rollouts average near 0', () => {
    const first = run.events[0].metrics;
    expect(Math.abs(first.score)).toBeLessThan(1.5);
    expect(first.klK1).toBeCloseTo(0, 5); // nothing has been updated yet
  });

  it('raises the reward-model score and the gold grade on held-out prompts, KL bounded', () => {
    const { before, after } = run.result.heldOut;
    const rmBefore = mean(before.map((a) => a.score));
    const rmAfter = mean(after.map((a) => a.score));
    const goldBefore = mean(before.map((a) => a.goldScore));
    const goldAfter = mean(after.map((a) => a.goldScore));
    const last = run.result.metrics[run.result.metrics.length - 1];
    console.log(
      `PPO held-out (${before.length} prompts): RM ${rmBefore.toFixed(3)} → ${rmAfter.toFixed(3)}, ` +
        `gold ${goldBefore.toFixed(3)} → ${goldAfter.toFixed(3)}; final KL k1 ${last.klK1.toFixed(2)}, ` +
        `k3 ${last.klK3.toFixed(2)} nats per response`,
    );
    expect(run.result.status).toBe('completed');
    expect(rmAfter).toBeGreaterThan(rmBefore + 0.2);
    expect(goldAfter).toBeGreaterThan(goldBefore);
    // Bounded: with β = 0 the KL passes 15 nats within 15 iterations (rewardHacking test).
    for (const m of run.result.metrics) {
      expect(m.klK3).toBeGreaterThanOrEqual(0);
      expect(m.klK3).toBeLessThan(12);
    }
  });

  it('reports every metric finite, and snapshots of the seed queries', () => {
    for (const m of run.result.metrics)
      for (const v of Object.values(m)) expect(Number.isFinite(v)).toBe(true);
    expect(run.result.snapshots.map((s) => s.iteration)).toEqual([0, 15, 30]);
    expect(run.result.snapshots[0].answers.length).toBeGreaterThanOrEqual(6);
    const trace = run.events[3].trace;
    expect(trace.logProb.length).toBe(trace.tokens.length);
    expect(trace.advantage.length).toBe(trace.tokens.length);
    expect(trace.reward[trace.reward.length - 1]).not.toBe(0);
  });

  it('on the evaluation set, PPO grades above SFT and DPO level with it; both KLs finite', () => {
    const d = drain(dpo(config, checkpoint)).result;
    const models = {
      sft: new Gpt(config.model, checkpoint.params),
      ppo: new Gpt(config.model, run.result.checkpoint.params),
      dpo: new Gpt(config.model, d.checkpoint.params),
    };
    const c = compareModels(models, tokenizer, { rewardModel: rm });
    const g = (k: keyof typeof models) => c.models[k].meanGold;
    console.log(
      `eval set (${c.models.sft.items} facts) gold: SFT ${g('sft').toFixed(3)}, PPO ${g('ppo').toFixed(3)}, ` +
        `DPO ${g('dpo').toFixed(3)}; DPO held-out implicit-reward accuracy ` +
        `${d.finalHeldOut!.rewardAccuracy.toFixed(3)}, KL ${d.finalKl.sequence.toFixed(2)}; ` +
        `Elo ${JSON.stringify(c.elo)}`,
    );
    expect(d.finalHeldOut!.rewardAccuracy).toBeGreaterThan(0.75);
    expect(g('ppo')).toBeGreaterThan(g('sft'));
    // "Not below SFT" up to the grader's resolution: one item's full grade is 1/62 ≈ 0.016.
    expect(g('dpo')).toBeGreaterThanOrEqual(g('sft') - 1 / c.models.sft.items);
    expect(c.models.ppo.meanReward!).toBeGreaterThan(c.models.sft.meanReward!);
    expect(Number.isFinite(d.finalKl.sequence) && d.finalKl.sequence > 0).toBe(true);
  });

  it('same seed → identical metrics (a short run, twice)', () => {
    const opts: PpoOptions = { iterations: 2, rolloutsPerIteration: 4, evalEvery: 2 };
    const a = drain(ppo(config, checkpoint, rm, opts)).result;
    const b = drain(ppo(config, checkpoint, rm, opts)).result;
    expect(b.metrics).toEqual(a.metrics);
    expect(b.checkpoint.params).toEqual(a.checkpoint.params);
  });

  it('refuses bad inputs with a message naming the field', () => {
    const bad = (o: PpoOptions, field: RegExp) =>
      expect(() => ppo(config, checkpoint, rm, o).next()).toThrow(field);
    bad({ cliprange: 0 }, /cliprange/);
    bad({ cliprange: -0.1 }, /cliprange/);
    bad({ lam: 1.5 }, /lam/);
    bad({ gamma: -0.1 }, /gamma/);
    bad({ learningRate: Number.NaN }, /learningRate/);
    bad({ iterations: 0 }, /iterations/);
    bad({ minibatches: 99 }, /minibatches/);
    bad({ prompts: { train: [], heldOut: [] } }, /no training prompts/);
    bad({ maxNewTokens: 500 }, /maxNewTokens/);
  });
});
