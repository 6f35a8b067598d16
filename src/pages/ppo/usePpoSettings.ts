import { useMemo } from 'react';
import type { PpoStageConfig } from '../../sim';
import { useConfigStore } from '../../store/config';
import { useStageKey } from '../shared/useStageRun';
import { ppoConfigFromKey } from './ppoRun';

export interface PpoSettings {
  /** The settings of the run shown, or of the current configuration when there is none. */
  ppo: PpoStageConfig;
  /** True when `ppo` is the run's own (read from its configuration key). */
  fromRun: boolean;
}

/** The PPO settings the numbers on the page come from. */
export function usePpoSettings(): PpoSettings {
  const key = useStageKey('ppo');
  const current = useConfigStore((state) => state.config.ppo);
  return useMemo(() => {
    const used = ppoConfigFromKey(key);
    return used ? { ppo: used, fromRun: true } : { ppo: current, fromRun: false };
  }, [key, current]);
}
