import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/sim/core/rng';
import { gradCheck } from '../../../src/sim/core/gradcheck';
import { Gpt, initParams, parameterCount, paramLayout } from '../../../src/sim/model/gpt';

const cfg = { vocabSize: 11, contextLength: 6, width: 8, heads: 2, layers: 2 };

function tinyModel(seed = 3) {
  const rng = createRng(seed);
  const params = initParams(cfg, rng.stream('init'));
  // Larger-than-GPT-2 weights so every path carries a visible gradient.
  for (let i = 0; i < params.length; i++) params[i] += rng.normal() * 0.3;
  return new Gpt(cfg, params);
}

describe('tiny GPT', () => {
  it('whole-model loss gradient matches central finite differences', () => {
    const model = tinyModel();
    const B = 2;
    const T = 5;
    const tokens = [1, 4, 2, 9, 0, 3, 3, 10, 5, 7];
    const targets = [4, 2, 9, 0, -1, 3, 10, 5, 7, 1];
    model.lossAndGrad(tokens, targets, B, T);
    const analytic = Float32Array.from(model.grads);
    const f = () => {
      model.forward(tokens, B, T);
      return model.lossAndLogitGrad(targets).loss;
    };
    const result = gradCheck(f, model.params, analytic, {
      samples: 400,
      rng: createRng(9),
      step: 1e-2,
    });
    expect(result.checked).toBe(400);
    expect(result.maxRelativeError, JSON.stringify(result.worst)).toBeLessThan(3e-2);
  });

  it('a gradient from the hidden states (a scalar head) also matches finite differences', () => {
    const model = tinyModel(5);
    const tokens = [1, 2, 3, 4];
    const w = Float32Array.from({ length: 4 * cfg.width }, (_, i) => Math.sin(i));
    const f = () => {
      const { hidden } = model.forward(tokens, 1, 4);
      let s = 0;
      for (let i = 0; i < w.length; i++) s += hidden[i] * w[i];
      return s;
    };
    f();
    model.zeroGrad();
    model.backward(false, w);
    const analytic = Float32Array.from(model.grads);
    // Parameters with no true gradient (embeddings of absent tokens) show float32 noise
    // of ~1e-4 numerically, hence the absolute floor.
    const result = gradCheck(f, model.params, analytic, {
      samples: 300,
      rng: createRng(2),
      floor: 1e-2,
    });
    expect(result.maxRelativeError, JSON.stringify(result.worst)).toBeLessThan(3e-2);
  });

  it('uses GPT-2 initialisation and ties the output layer to the token embedding', () => {
    const big = { vocabSize: 300, contextLength: 32, width: 64, heads: 4, layers: 4 };
    const params = initParams(big, createRng(1));
    const layout = paramLayout(big);
    const std = (name: string) => {
      const t = layout.find((x) => x.name === name)!;
      let s = 0;
      for (let i = t.offset; i < t.offset + t.size; i++) s += params[i] * params[i];
      return Math.sqrt(s / t.size);
    };
    expect(std('wte')).toBeCloseTo(0.02, 3);
    expect(std('fcw')).toBeCloseTo(0.02, 3);
    expect(std('fcprojw')).toBeCloseTo(0.02 / Math.sqrt(8), 3);
    expect(std('attprojw')).toBeCloseTo(0.02 / Math.sqrt(8), 3);
    expect(std('qkvb')).toBe(0);
    expect(std('lnfw')).toBe(1);
    // No separate output matrix: V·C appears once.
    const C = 64;
    const perLayer = 12 * C * C + 13 * C;
    expect(parameterCount(big)).toBe(300 * C + 32 * C + 4 * perLayer + 2 * C);
    // At initialisation the loss is close to ln V (near-uniform predictions).
    const model = new Gpt(big, params);
    model.forward([1, 2, 3], 1, 3);
    const { loss } = model.lossAndLogitGrad([2, 3, 4]);
    expect(loss).toBeGreaterThan(Math.log(300) - 0.1);
    expect(loss).toBeLessThan(Math.log(300) + 0.1);
  });

  it('refuses sequences longer than the context and tokens outside the vocabulary', () => {
    const model = tinyModel();
    expect(() => model.forward([1, 2, 3, 4, 5, 6, 7], 1, 7)).toThrow(/sequence length 7/);
    expect(() => model.forward([1, 11], 1, 2)).toThrow(/token 11/);
  });
});
