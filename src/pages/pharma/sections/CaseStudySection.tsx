import { memo, useId, useMemo, useState } from 'react';
import { Section } from '../../../components/page/Section';
import { fmt } from '../../../components/run/metrics';
import type { Family } from '../../../sim';
import { doNotGiveCount, familyIndices, familyReading, familySummary } from '../caseStudies';
import { signed } from '../format';
import { MODEL_NAMES, evalSet, factOf } from '../models';
import type { PharmaAnswers } from '../usePharmaAnswers';
import { FactCard } from './FactCard';
import { GoldCell } from './GoldCell';
import { AnswerText, NoAnswers } from './parts';

/** How every model did on a family of facts, in counts and in words. */
function FamilyTable({ answers, indices }: { answers: PharmaAnswers; indices: number[] }) {
  const summaries = familySummary(indices, answers.evaluation, answers.models);
  const doNotGive = doNotGiveCount(evalSet(), indices);
  const reading = familyReading(summaries, doNotGive);
  const answered = summaries.reduce((n, s) => n + s.answered, 0);
  const total = indices.length * answers.models.length;
  return (
    <>
      <div className="table-scroll">
        <table className="data-table pharma-table family-table">
          <caption>
            All {indices.length} items of this kind ({doNotGive} where the expert says “do not
            give”){answered < total ? `: ${answered} of ${total} answers so far` : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col">Right verdict</th>
              <th scope="col">Safety misses</th>
              <th scope="col">False alarms</th>
              <th scope="col">No verdict</th>
              <th scope="col">Explains why</th>
              <th scope="col">Names a safer option</th>
              <th scope="col">Mean gold grade</th>
            </tr>
          </thead>
          <tbody>
            {summaries.map((s) => (
              <tr key={s.model}>
                <th scope="row">{MODEL_NAMES[s.model]}</th>
                <td className="number-cell">
                  {s.verdictRight} of {s.answered}
                </td>
                <td className="number-cell">{s.safetyMisses}</td>
                <td className="number-cell">{s.falseAlarms}</td>
                <td className="number-cell">{s.noVerdict}</td>
                <td className="number-cell">{s.mechanism}</td>
                <td className="number-cell">
                  {s.alternative.of === 0 ? '—' : `${s.alternative.hit} of ${s.alternative.of}`}
                </td>
                <td className="number-cell">{fmt(s.meanGold)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {(reading.right.length > 0 || reading.wrong.length > 0) && (
        <div className="reading reading--columns">
          <div>
            <h3>What the tiny models get right</h3>
            <ul>
              {reading.right.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </div>
          <div>
            <h3>What they get wrong</h3>
            <ul>
              {reading.wrong.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </div>
        </div>
      )}
    </>
  );
}

/** One item of the family, chosen by the reader: the fact, and every model's graded answer. */
function CaseItem({
  answers,
  indices,
  featured,
}: {
  answers: PharmaAnswers;
  indices: number[];
  featured: string;
}) {
  const id = useId();
  const items = evalSet();
  const [chosen, setChosen] = useState(() => {
    const k = indices.find((i) => items[i].factId === featured);
    return k ?? indices[0];
  });
  const item = items[chosen];
  const fact = factOf(item.factId);
  return (
    <>
      <div className="controls">
        <label htmlFor={`${id}-item`}>Case</label>
        <select
          id={`${id}-item`}
          value={chosen}
          onChange={(e) => setChosen(Number(e.target.value))}
        >
          {indices.map((k) => (
            <option key={k} value={k}>
              {items[k].prompt}
            </option>
          ))}
        </select>
      </div>
      <p>
        Asked: <q className="query">{item.prompt}</q>
      </p>
      <FactCard fact={fact} />
      <div className="table-scroll">
        <table className="data-table pharma-table progression-table">
          <caption className="visually-hidden">{item.prompt} answered by each model</caption>
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col">Greedy answer</th>
              <th scope="col">Reward-model score</th>
              <th scope="col">Gold grader</th>
            </tr>
          </thead>
          <tbody>
            {answers.models.map((m) => {
              const answer = answers.evaluation[m]?.[chosen];
              return (
                <tr key={m}>
                  <th scope="row">{MODEL_NAMES[m]}</th>
                  <td>
                    <AnswerText text={answer?.text} />
                  </td>
                  <td className="number-cell">
                    {answer ? (
                      <span className="figure">{signed(answer.reward)}</span>
                    ) : (
                      <span className="muted">…</span>
                    )}
                  </td>
                  <td>{answer ? <GoldCell answer={answer} /> : null}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** A case study told through the run: a family of facts, counted, then one case in full. */
export const CaseStudySection = memo(function CaseStudySection({
  id,
  title,
  family,
  featured,
  answers,
  intro,
}: {
  id: string;
  title: string;
  family: Family;
  /** The fact shown first (e.g. 'warfarin-nsaid'). */
  featured: string;
  answers: PharmaAnswers;
  /** The introduction: what the case is about. */
  intro: string;
}) {
  const indices = useMemo(() => familyIndices(evalSet(), family), [family]);
  return (
    <Section id={id} title={title}>
      <p>{intro}</p>
      {!answers.ready ? (
        <NoAnswers what="the models' answers" />
      ) : (
        <>
          <FamilyTable answers={answers} indices={indices} />
          <h3>One case in full</h3>
          <CaseItem answers={answers} indices={indices} featured={featured} />
        </>
      )}
    </Section>
  );
});
