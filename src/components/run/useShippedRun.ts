import { useEffect } from 'react';
import { DEFAULT_CONFIG } from '../../sim/config';
import { useConfigStore } from '../../store/config';
import { stageKey } from '../../store/runs';
import { loadShippedRun } from '../../store/shippedRun';

/**
 * Loads the shipped default run (once per session) when the page needs a run and the
 * configuration is the default one: a deep link shows real curves without training.
 * Another configuration shows "not trained yet" and trains on request instead.
 */
export function useShippedRun(): void {
  const isDefault = useConfigStore(
    (state) => stageKey('sft', state.config) === stageKey('sft', DEFAULT_CONFIG),
  );
  useEffect(() => {
    if (isDefault) void loadShippedRun();
  }, [isDefault]);
}
