import { describe, expect, it } from 'vitest';
import {
  clipFraction,
  clippedValueLoss,
  isClipped,
  ppoClipGradient,
  ppoClipObjective,
  ppoClipObjectiveMean,
} from '../../../src/sim/rl';

// Hand-computed cases of min(r·A, clip(r, 0.8, 1.2)·A) with ε = 0.2.
const CASES = [
  { r: 1.5, a: 2, value: 2.4, clipped: true }, // min(3, 2.4): capped gain
  { r: 0.5, a: 2, value: 1.0, clipped: false }, // min(1, 1.6): the loss is kept
  { r: 0.5, a: -1, value: -0.8, clipped: true }, // min(−0.5, −0.8)
  { r: 1.5, a: -1, value: -1.5, clipped: false }, // min(−1.5, −1.2)
  { r: 1.1, a: 1, value: 1.1, clipped: false }, // inside the trust region
  { r: 1.0, a: 0, value: 0, clipped: false },
  { r: 1.3, a: 1, value: 1.2, clipped: true }, // min(1.3, 1.2): just past 1 + ε
  { r: 0.7, a: -1, value: -0.8, clipped: true }, // min(−0.7, −0.8): just below 1 − ε
] as const;

describe('ppoClipObjective', () => {
  it('matches hand-computed values of eq. 7 (Schulman et al. 2017)', () => {
    for (const { r, a, value } of CASES) expect(ppoClipObjective(r, a, 0.2)).toBeCloseTo(value, 14);
  });

  it('works elementwise on arrays, and its mean is ppoClipObjectiveMean', () => {
    const r = CASES.map((c) => c.r);
    const a = CASES.map((c) => c.a);
    const out = ppoClipObjective(r, a, 0.2);
    expect(out).toBeInstanceOf(Float64Array);
    CASES.forEach((c, i) => expect(out[i]).toBeCloseTo(c.value, 14));
    const mean = CASES.reduce((s, c) => s + c.value, 0) / CASES.length;
    expect(ppoClipObjectiveMean(r, a, 0.2)).toBeCloseTo(mean, 14);
  });

  it('equals r·A inside [1−ε, 1+ε]', () => {
    for (const r of [0.81, 0.95, 1, 1.05, 1.19]) {
      for (const a of [-2, 0.5, 3]) expect(ppoClipObjective(r, a, 0.2)).toBeCloseTo(r * a, 14);
    }
  });

  it('refuses bad input', () => {
    expect(() => ppoClipObjective(1, 1, 0)).toThrow(/epsilon must be > 0/);
    expect(() => ppoClipObjective(1, 1, -0.2)).toThrow(/epsilon/);
    expect(() => ppoClipObjective(NaN, 1, 0.2)).toThrow(/ratio/);
    expect(() => ppoClipObjective(-1, 1, 0.2)).toThrow(/ratio must be ≥ 0/);
    expect(() => ppoClipObjective(1, Infinity, 0.2)).toThrow(/advantage/);
    expect(() => ppoClipObjective([1, 1], [1], 0.2)).toThrow(/advantage has length 1/);
    expect(() => ppoClipObjectiveMean([], [], 0.2)).toThrow(/ratio is empty/);
  });
});

describe('isClipped, clipFraction and ppoClipGradient', () => {
  it('flag exactly the tokens whose gradient the clip removes', () => {
    for (const { r, a, clipped } of CASES) {
      expect(isClipped(r, a, 0.2)).toBe(clipped);
      expect(ppoClipGradient(r, a, 0.2)).toBe(clipped ? 0 : a);
    }
    const r = CASES.map((c) => c.r);
    const a = CASES.map((c) => c.a);
    expect(clipFraction(r, a, 0.2)).toBeCloseTo(4 / 8, 15);
  });

  it('agree with a finite difference of the objective', () => {
    for (const { r, a } of CASES) {
      const h = 1e-7;
      const fd = (ppoClipObjective(r + h, a, 0.2) - ppoClipObjective(r - h, a, 0.2)) / (2 * h);
      expect(ppoClipGradient(r, a, 0.2)).toBeCloseTo(fd, 6);
    }
  });

  it('refuse bad input', () => {
    expect(() => isClipped(1, 1, 0)).toThrow(/epsilon/);
    expect(() => clipFraction([1], [1, 2], 0.2)).toThrow(/length/);
  });
});

describe('clippedValueLoss', () => {
  it('matches a hand-computed example (TRL: 0.5·mean(max(unclipped², clipped²)))', () => {
    // V = [1, 0], V_old = [0.5, 0.5], R = [2, 0], ε = 0.2
    // token 0: (1−2)² = 1, clip(1, 0.3, 0.7) = 0.7 → (0.7−2)² = 1.69 → 1.69
    // token 1: (0−0)² = 0, clip(0, 0.3, 0.7) = 0.3 → 0.09 → 0.09
    // 0.5 · (1.69 + 0.09)/2 = 0.445
    expect(clippedValueLoss([1, 0], [0.5, 0.5], [2, 0], 0.2)).toBeCloseTo(0.445, 14);
  });

  it('is half the squared error when the value stays within ε of the old one', () => {
    expect(clippedValueLoss([0.55], [0.5], [1.55], 0.2)).toBeCloseTo(0.5, 14);
  });

  it('refuses bad input', () => {
    expect(() => clippedValueLoss([], [], [], 0.2)).toThrow(/values is empty/);
    expect(() => clippedValueLoss([1], [1], [1, 2], 0.2)).toThrow(/returns has length 2/);
    expect(() => clippedValueLoss([1], [NaN], [1], 0.2)).toThrow(/oldValues\[0\]/);
    expect(() => clippedValueLoss([1], [1], [1], 0)).toThrow(/epsilon must be > 0/);
  });
});
