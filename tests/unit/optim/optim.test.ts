import { describe, expect, it } from 'vitest';
import { AdamW, clipGradNorm, learningRateAt, learningRateSchedule } from '../../../src/sim/optim';
import type { ParamTensor } from '../../../src/sim/model/gpt';

const layout: ParamTensor[] = [
  { name: 'w', offset: 0, size: 2, shape: [2], decay: true },
  { name: 'b', offset: 2, size: 1, shape: [1], decay: false },
];

describe('AdamW', () => {
  it('matches a hand computation of the first two steps (β1 0.9, β2 0.95, ε 1e-8)', () => {
    const params = Float32Array.of(1, -2, 0.5);
    const opt = new AdamW(layout, 3, { weightDecay: 0.1 });
    const lr = 0.01;
    opt.step(params, Float32Array.of(0.2, -0.4, 1), lr);
    // Step 1: m̂ = g, v̂ = g², so the Adam update is sign(g) (up to ε); decay only on w.
    expect(params[0]).toBeCloseTo(1 - lr * (1 + 0.1 * 1), 6);
    expect(params[1]).toBeCloseTo(-2 - lr * (-1 + 0.1 * -2), 6);
    expect(params[2]).toBeCloseTo(0.5 - lr * 1, 6);
    // Step 2 with g = 0.1 on the bias: m = 0.9·0.1·1 + 0.1·0.1 ... computed explicitly.
    const before = params[2];
    opt.step(params, Float32Array.of(0, 0, 0.1), lr);
    const m = 0.9 * (0.1 * 1) + 0.1 * 0.1;
    const v = 0.95 * (0.05 * 1) + 0.05 * 0.01;
    const update = m / (1 - 0.9 ** 2) / (Math.sqrt(v / (1 - 0.95 ** 2)) + 1e-8);
    expect(params[2]).toBeCloseTo(before - lr * update, 6);
    expect(opt.beta1).toBe(0.9);
    expect(opt.beta2).toBe(0.95);
    expect(opt.eps).toBe(1e-8);
  });
});

describe('learning-rate schedule', () => {
  it('warms up linearly, peaks, then decays by a cosine to the floor at the last step', () => {
    const steps = 100;
    const lrs = learningRateSchedule(steps, 1e-3, 10, 0.1);
    expect(lrs[0]).toBeCloseTo(1e-4, 12);
    expect(lrs[4]).toBeCloseTo(5e-4, 12);
    expect(lrs[9]).toBeCloseTo(1e-3, 12);
    expect(lrs[10]).toBeCloseTo(1e-3, 12);
    expect(lrs[99]).toBeCloseTo(1e-4, 12);
    // halfway through the decay: floor + (peak − floor)/2
    expect(learningRateAt(10 + 89 / 2, steps, 1e-3, 10, 0.1)).toBeCloseTo(5.5e-4, 10);
    for (let i = 11; i < steps; i++) expect(lrs[i]).toBeLessThanOrEqual(lrs[i - 1]);
  });
});

describe('gradient clipping', () => {
  it('scales the global norm down to the limit and reports the norm before clipping', () => {
    const g = Float32Array.of(3, 4);
    expect(clipGradNorm(g, 1)).toBeCloseTo(5, 6);
    expect(g[0]).toBeCloseTo(0.6, 6);
    expect(g[1]).toBeCloseTo(0.8, 6);
    const small = Float32Array.of(0.3, 0.4);
    clipGradNorm(small, 1);
    expect(Array.from(small)).toEqual([Math.fround(0.3), Math.fround(0.4)]);
    const off = Float32Array.of(30, 40);
    expect(clipGradNorm(off, 0)).toBeCloseTo(50, 4);
    expect(off[0]).toBe(30);
  });
});
