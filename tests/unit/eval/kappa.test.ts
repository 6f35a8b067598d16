import { describe, expect, it } from 'vitest';
import { fleissKappa } from '../../../src/sim/eval/kappa';

// The worked example of Wikipedia's "Fleiss' kappa" article: 10 items, 5 categories,
// 14 raters per item; published P̄ = 0.378, P̄_e = 0.213, κ = 0.210.
const WIKIPEDIA = [
  [0, 0, 0, 0, 14],
  [0, 2, 6, 4, 2],
  [0, 0, 3, 5, 6],
  [0, 3, 9, 2, 0],
  [2, 2, 8, 1, 1],
  [7, 7, 0, 0, 0],
  [3, 2, 6, 3, 0],
  [2, 5, 3, 2, 2],
  [6, 5, 2, 1, 0],
  [0, 2, 2, 3, 7],
];

describe('fleissKappa', () => {
  it('reproduces the published Wikipedia example (κ ≈ 0.210)', () => {
    const k = fleissKappa(WIKIPEDIA);
    expect(k).toBeCloseTo(0.21, 3);
    // Exactly: P̄ = 0.378021978…, P̄_e = 0.212755102…
    const pBar = 0.37802197802197807;
    const pe = 0.2127551020408163;
    expect(k).toBeCloseTo((pBar - pe) / (1 - pe), 12);
  });

  it('is 1 for perfect agreement', () => {
    expect(
      fleissKappa([
        [3, 0, 0],
        [0, 3, 0],
        [0, 0, 3],
        [3, 0, 0],
      ]),
    ).toBeCloseTo(1, 15);
    // Every rating in one category: 0/0 by the formula, 1 by the documented convention.
    expect(
      fleissKappa([
        [5, 0],
        [5, 0],
      ]),
    ).toBe(1);
  });

  it('is −1 when two raters always disagree on a balanced binary task', () => {
    // P_i = 0 for every item; p = (½, ½) so P̄_e = ½ → κ = (0 − ½)/(1 − ½) = −1
    expect(
      fleissKappa([
        [1, 1],
        [1, 1],
        [1, 1],
      ]),
    ).toBeCloseTo(-1, 15);
  });

  it('refuses bad input', () => {
    expect(() => fleissKappa([])).toThrow(/no items/);
    expect(() => fleissKappa([[]])).toThrow(/no categories/);
    expect(() => fleissKappa([[1, 1], [2]])).toThrow(/counts\[1\] must have 2 categories/);
    expect(() =>
      fleissKappa([
        [1, 1],
        [2, 1],
      ]),
    ).toThrow(/counts\[1\] sums to 3/);
    expect(() =>
      fleissKappa([
        [1, 0],
        [0, 1],
      ]),
    ).toThrow(/at least 2 raters/);
    expect(() =>
      fleissKappa([
        [1, -1, 2],
        [1, 1, 0],
      ]),
    ).toThrow(/counts\[0\]\[1\]/);
    expect(() => fleissKappa([[1.5, 0.5]])).toThrow(/whole number/);
    expect(() => fleissKappa([[NaN, 2]])).toThrow(RangeError);
  });
});
