import { useConfigStore } from '../../store/config';
import type { StageRun } from '../../store/runs';
import { useRunsView } from '../../store/runsView';
import { metricStep, plannedSteps, type TrainStage } from '../../worker/protocol';

/**
 * The steps a stage's x axis spans: the whole run while it trains (so the axis stays
 * put as points arrive), the steps done once it has finished, and the configured
 * steps before any run.
 */
export function useRunSteps(stage: TrainStage, run: StageRun): number {
  const active = useRunsView((state) => state.active);
  const planned = useConfigStore((state) => plannedSteps(state.config, stage));
  const last = run.metrics.length > 0 ? metricStep(run.metrics[run.metrics.length - 1]) : 0;
  if (active?.stage === stage) return Math.max(last, plannedSteps(active.config, stage));
  return last > 0 ? last : planned;
}
