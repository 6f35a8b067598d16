/**
 * Selectors of a stage's run for the sections. Each section takes only what it
 * shows, so while a run streams (metrics change 5 times a second) only the sections
 * that draw metrics re-render.
 */
import { useDeferredValue } from 'react';
import type { Checkpoint } from '../../sim';
import type { RunStatus, StageRun } from '../../store/runs';
import { useRunsView } from '../../store/runsView';
import type { StageSummary, TrainStage } from '../../worker/protocol';

/** The whole run (status, metrics, summary…): for sections that draw the metrics. */
export function useStageRun<S extends TrainStage>(stage: S): StageRun<S> {
  return useRunsView((state) => state.stages[stage] as StageRun<S>);
}

export function useStageStatus(stage: TrainStage): RunStatus {
  return useRunsView((state) => state.stages[stage].status);
}

export function useStageSummary(stage: TrainStage): StageSummary | null {
  return useRunsView((state) => state.stages[stage].summary);
}

/** The configuration key of the run shown (see stageKey). */
export function useStageKey(stage: TrainStage): string | null {
  return useRunsView((state) => state.stages[stage].key);
}

/**
 * A stage's checkpoint, deferred: sections that run the model or render large
 * tables from it re-render in a background transition, which React interrupts to
 * keep the page responsive.
 */
export function useStageCheckpoint(stage: TrainStage): Checkpoint | null {
  return useDeferredValue(useRunsView((state) => state.stages[stage].checkpoint));
}
