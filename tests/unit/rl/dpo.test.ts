import { describe, expect, it } from 'vitest';
import {
  bradleyTerryLoss,
  dpoGradientScale,
  dpoImplicitReward,
  dpoLoss,
  dpoRewardStats,
} from '../../../src/sim/rl';

describe('dpoLoss (Rafailov et al. 2023, eq. 7)', () => {
  it('matches a hand-computed pair', () => {
    // h = (−10 − (−11)) − (−12 − (−11)) = 1 − (−1) = 2; β·h = 0.2
    // −log σ(0.2) = log(1 + e^{−0.2}) = 0.5981388693815918
    expect(dpoLoss(-10, -12, -11, -11, 0.1)).toBeCloseTo(0.5981388693815918, 14);
    // Reversed preference: −log σ(−0.2) = 0.7981388693815918
    expect(dpoLoss(-12, -10, -11, -11, 0.1)).toBeCloseTo(0.7981388693815918, 14);
  });

  it('is log 2 when the policy is the reference', () => {
    expect(dpoLoss([-5, -7], [-6, -3], [-5, -7], [-6, -3], 0.1)).toBeCloseTo(Math.LN2, 15);
  });

  it('is the Bradley–Terry loss on the implicit rewards, averaged over pairs', () => {
    const pc = [-10, -20, -8];
    const pr = [-12, -19, -9];
    const rc = [-11, -21, -8.5];
    const rr = [-11, -18, -9.5];
    const beta = 0.5;
    const chosen = dpoImplicitReward(pc, rc, beta);
    const rejected = dpoImplicitReward(pr, rr, beta);
    expect(dpoLoss(pc, pr, rc, rr, beta)).toBeCloseTo(bradleyTerryLoss(chosen, rejected), 14);
  });

  it('refuses bad input', () => {
    expect(() => dpoLoss(-1, -1, -1, -1, 0)).toThrow(/beta must be > 0/);
    expect(() => dpoLoss(-1, -1, -1, -1, NaN)).toThrow(/beta/);
    expect(() => dpoLoss([], [], [], [], 0.1)).toThrow(/piChosen is empty/);
    expect(() => dpoLoss([-1], [-1], [-1, -2], [-1], 0.1)).toThrow(/refChosen has length 2/);
    expect(() => dpoLoss([-1], [NaN], [-1], [-1], 0.1)).toThrow(/piRejected\[0\]/);
    expect(() => dpoLoss(-1, [-1], -1, -1, 0.1)).toThrow(/piRejected must be a number/);
  });
});

describe('DPO implicit rewards and gradient scale', () => {
  it('computes β(log π − log π_ref)', () => {
    expect(dpoImplicitReward(-10, -11, 0.1)).toBeCloseTo(0.1, 15);
    const r = dpoImplicitReward([-10, -12], [-11, -11], 0.1);
    expect(r).toBeInstanceOf(Float64Array);
    expect(r[0]).toBeCloseTo(0.1, 15);
    expect(r[1]).toBeCloseTo(-0.1, 15);
  });

  it('gradient scale σ(−βh) gives the finite-difference gradients ∓β·scale', () => {
    const args = [-10, -12, -11, -11.5] as const;
    const beta = 0.3;
    const scale = dpoGradientScale(...args, beta);
    // h = 1 − (−0.5) = 1.5 → σ(−0.45) = 0.3893608…
    expect(scale).toBeCloseTo(1 / (1 + Math.exp(0.45)), 14);
    const h = 1e-6;
    const dChosen =
      (dpoLoss(args[0] + h, args[1], args[2], args[3], beta) -
        dpoLoss(args[0] - h, args[1], args[2], args[3], beta)) /
      (2 * h);
    const dRejected =
      (dpoLoss(args[0], args[1] + h, args[2], args[3], beta) -
        dpoLoss(args[0], args[1] - h, args[2], args[3], beta)) /
      (2 * h);
    expect(dChosen).toBeCloseTo(-beta * scale, 8);
    expect(dRejected).toBeCloseTo(beta * scale, 8);
    const arr = dpoGradientScale([args[0]], [args[1]], [args[2]], [args[3]], beta);
    expect(arr[0]).toBeCloseTo(scale, 15);
  });

  it('reward stats follow TRL rewards/chosen, rejected, margins, accuracies', () => {
    // pair 0: chosen 0.1, rejected −0.1; pair 1: chosen −0.2, rejected 0.0
    const s = dpoRewardStats([-10, -7], [-12, -5], [-11, -5], [-11, -5], 0.1);
    expect(s.chosen).toBeCloseTo(-0.05, 14);
    expect(s.rejected).toBeCloseTo(-0.05, 14);
    expect(s.margin).toBeCloseTo(0, 14);
    expect(s.accuracy).toBe(0.5);
    expect(() => dpoRewardStats([], [], [], [], 0.1)).toThrow(/empty/);
  });
});
