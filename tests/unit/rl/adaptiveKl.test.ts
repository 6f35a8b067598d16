import { describe, expect, it } from 'vitest';
import { AdaptiveKlController, FixedKlController } from '../../../src/sim/rl';

describe('AdaptiveKlController (Ziegler et al. 2019; TRL AdaptiveKLController)', () => {
  it('matches hand-computed updates with TRL defaults (β 0.2, target 6, horizon 10000)', () => {
    const c = new AdaptiveKlController(0.2, 6, 10_000);
    expect(c.beta).toBe(0.2);
    // KL 9: error = clip(9/6 − 1 = 0.5) = 0.2 → mult = 1 + 0.2·256/10000 = 1.00512
    expect(c.update(9, 256)).toBeCloseTo(0.2 * 1.00512, 15);
    expect(c.beta).toBeCloseTo(0.201024, 15);
    // KL 6.6: error 0.1 → mult 1.00256
    expect(c.update(6.6, 256)).toBeCloseTo(0.201024 * 1.00256, 15);
    // KL at target: unchanged
    const before = c.beta;
    expect(c.update(6, 256)).toBe(before);
    // KL 0 (or a negative k1 estimate): error clipped to −0.2 → mult 0.99488
    expect(c.update(-3, 256)).toBeCloseTo(before * 0.99488, 15);
  });

  it('steers β up while KL is above target and down while below', () => {
    const c = new AdaptiveKlController(0.1, 1, 100);
    for (let i = 0; i < 10; i++) c.update(3, 10);
    // Ten steps with the error clipped at +0.2: β = 0.1 · 1.02^10
    expect(c.beta).toBeCloseTo(0.1 * 1.02 ** 10, 14);
    const high = c.beta;
    for (let i = 0; i < 10; i++) c.update(0.5, 10);
    expect(c.beta).toBeLessThan(high);
  });

  it('refuses bad input', () => {
    expect(() => new AdaptiveKlController(0, 6, 100)).toThrow(/initBeta must be > 0/);
    expect(() => new AdaptiveKlController(0.1, 0, 100)).toThrow(/target must be > 0/);
    expect(() => new AdaptiveKlController(0.1, 6, -1)).toThrow(/horizon must be > 0/);
    expect(() => new AdaptiveKlController(NaN, 6, 100)).toThrow(/initBeta/);
    const c = new AdaptiveKlController(0.1, 6, 100);
    expect(() => c.update(NaN, 1)).toThrow(/currentKl/);
    expect(() => c.update(1, -1)).toThrow(/nSteps must be ≥ 0/);
    expect(() => c.update(1, 500)).toThrow(/nSteps must be < 5·horizon/);
    expect(c.beta).toBe(0.1);
  });
});

describe('FixedKlController', () => {
  it('keeps β whatever the KL', () => {
    const c = new FixedKlController(0.05);
    expect(c.update(100, 256)).toBe(0.05);
    expect(c.update(0, 256)).toBe(0.05);
    expect(c.beta).toBe(0.05);
    expect(new FixedKlController(0).beta).toBe(0);
    expect(() => new FixedKlController(-0.1)).toThrow(/beta must be ≥ 0/);
    expect(() => c.update(Infinity, 1)).toThrow(/currentKl/);
  });
});
