/**
 * The step-through's words, computed from its numbers (pure, so tests can read them):
 * what changed from one PPO iteration to the next, and what is special about the
 * first. Every claim is checked against the numbers it is about, never assumed.
 */
import { fmtPercent } from '../../components/run/metrics';
import type { PpoIterationMetrics, RolloutTrace } from '../../sim';
import { num, trend } from './ppoRun';

/** Largest |a_i − b_i| (0 for empty lists). */
function maxGap(a: readonly number[], b: readonly number[]): number {
  let max = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

/** "rose from 4% to 9%", "stayed at 6%". */
function percentTrend(from: number, to: number): string {
  const a = fmtPercent(from);
  const b = fmtPercent(to);
  if (a === b) return `stayed at ${a}`;
  return `${to > from ? 'rose' : 'fell'} from ${a} to ${b}`;
}

/**
 * Sentences on iteration `current` against the one before it (`previous`, null for
 * the first); `rollouts` is the number of responses sampled per iteration.
 */
export function describeIterationChange(
  previous: PpoIterationMetrics | null,
  current: PpoIterationMetrics,
  trace: RolloutTrace,
  rollouts: number,
): string[] {
  const out: string[] = [];
  if (!previous) {
    const gap = maxGap(trace.logProb, trace.refLogProb);
    out.push(
      gap < 1e-9
        ? 'Its rollouts were sampled from the SFT model itself: no update had happened yet, so the policy and the reference are the same weights, log π = log π_ref for every token, and every KL penalty is 0.'
        : `Its rollouts were sampled before any update, yet log π and log π_ref differ by up to ${num(gap, 4)} here.`,
    );
    if (trace.value.every((v) => v === 0)) {
      out.push(
        'The value head starts at 0, so every value V is 0 and each advantage is simply the reward still to come (λ-weighted).',
      );
    }
    out.push(
      `The update that followed clipped ${fmtPercent(current.clipFraction)} of the token updates (ε keeps the ratio π/π_old within 1 ± ε); from iteration 2 on, the rollouts come from the updated policy.`,
    );
    return out;
  }

  out.push(
    `The mean reward-model score of the ${rollouts} rollouts ${trend(previous.score, current.score)}; their gold score (0 to 1) ${trend(previous.goldScore, current.goldScore)}.`,
  );
  if (current.score > previous.score && current.goldScore < previous.goldScore) {
    out.push(
      'The reward model’s score rose while the gold score fell. If that goes on for several iterations, it is reward hacking.',
    );
  }
  out.push(
    `The KL from the SFT model (k1, summed over each response) ${trend(previous.klK1, current.klK1, 2, ' nats')}.`,
  );
  out.push(
    num(previous.beta, 3) === num(current.beta, 3)
      ? `β stayed at ${num(current.beta, 3)}.`
      : `β ${trend(previous.beta, current.beta, 3)}: it adapts toward the KL target.`,
  );
  out.push(
    `The share of token updates clipped ${percentTrend(previous.clipFraction, current.clipFraction)}; the policy loss ${trend(previous.policyLoss, current.policyLoss, 3)} and the value loss ${trend(previous.valueLoss, current.valueLoss, 3)}.`,
  );
  out.push(
    `The mean response length ${trend(previous.responseLength, current.responseLength, 1, ' tokens')}.`,
  );
  if (current.heldOutScore !== undefined && current.heldOutGoldScore !== undefined) {
    out.push(
      `This iteration also answered the held-out prompts (greedy): mean score ${num(current.heldOutScore)}, gold ${num(current.heldOutGoldScore)}.`,
    );
  }
  out.push(
    `Each iteration samples new prompts and answers (${rollouts} of them), so one step up or down is partly chance: the trend over many iterations is what counts.`,
  );
  return out;
}
