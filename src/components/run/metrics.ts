/**
 * Numbers the pages quote from a run's metric series. Pure; a missing or
 * non-finite value is null, never NaN, so nothing prints "NaN".
 */
import type { StepMetrics } from '../../sim';

/** Steps averaged for the "final" training loss: one batch is noisy. */
export const FINAL_WINDOW = 10;

export interface HeldOutPoint {
  step: number;
  loss: number;
}

export function heldOutPoints(metrics: readonly StepMetrics[]): HeldOutPoint[] {
  const points: HeldOutPoint[] = [];
  for (const m of metrics) {
    if (m.heldOutLoss !== undefined && Number.isFinite(m.heldOutLoss)) {
      points.push({ step: m.step, loss: m.heldOutLoss });
    }
  }
  return points;
}

/** The latest held-out evaluation. */
export function lastHeldOut(metrics: readonly StepMetrics[]): HeldOutPoint | null {
  for (let i = metrics.length - 1; i >= 0; i--) {
    const loss = metrics[i].heldOutLoss;
    if (loss !== undefined && Number.isFinite(loss)) return { step: metrics[i].step, loss };
  }
  return null;
}

/** Mean training loss over the last `window` steps (null without finite values). */
export function finalTrainLoss(
  metrics: readonly StepMetrics[],
  window = FINAL_WINDOW,
): number | null {
  const tail = metrics.slice(-window).filter((m) => Number.isFinite(m.loss));
  if (tail.length === 0) return null;
  return tail.reduce((sum, m) => sum + m.loss, 0) / tail.length;
}

export function firstTrainLoss(metrics: readonly StepMetrics[]): number | null {
  const first = metrics.find((m) => Number.isFinite(m.loss));
  return first ? first.loss : null;
}

/** Fixed decimals; "—" for a missing value. */
export function fmt(value: number | null | undefined, digits = 2): string {
  return value === null || value === undefined || !Number.isFinite(value)
    ? '—'
    : value.toFixed(digits);
}

/** A perplexity: whole numbers once it is large, two significant decimals below 10. */
export function fmtPerplexity(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return value >= 100
    ? Math.round(value).toLocaleString('en-GB')
    : value.toFixed(value >= 10 ? 1 : 2);
}

export function fmtPercent(fraction: number | null | undefined): string {
  return fraction === null || fraction === undefined || !Number.isFinite(fraction)
    ? '—'
    : `${Math.round(fraction * 100)}%`;
}

const NICE_STEPS = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 7, 8, 10];

/**
 * A round number at or above `value` (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 7, 8 × 10^k):
 * the top of a streaming chart's y axis. It changes only when the data outgrows it,
 * so the axis is rarely redrawn while a run streams.
 */
export function niceCeil(value: number): number {
  if (!(value > 0) || !Number.isFinite(value)) return 1;
  const scale = 10 ** Math.floor(Math.log10(value));
  const step = NICE_STEPS.find((s) => s * scale >= value * (1 - 1e-12)) ?? 10;
  return step * scale;
}

/** The largest finite value of the lists (0 when there is none). */
export function maxFinite(...lists: readonly (readonly number[] | ArrayLike<number>)[]): number {
  let max = 0;
  for (const list of lists) {
    for (let i = 0; i < list.length; i++) {
      const v = list[i];
      if (Number.isFinite(v) && v > max) max = v;
    }
  }
  return max;
}
