import { memo, useMemo } from 'react';
import { Chart, type ChartSeries } from '../../../components/chart';
import { fmtPercent } from '../../../components/run/metrics';
import { Section } from '../../../components/page/Section';
import { plural } from '../format';
import { MODEL_NAMES, PHARMA_MODELS } from '../models';
import { scorecardRows, type ScorecardRow } from '../scorecard';
import type { PharmaAnswers } from '../usePharmaAnswers';
import type { PageScorecards } from '../useScorecards';
import { MetricItems } from './MetricItems';
import { ScorecardTable } from './ScorecardTable';
import { NoAnswers } from './parts';

const PERCENT_RANGE = [0, 100] as const;

const SHORT_NAMES: Record<ScorecardRow['id'], string> = {
  accuracy: 'Accuracy',
  safety: 'Safety',
  specificity: 'Specificity',
  dose: 'Dose',
  humility: 'Humility',
};

/** Text alternative of the chart: every figure, metric by metric. */
export function scorecardDescription(rows: readonly ScorecardRow[]): string {
  return rows
    .map(
      (row) =>
        `${row.name}: ${row.cells
          .map(
            ({ model, cell }) =>
              `${MODEL_NAMES[model]} ${fmtPercent(cell.value)} (${cell.numerator} of ${cell.denominator})`,
          )
          .join(', ')}.`,
    )
    .join(' ');
}

/** The five metrics for base, SFT, PPO and DPO on the evaluation set, each expandable to its items. */
export const ScorecardSection = memo(function ScorecardSection({
  answers,
  cards,
}: {
  answers: PharmaAnswers;
  cards: PageScorecards;
}) {
  const { models } = answers;
  const rows = useMemo(() => scorecardRows(cards.cards, models), [cards, models]);
  const series = useMemo<ChartSeries[]>(
    () =>
      cards.complete
        ? models.map((m) => ({
            name: MODEL_NAMES[m],
            kind: 'bar',
            x: rows.map((r) => SHORT_NAMES[r.id]),
            y: rows.map((r) => {
              const v = r.cells.find((c) => c.model === m)?.cell.value;
              return v === null || v === undefined ? Number.NaN : v * 100;
            }),
            paletteIndex: PHARMA_MODELS.findIndex((p) => p.id === m),
          }))
        : [],
    [cards, models, rows],
  );

  return (
    <Section id="scorecard" title="The alignment scorecard, measured">
      <p>
        The seeds list five metrics for a medicines assistant and give each a figure written by
        hand. Here every model of the run answers the {cards.itemCount} evaluation questions — one
        per knowledge-base fact, worded as no training set words it — and the gold grader decides
        each metric item by item. A metric counts only the items it applies to (safety: the facts
        whose expert verdict is “do not give”), so each figure comes with its “n of d”.
      </p>
      {!answers.ready ? (
        <NoAnswers what="the scorecard's figures" />
      ) : (
        <>
          <ScorecardTable rows={rows} models={models} cards={cards} />
          <Chart
            title="Scorecard: share of qualifying items passed (%)"
            description={
              cards.complete
                ? scorecardDescription(rows)
                : `Drawn when every answer is in (${answers.answered} of ${answers.total} so far).`
            }
            series={series}
            xTitle="metric"
            yTitle="items passed (%)"
            yRange={PERCENT_RANGE}
            emptyMessage={`Drawn when every answer is in (${answers.answered} of ${answers.total} so far).`}
            exportName="pharma-scorecard"
            size="short"
          />
          <h3>The items behind each figure</h3>
          <p>
            Open a metric to read every answer it counts: the prompt, each model&apos;s answer, pass
            or fail, and the grader rule that decided.
          </p>
          {rows.map((row) => (
            <details key={row.id} className="metric-details">
              <summary>
                {row.name}: {plural(row.cells[0]?.cell.denominator ?? 0, 'item')}
              </summary>
              <p className="metric-definition">{row.definition}</p>
              <MetricItems metric={row.id} name={row.name} cards={cards.cards} models={models} />
            </details>
          ))}
        </>
      )}
    </Section>
  );
});
