import { useDeferredValue } from 'react';
import type { Checkpoint } from '../../sim';
import type { StageRun } from '../../store/runs';
import { useRunsView } from '../../store/runsView';
import type { TrainStage } from '../../worker/protocol';

/** A stage's run as the pages draw it (throttled while training; see runsView). */
export function useStageRun(stage: TrainStage): StageRun {
  return useRunsView((state) => state.stages[stage]);
}

/**
 * A stage's checkpoint, deferred: sections that run the model or render large
 * tables from it re-render in a background transition, which React interrupts to
 * keep the page responsive.
 */
export function useStageCheckpoint(stage: TrainStage): Checkpoint | null {
  return useDeferredValue(useRunsView((state) => state.stages[stage].checkpoint));
}
