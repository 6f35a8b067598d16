/**
 * "Run all" in words and numbers: each stage's state for a configuration, and how
 * long training will take where measured timings allow an estimate. Pure.
 */
import { STAGE_NAMES } from '../../components/run/runStatus';
import type { PipelineConfig } from '../../sim/config';
import type { StepMetrics } from '../../sim/stages/types';
import { stageKey, type StageRuns } from '../../store/runs';
import type { RunsView } from '../../store/runsView';
import { metricStep, plannedSteps, TRAIN_STAGES, type TrainStage } from '../../worker/protocol';

export type StageState =
  'queued' | 'training' | 'done' | 'diverged' | 'error' | 'cancelled' | 'loading' | 'not-trained';

export interface StageRow {
  stage: TrainStage;
  name: string;
  state: StageState;
  /** 0..1, for the progress bar. */
  progress: number;
  /** The state in words, with the step count: also the bar's aria-valuetext. */
  text: string;
}

function lastStep(view: RunsView, stage: TrainStage): number {
  const metrics = view.stages[stage].metrics;
  return metrics.length > 0 ? metricStep(metrics[metrics.length - 1]) : 0;
}

const unit = (stage: TrainStage) => (stage === 'ppo' ? 'iteration' : 'step');

/** Each stage's state for `config` (the config being trained, while a run is active). */
export function stageRows(view: RunsView, config: PipelineConfig): StageRow[] {
  return TRAIN_STAGES.map((stage): StageRow => {
    const name = STAGE_NAMES[stage];
    const run = view.stages[stage];
    const total = plannedSteps(config, stage);
    const step = lastStep(view, stage);
    const active = view.active;
    if (active?.stage === stage) {
      return {
        stage,
        name,
        state: 'training',
        progress: run.progress,
        text: `Training: ${unit(stage)} ${step} of ${total}`,
      };
    }
    if (active?.queue.includes(stage)) {
      return { stage, name, state: 'queued', progress: 0, text: 'Queued' };
    }
    const own = run.key === stageKey(stage, config);
    const notTrained: StageRow = {
      stage,
      name,
      state: 'not-trained',
      progress: 0,
      text: 'Not trained for these settings',
    };
    if (!own) return notTrained;
    const plural = step === 1 ? '' : 's';
    switch (run.status) {
      case 'completed':
        return {
          stage,
          name,
          state: 'done',
          progress: 1,
          text: `Done: ${step} ${unit(stage)}${plural}`,
        };
      case 'diverged':
        return {
          stage,
          name,
          state: 'diverged',
          progress: run.progress,
          text: `Diverged${run.message ? `: ${run.message}` : ''}`,
        };
      case 'error':
        return {
          stage,
          name,
          state: 'error',
          progress: run.progress,
          text: `Error${run.message ? `: ${run.message}` : ''}`,
        };
      case 'cancelled':
        return {
          stage,
          name,
          state: 'cancelled',
          progress: run.progress,
          text: `Cancelled at ${unit(stage)} ${step} of ${total}`,
        };
      case 'loading':
        return { stage, name, state: 'loading', progress: 0, text: 'Loading the default run…' };
      default:
        return notTrained;
    }
  });
}

/** The stages trainAll(config) would train: those without a finished run for it. */
export function stagesToTrain(stages: StageRuns, config: PipelineConfig): TrainStage[] {
  return TRAIN_STAGES.filter((stage) => {
    const run = stages[stage];
    return !(run.key === stageKey(stage, config) && run.status === 'completed' && run.checkpoint);
  });
}

/** Milliseconds per step measured by a run (its last timed step), or null. */
export function measuredMsPerStep(metrics: readonly StepMetrics[]): number | null {
  for (let i = metrics.length - 1; i >= 0; i--) {
    const timing = metrics[i].timing;
    if (
      timing &&
      metrics[i].step > 0 &&
      Number.isFinite(timing.elapsedMs) &&
      timing.elapsedMs > 0
    ) {
      return timing.elapsedMs / metrics[i].step;
    }
  }
  return null;
}

/** The stages whose steps report timings (the others report none, so are never estimated). */
export type TimedStage = 'pretrain' | 'sft';
const TIMED: readonly TimedStage[] = ['pretrain', 'sft'];

export interface Estimate {
  stage: TimedStage;
  seconds: number;
  msPerStep: number;
  steps: number;
}

/**
 * Before a run: the time of each timed stage about to train, from the milliseconds
 * per step that stage measured in its last live run, when that run did the same work
 * per step (same model, data, batch size and evaluation interval). Nothing otherwise.
 */
export function plannedEstimates(
  stages: StageRuns,
  config: PipelineConfig,
  queue: readonly TrainStage[],
): Estimate[] {
  const out: Estimate[] = [];
  for (const stage of TIMED) {
    if (!queue.includes(stage)) continue;
    const run = stages[stage];
    const measuredWith = run.checkpoint?.config;
    if (!measuredWith) continue;
    const same =
      JSON.stringify(measuredWith.model) === JSON.stringify(config.model) &&
      JSON.stringify(measuredWith.data) === JSON.stringify(config.data) &&
      measuredWith[stage].batchSize === config[stage].batchSize &&
      measuredWith[stage].evalEvery === config[stage].evalEvery;
    const ms = measuredMsPerStep(run.metrics);
    if (!same || ms === null) continue;
    const steps = config[stage].steps;
    out.push({ stage, seconds: (ms * steps) / 1000, msPerStep: ms, steps });
  }
  return out;
}

/** While a timed stage trains: seconds left at its measured pace, or null. */
export function remainingSeconds(
  view: RunsView,
): { stage: TimedStage; seconds: number; msPerStep: number } | null {
  const active = view.active;
  if (!active || (active.stage !== 'pretrain' && active.stage !== 'sft')) return null;
  const stage = active.stage;
  const metrics = view.stages[stage].metrics;
  const ms = measuredMsPerStep(metrics);
  if (ms === null || metrics.length === 0) return null;
  const left = Math.max(0, active.config[stage].steps - metrics[metrics.length - 1].step);
  return { stage, seconds: (ms * left) / 1000, msPerStep: ms };
}

/** "about 40 s", "about 3 min": rough by design. */
export function formatDuration(seconds: number): string {
  if (seconds < 1) return 'under a second';
  if (seconds < 90) return `about ${Math.round(seconds)} s`;
  return `about ${Math.round(seconds / 60)} min`;
}
