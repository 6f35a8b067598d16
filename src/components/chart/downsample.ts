/**
 * Pure helpers that make a series safe and light to draw: drop points Plotly must
 * never see (NaN, ±Infinity, and non-positive values on a log axis), then thin long
 * series with Largest-Triangle-Three-Buckets (Steinarsson 2013), which keeps the
 * points that shape the curve, spikes included, unlike taking every k-th point.
 */

export interface Points<X extends number | string = number | string> {
  x: X[];
  y: number[];
}

/** The drawable points of (x, y), and how many were dropped. Extra x or y values are ignored. */
export function finitePoints<X extends number | string>(
  x: ArrayLike<X>,
  y: ArrayLike<number>,
  positiveOnly = false,
): Points<X> & { dropped: number } {
  const n = Math.min(x.length, y.length);
  const out: Points<X> = { x: [], y: [] };
  for (let i = 0; i < n; i++) {
    const xi = x[i];
    const yi = y[i];
    const xOk = typeof xi === 'string' || Number.isFinite(xi);
    if (xOk && Number.isFinite(yi) && (!positiveOnly || yi > 0)) {
      out.x.push(xi);
      out.y.push(yi);
    }
  }
  return { ...out, dropped: n - out.x.length };
}

/**
 * Largest-Triangle-Three-Buckets: `threshold` points of (x, y) that keep its visual
 * shape; the first and last points are always kept. x must be ascending.
 */
export function lttb(
  x: readonly number[],
  y: readonly number[],
  threshold: number,
): Points<number> {
  const n = x.length;
  if (threshold >= n || threshold < 3) return { x: x.slice(), y: y.slice() };
  const out: Points<number> = { x: [x[0]], y: [y[0]] };
  const bucketSize = (n - 2) / (threshold - 2);
  let a = 0;
  for (let i = 0; i < threshold - 2; i++) {
    // Average of the next bucket: the third corner of the triangle.
    const avgStart = Math.floor((i + 1) * bucketSize) + 1;
    const avgEnd = Math.min(Math.floor((i + 2) * bucketSize) + 1, n);
    let avgX = 0;
    let avgY = 0;
    for (let j = avgStart; j < avgEnd; j++) {
      avgX += x[j];
      avgY += y[j];
    }
    const count = Math.max(1, avgEnd - avgStart);
    avgX /= count;
    avgY /= count;

    // In this bucket, the point that makes the largest triangle with a and the average.
    const start = Math.floor(i * bucketSize) + 1;
    const end = Math.floor((i + 1) * bucketSize) + 1;
    let best = start;
    let bestArea = -1;
    for (let j = start; j < end; j++) {
      const area = Math.abs((x[a] - avgX) * (y[j] - y[a]) - (x[a] - x[j]) * (avgY - y[a]));
      if (area > bestArea) {
        bestArea = area;
        best = j;
      }
    }
    out.x.push(x[best]);
    out.y.push(y[best]);
    a = best;
  }
  out.x.push(x[n - 1]);
  out.y.push(y[n - 1]);
  return out;
}

/** Drawable, thinned points: numeric x is downsampled to at most `maxPoints`; categories are not. */
export function prepareSeries(
  x: ArrayLike<number> | readonly string[],
  y: ArrayLike<number>,
  maxPoints: number,
  positiveOnly = false,
): Points & { dropped: number } {
  const clean = finitePoints<number | string>(x, y, positiveOnly);
  if (clean.x.length <= maxPoints || clean.x.some((v) => typeof v === 'string')) return clean;
  const thinned = lttb(clean.x as number[], clean.y, maxPoints);
  return { ...thinned, dropped: clean.dropped };
}
