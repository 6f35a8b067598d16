import { memo, useMemo, useState, type FormEvent } from 'react';
import { Chart } from '../../../components/chart';
import { Formula } from '../../../components/formula';
import { Section } from '../../../components/page/Section';
import { buildPreferencePairs, qualityLabel } from '../../../sim';
import {
  ANNOTATOR_MIN_LABELS,
  annotatorPairs,
  type AnnotatorFitResult,
  type AnnotatorLabel,
  type AnnotatorPair,
  type AnnotatorPairOutcome,
  type AnswerSide,
} from '../../../sim/experiments/annotatorFit';
import { useConfigStore } from '../../../store/config';
import type { StudyRequest } from '../../../worker/protocol';
// The study run bar, its hooks and styles are the Challenges page's: the fit runs in
// the same study Worker, with the same progress, cancel and error reporting.
import '../../challenges/challenges.css';
import { num, pct } from '../../challenges/format';
import { StudyRunBar } from '../../challenges/StudyRunBar';
import { useRevision } from '../../challenges/useRevision';
import { startStudy, useStudyInputs, useStudyRun } from '../../challenges/useStudyRun';
import { Verdict } from '../../shared/Verdict';
import { useStageSummary } from '../../shared/useStageRun';
import {
  ECE_TEX,
  ECE_TEXT,
  accuracyReading,
  agreementText,
  calibrationDescription,
  calibrationReading,
  calibrationSeries,
  eceLive,
} from '../annotatorReading';

type Labels = Readonly<Record<string, AnswerSide>>;

const SIDES: readonly AnswerSide[] = ['A', 'B'];
const other = (side: AnswerSide): AnswerSide => (side === 'A' ? 'B' : 'A');

/** The labels of the shown pairs, in the order shown (labels of other pairs are dropped). */
function labelList(pairs: readonly AnnotatorPair[], labels: Labels): AnnotatorLabel[] {
  return pairs.flatMap((p) => (labels[p.id] ? [{ pairId: p.id, preferred: labels[p.id] }] : []));
}

function sameLabels(a: readonly AnnotatorLabel[], b: readonly AnnotatorLabel[]): boolean {
  return (
    a.length === b.length &&
    a.every((l, i) => l.pairId === b[i].pairId && l.preferred === b[i].preferred)
  );
}

/**
 * One pair as an annotator sees it: the prompt (the judgement depends on it, and real
 * labelling tools show it) and two answers in the seeded A/B order. The quality the
 * pair contrasts and the experts' choice stay hidden until a fit has used the label,
 * so they cannot steer the labelling; unlabelled pairs stay hidden after a fit too.
 */
function PairChoice({
  pair,
  index,
  total,
  picked,
  outcome,
  onPick,
}: {
  pair: AnnotatorPair;
  index: number;
  total: number;
  picked: AnswerSide | undefined;
  outcome: AnnotatorPairOutcome | undefined;
  onPick: (side: AnswerSide | undefined) => void;
}) {
  const text = { A: pair.a, B: pair.b };
  return (
    <li className="annotator-pair">
      <fieldset className="annotator-fieldset">
        <legend className="annotator-legend">
          Pair {index + 1} of {total}
          {picked ? (
            <span className="annotator-status"> · you chose {picked}</span>
          ) : (
            <span className="annotator-status annotator-status--open"> · not labelled</span>
          )}
        </legend>
        <p className="annotator-prompt">{pair.prompt}</p>
        <div className="annotator-answers">
          {SIDES.map((side) => (
            <div
              key={side}
              className={
                picked === side ? 'annotator-answer annotator-answer--picked' : 'annotator-answer'
              }
            >
              <p className="annotator-answer-label">
                Answer {side}
                {picked === side && (
                  <span className="annotator-pick">
                    <span aria-hidden="true">✓ </span>your choice
                  </span>
                )}
              </p>
              <p className="annotator-answer-text">{text[side]}</p>
              <button
                type="button"
                className={picked === side ? 'button button--primary' : 'button'}
                aria-pressed={picked === side}
                // Pressing the chosen answer again takes the label back.
                onClick={() => onPick(picked === side ? undefined : side)}
              >
                {side} is better
              </button>
            </div>
          ))}
        </div>
        {outcome && (
          <p className="annotator-reveal">
            <Verdict
              ok={outcome.preferred === outcome.expert}
              yes="you agreed with the experts"
              no="you disagreed with the experts"
            />
            : in the last fit you chose {outcome.preferred}, the experts chose {outcome.expert}. The
            pair contrasts <strong>{qualityLabel(outcome.quality)}</strong>. P(A ≻ B):{' '}
            {num(outcome.yours)} from your labels, {num(outcome.experts)} from the experts’.
          </p>
        )}
      </fieldset>
    </li>
  );
}

