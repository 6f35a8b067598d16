import { useId, useMemo, useState } from 'react';
import { Section } from '../../../components/page/Section';
import { SEED_EXPERT_PAIRS, buildSftPairs, splitSftPairs } from '../../../sim';
import { useConfigStore } from '../../../store/config';
import { Pager } from '../../shared/Pager';

const PAGE_SIZE = 8;

type Filter = 'all' | 'train' | 'held-out' | 'seed';

const FILTER_LABELS: Record<Filter, string> = {
  all: 'All pairs',
  train: 'Training only',
  'held-out': 'Held out only',
  seed: 'From the seed documents',
};

/** The seed documents' answers, corrected: what they said, and what the app teaches instead. */
function SeedCorrections() {
  return (
    <ul className="seed-pairs" aria-label="Seed pairs and their corrections">
      {SEED_EXPERT_PAIRS.map((pair) => (
        <li key={pair.id} className="seed-pair">
          <p className="seed-pair-instruction">{pair.instruction}</p>
          <p className="seed-pair-response">{pair.response}</p>
          <details>
            <summary>
              {pair.correction ? 'Seed said / corrected' : 'Seed said (only reformatted)'}
            </summary>
            <dl className="seed-pair-details">
              <dt>Seed said</dt>
              <dd>{pair.seedResponse}</dd>
              {pair.correction && (
                <>
                  <dt>Corrected</dt>
                  <dd>{pair.correction}</dd>
                </>
              )}
              <dt>From</dt>
              <dd>{pair.origin}</dd>
            </dl>
          </details>
        </li>
      ))}
    </ul>
  );
}

/** The expert (instruction, response) pairs, with the train/held-out split of this configuration. */
export function ExpertPairsSection() {
  const id = useId();
  const { data, seed } = useConfigStore((state) => state.config);
  const [filter, setFilter] = useState<Filter>('all');
  const [page, setPage] = useState(0);

  const { pairs, held } = useMemo(() => {
    const all = buildSftPairs();
    const split = splitSftPairs(all, data.heldOutFraction, seed);
    // The seed pairs are shown above; the table opens on the knowledge-base pairs.
    const ordered = [
      ...all.filter((p) => p.source !== 'seed'),
      ...all.filter((p) => p.source === 'seed'),
    ];
    return { pairs: ordered, held: new Set(split.heldOut.map((p) => p.id)) };
  }, [data.heldOutFraction, seed]);

  const shown = pairs.filter((p) => {
    if (filter === 'seed') return p.source === 'seed';
    if (filter === 'all') return true;
    return (filter === 'held-out') === held.has(p.id);
  });
  const pageCount = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
  const current = Math.min(page, pageCount - 1);

  return (
    <Section id="expert-pairs" title="The expert pairs">
      <p>
        <strong>
          {pairs.length} pairs: {pairs.length - held.size} for training, {held.size} held out
        </strong>{' '}
        — new wordings of facts the training pairs teach, to test whether the model answers
        instructions it never saw. Every response follows one format: a verdict label
        (CONTRAINDICATED, AVOID, CAUTION, ADJUST DOSE, MONITOR or SAFE), the reason, then one
        action.
      </p>
      <h3>From the seed documents, corrected</h3>
      <p>
        The first {SEED_EXPERT_PAIRS.length} pairs come from the project&apos;s seed documents.
        Several of their “expert” answers were wrong; the app teaches the corrected version.
      </p>
      <SeedCorrections />
      <h3>All pairs</h3>
      <div className="controls">
        <label htmlFor={`${id}-filter`}>Show</label>
        <select
          id={`${id}-filter`}
          value={filter}
          onChange={(e) => {
            setFilter(e.target.value as Filter);
            setPage(0);
          }}
        >
          {(Object.keys(FILTER_LABELS) as Filter[]).map((f) => (
            <option key={f} value={f}>
              {FILTER_LABELS[f]}
            </option>
          ))}
        </select>
        <span className="controls-count" aria-live="polite">
          {shown.length} pairs
        </span>
      </div>
      <div className="table-scroll">
        <table className="data-table pairs-table">
          <thead>
            <tr>
              <th scope="col">Instruction</th>
              <th scope="col">Expert response</th>
              <th scope="col">Split</th>
            </tr>
          </thead>
          <tbody>
            {shown.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE).map((p) => (
              <tr key={p.id}>
                <td>{p.instruction}</td>
                <td>{p.response}</td>
                <td>
                  <span className={held.has(p.id) ? 'tag tag--held' : 'tag'}>
                    {held.has(p.id) ? 'Held out' : 'Training'}
                  </span>
                  {p.source === 'seed' && <span className="tag tag--key">Seed</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager page={current} pageCount={pageCount} onPage={setPage} label="Expert pairs" />
    </Section>
  );
}
