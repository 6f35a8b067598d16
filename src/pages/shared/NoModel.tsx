import type { RunStatus } from '../../store/runs';

/** Why there is no model output yet, and what to do about it. */
export function noModelText(status: RunStatus, what: string): string {
  if (status === 'running') return `Training… ${what} appear when the run finishes.`;
  if (status === 'loading') return 'Loading the default run…';
  return `No trained model yet: press “Train live” above and ${what} appear here.`;
}

/** What a section shows instead of a model's output while there is no checkpoint. */
export function NoModel({ status, what }: { status: RunStatus; what: string }) {
  return <p className="no-model">{noModelText(status, what)}</p>;
}
