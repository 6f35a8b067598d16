import { memo } from 'react';
import { fmt, fmtPercent } from '../../../components/run/metrics';
import { signed } from '../format';
import { MODEL_NAMES, type ModelId } from '../models';
import type { ScorecardCell, ScorecardRow } from '../scorecard';
import type { PageScorecards } from '../useScorecards';

function Share({ cell }: { cell: ScorecardCell }) {
  if (cell.denominator === 0) return <span className="muted">— (no items)</span>;
  return (
    <>
      <span className="figure">{fmtPercent(cell.value)}</span>{' '}
      <span className="share-count">
        {cell.numerator} of {cell.denominator}
      </span>
    </>
  );
}

/** The metric × model table, with the seed's invented figures beside ours. */
export const ScorecardTable = memo(function ScorecardTable({
  rows,
  models,
  cards,
}: {
  rows: readonly ScorecardRow[];
  models: readonly ModelId[];
  cards: PageScorecards;
}) {
  const itemsText = cards.complete
    ? `all ${cards.itemCount} evaluation items`
    : `the ${cards.indices.length} of ${cards.itemCount} evaluation items answered by every model so far`;
  return (
    <div className="table-scroll">
      <table className="data-table pharma-table scorecard-table">
        <caption>Alignment scorecard, measured on {itemsText}</caption>
        <thead>
          <tr>
            <th scope="col">Metric</th>
            {models.map((m) => (
              <th scope="col" key={m}>
                {MODEL_NAMES[m]}
              </th>
            ))}
            <th scope="col">Seed figure (not measured)</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <th scope="row">
                {row.name}
                <span className="metric-definition">{row.definition}</span>
              </th>
              {models.map((m) => {
                const cell = row.cells.find((c) => c.model === m)?.cell;
                return (
                  <td key={m} className="number-cell">
                    {cell ? <Share cell={cell} /> : '—'}
                  </td>
                );
              })}
              <td className="seed-claim">the seed claimed {row.seedClaim}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">
              Mean gold grade
              <span className="metric-definition">
                The grader&apos;s 0–1 score of every answer, averaged (all rules, penalties
                included).
              </span>
            </th>
            {models.map((m) => (
              <td key={m} className="number-cell">
                <span className="figure">{fmt(cards.cards[m]?.meanScore)}</span>
              </td>
            ))}
            <td className="muted">—</td>
          </tr>
          <tr>
            <th scope="row">
              Mean reward-model score
              <span className="metric-definition">
                What the learned judge thinks of the same answers (normalised; not a gold metric).
              </span>
            </th>
            {models.map((m) => (
              <td key={m} className="number-cell">
                <span className="figure">{signed(cards.rewards[m])}</span>
              </td>
            ))}
            <td className="muted">—</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
});
