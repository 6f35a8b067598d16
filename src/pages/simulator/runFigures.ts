/**
 * The figures of a run, computed from the runs store's stages for one configuration:
 * what the comparison charts overlay, the final-figures table lists, the
 * observations read, and "Keep this run" stores. Pure.
 */
import { lttb } from '../../components/chart/downsample';
import { heldOutPoints, lastHeldOut } from '../../components/run/metrics';
import type { PipelineConfig } from '../../sim/config';
import type { RunSummaryFigures } from '../../export/runFile';
import type { PpoIterationMetrics } from '../../sim/stages/ppo';
import { stageKey, type RunStatus, type StageRuns } from '../../store/runs';
import {
  FINAL_KEYS,
  SERIES_KEYS,
  type RunFigures,
  type RunFinals,
  type SeriesData,
} from '../../store/savedRuns';
import { TRAIN_STAGES, type StageMetricsMap, type TrainStage } from '../../worker/protocol';

/** Most points per series in a kept run (the charts draw at most 600). */
export const KEPT_POINTS = 200;
/** PPO's start and end figures average this many iterations (one rollout batch is noisy). */
export const PPO_WINDOW = 5;

export interface StageOutcome {
  /** 'absent': no run of this stage belongs to the configuration. */
  status: RunStatus | 'absent';
  message: string | null;
}

/** The current configuration's run, as far as it has got. */
export interface CurrentRun {
  config: PipelineConfig;
  stages: Record<TrainStage, StageOutcome>;
  figures: RunFigures;
  /** Every stage completed for this configuration: the run can be kept. */
  complete: boolean;
  /** Iterations averaged for PPO's start and end figures. */
  ppoWindow: number;
}

const finite = (v: number | undefined | null): v is number =>
  typeof v === 'number' && Number.isFinite(v);

function mean(values: readonly number[]): number | null {
  const ok = values.filter((v) => Number.isFinite(v));
  return ok.length > 0 ? ok.reduce((s, v) => s + v, 0) / ok.length : null;
}

/** Iterations averaged at each end of n: at most PPO_WINDOW, never overlapping (n ≥ 2). */
export function ppoWindow(n: number): number {
  return Math.max(1, Math.min(PPO_WINDOW, Math.floor(n / 2)));
}

function seriesOf<M>(
  metrics: readonly M[],
  x: (m: M) => number,
  y: (m: M) => number | undefined,
): SeriesData {
  const out: SeriesData = { x: [], y: [] };
  for (const m of metrics) {
    const v = y(m);
    if (finite(v)) {
      out.x.push(x(m));
      out.y.push(v);
    }
  }
  return out;
}

function ppoFigures(metrics: readonly PpoIterationMetrics[], window: number) {
  const head = metrics.slice(0, window);
  const tail = metrics.slice(-window);
  const clip = metrics.map((m) => m.clipFraction);
  return {
    ppoScoreStart: mean(head.map((m) => m.score)),
    ppoScoreEnd: mean(tail.map((m) => m.score)),
    ppoGoldStart: mean(head.map((m) => m.goldScore)),
    ppoGoldEnd: mean(tail.map((m) => m.goldScore)),
    ppoKlEnd: mean(tail.map((m) => m.klK1)),
    ppoEntropyStart: mean(head.map((m) => m.entropy)),
    ppoEntropyEnd: mean(tail.map((m) => m.entropy)),
    ppoClipFraction: mean(clip),
  };
}

/**
 * What runFigures reads of each stage: the runs store's StageRuns, or a run imported
 * from a file (src/export/runFile.ts), which has no checkpoint or full summary.
 */
export interface FigureStage<S extends TrainStage> {
  key: string | null;
  metrics: readonly StageMetricsMap[S][];
  summary: RunSummaryFigures | null;
}
export type FigureStages = { [S in TrainStage]: FigureStage<S> };

