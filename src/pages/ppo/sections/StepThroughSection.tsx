import { Section } from '../../../components/page/Section';
import { fmtPercent } from '../../../components/run/metrics';
import type { PpoIterationMetrics } from '../../../sim';
import { useConfigStore } from '../../../store/config';
import { usePpoStepThrough, type StepThroughState } from '../../../store/ppoStepThrough';
import { stageKey } from '../../../store/runs';
import { useRunsView } from '../../../store/runsView';
import { useStageKey } from '../../shared/useStageRun';
import { num, signed } from '../ppoRun';
import { RolloutTraceView, useTokenizer } from '../RolloutTraceView';
import { describeIterationChange } from '../stepThroughReading';

/**
 * PPO one iteration at a time, in a Worker of its own (src/store/ppoStepThrough.ts):
 * the iteration's numbers, what changed since the one before, and its first rollout
 * token by token (the same view as the finished run's rollout above).
 *
 * Design decisions (why):
 * - One primary button that changes its label (Start → Next iteration → Start again)
 *   rather than buttons that come and go: keyboard focus stays on it between presses.
 *   While an iteration runs it is aria-disabled (not `disabled`, which would drop the
 *   focus) and the store ignores the press.
 * - The counter reads "Iteration k of N": 0 until the first iteration arrives.
 */

interface MetricRow {
  label: string;
  value: (m: PpoIterationMetrics) => number;
  format: (v: number) => string;
  /** How a change is written ("+0.12", "+3 points"). */
  delta: (from: number, to: number) => string;
}

const plain = (digits: number) => (from: number, to: number) => signed(to - from, digits);

const METRICS: readonly MetricRow[] = [
  {
    label: 'Reward-model score',
    value: (m) => m.score,
    format: (v) => num(v),
    delta: plain(2),
  },
  { label: 'Gold score (0–1)', value: (m) => m.goldScore, format: (v) => num(v), delta: plain(2) },
  {
    label: 'KL from SFT (nats per response)',
    value: (m) => m.klK1,
    format: (v) => num(v),
    delta: plain(2),
  },
  { label: 'β', value: (m) => m.beta, format: (v) => num(v, 3), delta: plain(3) },
  {
    label: 'Clipped token updates',
    value: (m) => m.clipFraction,
    format: fmtPercent,
    delta: (from, to) => {
      const points = Math.round(to * 100) - Math.round(from * 100);
      return `${signed(points, 0)} points`;
    },
  },
  { label: 'Policy loss', value: (m) => m.policyLoss, format: (v) => num(v, 3), delta: plain(3) },
  { label: 'Value loss', value: (m) => m.valueLoss, format: (v) => num(v, 3), delta: plain(3) },
];

/** "unchanged" for a change that rounds to zero ("0.000", "0 points"). */
const changeText = (change: string) => (/^0(\.0+)?( points)?$/.test(change) ? 'unchanged' : change);

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function primaryAction(state: StepThroughState): { label: string; busy: boolean } {
  if (state.status === 'running') return { label: 'Next iteration', busy: true };
  if (state.status === 'paused') return { label: 'Next iteration', busy: false };
  if (state.status === 'idle' || state.iterations.length === 0)
    return { label: 'Start step-through', busy: false };
  return { label: 'Start again', busy: false };
}

