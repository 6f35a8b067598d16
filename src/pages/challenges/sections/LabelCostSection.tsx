import { useMemo, useState, type FormEvent } from 'react';
import { Chart } from '../../../components/chart';
import { Formula } from '../../../components/formula';
import { Section } from '../../../components/page/Section';
import {
  DEFAULT_LABEL_COST,
  DEFAULT_LABEL_COUNTS,
  LABEL_COST_SOURCE,
  type LabelCostModel,
  type LabelCostResult,
} from '../../../sim/experiments/labelCost';
import { useConfigStore } from '../../../store/config';
import { count, hours, money, num, pct, pointsDiff } from '../format';
import {
  LABEL_COUNTS_RULE,
  MINUTES_RULE,
  RATE_RULE,
  REPEATS_RULE,
  buildLabelCostRequest,
  checkNumber,
  errorList,
  errorsOf,
  listDraft,
} from '../inputs';
import {
  COST_TEX,
  COST_TEXT,
  SEED_PAIRS,
  costLive,
  costReading,
  costRows,
  labelCostDescription,
  labelCostSeries,
  ratesText,
  savingReading,
  seedScale,
  uncertaintyReading,
} from '../labelCostReading';
import { SolutionsTable } from '../SolutionsTable';
import { StudyRunBar } from '../StudyRunBar';
import { TextField } from '../TextField';
import { useRevision } from '../useRevision';
import { startStudy, useStudyInputs, useStudyRun } from '../useStudyRun';

const DEFAULT_REPEATS = 5;

function Results({ result, cost }: { result: LabelCostResult; cost: LabelCostModel }) {
  const rows = useMemo(() => costRows(result, cost), [result, cost]);
  const series = useMemo(() => labelCostSeries(rows), [rows]);
  const revision = useRevision(rows);
  return (
    <div className="study-result">
      <p className="study-shown">
        <strong>Result shown:</strong> seed {result.seed}; means of {result.repeats} random orders;
        uncertainty sampling starts from {result.initialLabels} random labels and adds{' '}
        {result.acquisitionBatch} per refit; {result.pairs.train} training pairs, accuracy on{' '}
        {result.pairs.heldOut} held-out pairs. Hours and cost at {ratesText(cost)}.
      </p>
      <Chart
        title="Reward-model accuracy against the labels paid for"
        description={labelCostDescription(rows)}
        series={series}
        xTitle="labelled comparisons · their cost at the rates above"
        yTitle="held-out accuracy (%)"
        revision={revision}
        exportName="label-cost"
      />
      <p className="study-reading">
        <strong>Reading:</strong> {costReading(rows)} {uncertaintyReading(result)}
      </p>
      <div className="table-scroll">
        <table className="data-table study-table">
          <caption>
            Accuracy and cost per budget (accuracy: mean ± SD over {result.repeats} orders; cost at{' '}
            {ratesText(cost)})
          </caption>
          <thead>
            <tr>
              <th scope="col">Labels</th>
              <th scope="col">Expert hours</th>
              <th scope="col">Cost</th>
              <th scope="col">Random sampling</th>
              <th scope="col">Uncertainty sampling</th>
              <th scope="col">Uncertainty − random</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.labels}>
                <th scope="row">
                  {count(r.labels)}
                  {r.all ? ' (all)' : ''}
                </th>
                <td className="num">{hours(r.hours)}</td>
                <td className="num">{money(r.cost)}</td>
                <td className="num">
                  {pct(r.accuracyRandom, 1)} ± {num(r.stdRandom * 100, 1)}
                </td>
                <td className="num">
                  {pct(r.accuracyUncertainty, 1)} ± {num(r.stdUncertainty * 100, 1)}
                </td>
                <td className="num">{pointsDiff(r.difference)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <SolutionsTable
        caption="Scalability: the seeds' solutions (seed 003, Challenge 4) against this result"
        rows={[
          {
            name: 'Focus on high-value data',
            claim:
              '“80% effective”: label the hard cases; “Saves 60% of labeling effort while maintaining quality”.',
            measured: `${savingReading(result, cost)} The 80% is not measured anywhere.`,
          },
          {
            name: 'RM-guided sampling',
            claim:
              'Use the reward model’s uncertainty to find the hardest examples and label those.',
            measured: uncertaintyReading(result),
          },
          {
            name: 'Crowdsourcing with validation',
            claim: '“80% crowd, 20% expert validation”: cheaper annotators, expert spot-checks.',
            measured:
              'Not measured here. Cheaper annotators are noisier ones: the annotation-quality study above measures what a given noise rate costs in accuracy.',
          },
        ]}
      />
    </div>
  );
}

