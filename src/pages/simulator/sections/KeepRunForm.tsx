import { useId, useState, type FormEvent } from 'react';
import { configToQuery } from '../../../store/config';
import {
  CAP_MESSAGE,
  MAX_NAME_LENGTH,
  MAX_SAVED_RUNS,
  useSavedRuns,
} from '../../../store/savedRuns';
import { TRAIN_STAGES } from '../../../worker/protocol';
import { compactFigures, type CurrentRun } from '../runFigures';
import { defaultRunName } from '../runName';

/**
 * "Keep this run": once every stage has finished for the settings, stores the run's
 * figures (not its weights) under a name, offered from the settings' differences.
 */
export function KeepRunForm({ run }: { run: CurrentRun }) {
  const id = useId();
  const kept = useSavedRuns((state) => state.runs);
  const query = configToQuery(run.config);
  /** The name typed, for the settings it was typed for. */
  const [draft, setDraft] = useState<{ name: string; query: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** "Kept …", for the settings it was said about. */
  const [status, setStatus] = useState<{ text: string; query: string } | null>(null);
  const suggested = defaultRunName(
    run.config,
    kept.map((r) => r.name),
  );
  const name = draft?.query === query ? draft.name : suggested;
  const keptAs = kept.find((r) => configToQuery(r.config) === query);
  const finished = TRAIN_STAGES.filter((s) => run.stages[s].status === 'completed').length;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = useSavedRuns.getState().keep(name, run.config, compactFigures(run.figures));
    if (result.ok) {
      setError(null);
      setDraft(null);
      setStatus({ text: `Kept “${result.run.name}”.`, query });
    } else {
      setError(result.message);
    }
  };

  let body;
  if (keptAs) {
    body = (
      <p className="sim-keep-note">
        These settings are kept as “{keptAs.name}”: change a setting and run again to compare.
      </p>
    );
  } else if (!run.complete) {
    body = (
      <p className="sim-keep-note">
        “Keep this run” becomes available when all five stages have finished for these settings (
        {finished} of 5 so far).
      </p>
    );
  } else if (kept.length >= MAX_SAVED_RUNS) {
    body = <p className="sim-keep-note sim-keep-note--full">{CAP_MESSAGE}</p>;
  } else {
    body = (
      <form className="sim-keep-form" onSubmit={submit} noValidate>
        <label className="sim-field-label" htmlFor={id}>
          Name for this run
        </label>
        <div className="sim-keep-row">
          <input
            id={id}
            className="text-input text-input--inline"
            type="text"
            maxLength={MAX_NAME_LENGTH}
            value={name}
            aria-invalid={error !== null}
            aria-describedby={`${id}-error`}
            onChange={(e) => {
              setDraft({ name: e.target.value, query });
              setError(null);
            }}
          />
          <button type="submit" className="button button--primary">
            Keep this run
          </button>
        </div>
        <p id={`${id}-error`} className="sim-error" aria-live="polite">
          {error}
        </p>
      </form>
    );
  }

  return (
    <div className="sim-keep">
      {body}
      <p className="visually-hidden" role="status">
        {status?.query === query ? status.text : null}
      </p>
    </div>
  );
}
