/**
 * The comparison charts: one series per run (the kept ones and the current one) for
 * each figure, and a text alternative that names every run with its last value.
 * Runs keep their palette slot (their place in the list), so a run has the same
 * colour and marker in every chart; past the palette's seven slots lines are dashed.
 * Pure.
 */
import type { ChartSeries } from '../../components/chart';
import { fmt, fmtPercent } from '../../components/run/metrics';
import { configToQuery } from '../../store/config';
import { SERIES_KEYS, type RunFigures, type SavedRun, type SeriesKey } from '../../store/savedRuns';
import type { CurrentRun } from './runFigures';

export interface OverlayRun {
  id: string;
  name: string;
  figures: RunFigures;
  /** Palette slot: 0 for the current run, 1… for kept runs in order. */
  slot: number;
}

export interface OverlaySpec {
  key: SeriesKey;
  title: string;
  xTitle: string;
  yTitle: string;
  /** What the series is, for the text alternative. */
  about: string;
  format: (value: number) => string;
  /** Fixed y range (shares and grades). */
  yRange?: readonly [number, number];
}

export const OVERLAYS: readonly OverlaySpec[] = [
  {
    key: 'pretrainHeldOutLoss',
    title: 'Pretraining: held-out loss',
    xTitle: 'step',
    yTitle: 'loss (nats per token)',
    about: 'Pretraining held-out loss per step, one line per run',
    format: (v) => `${fmt(v)} nats`,
  },
  {
    key: 'rewardHeldOutAccuracy',
    title: 'Reward model: held-out accuracy',
    xTitle: 'step',
    yTitle: 'held-out pairs ranked right',
    about: 'Reward-model accuracy on held-out preference pairs per step, one line per run',
    format: (v) => fmtPercent(v),
    yRange: [0, 1],
  },
  {
    key: 'ppoScore',
    title: 'PPO: reward-model score',
    xTitle: 'iteration',
    yTitle: 'mean score of the rollouts',
    about: 'Mean reward-model score of PPO’s rollouts per iteration, one line per run',
    format: (v) => fmt(v),
  },
  {
    key: 'ppoGoldScore',
    title: 'PPO: gold grade',
    xTitle: 'iteration',
    yTitle: 'mean gold grade (0–1)',
    about: 'Mean gold-grader score (0 to 1) of PPO’s rollouts per iteration, one line per run',
    format: (v) => fmt(v),
    yRange: [0, 1],
  },
  {
    key: 'ppoKl',
    title: 'PPO: KL from the SFT model',
    xTitle: 'iteration',
    yTitle: 'KL (nats per response)',
    about: 'KL divergence of PPO’s policy from the SFT model per iteration, one line per run',
    format: (v) => `${fmt(v)} nats`,
  },
];

/** Slots 0–6 are solid lines in distinct colours and markers; 7 and 8 repeat them dashed. */
const PALETTE_SIZE = 7;

export function overlaySeries(runs: readonly OverlayRun[], spec: OverlaySpec): ChartSeries[] {
  return runs.map((run) => ({
    name: run.name,
    x: run.figures.series[spec.key].x,
    y: run.figures.series[spec.key].y,
    paletteIndex: run.slot,
    dashed: run.slot >= PALETTE_SIZE,
  }));
}

/** The text alternative: every run by name, with its last value (or that it has none). */
export function overlayDescription(runs: readonly OverlayRun[], spec: OverlaySpec): string {
  const parts = runs.map((run) => {
    const { x, y } = run.figures.series[spec.key];
    const n = y.length;
    return n === 0
      ? `${run.name}: no data`
      : `${run.name}: ${spec.format(y[n - 1])} at ${spec.xTitle} ${x[n - 1]}`;
  });
  return `${spec.about}. ${parts.join('; ')}.`;
}

/** Whether any run has points for this chart. */
export function hasPoints(runs: readonly OverlayRun[], spec: OverlaySpec): boolean {
  return runs.some((run) => run.figures.series[spec.key].y.length > 0);
}

export const CURRENT_RUN_NAME = 'Current settings (not kept)';

/**
 * The runs the comparison shows: the kept ones (imported ones among them), and the
 * current settings' run first when it has data and is not kept already.
 */
export function comparisonRuns(kept: readonly SavedRun[], current: CurrentRun): OverlayRun[] {
  const query = configToQuery(current.config);
  const keptRuns = kept.map((run, i) => ({
    id: run.id,
    name: run.name,
    figures: run,
    slot: i + 1,
  }));
  const currentIsKept = kept.some((run) => configToQuery(run.config) === query);
  const currentHasData = SERIES_KEYS.some((key) => current.figures.series[key].y.length > 0);
  return currentHasData && !currentIsKept
    ? [{ id: 'current', name: CURRENT_RUN_NAME, figures: current.figures, slot: 0 }, ...keptRuns]
    : keptRuns;
}
