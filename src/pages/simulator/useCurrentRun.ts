import { useMemo } from 'react';
import { useConfigStore } from '../../store/config';
import { useRunsView } from '../../store/runsView';
import { currentRun, type CurrentRun } from './runFigures';

/** The current configuration's run (stages, figures), recomputed when either changes. */
export function useCurrentRun(): CurrentRun {
  const stages = useRunsView((state) => state.stages);
  const config = useConfigStore((state) => state.config);
  return useMemo(() => currentRun(stages, config), [stages, config]);
}
