/**
 * What the distribution-shift study's result says (pure). Accuracies are measured on a
 * few dozen pairs, so each reading states its sampling noise: one standard error of an
 * accuracy near 50% on n pairs is √(0.25 / n), and a difference under two of them is
 * read as noise.
 */
import type { ChartSeries } from '../../components/chart';
import type { DistributionShiftResult } from '../../sim/experiments/distributionShift';
import { num, pct, pointsDiff } from './format';

/** One standard error of an accuracy near 50% measured on `n` pairs. */
export function standardError(n: number): number {
  return n > 0 ? Math.sqrt(0.25 / n) : NaN;
}

export type ChanceReading = 'chance' | 'above' | 'below';

/** Is `accuracy` on `n` pairs within two standard errors of a coin flip? */
export function versusChance(accuracy: number, n: number): ChanceReading {
  const band = 2 * standardError(n);
  if (!(Math.abs(accuracy - 0.5) > band)) return 'chance';
  return accuracy > 0.5 ? 'above' : 'below';
}

const CHANCE_WORDS: Record<ChanceReading, string> = {
  chance: 'within sampling noise of a coin flip',
  above: 'better than a coin flip, beyond sampling noise',
  below: 'worse than a coin flip, beyond sampling noise',
};

export const SHIFT_CATEGORIES = ['Pairs of SFT answers', 'Pairs of PPO answers'] as const;

/** Bars in percent: the trained reward model, the probe before and after the new labels. */
export function shiftSeries(result: DistributionShiftResult): ChartSeries[] {
  const x = [...SHIFT_CATEGORIES];
  const bars = (a: { sft: number; policy: number }) => [a.sft * 100, a.policy * 100];
  const { before, after, labelsAdded } = result.activeLearning;
  return [
    { name: 'reward model PPO used', kind: 'bar', x, y: bars(result.rewardModel), paletteIndex: 0 },
    { name: 'probe, built-in pairs only', kind: 'bar', x, y: bars(before), paletteIndex: 1 },
    {
      name: `probe + ${labelsAdded} labelled PPO pairs`,
      kind: 'bar',
      x,
      y: bars(after),
      paletteIndex: 2,
    },
    { name: 'chance (50%)', x, y: [50, 50], dashed: true, paletteIndex: 3 },
  ];
}

export function shiftDescription(result: DistributionShiftResult): string {
  const { rewardModel: rm, activeLearning: al, counts } = result;
  return `Agreement with the gold grader on ${counts.sftTest} pairs of SFT answers and ${counts.policyTest} pairs of PPO answers. Reward model PPO used: ${pct(rm.sft)} and ${pct(rm.policy)}. Linear probe on the built-in pairs: ${pct(al.before.sft)} and ${pct(al.before.policy)}; after adding ${al.labelsAdded} labelled PPO pairs: ${pct(al.after.sft)} and ${pct(al.after.policy)}. Chance is 50%.`;
}

/** The reading of the trained reward model on both kinds of pairs. */
export function shiftReading(result: DistributionShiftResult): string {
  const { rewardModel: rm, counts } = result;
  const se = standardError(Math.min(counts.sftTest, counts.policyTest));
  const sft = versusChance(rm.sft, counts.sftTest);
  const policy = versusChance(rm.policy, counts.policyTest);
  const noise = `with ${counts.policyTest} test pairs one standard error is about ${num(se * 100, 1)} points`;
  const both =
    sft === policy
      ? `both ${CHANCE_WORDS[sft]}`
      : `on SFT pairs ${CHANCE_WORDS[sft]}, on PPO pairs ${CHANCE_WORDS[policy]}`;
  return `The reward model PPO was trained against agrees with the gold grader on ${pct(rm.sft)} of the pairs of SFT answers and ${pct(rm.policy)} of the pairs of PPO answers (${noise}): ${both}. A reward model that cannot rank the policy's answers gives PPO nothing true to climb.`;
}

export type Change = 'gain' | 'noise' | 'loss';

/** A change of accuracy on `n` pairs, read against two standard errors. */
export function changeReading(difference: number, n: number): Change {
  const band = 2 * standardError(n);
  if (!(Math.abs(difference) > band)) return 'noise';
  return difference > 0 ? 'gain' : 'loss';
}

const CHANGE_WORDS: Record<Change, string> = {
  gain: 'a gain beyond sampling noise',
  noise: 'within sampling noise, so no measurable gain from one round here',
  loss: 'a loss beyond sampling noise',
};

/** The reading of one round of active learning (the seeds' solution). */
export function activeLearningReading(result: DistributionShiftResult): string {
  const { before, after, labelsAdded } = result.activeLearning;
  const n = result.counts.policyTest;
  const d = after.policy - before.policy;
  return `After labelling the ${labelsAdded} PPO pairs of the pool and refitting, the probe agrees with the gold grader on ${pct(after.policy)} of the other ${n} PPO pairs, against ${pct(before.policy)} before (${pointsDiff(d)}): ${CHANGE_WORDS[changeReading(d, n)]}. On SFT pairs: ${pct(before.sft)} → ${pct(after.sft)}.`;
}
