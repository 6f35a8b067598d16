import { memo } from 'react';
import { Section } from '../../../components/page/Section';
import { signed } from '../format';
import {
  MAX_NEW_TOKENS,
  METFORMIN_QUERY,
  MODEL_NAMES,
  PHARMA_MODELS,
  factOf,
  type GradedAnswer,
} from '../models';
import { progressionReading } from '../progression';
import type { PharmaAnswers } from '../usePharmaAnswers';
import { FactCard } from './FactCard';
import { GoldCell } from './GoldCell';
import { AnswerText, NoAnswers } from './parts';

function RewardCell({
  answer,
  hasRewardModel,
}: {
  answer?: GradedAnswer;
  hasRewardModel: boolean;
}) {
  if (!hasRewardModel) return <span className="muted">no reward model yet</span>;
  if (!answer) return <span className="muted">…scoring</span>;
  return <span className="figure">{signed(answer.reward)}</span>;
}

/** The seed's hand-written answers, scored by this run's reward model and graded the same way. */
function SeedClaims({ answers }: { answers: MetforminProps }) {
  const rows = [
    { label: 'SFT', claim: METFORMIN_QUERY.seedSft, measured: answers.seed.sft },
    { label: 'PPO', claim: METFORMIN_QUERY.seedPpo, measured: answers.seed.ppo },
  ];
  return (
    <>
      <h3>What the seed claimed</h3>
      <p>
        The seed&apos;s walk-through shows the same question with an SFT answer and a “PPO” answer
        it wrote by hand, and rewards it invented (on a “/10” scale this reward model does not use).
        Here are those hand-written answers, scored by this run&apos;s reward model and graded by
        the same rules as the models&apos; answers above.
      </p>
      <div className="table-scroll">
        <table className="data-table pharma-table">
          <thead>
            <tr>
              <th scope="col">Seed&apos;s stage</th>
              <th scope="col">The seed&apos;s hand-written answer</th>
              <th scope="col">The seed claimed</th>
              <th scope="col">This run&apos;s reward model</th>
              <th scope="col">Gold grader</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.label}>
                <th scope="row">{row.label}</th>
                <td>
                  <AnswerText text={row.claim.answer} />
                </td>
                <td>
                  <span className="seed-claim">
                    the seed claimed a reward of {row.claim.claimedReward}/10
                  </span>
                </td>
                <td>
                  <RewardCell answer={row.measured} hasRewardModel={answers.hasRewardModel} />
                </td>
                <td>
                  {row.measured ? (
                    <GoldCell answer={row.measured} />
                  ) : (
                    <span className="muted">…grading</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

type MetforminProps = Pick<
  PharmaAnswers,
  'models' | 'progression' | 'seed' | 'ready' | 'hasRewardModel'
>;

/** "Can I use metformin if eGFR is 28?" answered by base, SFT, PPO and DPO, scored and graded. */
export const MetforminSection = memo(function MetforminSection(answers: MetforminProps) {
  const fact = factOf(METFORMIN_QUERY.factId);
  const allAnswered = answers.models.every((m) => answers.progression[m] !== undefined);
  return (
    <Section id="metformin" title="One question through every stage: metformin at eGFR 28">
      <p>
        The seeds follow one question through the pipeline:{' '}
        <q className="query">{METFORMIN_QUERY.prompt}</q> Each model of the run shown answers it
        here, greedily (the most likely token each time, at most {MAX_NEW_TOKENS} new tokens). The
        reward model scores each answer — normalised, so 0 is the average score of the expert
        answers it trained on — and the gold grader checks it against the knowledge-base fact, rule
        by rule (grade 0 to 1).
      </p>
      <FactCard fact={fact} />
      {!answers.ready ? (
        <NoAnswers what="the four models' answers" />
      ) : (
        <>
          <div className="table-scroll">
            <table className="data-table pharma-table progression-table">
              <caption className="visually-hidden">
                {METFORMIN_QUERY.prompt} answered by each model
              </caption>
              <thead>
                <tr>
                  <th scope="col">Model</th>
                  <th scope="col">Greedy answer</th>
                  <th scope="col">Reward-model score</th>
                  <th scope="col">Gold grader</th>
                </tr>
              </thead>
              <tbody>
                {PHARMA_MODELS.map((m) => {
                  const answer = answers.progression[m.id];
                  const present = answers.models.includes(m.id);
                  return (
                    <tr key={m.id}>
                      <th scope="row">
                        {m.name}
                        <span className="model-origin">{m.origin}</span>
                      </th>
                      {present ? (
                        <>
                          <td>
                            <AnswerText text={answer?.text} />
                          </td>
                          <td>
                            <RewardCell answer={answer} hasRewardModel={answers.hasRewardModel} />
                          </td>
                          <td>{answer ? <GoldCell answer={answer} /> : null}</td>
                        </>
                      ) : (
                        <td colSpan={3} className="muted">
                          No {MODEL_NAMES[m.id]} model in the run shown yet.
                        </td>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {allAnswered && answers.models.length > 1 && (
            <p className="reading">
              <strong>What changed: </strong>
              {progressionReading(answers.progression)}
            </p>
          )}
          <SeedClaims answers={answers} />
        </>
      )}
    </Section>
  );
});
