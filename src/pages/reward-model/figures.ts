/**
 * Numbers the reward-model page quotes, computed from the run (pure, so they are
 * tested without a browser). A missing or non-finite value is null, never NaN.
 */
import { FINAL_WINDOW, fmt } from '../../components/run/metrics';
import {
  bradleyTerryLoss,
  bradleyTerryProbability,
  sigmoid,
  type RewardStepMetrics,
} from '../../sim';

/** ln 2: the Bradley–Terry loss of a model that scores both answers alike. */
export const CHANCE_LOSS = Math.LN2;

/** One pair's Bradley–Terry figures from its two scores. */
export interface BtFigures {
  /** m = r_chosen − r_rejected */
  margin: number;
  /** σ(m): the modelled probability that an expert prefers the chosen answer. */
  probability: number;
  /** −log σ(m) */
  loss: number;
  /** dL/dm = −σ(−m): how hard the pair still pushes the scores apart. */
  gradient: number;
}

/** The Bradley–Terry figures of a pair; null when a score is not a finite number. */
export function btFigures(rChosen: number, rRejected: number): BtFigures | null {
  if (!Number.isFinite(rChosen) || !Number.isFinite(rRejected)) return null;
  const margin = rChosen - rRejected;
  return {
    margin,
    probability: bradleyTerryProbability(rChosen, rRejected),
    loss: bradleyTerryLoss(rChosen, rRejected),
    gradient: -sigmoid(-margin),
  };
}

/** A held-out evaluation of the reward run. */
export interface RewardEvalPoint {
  step: number;
  loss: number;
  accuracy: number;
  margin: number;
}

/** The steps with a (finite) held-out evaluation, in order. */
export function rewardEvalPoints(metrics: readonly RewardStepMetrics[]): RewardEvalPoint[] {
  const points: RewardEvalPoint[] = [];
  for (const m of metrics) {
    if (
      m.heldOutLoss !== undefined &&
      m.heldOutAccuracy !== undefined &&
      m.heldOutMargin !== undefined &&
      Number.isFinite(m.heldOutLoss) &&
      Number.isFinite(m.heldOutAccuracy) &&
      Number.isFinite(m.heldOutMargin)
    ) {
      points.push({
        step: m.step,
        loss: m.heldOutLoss,
        accuracy: m.heldOutAccuracy,
        margin: m.heldOutMargin,
      });
    }
  }
  return points;
}

type TrainField = 'loss' | 'accuracy' | 'meanMargin';

/** Mean of a per-batch figure over the last `window` steps (one batch is noisy). */
export function tailMean(
  metrics: readonly RewardStepMetrics[],
  field: TrainField,
  window = FINAL_WINDOW,
): number | null {
  const values = metrics
    .slice(-window)
    .map((m) => m[field])
    .filter(Number.isFinite);
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

/** A fraction as a percentage with one decimal ("93.5%"); "—" when missing. */
export function fmtPct(fraction: number | null | undefined, digits = 1): string {
  return fraction === null || fraction === undefined || !Number.isFinite(fraction)
    ? '—'
    : `${(fraction * 100).toFixed(digits)}%`;
}

/** A score with its sign ("+1.23", "−0.45" with a true minus); "—" when missing. */
export function fmtSigned(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const text = Math.abs(value).toFixed(digits);
  if (Number(text) === 0) return (0).toFixed(digits);
  return value > 0 ? `+${text}` : `\u2212${text}`;
}

/** A number for TeX: negative numbers in brackets, so "a − (−b)" reads right. */
export function texNumber(value: number, digits = 2): string {
  const text = value.toFixed(digits);
  return value < 0 && Number(text) !== 0 ? `(${text})` : Math.abs(value).toFixed(digits);
}

/** "rose from A to B", "fell from A to B" or "stayed at A", as the two values are shown. */
export function trend(from: string, to: string, fromValue: number, toValue: number): string {
  if (from === to) return `stayed at ${to}`;
  return `${toValue > fromValue ? 'rose' : 'fell'} from ${from} to ${to}`;
}

export function mean(values: readonly number[]): number | null {
  const finite = values.filter(Number.isFinite);
  return finite.length === 0 ? null : finite.reduce((a, b) => a + b, 0) / finite.length;
}

export function median(values: readonly number[]): number | null {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export interface Histogram {
  /** Bin centres. */
  centres: number[];
  /** Bin width. */
  width: number;
  /** Per input list, the count in each bin. */
  counts: number[][];
}

const NICE_BIN_WIDTHS = [1, 2, 2.5, 5, 10];

/**
 * Histograms of several lists on shared bins of a round width (1, 2, 2.5 or 5 × 10^k),
 * about `targetBins` of them across all the values; bins are [lo, lo + width).
 * Non-finite values are left out.
 */
export function histogram(lists: readonly (readonly number[])[], targetBins = 12): Histogram {
  const all = lists.flatMap((l) => l.filter(Number.isFinite));
  if (all.length === 0) return { centres: [], width: 0, counts: lists.map(() => []) };
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const raw = Math.max(hi - lo, 1e-9) / Math.max(1, targetBins);
  const scale = 10 ** Math.floor(Math.log10(raw));
  const width = (NICE_BIN_WIDTHS.find((s) => s * scale >= raw) ?? 10) * scale;
  const start = Math.floor(lo / width) * width;
  const n = Math.max(1, Math.floor((hi - start) / width) + 1);
  const centres = Array.from({ length: n }, (_, i) => start + (i + 0.5) * width);
  const counts = lists.map((list) => {
    const c = new Array<number>(n).fill(0);
    for (const v of list) {
      if (!Number.isFinite(v)) continue;
      c[Math.min(n - 1, Math.max(0, Math.floor((v - start) / width)))] += 1;
    }
    return c;
  });
  return { centres, width, counts };
}

/** Pairs (chosen[i], rejected[i]) in which the chosen answer scores higher. */
export function pairsRankedRight(chosen: readonly number[], rejected: readonly number[]): number {
  let n = 0;
  for (let i = 0; i < Math.min(chosen.length, rejected.length); i++) {
    if (chosen[i] > rejected[i]) n += 1;
  }
  return n;
}

/** The formula with this pair's numbers substituted (TeX and its reading). */
export function btLive(
  rChosen: number,
  rRejected: number,
  f: BtFigures,
): { tex: string; text: string } {
  const m = fmt(f.margin);
  return {
    tex: String.raw`\begin{gathered}m = r_c - r_r = ${fmt(rChosen)} - ${texNumber(rRejected)} = ${m}, \qquad \sigma(${m}) = ${fmt(f.probability, 3)} \\[4pt] \mathcal{L} = -\log ${fmt(f.probability, 3)} = ${fmt(f.loss, 3)}, \qquad \frac{\partial \mathcal{L}}{\partial m} = -\sigma(-m) = ${fmt(f.gradient, 3)}\end{gathered}`,
    text:
      `Margin m equals r c minus r r, ${fmtSigned(rChosen)} minus ${fmtSigned(rRejected)}, which is ${fmtSigned(f.margin)}; ` +
      `sigma of the margin is ${fmt(f.probability, 3)}; the loss is minus log ${fmt(f.probability, 3)}, which is ${fmt(f.loss, 3)}; ` +
      `its gradient with respect to the margin is ${fmt(f.gradient, 3)}.`,
  };
}
