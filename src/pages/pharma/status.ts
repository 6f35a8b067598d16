/** One status for the four answering models together, for the empty states. */
import type { RunStatus } from '../../store/runs';
import { useRunsView } from '../../store/runsView';

/** Running beats loading beats the rest: what a reader waits for first. */
export function combinedStatus(statuses: readonly RunStatus[]): RunStatus {
  if (statuses.includes('running')) return 'running';
  if (statuses.includes('loading')) return 'loading';
  if (statuses.includes('error')) return 'error';
  return 'idle';
}

/** Why there are no answers yet, and what to do about it. */
export function noAnswersText(status: RunStatus, what: string): string {
  switch (status) {
    case 'running':
      return `Training… ${what} appear when a model is ready.`;
    case 'loading':
      return 'Loading the default run…';
    case 'error':
      return `The runs could not be loaded, so there are no ${what} yet. Train the stages on their pages.`;
    default:
      return `No trained models yet: press “Train live” on a stage page (on the PPO page it trains every stage PPO needs), or return to the default configuration, whose run loads by itself; ${what} then appear here.`;
  }
}

export function useModelsStatus(): RunStatus {
  const pretrain = useRunsView((s) => s.stages.pretrain.status);
  const sft = useRunsView((s) => s.stages.sft.status);
  const ppo = useRunsView((s) => s.stages.ppo.status);
  const dpo = useRunsView((s) => s.stages.dpo.status);
  return combinedStatus([pretrain, sft, ppo, dpo]);
}
