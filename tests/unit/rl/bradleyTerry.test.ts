import { describe, expect, it } from 'vitest';
import {
  bradleyTerryLoss,
  bradleyTerryMarginGradient,
  bradleyTerryProbability,
  logSigmoid,
  sigmoid,
  softplus,
} from '../../../src/sim/rl';

describe('logistic helpers', () => {
  it('match the textbook values and stay finite at the extremes', () => {
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(2)).toBeCloseTo(0.8807970779778823, 15);
    expect(sigmoid(-2)).toBeCloseTo(0.11920292202211755, 15);
    expect(sigmoid(-800)).toBeGreaterThanOrEqual(0);
    expect(sigmoid(800)).toBe(1);
    expect(softplus(0)).toBeCloseTo(Math.LN2, 15);
    expect(softplus(1000)).toBe(1000);
    expect(softplus(-1000)).toBe(0);
    expect(logSigmoid(-1000)).toBe(-1000);
  });
});

describe('bradleyTerryLoss', () => {
  it('is log 2 at zero margin and −log σ(margin) otherwise (hand-computed)', () => {
    expect(bradleyTerryLoss(0.3, 0.3)).toBeCloseTo(Math.LN2, 15);
    // −log σ(1) = log(1 + e^{−1}) = 0.31326168751822286
    expect(bradleyTerryLoss(1.5, 0.5)).toBeCloseTo(0.31326168751822286, 14);
    // −log σ(−1) = 1.3132616875182228
    expect(bradleyTerryLoss(0.5, 1.5)).toBeCloseTo(1.3132616875182228, 14);
  });

  it('averages over pairs', () => {
    expect(bradleyTerryLoss([1.5, 0.5, 2], [0.5, 1.5, 2])).toBeCloseTo(
      (0.31326168751822286 + 1.3132616875182228 + Math.LN2) / 3,
      14,
    );
    expect(bradleyTerryLoss(Float64Array.of(1), Float32Array.of(0))).toBeCloseTo(
      0.31326168751822286,
      7,
    );
  });

  it('is stable for huge margins (softplus, not log of 0)', () => {
    expect(bradleyTerryLoss(0, 1000)).toBe(1000);
    expect(bradleyTerryLoss(1000, 0)).toBe(0);
    expect(Number.isFinite(bradleyTerryLoss(-1e6, 1e6))).toBe(true);
  });

  it('refuses bad input with a message naming the argument', () => {
    expect(() => bradleyTerryLoss([], [])).toThrow(/rChosen is empty/);
    expect(() => bradleyTerryLoss([1, 2], [1])).toThrow(RangeError);
    expect(() => bradleyTerryLoss([1, 2], [1])).toThrow(/rRejected has length 1/);
    expect(() => bradleyTerryLoss(NaN, 0)).toThrow(/rChosen/);
    expect(() => bradleyTerryLoss([0, Infinity], [0, 0])).toThrow(/rChosen\[1\]/);
    expect(() => bradleyTerryLoss(1, [0])).toThrow(/rRejected must be a number/);
  });
});

describe('bradleyTerryProbability', () => {
  it('is σ(r_A − r_B)', () => {
    expect(bradleyTerryProbability(1, 1)).toBe(0.5);
    expect(bradleyTerryProbability(2, 0)).toBeCloseTo(0.8807970779778823, 15);
    expect(bradleyTerryProbability(0, 2)).toBeCloseTo(0.11920292202211755, 15);
    expect(() => bradleyTerryProbability(0, NaN)).toThrow(/rB/);
  });
});

describe('bradleyTerryMarginGradient', () => {
  it('is −σ(−margin) and matches a finite difference of the loss', () => {
    expect(bradleyTerryMarginGradient(0)).toBe(-0.5);
    for (const m of [-3, -0.4, 0.7, 5]) {
      const h = 1e-6;
      const fd = (bradleyTerryLoss(m + h, 0) - bradleyTerryLoss(m - h, 0)) / (2 * h);
      expect(bradleyTerryMarginGradient(m)).toBeCloseTo(fd, 8);
      expect(bradleyTerryMarginGradient(m)).toBeCloseTo(-1 / (1 + Math.exp(m)), 14);
    }
    expect(() => bradleyTerryMarginGradient(Infinity)).toThrow(/margin/);
  });
});
