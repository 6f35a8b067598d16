import { useMemo } from 'react';
import { Section } from '../../../components/page/Section';
import { observeRun, type Severity } from '../observations';
import { useCurrentRun } from '../useCurrentRun';

const SEVERITY_LABEL: Record<Severity, string> = {
  problem: 'Problem',
  caution: 'Worth a look',
  fine: 'Working',
};

/** What the current run's numbers say, each statement quoting them. */
export function ObservationsSection() {
  const run = useCurrentRun();
  const observations = useMemo(() => observeRun(run), [run]);
  const finished = Object.values(run.stages).some(
    (s) => s.status === 'completed' || s.status === 'diverged' || s.status === 'error',
  );
  return (
    <Section id="observations" title="What this run shows">
      <p>
        Read off the numbers of the run for the current settings, as each stage finishes. Every
        statement quotes the figures it rests on.
      </p>
      {observations.length === 0 ? (
        <p className="no-model">
          {finished
            ? 'Nothing in the finished stages’ numbers calls for a comment yet.'
            : 'Observations appear as the stages of these settings finish: press Run all.'}
        </p>
      ) : (
        <ul className="sim-observations">
          {observations.map((o) => (
            <li key={o.id} className="sim-observation" data-severity={o.severity}>
              <strong className="sim-severity">{SEVERITY_LABEL[o.severity]}:</strong> {o.text}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
