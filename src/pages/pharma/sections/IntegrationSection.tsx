import { memo, useMemo } from 'react';
import { Section } from '../../../components/page/Section';
import { useRunsView } from '../../../store/runsView';
import type { TrainStage } from '../../../worker/protocol';
import { countOf } from '../format';
import { integrationRows } from '../integration';
import { PHARMA_MODELS } from '../models';
import type { ScorecardCell } from '../scorecard';
import type { PageScorecards } from '../useScorecards';

/** Right-verdict share on this page's evaluation set, per answering stage (complete runs only). */
export function evaluationByStage(
  cards: PageScorecards,
): Partial<Record<TrainStage, ScorecardCell>> {
  const out: Partial<Record<TrainStage, ScorecardCell>> = {};
  if (!cards.complete) return out;
  for (const m of PHARMA_MODELS) {
    const metric = cards.cards[m.id]?.metrics.accuracy;
    if (metric) {
      out[m.stage] = {
        value: metric.value,
        numerator: metric.numerator,
        denominator: metric.denominator,
      };
    }
  }
  return out;
}

/** What each stage adds, what it still lacks, and the run's figure that shows it. */
export const IntegrationSection = memo(function IntegrationSection({
  cards,
}: {
  cards: PageScorecards;
}) {
  const stages = useRunsView((state) => state.stages);
  const evaluation = useMemo(() => evaluationByStage(cards), [cards]);
  const rows = useMemo(() => integrationRows(stages, evaluation), [stages, evaluation]);
  const ppo = evaluation.ppo;
  const ppoCard = cards.complete ? cards.cards.ppo : undefined;
  const mechanism = ppoCard?.entries.filter((e) => e.grade.flags.mentionsMechanism).length ?? 0;
  return (
    <Section id="integration" title="Why every stage: the integration table">
      <p>
        Each stage starts from the one before and adds one thing the earlier model cannot do. The
        right-hand column is measured on the run shown: the figures come from the runs (their
        held-out checks) and from this page&apos;s evaluation set once every answer is in.
      </p>
      <div className="table-scroll">
        <table className="data-table pharma-table integration-table">
          <thead>
            <tr>
              <th scope="col">Stage</th>
              <th scope="col">What it adds</th>
              <th scope="col">What it still lacks</th>
              <th scope="col">Measured (run shown)</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.stage}>
                <th scope="row">{row.name}</th>
                <td>{row.adds}</td>
                <td>{row.lacks}</td>
                <td>
                  <ul className="measured-list">
                    {row.measured.map((line) => (
                      <li key={line}>{line}</li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        <span className="seed-claim">
          The seed&apos;s table ends with PPO as “expert-level+ … aligned, safe &amp; capable” and
          “production-ready”.
        </span>{' '}
        {ppoCard && ppo
          ? `Measured here, the PPO model states the expert's verdict group on ${countOf(ppo.numerator, ppo.denominator, 'evaluation questions')}, gives the key number in ${countOf(ppoCard.metrics.dose.numerator, ppoCard.metrics.dose.denominator, 'answers that need one')}, and explains the mechanism in ${countOf(mechanism, ppoCard.entries.length, 'answers')}. `
          : ''}
        Each stage adds something measurable; none turns a tiny model into a pharmacist, and no
        model replaces one.
      </p>
    </Section>
  );
});
