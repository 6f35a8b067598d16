/**
 * What the run panel says about a stage, derived (purely) from the runs view and the
 * current config: which run is shown, whether it belongs to this configuration, what
 * is training now and how far along it is.
 */
import type { PipelineConfig } from '../../sim/config';
import { stageKey, type StageRun } from '../../store/runs';
import type { RunsView } from '../../store/runsView';
import { metricStep, plannedSteps, STAGE_INPUTS, type TrainStage } from '../../worker/protocol';

export const STAGE_NAMES: Record<TrainStage, string> = {
  pretrain: 'Pretraining',
  sft: 'SFT',
  reward: 'Reward model',
  ppo: 'PPO',
  dpo: 'DPO',
};

/** Stage names inside a sentence. */
export const IN_SENTENCE: Record<TrainStage, string> = {
  pretrain: 'pretraining',
  sft: 'SFT',
  reward: 'the reward model',
  ppo: 'PPO',
  dpo: 'DPO',
};

export interface TrainingPhase {
  /** The stage in the Worker now (pretraining may run first for the SFT page). */
  stage: TrainStage;
  /** The page's own stage when it trains after this one, else null. */
  then: TrainStage | null;
  step: number;
  totalSteps: number;
  /** 0..1 */
  progress: number;
  tokensPerSecond?: number;
}

export interface RunStatusModel {
  /** Which run the page shows, in words. */
  shown: string;
  /** The run shown was made with the current configuration. */
  matchesConfig: boolean;
  /** The page has a run's numbers to show (shipped, live, or an older one). */
  hasRun: boolean;
  loading: boolean;
  training: TrainingPhase | null;
  /** Nothing finished exists for this configuration: offer to train it. */
  needsTraining: boolean;
  /** Something the reader must not miss: divergence, an error. */
  alert: string | null;
  /**
   * The alert is a failure (an error in the stage, a Worker that crashed or stalled —
   * not a divergence, which the same settings would repeat): offer "Retry".
   */
  retry: boolean;
  /** Context: cancelled, the default run missing, an earlier stage that failed. */
  note: string | null;
}

function lastStep(run: StageRun): number {
  return run.metrics.length > 0 ? metricStep(run.metrics[run.metrics.length - 1]) : 0;
}

function trainingPhase(stage: TrainStage, view: RunsView): TrainingPhase | null {
  const active = view.active;
  if (!active) return null;
  const then = active.stage !== stage && active.queue.includes(stage) ? stage : null;
  if (active.stage !== stage && then === null) return null;
  const run = view.stages[active.stage];
  const last = run.metrics[run.metrics.length - 1];
  return {
    stage: active.stage,
    then,
    step: lastStep(run),
    totalSteps: plannedSteps(active.config, active.stage),
    progress: Math.min(1, Math.max(0, run.progress)),
    tokensPerSecond: last && 'timing' in last ? last.timing?.tokensPerSecond : undefined,
  };
}

/** Adds "." unless the text already ends a sentence; capitalises the first letter. */
export function asSentence(text: string): string {
  const t = text.trim();
  if (t === '') return t;
  const capital = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

function describeShown(run: StageRun, matches: boolean): string {
  const hasRun = run.metrics.length > 0 || run.checkpoint !== null;
  if (!hasRun) return 'No run yet';
  if (matches && run.status === 'cancelled') return 'A live run, cancelled before the end';
  if (run.source === 'shipped') {
    return matches
      ? 'Default run, shipped with the app'
      : 'Default run, shipped with the app — your configuration differs from it';
  }
  return matches
    ? 'Trained live in your browser'
    : 'An earlier live run — your configuration differs from it';
}

export function runStatus(
  stage: TrainStage,
  view: RunsView,
  config: PipelineConfig,
): RunStatusModel {
  const run = view.stages[stage];
  const matchesConfig = run.key === stageKey(stage, config);
  const hasRun = run.metrics.length > 0 || run.checkpoint !== null;
  const training = trainingPhase(stage, view);
  let alert: string | null = null;
  let note: string | null = null;
  let retry = false;

  if (run.status === 'diverged' || run.status === 'error') {
    alert = `${STAGE_NAMES[stage]} ${run.status === 'diverged' ? 'diverged' : 'failed'}: ${asSentence(run.message ?? 'no message')}`;
    retry = run.status === 'error' && matchesConfig && !training;
  } else if (run.status === 'cancelled') {
    note = `${STAGE_NAMES[stage]} was cancelled at step ${lastStep(run)}.`;
  } else if (run.status === 'idle' && run.message) {
    note = asSentence(run.message);
  }

  // A stage trains the earlier stages it needs first: say so when one failed or was stopped.
  if (!training) {
    for (const input of STAGE_INPUTS[stage]) {
      const earlier = view.stages[input];
      if (earlier.key !== stageKey(input, config)) continue;
      if (alert === null && (earlier.status === 'diverged' || earlier.status === 'error')) {
        alert = `${STAGE_NAMES[input]} ${earlier.status === 'diverged' ? 'diverged' : 'failed'}, so ${IN_SENTENCE[stage]} could not start: ${asSentence(earlier.message ?? '')}`;
        retry = earlier.status === 'error';
      } else if (earlier.status === 'cancelled' && !matchesConfig) {
        note ??= `${STAGE_NAMES[input]} (needed before ${IN_SENTENCE[stage]}) was cancelled at step ${lastStep(earlier)}.`;
      }
    }
  }

  const finished = run.status === 'completed' || run.status === 'diverged';
  return {
    needsTraining:
      !training &&
      run.status !== 'loading' &&
      run.status !== 'running' &&
      !(matchesConfig && finished),
    shown: describeShown(run, matchesConfig),
    matchesConfig,
    hasRun,
    loading: run.status === 'loading',
    training,
    alert,
    retry,
    note,
  };
}

/** The next seed for "New seed": seed + 1, wrapping inside the seed's range. */
export function nextSeed(seed: number, max = 2 ** 31 - 1): number {
  return seed >= max ? 0 : seed + 1;
}
