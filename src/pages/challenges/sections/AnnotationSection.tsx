import { useId, useMemo, useState, type FormEvent } from 'react';
import { Chart } from '../../../components/chart';
import { Formula } from '../../../components/formula';
import { Section } from '../../../components/page/Section';
import {
  DEFAULT_NOISE_RATES,
  type AnnotationStudyResult,
} from '../../../sim/experiments/annotation';
import { useConfigStore } from '../../../store/config';
import {
  KAPPA_TERMS,
  KAPPA_TEX,
  KAPPA_TEXT,
  MAJORITY_TEX,
  MAJORITY_TEXT,
  annotationDescription,
  annotationLive,
  annotationSeries,
  kappaFitReading,
  kappaThresholdReading,
  majorityReading,
} from '../annotationReading';
import { num, pct } from '../format';
import {
  NOISE_RULE,
  REPEATS_RULE,
  buildAnnotationRequest,
  errorList,
  errorsOf,
  listDraft,
} from '../inputs';
import { SolutionsTable } from '../SolutionsTable';
import { StudyRunBar } from '../StudyRunBar';
import { TextField } from '../TextField';
import { useRevision } from '../useRevision';
import { startStudy, useStudyInputs, useStudyRun } from '../useStudyRun';

const DEFAULT_REPEATS = 5;

/** The formulas, worked out at one noise rate of the result (chosen by the reader). */
function LiveFormulas({ result }: { result: AnnotationStudyResult }) {
  const id = useId();
  const points = result.points;
  // Start at the middle noise rate: the ends (p = 0, ½) are the trivial cases.
  const [chosen, setChosen] = useState(Math.floor(points.length / 2));
  const point = points[Math.min(chosen, points.length - 1)];
  if (!point) return null;
  const live = annotationLive(point);
  return (
    <div className="study-formulas">
      <div className="controls">
        <label htmlFor={`${id}-p`}>Noise rate in the formulas</label>
        <select id={`${id}-p`} value={chosen} onChange={(e) => setChosen(Number(e.target.value))}>
          {points.map((p, i) => (
            <option key={p.noise} value={i}>
              p = {p.noise}
            </option>
          ))}
        </select>
      </div>
      <Formula
        tex={KAPPA_TEX}
        text={KAPPA_TEXT}
        live={live.kappa.tex}
        liveText={live.kappa.text}
        liveLabel={`At p = ${point.noise}, with this result's κ`}
        terms={KAPPA_TERMS}
      />
      <Formula
        tex={MAJORITY_TEX}
        text={MAJORITY_TEXT}
        live={live.majority.tex}
        liveText={live.majority.text}
        liveLabel={`At p = ${point.noise}, with this result's share of wrong labels`}
      />
    </div>
  );
}

function Results({ result }: { result: AnnotationStudyResult }) {
  const revision = useRevision(result);
  const series = useMemo(() => annotationSeries(result), [result]);
  const points = [...result.points].sort((a, b) => a.noise - b.noise);
  return (
    <div className="study-result">
      <p className="study-shown">
        <strong>Result shown:</strong> seed {result.seed}; {result.annotators} simulated annotators
        per pair; means of {result.repeats} repeats; reward model (linear probe on the frozen SFT
        model) trained on {result.pairs.train} pairs, accuracy on {result.pairs.heldOut} held-out
        pairs against the true preferences.
      </p>
      <Chart
        title="Agreement between annotators and reward-model accuracy, against the noise rate"
        description={annotationDescription(result)}
        series={series}
        xTitle="noise rate p (chance an annotator flips a label)"
        yTitle="κ, or held-out accuracy (0–1)"
        revision={revision}
        exportName="annotation-quality"
      />
      <p className="study-reading">
        <strong>Reading:</strong> {majorityReading(result)} {kappaFitReading(result)}
      </p>
      <LiveFormulas key={revision} result={result} />
      <div className="table-scroll">
        <table className="data-table study-table">
          <caption>
            Per noise rate (mean ± SD over {result.repeats} repeats; expected values from the
            formulas)
          </caption>
          <thead>
            <tr>
              <th scope="col">Noise p</th>
              <th scope="col">κ measured</th>
              <th scope="col">κ expected</th>
              <th scope="col">Labels wrong: one annotator</th>
              <th scope="col">Labels wrong: majority (expected)</th>
              <th scope="col">Accuracy: one annotator</th>
              <th scope="col">Accuracy: majority of three</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.noise}>
                <th scope="row">{p.noise}</th>
                <td className="num">
                  {num(p.kappa)} ± {num(p.spread.kappa.std)}
                </td>
                <td className="num">{num(p.expected.kappa)}</td>
                <td className="num">{pct(p.singleLabelErrorRate, 1)}</td>
                <td className="num">
                  {pct(p.majorityLabelErrorRate, 1)} ({pct(p.expected.majorityLabelErrorRate, 1)})
                </td>
                <td className="num">
                  {pct(p.accuracySingle, 1)} ± {num(p.spread.accuracySingle.std * 100, 1)}
                </td>
                <td className="num">
                  {pct(p.accuracyMajority, 1)} ± {num(p.spread.accuracyMajority.std * 100, 1)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <SolutionsTable
        caption="Annotation quality: the seeds' solutions (seed 003, Challenge 2) against this result"
        rows={[
          {
            name: 'Inter-rater reliability',
            claim:
              '“85% effective”: measure agreement, “Fleiss’ Kappa ≥ 0.60 (acceptable)”, keep only high-agreement comparisons.',
            measured: `${kappaThresholdReading(result)} Keeping only high-agreement pairs is not simulated here; the 85% is not measured anywhere.`,
          },
          {
            name: 'Multi-annotator consensus',
            claim: '“Require 2 out of 3 annotators to agree. Majority vote determines preference.”',
            measured: `${majorityReading(result)} It costs three labels per pair instead of one.`,
          },
          {
            name: 'Calibration sessions',
            claim: 'Train annotators together on explicit guidelines; discuss disagreements.',
            measured:
              'Not measured here: the simulated annotators cannot be trained. In this model it would mean a lower p, and the chart shows what a lower p is worth.',
          },
        ]}
      />
    </div>
  );
}

