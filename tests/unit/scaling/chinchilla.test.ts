import { describe, expect, it } from 'vitest';
import {
  CHINCHILLA_TABLE3,
  chinchillaLoss,
  chinchillaOptimal,
  chinchillaOptimalApproach3,
  gpuHours,
  trainingFlops,
} from '../../../src/sim/scaling';

// Rows of Hoffmann et al. 2022, Table 3 (parameters, FLOPs, tokens), written out
// independently of the table in the source.
const TABLE3 = [
  [400e6, 1.92e19, 8.0e9],
  [1e9, 1.21e20, 20.2e9],
  [10e9, 1.23e22, 205.1e9],
  [67e9, 5.76e23, 1.5e12],
  [175e9, 3.85e24, 3.7e12],
  [280e9, 9.9e24, 5.9e12],
  [520e9, 3.43e25, 11.0e12],
  [1e12, 1.27e26, 21.2e12],
  [10e12, 1.3e28, 216.2e12],
] as const;

describe('Table 3 of Hoffmann et al. 2022', () => {
  it('is what the source holds, and each row obeys C ≈ 6ND (within 5%)', () => {
    expect(CHINCHILLA_TABLE3.map((r) => [r.params, r.flops, r.tokens])).toEqual(TABLE3);
    for (const [n, c, d] of TABLE3)
      expect(Math.abs(trainingFlops(n, d) / c - 1)).toBeLessThan(0.05);
  });
});

describe('chinchillaOptimal (Table 3 / approach 1)', () => {
  it("gives Gopher's budget 5.76e23 FLOPs → about 67B parameters and 1.5T tokens", () => {
    const { params, tokens } = chinchillaOptimal(5.76e23);
    expect(Math.abs(params / 67e9 - 1)).toBeLessThan(0.1);
    expect(Math.abs(tokens / 1.5e12 - 1)).toBeLessThan(0.1);
    expect(trainingFlops(params, tokens)).toBeCloseTo(5.76e23, -18);
  });

  it('follows every row of Table 3 within 10% and keeps about 20 tokens per parameter', () => {
    for (const [n, c, d] of TABLE3) {
      const opt = chinchillaOptimal(c);
      expect(Math.abs(opt.params / n - 1)).toBeLessThan(0.1);
      expect(Math.abs(opt.tokens / d - 1)).toBeLessThan(0.1);
      expect(opt.tokens / opt.params).toBeGreaterThan(19);
      expect(opt.tokens / opt.params).toBeLessThan(22);
      // The paper's own rows: 20 to 22.4 tokens per parameter.
      expect(d / n).toBeGreaterThan(19.9);
      expect(d / n).toBeLessThan(22.5);
    }
  });

  it('doubles parameters and tokens together when compute quadruples (a = b = 0.5)', () => {
    const a = chinchillaOptimal(1e22);
    const b = chinchillaOptimal(4e22);
    expect(b.params / a.params).toBeCloseTo(2, 12);
    expect(b.tokens / a.tokens).toBeCloseTo(2, 12);
  });
});

describe('chinchillaOptimalApproach3 (closed form of the parametric fit)', () => {
  it('gives about 32B parameters and 3.0T tokens at 5.76e23 FLOPs — not Table 3', () => {
    // G = (0.34·406.4 / (0.28·410.7))^{1/0.62} = 1.3448…, N = G·(9.6e22)^{0.28/0.62}
    const { params, tokens } = chinchillaOptimalApproach3(5.76e23);
    expect(params / 1e9).toBeCloseTo(32.19, 1);
    expect(tokens / 1e12).toBeCloseTo(2.982, 2);
    expect(params).toBeLessThan(0.6 * chinchillaOptimal(5.76e23).params);
  });

  it('minimises chinchillaLoss along the compute budget 6ND = C', () => {
    for (const c of [1e20, 5.76e23, 1e26]) {
      const { params } = chinchillaOptimalApproach3(c);
      const best = chinchillaLoss(params, c / (6 * params));
      for (const f of [0.8, 0.95, 1.05, 1.25]) {
        const n = params * f;
        expect(chinchillaLoss(n, c / (6 * n))).toBeGreaterThan(best);
      }
    }
  });
});

describe('chinchillaLoss (approach 3: E + A/N^α + B/D^β)', () => {
  it('matches hand-computed values: Chinchilla below Gopher', () => {
    // 1.69 + 406.4/(70e9)^0.34 + 410.7/(1.4e12)^0.28 ≈ 1.9366
    expect(chinchillaLoss(70e9, 1.4e12)).toBeCloseTo(1.93665, 4);
    // 1.69 + 406.4/(280e9)^0.34 + 410.7/(300e9)^0.28 ≈ 1.9933
    expect(chinchillaLoss(280e9, 300e9)).toBeCloseTo(1.99326, 4);
    expect(chinchillaLoss(70e9, 1.4e12)).toBeLessThan(chinchillaLoss(280e9, 300e9));
  });

  it('decreases in N and in D and approaches E = 1.69', () => {
    let prev = Infinity;
    for (const n of [1e6, 1e8, 1e10, 1e12]) {
      const l = chinchillaLoss(n, 1e11);
      expect(l).toBeLessThan(prev);
      prev = l;
    }
    prev = Infinity;
    for (const d of [1e6, 1e8, 1e10, 1e12]) {
      const l = chinchillaLoss(1e9, d);
      expect(l).toBeLessThan(prev);
      prev = l;
    }
    expect(chinchillaLoss(1e30, 1e30)).toBeGreaterThan(1.69);
    expect(chinchillaLoss(1e30, 1e30)).toBeCloseTo(1.69, 4);
  });

  it('refuses bad input', () => {
    expect(() => chinchillaLoss(0, 1e9)).toThrow(/params must be a finite number > 0/);
    expect(() => chinchillaLoss(1e9, -1)).toThrow(/tokens/);
    expect(() => chinchillaLoss(NaN, 1e9)).toThrow(/params/);
    expect(() => chinchillaOptimal(0)).toThrow(/flops/);
    expect(() => chinchillaOptimal(Infinity)).toThrow(/flops/);
    expect(() => chinchillaOptimalApproach3(-5)).toThrow(/flops/);
  });
});

describe('gpuHours', () => {
  it('is C / (peak · utilisation) / 3600', () => {
    // Gopher's budget on A100s (312 TFLOP/s bf16) at 40% utilisation:
    // 5.76e23 / 1.248e14 / 3600 = 1.2821e6 GPU-hours
    expect(gpuHours(5.76e23, 312e12, 0.4)).toBeCloseTo(1_282_051.28, 1);
    expect(gpuHours(3600, 1, 1)).toBe(1);
  });

  it('refuses bad input', () => {
    expect(() => gpuHours(1e20, 312e12, 0)).toThrow(/utilisation/);
    expect(() => gpuHours(1e20, 312e12, 1.5)).toThrow(/utilisation must be ≤ 1/);
    expect(() => gpuHours(1e20, -1, 0.5)).toThrow(/peakFlopsPerGpu/);
    expect(() => gpuHours(NaN, 1, 0.5)).toThrow(/flops/);
  });
});
