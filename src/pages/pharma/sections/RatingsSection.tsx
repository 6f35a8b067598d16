import { memo, useMemo, type ReactNode } from 'react';
import { Formula } from '../../../components/formula';
import { Section } from '../../../components/page/Section';
import { fmt, fmtPercent } from '../../../components/run/metrics';
import { MODEL_NAMES, type ModelId } from '../models';
import {
  goldComparisons,
  goldRatings,
  headToHead,
  rankRatings,
  totalRecord,
  type Record3,
} from '../ratings';
import type { PageScorecards } from '../useScorecards';
import { NoAnswers } from './parts';

function recordText(r: Record3 | undefined): string {
  return r ? `${r.wins}–${r.ties}–${r.losses}` : '—';
}

/** Elo-scale Bradley–Terry ratings from per-item gold comparisons, and the head-to-head table. */
export const RatingsSection = memo(function RatingsSection({
  cards,
  models,
  ready,
  note,
}: {
  cards: PageScorecards;
  models: readonly ModelId[];
  ready: boolean;
  /** Said after the formula (the Reward Model page says where the answers come from). */
  note?: ReactNode;
}) {
  const { comparisons, ratings, table } = useMemo(() => {
    const comparisons = goldComparisons(cards.cards, models);
    return {
      comparisons,
      ratings: goldRatings(comparisons),
      table: headToHead(comparisons),
    };
  }, [cards, models]);
  const ties = comparisons.filter((c) => c.scoreA === 0.5).length;
  const ranked = ratings ? rankRatings(ratings, models) : [];

  return (
    <Section id="ratings" title="Ratings from head-to-head comparisons">
      <p>
        Leaderboards such as Chatbot Arena rank models by games: two answers to the same question,
        one judged better. Here every evaluation item is a game between every pair of models, won by
        the answer with the higher gold grade (equal grades: a tie). The Bradley–Terry fit turns all
        the games into one rating per model on the Elo scale: the same results in any order give the
        same ratings, unlike Elo&apos;s game-by-game updates.
      </p>
      <Formula
        tex={String.raw`P(i \text{ beats } j) = \frac{\gamma_i}{\gamma_i + \gamma_j}, \qquad R_i = 1000 + \frac{400}{\ln 10}\left(\ln \gamma_i - \overline{\ln \gamma}\right)`}
        text="The probability that i beats j is gamma i over gamma i plus gamma j; the rating R i is 1000 plus 400 over ln 10 times ln gamma i minus the mean of the ln gammas."
      />
      <p>
        400 points apart means 10:1 odds of winning a game; 100 points about 64:36. A tie counts
        half a win to each side.
      </p>
      {note}
      {!ready ? (
        <NoAnswers what="the ratings" />
      ) : models.length < 2 ? (
        <p className="no-model">Ratings need at least two models; only one is in the run shown.</p>
      ) : !ratings ? (
        <p className="muted">The ratings appear once every model has answered the first item.</p>
      ) : (
        <>
          <div className="table-scroll">
            <table className="data-table pharma-table ratings-table">
              <caption>
                Ratings from {comparisons.length} games ({cards.indices.length} items ×{' '}
                {(models.length * (models.length - 1)) / 2} pairs)
                {cards.complete ? '' : ', so far'}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Rank</th>
                  <th scope="col">Model</th>
                  <th scope="col">Rating</th>
                  <th scope="col">Won–tied–lost, all games</th>
                  <th scope="col">Mean gold grade</th>
                </tr>
              </thead>
              <tbody>
                {ranked.map(({ model: m, rating, rank, tied }) => (
                  <tr key={m}>
                    <td className="number-cell">{tied ? `${rank} (tied)` : rank}</td>
                    <th scope="row">{MODEL_NAMES[m]}</th>
                    <td className="number-cell">
                      <span className="figure">{Math.round(rating)}</span>
                    </td>
                    <td className="number-cell">{recordText(totalRecord(table, m))}</td>
                    <td className="number-cell">{fmt(cards.cards[m]?.meanScore)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="table-scroll">
            <table className="data-table pharma-table matrix-table">
              <caption>
                Head to head: the row model&apos;s won–tied–lost against the column model
              </caption>
              <thead>
                <tr>
                  <th scope="col">
                    <span className="visually-hidden">Model</span>
                  </th>
                  {models.map((m) => (
                    <th scope="col" key={m}>
                      against {MODEL_NAMES[m]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {models.map((a) => (
                  <tr key={a}>
                    <th scope="row">{MODEL_NAMES[a]}</th>
                    {models.map((b) => (
                      <td key={b} className="number-cell">
                        {a === b ? (
                          <span className="muted">—</span>
                        ) : (
                          recordText(table.get(`${a}|${b}`))
                        )}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p>
            {ties} of {comparisons.length} games ({fmtPercent(ties / comparisons.length)}) were ties
            — equal grades, as when two answers pass and fail the same rules. Ratings count who wins
            more often, not by how much.
          </p>
        </>
      )}
    </Section>
  );
});
