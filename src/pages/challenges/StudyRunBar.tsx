import { useId } from 'react';
import { ProgressBar } from '../../components/run/ProgressBar';
import type { StudyKind } from '../../worker/protocol';
import { progressText } from './progress';
import { STUDY_NAMES, cancelStudy, type StudyInputs, type StudyRun } from './useStudyRun';

/**
 * The foot of a study's form: Run (a submit button) or Cancel, what a run will do,
 * its progress while it runs, and why it did not run or stopped. The form's fields
 * are above it; the section sends the request on submit.
 */
export function StudyRunBar<K extends StudyKind>({
  kind,
  run,
  inputs,
  plan,
  errors,
  runLabel,
  cancelLabel,
  blocked,
}: {
  kind: K;
  run: StudyRun<K>;
  inputs: StudyInputs;
  /** What pressing Run will compute, in words. */
  plan: string;
  /** Messages of the last attempt that was not sent (empty otherwise). */
  errors: readonly string[];
  /** Button texts (default "Run the … study", "Cancel the … study"). */
  runLabel?: string;
  cancelLabel?: string;
  /** Why Run is not available yet: the button is disabled and this replaces the plan. */
  blocked?: string | null;
}) {
  const planId = useId();
  const { study, status, otherRunning, elapsed } = run;
  const name = STUDY_NAMES[kind];
  const running = status === 'running';
  const progress = study.progress;
  const fraction = progress && progress.total > 0 ? progress.done / progress.total : 0;
  const text = progressText(progress, elapsed);

  return (
    <div className="study-run">
      <div className="study-run-actions">
        {running ? (
          <button type="button" className="button" onClick={cancelStudy}>
            {cancelLabel ?? `Cancel the ${name} study`}
          </button>
        ) : (
          <button
            type="submit"
            className="button button--primary"
            disabled={Boolean(blocked)}
            aria-describedby={planId}
          >
            {runLabel ?? `Run the ${name} study`}
          </button>
        )}
        <p className="study-run-plan" id={planId}>
          {blocked || plan}
        </p>
      </div>
      {otherRunning && !running && (
        <p className="study-note">
          The {STUDY_NAMES[otherRunning]} study is running: one study runs at a time, so starting
          this one stops it.
        </p>
      )}
      {!inputs.ready && (
        <p className="study-note">
          {inputs.loading
            ? `Loading the default run: the study starts from ${inputs.models}.`
            : `The study starts from ${inputs.models} of the run shown, and the run shown has none yet: load the default configuration or train the stages first.`}
        </p>
      )}
      <p className="visually-hidden" role="status">
        {running
          ? `Running the ${name} study.`
          : status === 'done'
            ? `The ${name} study finished.`
            : ''}
      </p>
      {running && (
        <div className="study-progress">
          <ProgressBar value={fraction} label={`${name} study progress`} valueText={text} />
          <p className="study-progress-text" aria-hidden="true">
            {text}
          </p>
        </div>
      )}
      {status === 'error' && (
        <p className="study-alert" role="alert">
          <strong>The study did not run.</strong> {study.message}
        </p>
      )}
      {status === 'cancelled' && (
        <p className="study-note">Cancelled before it finished: there is no result to show.</p>
      )}
      {status === 'stopped' && (
        <p className="study-note">
          Stopped when another study started: run it again to see its result.
        </p>
      )}
      {errors.length > 0 && (
        <div className="study-alert" role="alert">
          <strong>Not started:</strong>
          <ul className="study-alert-list">
            {errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