export function StepThroughSection() {
  const state = usePpoStepThrough();
  const settings = useConfigStore((s) => s.config.ppo);
  const rewardKey = useStageKey('reward');
  const shownKey = useStageKey('ppo');
  const tokenizer = useTokenizer(state.tokenizer);
  const { status, iterations, total, config } = state;
  const active = status === 'running' || status === 'paused';
  const k = iterations.length;
  const latest = iterations[k - 1];
  const previous = iterations[k - 2];
  const action = primaryAction(state);
  const rollouts = config?.ppo.rolloutsPerIteration ?? settings.rolloutsPerIteration;

  const press = () => {
    if (action.busy) return;
    const store = usePpoStepThrough.getState();
    if (status === 'paused') store.next();
    else store.start(useConfigStore.getState().config.ppo);
  };

  // The run shown above at this iteration, when it was trained with the very same
  // configuration. Selected alone, so a run streaming above does not redraw this table.
  const iterationNow = latest?.metrics.iteration;
  const shownIteration = useRunsView((s) =>
    iterationNow === undefined
      ? undefined
      : s.stages.ppo.metrics.find((m) => m.iteration === iterationNow),
  );
  const shownAtK =
    config !== null && shownKey === stageKey('ppo', config) ? shownIteration : undefined;
  const settingsChanged =
    config !== null && JSON.stringify(config.ppo) !== JSON.stringify(settings);

  return (
    <Section id="ppo-step-through" title="Step through one iteration at a time">
      <p>
        Run PPO yourself, one iteration at a time: each press samples {rollouts} new answers, scores
        them, and updates the policy once. It starts from the SFT and reward models of the run
        shown, with the settings above (β = {num(settings.klCoef, 3)}, ε = {num(settings.cliprange)}
        , {settings.iterations} iterations), and runs in a worker of its own: the run above is not
        touched.
      </p>
      <div className="ppo-step-controls">
        <button
          type="button"
          className="button button--primary"
          aria-disabled={action.busy}
          onClick={press}
        >
          {action.label}
        </button>
        {active && (
          <button
            type="button"
            className="button"
            onClick={() => usePpoStepThrough.getState().stop()}
          >
            Stop
          </button>
        )}
        {(status === 'running' || k > 0) && (
          <p className="ppo-step-counter">
            Iteration <strong>{k}</strong> of {total}
          </p>
        )}
      </div>
      <p className="visually-hidden" role="status">
        {status === 'running'
          ? `Running iteration ${k + 1} of ${total}.`
          : status === 'paused' && latest
            ? `Iteration ${k} of ${total} done.`
            : status === 'finished'
              ? `Finished at iteration ${k} of ${total}.`
              : ''}
      </p>
      {status === 'running' && (
        <p className="ppo-step-busy" aria-hidden="true">
          <span className="ppo-step-spinner" />
          Running iteration {k + 1} of {total} in the worker…
          {k === 0 &&
            ' The first one also calibrates the reward and answers the held-out prompts: a few seconds.'}
        </p>
      )}
      {status === 'error' && (
        <div className="ppo-step-alert" role="alert">
          <p>
            <strong>The step-through stopped with an error.</strong> {state.message}
          </p>
          <button
            type="button"
            className="button button--small"
            onClick={() => usePpoStepThrough.getState().start(useConfigStore.getState().config.ppo)}
          >
            Try again
          </button>
        </div>
      )}
      {status === 'stopped' && <p className="ppo-step-note">{state.message}</p>}
      {status === 'finished' && (
        <p className="ppo-step-end">
          {state.diverged ? (
            <>
              <strong>The run diverged.</strong> {state.message}
            </>
          ) : (
            <>
              <strong>
                That was the last iteration, {k} of {total}.
              </strong>{' '}
              A full run would now keep these weights as the PPO model and answer the held-out
              prompts once more.
            </>
          )}
        </p>
      )}
      {settingsChanged && k > 0 && (
        <p className="ppo-step-note">
          The settings above have changed since this step-through started (it uses β ={' '}
          {num(config.ppo.klCoef, 3)}, ε = {num(config.ppo.cliprange)}, {config.ppo.iterations}{' '}
          iterations): start again to use them.
        </p>
      )}
      {state.sourceKey !== null && rewardKey !== state.sourceKey && k > 0 && (
        <p className="ppo-step-note">
          The run shown has changed since this step-through started; it goes on with the models it
          started from.
        </p>
      )}
      {latest && (
        <>
          <h3 className="ppo-subheading">Iteration {latest.metrics.iteration}: its numbers</h3>
          <dl className="ppo-step-metrics">
            {METRICS.map((row) => {
              const value = row.value(latest.metrics);
              return (
                <div key={row.label} className="ppo-step-metric">
                  <dt>{row.label}</dt>
                  <dd>
                    <span className="ppo-step-value">{row.format(value)}</span>
                    {previous && (
                      <span className="ppo-step-delta">
                        {changeText(row.delta(row.value(previous.metrics), value))} since iteration{' '}
                        {previous.metrics.iteration}
                      </span>
                    )}
                  </dd>
                </div>
              );
            })}
          </dl>
          <p className="ppo-step-timing">
            Means over the iteration&apos;s {rollouts} rollouts; it took {seconds(latest.elapsedMs)}{' '}
            in the worker.
            {shownAtK &&
              (num(shownAtK.score, 6) === num(latest.metrics.score, 6)
                ? ` Same seed and settings as the run shown, and the same numbers: its iteration ${shownAtK.iteration} also scored ${num(shownAtK.score)}.`
                : ` The run shown, with the same settings, scored ${num(shownAtK.score)} at iteration ${shownAtK.iteration}.`)}
          </p>
          <h3 className="ppo-subheading">
            {previous
              ? `What changed since iteration ${previous.metrics.iteration}`
              : 'What is special about iteration 1'}
          </h3>
          <ul className="ppo-step-changes">
            {describeIterationChange(
              previous?.metrics ?? null,
              latest.metrics,
              latest.trace,
              rollouts,
            ).map((sentence) => (
              <li key={sentence}>{sentence}</li>
            ))}
          </ul>
          <h3 className="ppo-subheading">Its first rollout, token by token</h3>
          <RolloutTraceView
            trace={latest.trace}
            tokenizer={tokenizer}
            iteration={latest.metrics.iteration}
            beta={latest.metrics.beta}
            formula={false}
            caption={`Iteration ${latest.metrics.iteration}'s first rollout`}
          />
        </>
      )}
    </Section>
  );
}
