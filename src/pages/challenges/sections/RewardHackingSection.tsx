import { useId, useMemo, useState, type FormEvent } from 'react';
import { Chart } from '../../../components/chart';
import { Section } from '../../../components/page/Section';
import {
  DEFAULT_REWARD_HACKING_OPTIONS,
  type AnnotatorBias,
  type RewardHackingResult,
} from '../../../sim/experiments/rewardHacking';
import { useConfigStore } from '../../../store/config';
import { Verdict } from '../../shared/Verdict';
import { listText, num } from '../format';
import {
  BIAS_WORDS,
  betaText,
  hackingDescription,
  hackingSeries,
  hackingVerdict,
  klDescription,
  klSeries,
  klSolutionReading,
  proxyText,
  readRun,
  validationReading,
} from '../hackingReading';
import {
  BETA_CHOICES,
  ITERATIONS_RULE,
  buildHackingRequest,
  checkNumber,
  errorList,
  errorsOf,
} from '../inputs';
import { SolutionsTable } from '../SolutionsTable';
import { StudyRunBar } from '../StudyRunBar';
import { TextField } from '../TextField';
import { useRevision } from '../useRevision';
import { startStudy, useStudyInputs, useStudyRun } from '../useStudyRun';

const BIASES: readonly AnnotatorBias[] = ['permissive', 'length'];
const BIAS_LABELS: Record<AnnotatorBias, string> = {
  permissive: 'Permissive',
  length: 'Length-biased',
};
const ROLLOUTS = DEFAULT_REWARD_HACKING_OPTIONS.rolloutsPerIteration;

function Results({ result }: { result: RewardHackingResult }) {
  const revision = useRevision(result);
  const series = useMemo(() => hackingSeries(result), [result]);
  const kl = useMemo(() => klSeries(result), [result]);
  const runs = [...result.runs].sort((a, b) => a.beta - b.beta);
  const o = result.options;
  return (
    <div className="study-result">
      <p className="study-shown">
        <strong>Result shown:</strong> seed {o.seed}, {BIAS_WORDS[result.bias]};{' '}
        {listText(runs.map((r) => betaText(r.beta)))}; {o.iterations} iterations of{' '}
        {o.rolloutsPerIteration} rollouts each.
      </p>
      <p>{proxyText(result)}</p>
      <Chart
        title="Proxy reward (solid, left axis) and gold grade (dashed, right axis)"
        description={hackingDescription(result)}
        series={series}
        xTitle="PPO iteration"
        yTitle="proxy reward (SFT = 0)"
        y2Title="gold grade (0–1)"
        revision={revision}
        exportName="reward-hacking"
      />
      <p className="study-reading">
        <strong>Reading:</strong> {hackingVerdict(result)}
      </p>
      <div className="table-scroll">
        <table className="data-table study-table">
          <caption>
            Start and end of each PPO run (means of the first and last third of the iterations)
          </caption>
          <thead>
            <tr>
              <th scope="col">β</th>
              <th scope="col">Proxy reward</th>
              <th scope="col">Gold grade</th>
              <th scope="col">KL to SFT (nats)</th>
              <th scope="col">Over-optimised?</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <tr key={run.beta}>
                <th scope="row">{run.beta}</th>
                <td className="num">
                  {num(run.start.proxy)} → {num(run.end.proxy)}
                </td>
                <td className="num">
                  {num(run.start.gold, 3)} → {num(run.end.gold, 3)}
                </td>
                <td className="num">
                  {num(run.start.kl, 1)} → {num(run.end.kl, 1)}
                </td>
                <td>
                  <Verdict
                    ok={!readRun(run).hacked}
                    yes="no: the gold grade did not fall"
                    no="yes: proxy up, gold down"
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Chart
        title="How far each policy moved from the SFT model"
        description={klDescription(result)}
        series={kl}
        xTitle="PPO iteration"
        yTitle="KL to SFT (nats per response)"
        revision={revision}
        size="short"
        exportName="reward-hacking-kl"
      />
      <SolutionsTable
        caption="Reward hacking: the seeds' solutions (seed 003, Challenge 1) against this result"
        rows={[
          {
            name: 'Strong KL regularisation',
            claim:
              '“Keeps policy close to SFT model. Can’t deviate too far even if RM rewards deviation” (their code: β = 0.5).',
            measured: klSolutionReading(result),
          },
          {
            name: 'Human validation',
            claim:
              '“92% effective”: pharmacists independently rate PPO outputs; RM high but humans low means hacking.',
            measured: `${validationReading(result)} The 92% is not measured anywhere.`,
          },
          {
            name: 'Ensemble reward models',
            claim:
              '“High effectiveness”: train 3–5 reward models and average them; “hard to hack multiple RMs the same way”.',
            measured:
              'Not measured here. Reasoning, not a measurement: reward models fit to the same biased labels share that bias, and averaging removes only the errors they do not share.',
          },
        ]}
      />
    </div>
  );
}

