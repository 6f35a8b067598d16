import { useMemo, useState, type FormEvent } from 'react';
import { Chart } from '../../../components/chart';
import { Section } from '../../../components/page/Section';
import { PREFERENCE_QUALITY_LABELS, type PreferenceQuality } from '../../../sim/data/preferences';
import {
  DEFAULT_DISTRIBUTION_SHIFT_OPTIONS,
  type DistributionShiftResult,
} from '../../../sim/experiments/distributionShift';
import { useConfigStore } from '../../../store/config';
import { pct } from '../format';
import { PAIRS_RULE, buildShiftRequest, errorList, errorsOf } from '../inputs';
import {
  activeLearningReading,
  shiftDescription,
  shiftReading,
  shiftSeries,
} from '../shiftReading';
import { SolutionsTable } from '../SolutionsTable';
import { StudyRunBar } from '../StudyRunBar';
import { TextField } from '../TextField';
import { useRevision } from '../useRevision';
import { startStudy, useStudyInputs, useStudyRun } from '../useStudyRun';

const Y_RANGE: readonly [number, number] = [0, 100];

function qualityText(quality: PreferenceQuality | null): string {
  return quality === null ? '—' : (PREFERENCE_QUALITY_LABELS[quality] ?? quality);
}

function Results({ result }: { result: DistributionShiftResult }) {
  const revision = useRevision(result);
  const series = useMemo(() => shiftSeries(result), [result]);
  const { rewardModel: rm, activeLearning: al, counts, options } = result;
  return (
    <div className="study-result">
      <p className="study-shown">
        <strong>Result shown:</strong> seed {options.seed}; {options.pairsPerModel} judged pairs
        sampled from each model (temperature {options.temperature}, up to {options.maxNewTokens}{' '}
        tokens per answer); test sets of {counts.sftTest} SFT pairs and {counts.policyTest} PPO
        pairs; {counts.policyPool} PPO pairs in the labelling pool.
      </p>
      <Chart
        title="Does the reward model rank answers like the gold grader?"
        description={shiftDescription(result)}
        series={series}
        xTitle="which model wrote the two answers"
        yTitle="agreement with the gold grader (%)"
        yRange={Y_RANGE}
        revision={revision}
        exportName="distribution-shift"
      />
      <p className="study-reading">
        <strong>Reading:</strong> {shiftReading(result)}
      </p>
      <div className="table-scroll">
        <table className="data-table study-table">
          <caption>Agreement with the gold grader on held-out test pairs</caption>
          <thead>
            <tr>
              <th scope="col">Judge</th>
              <th scope="col">Pairs of SFT answers ({counts.sftTest})</th>
              <th scope="col">Pairs of PPO answers ({counts.policyTest})</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">Reward model PPO used (stage 3)</th>
              <td className="num">{pct(rm.sft)}</td>
              <td className="num">{pct(rm.policy)}</td>
            </tr>
            <tr>
              <th scope="row">Linear probe, built-in pairs only (before)</th>
              <td className="num">{pct(al.before.sft)}</td>
              <td className="num">{pct(al.before.policy)}</td>
            </tr>
            <tr>
              <th scope="row">Linear probe + {al.labelsAdded} labelled PPO pairs (after)</th>
              <td className="num">{pct(al.after.sft)}</td>
              <td className="num">{pct(al.after.policy)}</td>
            </tr>
          </tbody>
        </table>
      </div>
      <p className="study-reading">
        <strong>Active learning:</strong> {activeLearningReading(result)}
      </p>
      {result.examples.length > 0 && (
        <div className="table-scroll">
          <table className="data-table study-table example-pairs">
            <caption>
              Some of the PPO test pairs, as the gold grader judged them (the model’s own text)
            </caption>
            <thead>
              <tr>
                <th scope="col">Prompt</th>
                <th scope="col">Answer the gold grader preferred</th>
                <th scope="col">The other answer</th>
                <th scope="col">Where they differ</th>
              </tr>
            </thead>
            <tbody>
              {result.examples.map((pair) => (
                <tr key={pair.id}>
                  <td className="example-text">{pair.prompt}</td>
                  <td className="example-text">{pair.chosen}</td>
                  <td className="example-text">{pair.rejected}</td>
                  <td>{qualityText(pair.quality)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <SolutionsTable
        caption="Distribution shift: the seeds' solutions (seed 003, Challenge 3) against this result"
        rows={[
          {
            name: 'Active learning',
            claim:
              '“78% effective”: run PPO, have humans label PPO’s new outputs, retrain the reward model on them.',
            measured: `${activeLearningReading(result)} The gold grader does the labelling. The 78% is not measured anywhere.`,
          },
          {
            name: 'Iterative reward-model training',
            claim:
              'Alternate: train the reward model, run PPO, retrain on PPO outputs, “until convergence”.',
            measured:
              'One round only (the active-learning row). Repeating it would need a new PPO run per round, which this study does not do.',
          },
        ]}
      />
    </div>
  );
}

/** Challenge 3: the reward model judging answers unlike the ones it was trained on. */
export function DistributionShiftSection() {
  const run = useStudyRun('distributionShift');
  const inputs = useStudyInputs('distributionShift');
  const configSeed = useConfigStore((state) => state.config.seed);
  const last = run.study.request?.kind === 'distributionShift' ? run.study.request : null;
  const [pairsPerModel, setPairsPerModel] = useState(
    String(last?.options.pairsPerModel ?? DEFAULT_DISTRIBUTION_SHIFT_OPTIONS.pairsPerModel),
  );
  const [seed, setSeed] = useState(String(last?.seed ?? configSeed));
  const [tried, setTried] = useState(false);

  const built = buildShiftRequest({ pairsPerModel, seed });
  const errors = errorsOf(built);
  const plan = built.ok
    ? `Samples and judges ${built.request.options.pairsPerModel} pairs of answers from each of the SFT and PPO models: about a minute with the default 100. It can be cancelled at any time.`
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
    <Section id="distribution-shift" title="Distribution shift: judging answers it never saw">
      <p>
        The reward model learned from one kind of answer; PPO then asks it to judge another — the
        policy’s own, which drift as PPO optimises. The study samples pairs of answers from the SFT
        model and from the PPO policy for the same prompts, lets the gold grader judge each pair,
        and measures how often the reward model PPO used agrees. Then it tries the seeds’ fix: label
        half of the PPO pairs, refit (a linear probe on the frozen SFT model, before and after), and
        test on the other half.
      </p>
      <form className="study-form" onSubmit={submit} noValidate>
        <div className="study-controls">
          <TextField
            label="Pairs per model"
            value={pairsPerModel}
            onChange={setPairsPerModel}
            hint={`${PAIRS_RULE.min} to ${PAIRS_RULE.max}; half to label, half to test`}
            error={errors.pairsPerModel}
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
          kind="distributionShift"
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
          <p className="study-empty">No result yet: press Run (it takes about a minute).</p>
        )
      )}
    </Section>
  );
}
