import { describe, expect, it } from 'vitest';
import { finitePoints, lttb, prepareSeries } from '../../src/components/chart/downsample';

describe('finitePoints', () => {
  it('drops NaN and infinities in y and x, and counts them', () => {
    const result = finitePoints([0, 1, 2, 3, Number.NaN], [1, Number.NaN, Infinity, 4, 5]);
    expect(result).toEqual({ x: [0, 3], y: [1, 4], dropped: 3 });
  });

  it('drops non-positive values on a log axis', () => {
    expect(finitePoints([0, 1, 2], [0, -1, 2], true)).toEqual({ x: [2], y: [2], dropped: 2 });
  });

  it('keeps string categories and ignores the longer array’s extra values', () => {
    expect(finitePoints(['a', 'b', 'c'], Float32Array.from([1, 2]))).toEqual({
      x: ['a', 'b'],
      y: [1, 2],
      dropped: 0,
    });
  });
});

describe('lttb', () => {
  const n = 10_000;
  const x = Array.from({ length: n }, (_, i) => i);
  const y = x.map((i) => Math.sin(i / 300) + (i === 5000 ? 10 : 0));

  it('returns exactly `threshold` points, keeping the first and the last', () => {
    const out = lttb(x, y, 600);
    expect(out.x).toHaveLength(600);
    expect(out.x[0]).toBe(0);
    expect(out.x[599]).toBe(n - 1);
  });

  it('keeps x ascending and picks points of the original series', () => {
    const out = lttb(x, y, 600);
    for (let i = 1; i < out.x.length; i++) expect(out.x[i]).toBeGreaterThan(out.x[i - 1]);
    out.x.forEach((xi, i) => expect(out.y[i]).toBe(y[xi]));
  });

  it('keeps a single-point spike that every-k-th sampling would miss', () => {
    expect(lttb(x, y, 600).y).toContain(y[5000]);
  });

  it('returns a copy when the series is already short enough', () => {
    const out = lttb([1, 2, 3], [4, 5, 6], 600);
    expect(out).toEqual({ x: [1, 2, 3], y: [4, 5, 6] });
  });
});

describe('prepareSeries', () => {
  it('cleans then thins long numeric series to at most maxPoints', () => {
    const x = Array.from({ length: 5000 }, (_, i) => i);
    const y = x.map((i) => (i % 100 === 0 ? Number.NaN : i));
    const out = prepareSeries(x, y, 600);
    expect(out.x).toHaveLength(600);
    expect(out.dropped).toBe(50);
    expect(out.y.every(Number.isFinite)).toBe(true);
  });

  it('does not thin categories', () => {
    const x = Array.from({ length: 700 }, (_, i) => `c${i}`);
    expect(
      prepareSeries(
        x,
        x.map(() => 1),
        600,
      ).x,
    ).toHaveLength(700);
  });
});
