import { describe, expect, it } from 'vitest';
import { gae, whiten } from '../../../src/sim/rl';

describe('gae', () => {
  it('matches a hand-computed three-step example (γ = 0.9, λ = 0.8)', () => {
    // δ2 = 2 + 0 − 0.3 = 1.7                      A2 = 1.7
    // δ1 = 0 + 0.9·0.3 − 0.4 = −0.13              A1 = −0.13 + 0.72·1.7 = 1.094
    // δ0 = 1 + 0.9·0.4 − 0.5 = 0.86               A0 = 0.86 + 0.72·1.094 = 1.64768
    const { advantages, returns } = gae([1, 0, 2], [0.5, 0.4, 0.3], 0.9, 0.8);
    const expected = [1.64768, 1.094, 1.7];
    expected.forEach((a, i) => expect(advantages[i]).toBeCloseTo(a, 12));
    [2.14768, 1.494, 2.0].forEach((r, i) => expect(returns[i]).toBeCloseTo(r, 12));
    expect(advantages).toBeInstanceOf(Float64Array);
    expect(returns.length).toBe(3);
  });

  it('λ = 0 gives the one-step TD errors δ_t', () => {
    const r = [0.5, -1, 0, 3];
    const v = [0.2, 0.1, -0.4, 1];
    const g = 0.95;
    const { advantages } = gae(r, v, g, 0);
    r.forEach((rt, t) => {
      const delta = rt + g * (t + 1 < v.length ? v[t + 1] : 0) - v[t];
      expect(advantages[t]).toBeCloseTo(delta, 12);
    });
  });

  it('λ = 1 gives the discounted return minus V_t (Monte Carlo)', () => {
    const r = [0.5, -1, 0, 3];
    const v = [0.2, 0.1, -0.4, 1];
    const g = 0.9;
    const { advantages, returns } = gae(r, v, g, 1);
    for (let t = 0; t < r.length; t++) {
      let G = 0;
      for (let l = r.length - 1; l >= t; l--) G = r[l] + g * G;
      expect(returns[t]).toBeCloseTo(G, 12);
      expect(advantages[t]).toBeCloseTo(G - v[t], 12);
    }
  });

  it('treats the value after the last step as 0 (RLHF: reward at the last token)', () => {
    // One reward of 1 at the end, γ = λ = 1: every advantage is 1 − V_t.
    const { advantages } = gae([0, 0, 1], [0.3, 0.6, 0.9], 1, 1);
    expect(Array.from(advantages)).toEqual(
      [1 - 0.3, 1 - 0.6, 1 - 0.9].map((x) => expect.closeTo(x, 12)),
    );
  });

  it('refuses bad input', () => {
    expect(() => gae([], [], 0.9, 0.9)).toThrow(/rewards is empty/);
    expect(() => gae([1, 2], [1], 0.9, 0.9)).toThrow(/values has length 1/);
    expect(() => gae([NaN], [0], 0.9, 0.9)).toThrow(/rewards\[0\]/);
    expect(() => gae([1], [Infinity], 0.9, 0.9)).toThrow(/values\[0\]/);
    expect(() => gae([1], [0], 1.1, 0.9)).toThrow(/gamma must lie in \[0, 1\]/);
    expect(() => gae([1], [0], -0.1, 0.9)).toThrow(/gamma/);
    expect(() => gae([1], [0], 0.9, -0.01)).toThrow(/lambda must lie in \[0, 1\]/);
    expect(() => gae([1], [0], 0.9, 1.5)).toThrow(RangeError);
    expect(() => gae([1], [0], 0.9, NaN)).toThrow(/lambda/);
  });
});

describe('whiten', () => {
  it('gives mean 0 and (unbiased) std 1, same length, as TRL masked_whiten', () => {
    const xs = [1, 2, 3, 4, 10];
    const w = whiten(xs);
    expect(w.length).toBe(5);
    const mean = w.reduce((s, x) => s + x, 0) / w.length;
    const variance = w.reduce((s, x) => s + (x - mean) ** 2, 0) / (w.length - 1);
    expect(mean).toBeCloseTo(0, 12);
    expect(variance).toBeCloseTo(1, 6);
    // Hand: mean 4, unbiased variance (9+4+1+0+36)/4 = 12.5 → (1 − 4)/√12.5 = −0.848528…
    expect(w[0]).toBeCloseTo(-3 / Math.sqrt(12.5), 7);
  });

  it('maps a constant or single value to zeros instead of NaN', () => {
    expect(Array.from(whiten([5, 5, 5]))).toEqual([0, 0, 0]);
    expect(Array.from(whiten([7]))).toEqual([0]);
  });

  it('refuses bad input', () => {
    expect(() => whiten([])).toThrow(/xs is empty/);
    expect(() => whiten([1, NaN])).toThrow(/xs\[1\]/);
    expect(() => whiten([1, 2], 0)).toThrow(/epsilon must be > 0/);
  });
});
