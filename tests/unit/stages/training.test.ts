import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type PipelineConfig } from '../../../src/sim/config';
import { Gpt, initParams } from '../../../src/sim/model/gpt';
import { createRng } from '../../../src/sim/core/rng';
import { pretrain } from '../../../src/sim/stages/pretrain';
import { preparePretrainData } from '../../../src/sim/stages/pretrainData';
import { collate, prepareSftData, sft } from '../../../src/sim/stages/sft';
import type { StageResult, StepMetrics } from '../../../src/sim/stages/types';

/** A small, fast configuration: the behaviour tested here does not depend on size. */
function small(seed = 1): PipelineConfig {
  const c = structuredClone(DEFAULT_CONFIG);
  c.seed = seed;
  c.model = { vocabSize: 300, contextLength: 128, width: 16, heads: 2, layers: 1 };
  c.data.phrasingsPerFact = 1;
  c.pretrain = { ...c.pretrain, steps: 12, batchSize: 2, evalEvery: 4, warmupSteps: 2 };
  c.sft = { ...c.sft, steps: 6, batchSize: 2, evalEvery: 3, warmupSteps: 1 };
  return c;
}

function drain<R>(gen: Generator<{ metrics: StepMetrics }, R>): {
  metrics: StepMetrics[];
  result: R;
} {
  const metrics: StepMetrics[] = [];
  let next = gen.next();
  while (!next.done) {
    metrics.push(next.value.metrics);
    next = gen.next();
  }
  return { metrics, result: next.value };
}

/** Every metric except wall-clock timing. */
const deterministicPart = (ms: StepMetrics[]) => ms.map(({ timing: _timing, ...rest }) => rest);

describe('determinism', () => {
  it('the same seed gives identical metrics and weights; another seed does not', () => {
    const a = drain(pretrain(small(1)));
    const b = drain(pretrain(small(1)));
    const c = drain(pretrain(small(2)));
    expect(deterministicPart(a.metrics)).toEqual(deterministicPart(b.metrics));
    expect(Array.from(a.result.checkpoint.params)).toEqual(Array.from(b.result.checkpoint.params));
    expect(deterministicPart(c.metrics)).not.toEqual(deterministicPart(a.metrics));
    const sa = drain(sft(small(1), a.result.checkpoint));
    const sb = drain(sft(small(1), b.result.checkpoint));
    expect(deterministicPart(sa.metrics)).toEqual(deterministicPart(sb.metrics));
  });
});

describe('metrics', () => {
  it('reports every field each step and held-out loss at the evaluation interval', () => {
    const { metrics, result } = drain(pretrain(small()));
    expect(result.status).toBe('completed');
    expect(metrics).toHaveLength(12);
    for (const m of metrics) {
      for (const v of [m.loss, m.perplexity, m.learningRate, m.gradNorm, m.tokensSeen]) {
        expect(Number.isFinite(v)).toBe(true);
      }
      expect(m.perplexity).toBeCloseTo(Math.exp(m.loss), 6);
    }
    expect(metrics.filter((m) => m.heldOutLoss !== undefined).map((m) => m.step)).toEqual([
      1, 4, 8, 12,
    ]);
    expect(metrics[11].tokensSeen).toBe(12 * 2 * 128);
  });
});

describe('divergence', () => {
  it('a learning rate that blows up ends with "diverged at step N", never NaN metrics', () => {
    const c = small();
    c.pretrain = { ...c.pretrain, learningRate: 1, steps: 60, warmupSteps: 0, gradClip: 0 };
    const { metrics, result } = drain(pretrain(c));
    expect(result.status).toBe('diverged');
    expect(result.message).toMatch(/^diverged at step \d+: .*learning rate 1 is probably too high/);
    expect(result.divergedAtStep).toBeGreaterThan(0);
    expect(metrics.length).toBeLessThan(60);
    for (const m of metrics)
      expect(Number.isFinite(m.loss) && Number.isFinite(m.gradNorm)).toBe(true);
    expect(result.checkpoint.params.every((x) => Number.isFinite(x))).toBe(true);
  });
});

describe('SFT loss masking', () => {
  const config = small();
  const data = preparePretrainData(config);
  const sftData = prepareSftData(config, data.tokenizer);

  it('counts only response tokens (and the closing end-of-turn)', () => {
    const example = sftData.train[0];
    const counted = example.targets.filter((t) => t !== -1).length;
    const responseTokens = data.tokenizer.encode(example.pair.response).length;
    expect(counted).toBe(responseTokens + 1);
  });

  it('changing the targets of prompt positions leaves the loss unchanged', () => {
    const model = new Gpt(config.model, initParams(config.model, createRng(4)));
    const examples = sftData.train.slice(0, 2);
    const batch = collate(examples);
    model.forward(batch.tokens, batch.B, batch.T);
    const masked = model.lossAndLogitGrad(batch.targets, false).loss;

    // What the ignored targets would have been: the next prompt token.
    const unmaskedTargets = Int32Array.from(batch.targets);
    const scrambled = Int32Array.from(batch.targets);
    for (let b = 0; b < batch.B; b++) {
      const inputs = examples[b].inputs;
      for (let t = 0; t < inputs.length; t++) {
        const i = b * batch.T + t;
        if (batch.targets[i] === -1) {
          unmaskedTargets[i] = t + 1 < inputs.length ? inputs[t + 1] : -1;
          scrambled[i] = -1; // stays ignored, whatever the prompt says
        }
      }
    }
    model.forward(batch.tokens, batch.B, batch.T);
    expect(model.lossAndLogitGrad(scrambled, false).loss).toBe(masked);

    // Replace the prompt tokens themselves with other text: the targets counted do
    // not include them, so only their influence through attention remains (control:
    // counting prompt targets gives a different loss).
    model.forward(batch.tokens, batch.B, batch.T);
    expect(model.lossAndLogitGrad(unmaskedTargets, false).loss).not.toBeCloseTo(masked, 3);
  });
});

describe('stage results', () => {
  it('checkpoints are plain transferable data and SFT starts from the pretrained weights', () => {
    const pre: StageResult = drain(pretrain(small())).result;
    expect(pre.checkpoint.params).toBeInstanceOf(Float32Array);
    expect(structuredClone(pre.checkpoint).params).toEqual(pre.checkpoint.params);
    const tuned = drain(sft(small(), pre.checkpoint)).result;
    expect(tuned.checkpoint.stage).toBe('sft');
    expect(tuned.checkpoint.params).not.toEqual(pre.checkpoint.params);
    const other = structuredClone(small());
    other.model.width = 32;
    expect(() => sft(other, pre.checkpoint).next()).toThrow(/must match the pretrained checkpoint/);
  });
});