/** Challenge 1: PPO against a reward model trained on biased labels, per KL coefficient. */
export function RewardHackingSection() {
  const id = useId();
  const run = useStudyRun('rewardHacking');
  const inputs = useStudyInputs('rewardHacking');
  const configSeed = useConfigStore((state) => state.config.seed);
  const last = run.study.request?.kind === 'rewardHacking' ? run.study.request : null;
  const [bias, setBias] = useState<AnnotatorBias>(
    last?.options.bias ?? DEFAULT_REWARD_HACKING_OPTIONS.bias,
  );
  const [betas, setBetas] = useState<readonly number[]>(
    last?.options.betas ?? DEFAULT_REWARD_HACKING_OPTIONS.betas,
  );
  const [iterations, setIterations] = useState(
    String(last?.options.iterations ?? DEFAULT_REWARD_HACKING_OPTIONS.iterations),
  );
  const [seed, setSeed] = useState(String(last?.seed ?? configSeed));
  const [tried, setTried] = useState(false);

  const built = buildHackingRequest({ bias, betas, iterations, seed });
  const errors = errorsOf(built);
  const shownIterations = checkNumber(iterations, ITERATIONS_RULE);
  const plan =
    betas.length > 0 && shownIterations.ok
      ? `${betas.length} PPO ${betas.length === 1 ? 'run' : 'runs'} × ${shownIterations.value} iterations × ${ROLLOUTS} rollouts, from the SFT model.`
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
  const toggle = (beta: number, on: boolean) =>
    setBetas(on ? [...betas.filter((b) => b !== beta), beta] : betas.filter((b) => b !== beta));

  return (
    <Section id="reward-hacking" title="Reward hacking: the proxy rises, the truth falls">
      <p>
        A reward model is only a proxy for what experts want. Here its labels come from biased
        annotators — permissive ones prefer the answer that lets the patient have the drug,
        length-biased ones the longer answer — and PPO climbs it. The gold grader — the app’s
        rule-based check of each answer against the knowledge base, standing in for a pharmacist —
        measures what is actually right. If the proxy rises while the gold grade falls, PPO has
        found what the reward model likes rather than what is right (Gao et al. 2022). The KL
        penalty β keeps the policy near the SFT model; the study runs PPO once per β to see whether
        that helps.
      </p>
      <form className="study-form" onSubmit={submit} noValidate>
        <div className="study-controls">
          <fieldset className="study-group">
            <legend>Annotator bias</legend>
            <div className="segmented">
              {BIASES.map((b) => (
                <label key={b} className="segmented-option">
                  <input
                    type="radio"
                    name={`${id}-bias`}
                    value={b}
                    checked={bias === b}
                    onChange={() => setBias(b)}
                  />
                  {BIAS_LABELS[b]}
                </label>
              ))}
            </div>
          </fieldset>
          <fieldset
            className="study-group"
            aria-describedby={errors.betas ? `${id}-betas-error` : undefined}
          >
            <legend>KL coefficients β (one PPO run each)</legend>
            <div className="study-checks">
              {BETA_CHOICES.map((b) => (
                <label key={b} className="checkbox">
                  <input
                    type="checkbox"
                    checked={betas.includes(b)}
                    onChange={(e) => toggle(b, e.target.checked)}
                  />
                  {betaText(b)}
                </label>
              ))}
            </div>
            <p className="study-field-error" id={`${id}-betas-error`} aria-live="polite">
              {errors.betas && (
                <>
                  <span aria-hidden="true">⚠ </span>
                  {errors.betas}
                </>
              )}
            </p>
          </fieldset>
          <TextField
            label="Iterations"
            value={iterations}
            onChange={setIterations}
            hint={`per β, ${ITERATIONS_RULE.min}–${ITERATIONS_RULE.max}`}
            error={errors.iterations}
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
          kind="rewardHacking"
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