const Results = memo(function Results({
  result,
  fullModel,
}: {
  result: AnnotatorFitResult;
  fullModel: string | null;
}) {
  const revision = useRevision(result);
  const series = useMemo(() => calibrationSeries(result), [result]);
  const live = eceLive(result);
  const rows = [
    { name: 'Fitted on your labels', r: result.yours },
    {
      name: `Fitted on the experts’ labels of the same ${result.pairs.labelled} pairs`,
      r: result.experts,
    },
  ];
  return (
    <div className="study-result annotator-result">
      <p className="annotator-headline">
        <strong>{agreementText(result)}</strong>
      </p>
      <div className="table-scroll">
        <table className="data-table study-table annotator-table">
          <caption>
            Two reward models on {result.pairs.heldOut} held-out pairs (facts you never labelled),
            against the experts’ labels
          </caption>
          <thead>
            <tr>
              <th scope="col">Reward model</th>
              <th scope="col">Held-out accuracy</th>
              <th scope="col">Mean confidence</th>
              <th scope="col">Calibration error (ECE)</th>
              <th scope="col">Brier score</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ name, r }) => (
              <tr key={name}>
                <th scope="row">{name}</th>
                <td className="num annotator-figure">{pct(r.accuracy, 1)}</td>
                <td className="num">{pct(r.meanConfidence)}</td>
                <td className="num">{num(r.ece)}</td>
                <td className="num">{num(r.brier)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="study-reading">
        <strong>Reading:</strong> {accuracyReading(result)}
        {result.yours.accuracy >= 0.5 && ' Guessing scores 50%.'}
        {fullModel && ` ${fullModel}`}
      </p>
      <Chart
        title="Calibration on held-out pairs: predicted P(A ≻ B) against the experts’ choices"
        description={calibrationDescription(result)}
        series={series}
        xTitle="predicted P(A is better)"
        yTitle="observed: experts chose A"
        xRange={[0, 1]}
        yRange={[0, 1]}
        revision={revision}
        exportName="be-the-annotator-calibration"
      />
      <p className="study-reading">
        <strong>Calibration:</strong> {calibrationReading(result)}
      </p>
      <div className="table-scroll">
        <table className="data-table study-table">
          <caption>
            The calibration bins: held-out pairs per bin, mean prediction, observed share
          </caption>
          <thead>
            <tr>
              <th scope="col">Predicted P(A ≻ B)</th>
              <th scope="col">Your labels: pairs</th>
              <th scope="col">predicted</th>
              <th scope="col">experts chose A</th>
              <th scope="col">Experts’ labels: pairs</th>
              <th scope="col">predicted</th>
              <th scope="col">experts chose A</th>
            </tr>
          </thead>
          <tbody>
            {result.yours.calibration.map((b, i) => {
              const e = result.experts.calibration[i];
              return (
                <tr key={b.from}>
                  <th scope="row">
                    {num(b.from, 1)} to {num(b.to, 1)}
                  </th>
                  <td className="num">{b.count}</td>
                  <td className="num">{num(b.predicted)}</td>
                  <td className="num">{pct(b.observed)}</td>
                  <td className="num">{e.count}</td>
                  <td className="num">{num(e.predicted)}</td>
                  <td className="num">{pct(e.observed)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <Formula
        tex={ECE_TEX}
        text={ECE_TEXT}
        live={live.tex}
        liveText={live.text}
        liveLabel="With the bins of the model fitted on your labels"
      />
      <p className="study-shown">
        <strong>Result shown:</strong> seed {result.seed}; {result.pairs.labelled} of{' '}
        {result.pairs.shown} pairs labelled; reward model = linear probe on the frozen SFT model,
        Bradley–Terry loss with L2 λ = {result.l2}; {result.pairs.heldOut} held-out pairs (whole
        facts held out, {pct(result.heldOutFraction)} of the pairs, as the reward stage splits
        them).
      </p>
    </div>
  );
});

/**
 * "Be the annotator": the student labels pairs of the training split, a reward model is
 * fitted on those labels in the study Worker, and its held-out accuracy and calibration
 * are shown next to the same model fitted on the experts' labels of the same pairs.
 */
export function AnnotatorSection() {
  const seed = useConfigStore((state) => state.config.seed);
  const set = useMemo(() => annotatorPairs(buildPreferencePairs(), seed), [seed]);
  const run = useStudyRun('annotator');
  const inputs = useStudyInputs('annotator');
  const last = run.study.request?.kind === 'annotator' ? run.study.request : null;
  // Labels live in this section; after a fit the studies store keeps them with the
  // request, so they come back when the page is revisited.
  const [labels, setLabels] = useState<Labels>(() =>
    Object.fromEntries(last?.options.labels.map((l) => [l.pairId, l.preferred]) ?? []),
  );
  const list = labelList(set.shown, labels);
  const count = list.length;
  const total = set.shown.length;

  const result = run.study.result;
  const outcomes = useMemo(
    () =>
      new Map(result && result.seed === seed ? result.outcomes.map((o) => [o.id, o] as const) : []),
    [result, seed],
  );
  const changed =
    result !== null &&
    last !== null &&
    (last.seed !== seed || !sameLabels(last.options.labels, list));

  const reward = useStageSummary('reward')?.reward;
  const fullModel =
    result &&
    reward?.finalHeldOut &&
    result.seed === seed &&
    reward.data.heldOut === result.pairs.heldOut
      ? `For scale: the full reward model of this page (the whole SFT trunk trained on all ${reward.data.train} training pairs) ranks ${pct(reward.finalHeldOut.accuracy, 1)} of the same held-out pairs the experts’ way.`
      : null;

  const pick = (id: string, side: AnswerSide | undefined) =>
    setLabels((current) => {
      const next = { ...current };
      if (side) next[id] = side;
      else delete next[id];
      return next;
    });
  const flipAll = () =>
    setLabels((current) =>
      Object.fromEntries(Object.entries(current).map(([id, side]) => [id, other(side)])),
    );

  const heldOut = set.heldOut.length;
  const blocked =
    count < ANNOTATOR_MIN_LABELS
      ? `Label at least ${ANNOTATOR_MIN_LABELS} pairs to fit (${count} so far): with fewer, even the experts’ labels leave the model guessing.`
      : null;
  const plan = `Fits a reward model on your ${count} labels and one on the experts’ labels of the same pairs, then tests both on ${heldOut} held-out pairs. A few seconds: the SFT model reads ${count + heldOut} pairs first.`;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (blocked) return;
    const request: StudyRequest = { kind: 'annotator', seed, options: { labels: list } };
    startStudy(request);
  };

  return (
    <Section id="be-the-annotator" title="Be the annotator">
      <p>
        The reward model only knows what its annotators told it. Label {total} pairs from the
        training split yourself: for each prompt, which answer would a careful pharmacist prefer? A
        reward model is then fitted on your labels and tested on {heldOut} held-out pairs about
        facts you never saw, against the experts’ labels. The same model fitted on the experts’
        labels of the same pairs is the fair comparison: only the labels differ.
      </p>
      <p className="annotator-note">
        The reward model here is a linear probe on the frozen SFT model (as in the Challenges
        studies), refitted in milliseconds — weaker than the full reward model of this page, but it
        learns from labels the same way. The experts’ choice and the quality each pair contrasts are
        revealed after a fit, only for the pairs you labelled. “Flip all my labels” swaps A and B in
        every label you gave: fit again to see what labels against the experts do.
      </p>
      <div className="annotator-toolbar">
        <p className="annotator-count" aria-live="polite">
          <strong>
            {count} of {total} labelled
          </strong>
        </p>
        <button type="button" className="button" onClick={flipAll} disabled={count === 0}>
          Flip all my labels
        </button>
        <button
          type="button"
          className="button"
          onClick={() => setLabels({})}
          disabled={count === 0}
        >
          Clear my labels
        </button>
      </div>
      <ol className="annotator-list" aria-label="Pairs to label">
        {set.shown.map((pair, i) => (
          <PairChoice
            key={pair.id}
            pair={pair}
            index={i}
            total={total}
            picked={labels[pair.id]}
            outcome={outcomes.get(pair.id)}
            onPick={(side) => pick(pair.id, side)}
          />
        ))}
      </ol>
      <form className="study-form" onSubmit={submit} noValidate>
        <StudyRunBar
          kind="annotator"
          run={run}
          inputs={inputs}
          plan={plan}
          errors={[]}
          runLabel="Fit a reward model on my labels"
          cancelLabel="Cancel the fit"
          blocked={blocked}
        />
      </form>
      {result ? (
        <>
          {changed && (
            <p className="study-note">
              {last && last.seed !== seed
                ? `The seed has changed since this fit (seed ${last.seed}): the pairs above are new ones, and the result below is still the old seed’s.`
                : 'Your labels have changed since this fit: fit again to see what the new ones do.'}
            </p>
          )}
          <Results result={result} fullModel={fullModel} />
        </>
      ) : (
        run.status !== 'running' && (
          <p className="study-empty">
            No fit yet: label at least {ANNOTATOR_MIN_LABELS} pairs and press “Fit a reward model on
            my labels”.
          </p>
        )
      )}
    </Section>
  );
}
