import { memo, useId, useMemo, useState } from 'react';
import { VERDICT_LABELS, type Scorecard, type ScorecardMetricId } from '../../../sim';
import { Pager } from '../../shared/Pager';
import { Verdict } from '../../shared/Verdict';
import { plural } from '../format';
import { MODEL_NAMES, evalSet, type ModelId } from '../models';
import { metricItemRows } from '../scorecard';
import { AnswerText } from './parts';

const PAGE_SIZE = 5;

/** The items behind one metric: each model's answer, pass or fail in words, and the rule's reason. */
export const MetricItems = memo(function MetricItems({
  metric,
  name,
  cards,
  models,
}: {
  metric: ScorecardMetricId;
  name: string;
  cards: Partial<Record<ModelId, Scorecard>>;
  models: readonly ModelId[];
}) {
  const id = useId();
  const [onlyDisagreements, setOnlyDisagreements] = useState(false);
  const [page, setPage] = useState(0);
  const rows = useMemo(
    () => metricItemRows(metric, cards, models, evalSet()),
    [metric, cards, models],
  );
  const shown = onlyDisagreements ? rows.filter((r) => !r.agree) : rows;
  const pageCount = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
  const current = Math.min(page, pageCount - 1);
  if (rows.length === 0) return <p className="muted">No item counts for this metric yet.</p>;
  return (
    <>
      <div className="controls">
        <label className="checkbox" htmlFor={`${id}-disagree`}>
          <input
            id={`${id}-disagree`}
            type="checkbox"
            checked={onlyDisagreements}
            onChange={(e) => {
              setOnlyDisagreements(e.target.checked);
              setPage(0);
            }}
          />
          Only items where the models differ
        </label>
        <span className="controls-count" aria-live="polite">
          Showing {shown.length} of {plural(rows.length, 'item')}
        </span>
      </div>
      {shown.length === 0 && <p>Every model passes, or every model fails, on every item.</p>}
      {shown.length > 0 && (
        <div className="table-scroll">
          <table className="data-table pharma-table items-table">
            <caption className="visually-hidden">{name}: the items behind the figure</caption>
            <thead>
              <tr>
                <th scope="col">Evaluation prompt</th>
                <th scope="col">Model</th>
                <th scope="col">Answer</th>
                <th scope="col">Result</th>
                <th scope="col">The grader&apos;s reason</th>
              </tr>
            </thead>
            {shown.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE).map((row) => (
              <tbody key={row.itemId}>
                {row.cells.map((cell, j) => (
                  <tr key={cell.model}>
                    {j === 0 && (
                      <th scope="rowgroup" rowSpan={row.cells.length}>
                        {row.prompt}
                        <span className="metric-definition">
                          Expert: {VERDICT_LABELS[row.expert]}
                        </span>
                      </th>
                    )}
                    <th scope="row">{MODEL_NAMES[cell.model]}</th>
                    <td>
                      <AnswerText text={cell.answer} />
                    </td>
                    <td>
                      <Verdict ok={cell.passed} yes="pass" no="fail" />
                    </td>
                    <td>{cell.rule}</td>
                  </tr>
                ))}
              </tbody>
            ))}
          </table>
        </div>
      )}
      <Pager page={current} pageCount={pageCount} onPage={setPage} label={`${name} items`} />
    </>
  );
});
