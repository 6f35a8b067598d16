import { useState } from 'react';
import { Section } from '../../../components/page/Section';
import { NoModel } from '../../shared/NoModel';
import { Verdict } from '../../shared/Verdict';
import { useStageStatus, useStageSummary } from '../../shared/useStageRun';

/** Rows shown before "Show all". */
const FIRST_ROWS = 8;

/** Did the base model store the facts? Greedy completions of key sentences (from the Worker). */
export function ProbesSection() {
  const status = useStageStatus('pretrain');
  const summary = useStageSummary('pretrain');
  const [all, setAll] = useState(false);
  const probes = summary?.probes ?? [];
  const correct = probes.filter((p) => p.correct).length;
  const rows = all ? probes : probes.slice(0, FIRST_ROWS);

  return (
    <Section id="probes" title="What it remembers: factual probes">
      <p>
        Each probe is the start of a sentence the corpus states, such as “Metformin is
        contraindicated when eGFR is below”. The model continues it greedily (always the most likely
        token); it passes if its continuation starts with the expected word or number.
      </p>
      {probes.length === 0 ? (
        <NoModel status={status} what="the probe results" />
      ) : (
        <>
          <p className="figure-line">
            <strong>
              {correct} of {probes.length} facts recalled
            </strong>{' '}
            ({Math.round((correct / probes.length) * 100)}%).
          </p>
          <div className="table-scroll">
            <table className="data-table probes-table">
              <thead>
                <tr>
                  <th scope="col">Context</th>
                  <th scope="col">Expected</th>
                  <th scope="col">The model wrote</th>
                  <th scope="col">Result</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((p) => (
                  <tr key={p.context}>
                    <td>{p.context} …</td>
                    <td>
                      <code>{p.answer}</code>
                    </td>
                    <td>
                      <code className="completion">
                        {p.completion.trim() === '' ? '(nothing)' : p.completion}
                      </code>
                    </td>
                    <td>
                      <Verdict ok={p.correct} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {probes.length > FIRST_ROWS && (
            <button type="button" className="button button--small" onClick={() => setAll(!all)}>
              {all ? `Show the first ${FIRST_ROWS}` : `Show all ${probes.length} probes`}
            </button>
          )}
        </>
      )}
    </Section>
  );
}