/** Challenge 2: noisy annotators, their agreement, and the reward model trained on their labels. */
export function AnnotationSection() {
  const run = useStudyRun('annotation');
  const inputs = useStudyInputs('annotation');
  const configSeed = useConfigStore((state) => state.config.seed);
  const last = run.study.request?.kind === 'annotation' ? run.study.request : null;
  const [noiseRates, setNoiseRates] = useState(
    listDraft(last?.options.noiseRates ?? DEFAULT_NOISE_RATES),
  );
  const [repeats, setRepeats] = useState(String(last?.options.repeats ?? DEFAULT_REPEATS));
  const [seed, setSeed] = useState(String(last?.seed ?? configSeed));
  const [tried, setTried] = useState(false);

  const built = buildAnnotationRequest({ noiseRates, repeats, seed });
  const errors = errorsOf(built);
  const plan = built.ok
    ? `${built.request.options.noiseRates?.length ?? 0} noise rates × ${built.request.options.repeats} repeats × 2 reward models (one annotator, majority of three), from the SFT model.`
    : 'Fix the settings above to run.';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!built.ok) {
      setTried(true);
      return;
    }
    setTried(false);
    startStudy(built.request);
  };

  return (
    <Section
      id="annotation-quality"
      title="Annotation quality: noisy annotators and the majority vote"
    >
      <p>
        Three simulated annotators label every training pair; each reports the opposite of the true
        preference with probability p, the noise rate. Fleiss’ κ measures how much more they agree
        than chance would; a reward model is then trained on one annotator’s labels and, separately,
        on the majority of three, and tested against the true preferences. The reward model here is
        a linear probe on the frozen SFT model, fast enough to refit dozens of times (weaker than
        the full reward model of stage 3, but it responds to label noise the same way).
      </p>
      <form className="study-form" onSubmit={submit} noValidate>
        <div className="study-controls">
          <TextField
            label="Noise rates p"
            value={noiseRates}
            onChange={setNoiseRates}
            hint={`${NOISE_RULE.min} to ${NOISE_RULE.max}, separated by commas; at most ${NOISE_RULE.maxCount}`}
            error={errors.noiseRates}
            wide
          />
          <TextField
            label="Repeats"
            value={repeats}
            onChange={setRepeats}
            hint={`${REPEATS_RULE.min} to ${REPEATS_RULE.max} independent draws per rate`}
            error={errors.repeats}
            inputMode="numeric"
          />
          <TextField
            label="Seed"
            value={seed}
            onChange={setSeed}
            error={errors.seed}
            inputMode="numeric"
          />
        </div>
        <StudyRunBar
          kind="annotation"
          run={run}
          inputs={inputs}
          plan={plan}
          errors={tried ? errorList(errors) : []}
        />
      </form>
      {run.study.result ? (
        <Results result={run.study.result} />
      ) : (
        run.status !== 'running' && (
          <p className="study-empty">No result yet: choose the settings and press Run.</p>
        )
      )}
    </Section>
  );
}
