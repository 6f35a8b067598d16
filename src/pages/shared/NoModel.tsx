import type { StageRun } from '../../store/runs';

/** What a section shows instead of a model's output while there is no checkpoint. */
export function NoModel({ run, what }: { run: StageRun; what: string }) {
  let text: string;
  if (run.status === 'running') text = `Training… ${what} appear when the run finishes.`;
  else if (run.status === 'loading') text = 'Loading the default run…';
  else text = `No trained model yet: press “Train live” above and ${what} appear here.`;
  return <p className="no-model">{text}</p>;
}