/** Challenge 4: accuracy against the number of labels, and what the labels cost. */
export function LabelCostSection() {
  const run = useStudyRun('labelCost');
  const inputs = useStudyInputs('labelCost');
  const configSeed = useConfigStore((state) => state.config.seed);
  const last = run.study.request?.kind === 'labelCost' ? run.study.request : null;
  const [cost, setCost] = useState<LabelCostModel>({
    minutesPerComparison:
      last?.options.minutesPerComparison ?? DEFAULT_LABEL_COST.minutesPerComparison,
    hourlyRate: last?.options.hourlyRate ?? DEFAULT_LABEL_COST.hourlyRate,
  });
  const [minutesText, setMinutesText] = useState(String(cost.minutesPerComparison));
  const [rateText, setRateText] = useState(String(cost.hourlyRate));
  const [labelCounts, setLabelCounts] = useState(
    listDraft(last?.options.labelCounts ?? DEFAULT_LABEL_COUNTS),
  );
  const [repeats, setRepeats] = useState(String(last?.options.repeats ?? DEFAULT_REPEATS));
  const [seed, setSeed] = useState(String(last?.seed ?? configSeed));
  const [tried, setTried] = useState(false);

  const built = buildLabelCostRequest({
    minutesPerComparison: minutesText,
    hourlyRate: rateText,
    labelCounts,
    repeats,
    seed,
  });
  const errors = errorsOf(built);
  const kept = (message: string | undefined, value: number) =>
    message ? `${message} Not applied: still ${value}.` : null;
  const plan = built.ok
    ? `${built.request.options.labelCounts?.length ?? 0} budgets and all pairs × ${built.request.options.repeats} random orders × 2 strategies, from the SFT model.`
    : 'Fix the settings above to run.';

  const enterMinutes = (text: string) => {
    setMinutesText(text);
    const c = checkNumber(text, MINUTES_RULE);
    if (c.ok) setCost((m) => ({ ...m, minutesPerComparison: c.value }));
  };
  const enterRate = (text: string) => {
    setRateText(text);
    const c = checkNumber(text, RATE_RULE);
    if (c.ok) setCost((m) => ({ ...m, hourlyRate: c.value }));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!built.ok) {
      setTried(true);
      return;
    }
    setTried(false);
    startStudy(built.request);
  };
  const live = costLive(cost);
  const scale = seedScale(cost);

  return (
    <Section id="label-cost" title="Scalability: what each label costs, and what it buys">
      <p>
        Expert preference labels are slow and expensive. The study trains the reward model (the
        linear probe on the frozen SFT model) on more and more labelled pairs and measures its
        held-out accuracy, choosing the pairs two ways: at random, or by uncertainty sampling —
        label next the pairs the current model is least sure about (the seeds’ “RM-guided
        sampling”). The price of each budget is worked out from the rates below; change them and the
        hours and costs follow at once.
      </p>
      <form className="study-form" onSubmit={submit} noValidate>
        <div className="study-controls">
          <fieldset className="study-group">
            <legend>Cost of one label</legend>
            <div className="study-group-fields">
              <TextField
                label="Minutes per comparison"
                value={minutesText}
                onChange={enterMinutes}
                hint="a positive number"
                error={kept(errors.minutesPerComparison, cost.minutesPerComparison)}
              />
              <TextField
                label="Hourly rate ($)"
                value={rateText}
                onChange={enterRate}
                hint="a positive number"
                error={kept(errors.hourlyRate, cost.hourlyRate)}
              />
            </div>
            <p className="study-field-hint">Defaults from {LABEL_COST_SOURCE}.</p>
          </fieldset>
          <fieldset className="study-group">
            <legend>Study</legend>
            <div className="study-group-fields">
              <TextField
                label="Label counts"
                value={labelCounts}
                onChange={setLabelCounts}
                hint={`whole numbers, at most ${LABEL_COUNTS_RULE.maxCount}; counts above the training set are dropped, and all pairs are always measured last`}
                error={errors.labelCounts}
                wide
              />
              <TextField
                label="Repeats"
                value={repeats}
                onChange={setRepeats}
                hint={`${REPEATS_RULE.min} to ${REPEATS_RULE.max} random orders`}
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
          </fieldset>
        </div>
        <StudyRunBar
          kind="labelCost"
          run={run}
          inputs={inputs}
          plan={plan}
          errors={tried ? errorList(errors) : []}
        />
      </form>
      <Formula
        tex={COST_TEX}
        text={COST_TEXT}
        live={live.tex}
        liveText={live.text}
        liveLabel={`The seeds' ${count(SEED_PAIRS)} pairs at the rates above`}
      />
      <p className="figure-line">
        At {ratesText(cost)}, the seeds’ {count(SEED_PAIRS)} preference pairs take{' '}
        <strong>{hours(scale.hours)}</strong> of expert time and cost{' '}
        <strong>{money(scale.cost)}</strong>. <span className="claim-tag">Claim</span> The seeds
        (003): “Total time: 2,500 hours for 50k pairs”, “Cost: $100/hour → $250,000”.
      </p>
      {run.study.result ? (
        <Results result={run.study.result} cost={cost} />
      ) : (
        run.status !== 'running' && (
          <p className="study-empty">No result yet: choose the settings and press Run.</p>
        )
      )}
    </Section>
  );
}
