import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/sim/core/rng';
import { exactKl, klEstimates } from '../../../src/sim/rl';

describe('klEstimates', () => {
  it('matches hand-computed k1, k2, k3 (Schulman 2020)', () => {
    // π = 0.5, π_ref = 0.25 → log r = −ln 2
    // k1 = ln 2 = 0.693147…, k2 = ½ ln²2 = 0.240227…, k3 = (0.5 − 1) + ln 2 = 0.193147…
    // π = 0.25, π_ref = 0.5 → log r = ln 2
    // k1 = −ln 2, k2 = 0.240227…, k3 = (2 − 1) − ln 2 = 0.306853…
    const est = klEstimates([Math.log(0.5), Math.log(0.25)], [Math.log(0.25), Math.log(0.5)]);
    expect(est.k1[0]).toBeCloseTo(0.6931471805599453, 14);
    expect(est.k2[0]).toBeCloseTo(0.2402265069591007, 14);
    expect(est.k3[0]).toBeCloseTo(0.1931471805599453, 14);
    expect(est.k1[1]).toBeCloseTo(-0.6931471805599453, 14);
    expect(est.k2[1]).toBeCloseTo(0.2402265069591007, 14);
    expect(est.k3[1]).toBeCloseTo(0.3068528194400547, 14);
    expect(est.mean.k1).toBeCloseTo(0, 14);
    expect(est.mean.k2).toBeCloseTo(0.2402265069591007, 14);
    expect(est.mean.k3).toBeCloseTo(0.25, 14);
  });

  it('is 0 where the policy equals the reference, and k3 is never negative', () => {
    const same = klEstimates([-1, -2, -3], [-1, -2, -3]);
    expect(Array.from(same.k1)).toEqual([0, 0, 0]);
    expect(Array.from(same.k3)).toEqual([0, 0, 0]);
    const rng = createRng(3);
    const lp = Array.from({ length: 200 }, () => -3 * rng.uniform());
    const lr = Array.from({ length: 200 }, () => -3 * rng.uniform());
    const { k2, k3 } = klEstimates(lp, lr);
    expect(Math.min(...k3)).toBeGreaterThanOrEqual(0);
    expect(Math.min(...k2)).toBeGreaterThanOrEqual(0);
  });

  it('k1 and k3 are unbiased: their sample means approach the exact KL', () => {
    const p = [0.5, 0.3, 0.15, 0.05];
    const q = [0.25, 0.25, 0.25, 0.25];
    const kl = exactKl(p.map(Math.log), q.map(Math.log));
    const rng = createRng(11);
    const n = 40_000;
    const lp = new Float64Array(n);
    const lq = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const x = rng.categorical(p);
      lp[i] = Math.log(p[x]);
      lq[i] = Math.log(q[x]);
    }
    const { mean } = klEstimates(lp, lq);
    expect(Math.abs(mean.k1 - kl)).toBeLessThan(0.01);
    expect(Math.abs(mean.k3 - kl)).toBeLessThan(0.01);
  });

  it('refuses bad input', () => {
    expect(() => klEstimates([], [])).toThrow(/logp is empty/);
    expect(() => klEstimates([-1, -2], [-1])).toThrow(/logpRef has length 1/);
    expect(() => klEstimates([NaN], [-1])).toThrow(/logp\[0\]/);
    expect(() => klEstimates([-1], [-Infinity])).toThrow(/logpRef\[0\]/);
  });
});

describe('exactKl', () => {
  it('matches known distributions', () => {
    // KL([½, ½] ‖ [0.9, 0.1]) = ½ ln(0.5/0.9) + ½ ln(0.5/0.1) = 0.5108256237659907
    expect(exactKl([Math.log(0.5), Math.log(0.5)], [Math.log(0.9), Math.log(0.1)])).toBeCloseTo(
      0.5108256237659907,
      12,
    );
    // KL([0.9, 0.1] ‖ [½, ½]) = ln 2 − H(0.9, 0.1) = 0.3680642071684971
    expect(exactKl([Math.log(0.9), Math.log(0.1)], [0, 0])).toBeCloseTo(0.3680642071684971, 12);
    // Uniform over 4 against a point mass-ish q: KL(uniform ‖ q) with logits (unnormalised).
    expect(exactKl([0, 0, 0, 0], [0, 0, 0, 0])).toBe(0);
    // Logits are shift-invariant.
    expect(exactKl([1, 2, 3], [0, 0, 5])).toBeCloseTo(exactKl([11, 12, 13], [-3, -3, 2]), 12);
  });

  it('is non-negative and asymmetric', () => {
    const rng = createRng(5);
    for (let t = 0; t < 50; t++) {
      const a = Array.from({ length: 6 }, () => 3 * rng.normal());
      const b = Array.from({ length: 6 }, () => 3 * rng.normal());
      expect(exactKl(a, b)).toBeGreaterThanOrEqual(0);
    }
    expect(exactKl([0, 2], [0, 0])).not.toBeCloseTo(exactKl([0, 0], [0, 2]), 3);
  });

  it('refuses bad input', () => {
    expect(() => exactKl([], [])).toThrow(/logitsP is empty/);
    expect(() => exactKl([0, 1], [0])).toThrow(/logitsQ has length 1/);
    expect(() => exactKl([0, NaN], [0, 0])).toThrow(/logitsP\[1\]/);
  });
});
