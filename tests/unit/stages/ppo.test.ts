/**
 * PPO: the minibatch gradient against finite differences; on the evaluation set the
 * shipped PPO model grades above SFT and the DPO model level with it (the thresholds on
 * the run itself are in defaultRun.test.ts); same seed → same numbers; bad inputs
 * refused.
 */
import { describe, expect, it } from 'vitest';
import { gradCheck } from '../../../src/sim/core/gradcheck';
import { createRng } from '../../../src/sim/core/rng';
import { Gpt, initParams } from '../../../src/sim/model/gpt';
import { ScalarHead } from '../../../src/sim/model/scalarHead';
import { ppo, ppoLossAndGrad, type PpoOptions, type PpoSample } from '../../../src/sim/stages/ppo';
import { compareModels } from '../../../src/sim/eval/compareModels';
import { rewardModelFromCheckpoint } from '../../../src/worker/runStage';
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

describe('PPO and DPO of the shipped default run (checked by defaultRun.test.ts)', () => {
  const { config, checkpoint } = loadShippedCheckpoint('sft');
  const tokenizer = BpeTokenizer.fromJSON(checkpoint.tokenizer);
  const rm = rewardModelFromCheckpoint(loadShippedCheckpoint('reward').checkpoint);

  it('on the evaluation set, PPO grades above SFT and DPO level with it', () => {
    const models = {
      sft: new Gpt(config.model, checkpoint.params),
      ppo: new Gpt(config.model, loadShippedCheckpoint('ppo').checkpoint.params),
      dpo: new Gpt(config.model, loadShippedCheckpoint('dpo').checkpoint.params),
    };
    const c = compareModels(models, tokenizer, { rewardModel: rm });
    const g = (k: keyof typeof models) => c.models[k].meanGold;
    console.log(
      `eval set (${c.models.sft.items} facts) gold: SFT ${g('sft').toFixed(3)}, PPO ${g('ppo').toFixed(3)}, ` +
        `DPO ${g('dpo').toFixed(3)}; reward SFT ${c.models.sft.meanReward!.toFixed(2)}, PPO ` +
        `${c.models.ppo.meanReward!.toFixed(2)}, DPO ${c.models.dpo.meanReward!.toFixed(2)}; Elo ${JSON.stringify(c.elo)}`,
    );
    expect(g('ppo')).toBeGreaterThan(g('sft'));
    // "Not below SFT" up to the grader's resolution: one item's full grade is 1/62 ≈ 0.016.
    expect(g('dpo')).toBeGreaterThanOrEqual(g('sft') - 1 / c.models.sft.items);
    expect(c.models.ppo.meanReward!).toBeGreaterThan(c.models.sft.meanReward!);
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