/** The run's figures from the stages that belong to it (others count as absent). */
export function runFigures(
  stages: FigureStages,
  config: PipelineConfig,
): RunFigures & { ppoWindow: number } {
  const own = <S extends TrainStage>(stage: S): FigureStages[S] | null =>
    stages[stage].key === stageKey(stage, config) ? stages[stage] : null;
  const pretrain = own('pretrain');
  const sft = own('sft');
  const reward = own('reward');
  const ppo = own('ppo');
  const dpo = own('dpo');

  const pretrainHeld = heldOutPoints(pretrain?.metrics ?? []);
  const ppoMetrics = ppo?.metrics ?? [];
  const window = ppoWindow(ppoMetrics.length);
  const rewardSummary = reward?.summary?.reward;
  const heldOut = ppo?.summary?.ppo?.heldOut;
  const dpoSummary = dpo?.summary?.dpo;
  const lastOf = <T>(list: readonly T[]): T | undefined => list[list.length - 1];

  const series = {
    pretrainHeldOutLoss: {
      x: pretrainHeld.map((p) => p.step),
      y: pretrainHeld.map((p) => p.loss),
    },
    rewardHeldOutAccuracy: seriesOf(
      reward?.metrics ?? [],
      (m) => m.step,
      (m) => m.heldOutAccuracy,
    ),
    ppoScore: seriesOf(
      ppoMetrics,
      (m) => m.iteration,
      (m) => m.score,
    ),
    ppoGoldScore: seriesOf(
      ppoMetrics,
      (m) => m.iteration,
      (m) => m.goldScore,
    ),
    ppoKl: seriesOf(
      ppoMetrics,
      (m) => m.iteration,
      (m) => m.klK1,
    ),
  };
  const rewardHeld = series.rewardHeldOutAccuracy.y;
  const dpoHeld = seriesOf(
    dpo?.metrics ?? [],
    (m) => m.step,
    (m) => m.heldOutRewardAccuracy,
  ).y;
  const ppoNumbers =
    ppoMetrics.length > 0
      ? ppoFigures(ppoMetrics, window)
      : {
          ppoScoreStart: null,
          ppoScoreEnd: null,
          ppoGoldStart: null,
          ppoGoldEnd: null,
          ppoKlEnd: null,
          ppoEntropyStart: null,
          ppoEntropyEnd: null,
          ppoClipFraction: null,
        };

  const finals: RunFinals = {
    pretrainHeldOutLoss: lastHeldOut(pretrain?.metrics ?? [])?.loss ?? null,
    unigramLoss: pretrain?.summary?.unigramLoss ?? null,
    sftHeldOutLoss: lastHeldOut(sft?.metrics ?? [])?.loss ?? null,
    sftFormatRate: sft?.summary?.formatRate ?? null,
    rewardHeldOutAccuracy: rewardSummary?.finalHeldOut?.accuracy ?? lastOf(rewardHeld) ?? null,
    rewardTrainAccuracy: rewardSummary?.finalTrain?.accuracy ?? null,
    ...ppoNumbers,
    ppoHeldOutScoreBefore: heldOut ? mean(heldOut.before.map((a) => a.score)) : null,
    ppoHeldOutScoreAfter: heldOut ? mean(heldOut.after.map((a) => a.score)) : null,
    ppoHeldOutGoldBefore: heldOut ? mean(heldOut.before.map((a) => a.goldScore)) : null,
    ppoHeldOutGoldAfter: heldOut ? mean(heldOut.after.map((a) => a.goldScore)) : null,
    dpoHeldOutAccuracy: dpoSummary?.finalHeldOut?.rewardAccuracy ?? lastOf(dpoHeld) ?? null,
    dpoKl: dpoSummary?.finalKl?.sequence ?? null,
  };
  for (const key of FINAL_KEYS) if (!finite(finals[key])) finals[key] = null;
  return { series, finals, ppoWindow: window };
}

/** The current configuration's run: each stage's outcome and the figures so far. */
export function currentRun(stages: StageRuns, config: PipelineConfig): CurrentRun {
  const outcomes = {} as Record<TrainStage, StageOutcome>;
  for (const stage of TRAIN_STAGES) {
    const run = stages[stage];
    outcomes[stage] =
      run.key === stageKey(stage, config)
        ? { status: run.status, message: run.message }
        : { status: 'absent', message: null };
  }
  const { ppoWindow: window, ...figures } = runFigures(stages, config);
  return {
    config,
    stages: outcomes,
    figures,
    complete: TRAIN_STAGES.every((stage) => outcomes[stage].status === 'completed'),
    ppoWindow: window,
  };
}

/** Five significant digits: plenty for a chart, a third of the characters of a double. */
const round = (v: number) => Number(v.toPrecision(5));

/** The figures as kept: series thinned to KEPT_POINTS (shape kept, spikes included), rounded. */
export function compactFigures(figures: RunFigures): RunFigures {
  const series = {} as RunFigures['series'];
  for (const key of SERIES_KEYS) {
    const thin = lttb(figures.series[key].x, figures.series[key].y, KEPT_POINTS);
    series[key] = { x: thin.x, y: thin.y.map(round) };
  }
  const finals = { ...figures.finals };
  for (const key of FINAL_KEYS) {
    const v = finals[key];
    if (v !== null) finals[key] = round(v);
  }
  return { series, finals };
}
