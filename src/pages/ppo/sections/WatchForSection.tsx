import { AppLink } from '../../../components/nav/AppLink';
import { Section } from '../../../components/page/Section';
import { fmtPercent } from '../../../components/run/metrics';
import { useThrottledValue } from '../../../components/run/useThrottledValue';
import type { PpoIterationMetrics } from '../../../sim';
import { useStageRun } from '../../shared/useStageRun';
import { meanOf, num, trend } from '../ppoRun';

/** Iterations averaged at each end: one batch of rollouts is noisy. */
const WINDOW = 5;

interface Ends {
  /** e.g. "iterations 1–5" */
  firstLabel: string;
  lastLabel: string;
  first: (key: keyof PpoIterationMetrics) => number;
  last: (key: keyof PpoIterationMetrics) => number;
}

/** Means over the first and the last few iterations (null with fewer than 2). */
function ends(metrics: readonly PpoIterationMetrics[]): Ends | null {
  if (metrics.length < 2) return null;
  const w = Math.max(1, Math.min(WINDOW, Math.floor(metrics.length / 2)));
  const head = metrics.slice(0, w);
  const tail = metrics.slice(-w);
  const label = (ms: readonly PpoIterationMetrics[]) =>
    ms.length === 1
      ? `iteration ${ms[0].iteration}`
      : `iterations ${ms[0].iteration}–${ms[ms.length - 1].iteration}`;
  const mean = (ms: readonly PpoIterationMetrics[], key: keyof PpoIterationMetrics) =>
    meanOf(ms, (m) => m[key] ?? Number.NaN);
  return {
    firstLabel: label(head),
    lastLabel: label(tail),
    first: (key) => mean(head, key),
    last: (key) => mean(tail, key),
  };
}

function rewardVerdict(e: Ends): string {
  // Compared as shown (2 decimals), so the sentence never contradicts the numbers.
  const change = (key: keyof PpoIterationMetrics) =>
    Math.sign(Number(num(e.last(key))) - Number(num(e.first(key))));
  const score = change('score');
  const gold = change('goldScore');
  if (score <= 0) return 'The reward model’s score did not rise: PPO made no progress on it.';
  if (gold < 0)
    return 'The reward model’s score rose while the gold score fell: this is what reward hacking looks like.';
  if (gold === 0)
    return 'The reward model’s score rose and the gold score did not follow: the gain is the reward model’s alone.';
  return 'Here both rose: the reward model and the gold grader agreed.';
}

/** What PPO cannot fix, and the signs to watch in the charts above; with this run's numbers. */
export function WatchForSection() {
  const run = useStageRun('ppo');
  const metrics = useThrottledValue(run.metrics, 1000);
  const e = ends(metrics);
  const held = run.summary?.ppo?.heldOut;
  const last = metrics[metrics.length - 1];
  const span = e ? ` (means of ${e.firstLabel} and ${e.lastLabel})` : '';

  return (
    <Section id="ppo-limits" title="What PPO cannot fix, and what to watch for">
      <ul className="ppo-watch-list">
        <li>
          <strong>It optimises the reward model, not the truth.</strong> The reward model is a
          learned stand-in for the experts&apos; judgement, and PPO finds whatever raises its score.
          {e && (
            <>
              {' '}
              In this run the score of the rollouts {trend(e.first('score'), e.last('score'))} and
              their gold score {trend(e.first('goldScore'), e.last('goldScore'))}
              {span}. {rewardVerdict(e)}
            </>
          )}{' '}
          More in <AppLink to="/challenges">Challenges: reward hacking</AppLink>.
        </li>
        <li>
          <strong>It cannot add knowledge.</strong> PPO only reweights answers the SFT model can
          already produce; a fact that pretraining never stored stays missing.
          {held && held.before.length > 0 && (
            <>
              {' '}
              On the {held.before.length} held-out prompts the mean gold score went from{' '}
              {num(meanOf(held.before, (a) => a.goldScore))} before PPO to{' '}
              {num(meanOf(held.after, (a) => a.goldScore))} after.
            </>
          )}
        </li>
        <li>
          <strong>Watch the KL and the entropy.</strong> A KL that keeps growing means the policy is
          drifting far from the SFT model, where the reward model was never trained; a collapsing
          entropy means the answers are becoming the same. A larger β holds the policy closer.
          {e && last && (
            <>
              {' '}
              Here the KL (k3 estimate) {trend(e.first('klK3'), e.last('klK3'), 2, ' nats')} and the
              entropy {trend(e.first('entropy'), e.last('entropy'), 2, ' nats per token')}
              {span}.
            </>
          )}
        </li>
        <li>
          <strong>Watch the length and the ending.</strong> Reward models often prefer longer
          answers, and a response that never ends is cut off.
          {e && last && (
            <>
              {' '}
              Mean response length{' '}
              {trend(e.first('responseLength'), e.last('responseLength'), 1, ' tokens')}
              {span}; at iteration {last.iteration}, {fmtPercent(last.endedFraction)} of the
              rollouts ended with &lt;|end|&gt;.
            </>
          )}
        </li>
        <li>
          <strong>The reward model inherits its data&apos;s mistakes.</strong> Noisy or biased
          preference labels become a biased score, and PPO optimises the bias too (see the{' '}
          <AppLink to="/reward-model">reward model</AppLink>).
        </li>
      </ul>
    </Section>
  );
}
