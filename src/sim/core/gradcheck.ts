/**
 * Central finite differences, to check an analytic gradient:
 *   ∂f/∂x_i ≈ (f(x + h·e_i) − f(x − h·e_i)) / 2h
 * Parameters are Float32, so h cannot be tiny; the comparison uses a relative error
 * with an absolute floor, |a − n| / max(|a| + |n|, floor).
 */
import type { Rng } from './rng';

export interface GradCheckResult {
  /** Largest relative error over the checked coordinates. */
  maxRelativeError: number;
  /** The coordinate with that error, with both gradients, for a useful failure message. */
  worst: { index: number; analytic: number; numeric: number };
  checked: number;
}

export interface GradCheckOptions {
  /** Step h (default 1e-2, suited to float32 buffers). */
  step?: number;
  /** Check at most this many coordinates, chosen with `rng` (default: all). */
  samples?: number;
  rng?: Rng;
  /** Floor on the denominator of the relative error (default 1e-3). */
  floor?: number;
}

/**
 * Compares `analytic` (∂f/∂x at the current x) with central differences of `f`, a
 * function that reads `x` (which is perturbed in place and restored).
 */
export function gradCheck(
  f: () => number,
  x: Float32Array,
  analytic: ArrayLike<number>,
  options: GradCheckOptions = {},
): GradCheckResult {
  const h = options.step ?? 1e-2;
  const floor = options.floor ?? 1e-3;
  let indices = Array.from({ length: x.length }, (_, i) => i);
  if (options.samples !== undefined && options.samples < x.length) {
    if (!options.rng) throw new Error('gradCheck: sampling coordinates needs an rng');
    indices = options.rng.shuffle(indices).slice(0, options.samples);
  }
  let worst = { index: -1, analytic: 0, numeric: 0 };
  let maxRelativeError = 0;
  for (const i of indices) {
    const original = x[i];
    x[i] = original + h;
    const plus = f();
    x[i] = original - h;
    const minus = f();
    x[i] = original;
    const numeric = (plus - minus) / (2 * h);
    const a = analytic[i];
    const rel = Math.abs(a - numeric) / Math.max(Math.abs(a) + Math.abs(numeric), floor);
    if (rel > maxRelativeError || worst.index < 0) {
      maxRelativeError = Math.max(rel, maxRelativeError);
      if (rel >= maxRelativeError) worst = { index: i, analytic: a, numeric };
    }
  }
  return { maxRelativeError, worst, checked: indices.length };
}
