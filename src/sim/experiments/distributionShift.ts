/**
 * Distribution shift: a reward model is trained on answers of one kind, and PPO then
 * asks it to judge answers of another — the policy's own, which drift as it is
 * optimised. Does the reward model still rank them right?
 *
 * The study:
 * 1. Pairs of SFT outputs and pairs of policy (e.g. PPO) outputs for the same training
 *    prompts, each pair judged by the gold grader (comparisons.ts), split in half:
 *    a labelling pool and a test set.
 * 2. The reward model's accuracy (agreement with the gold judgement) on the SFT test
 *    pairs and on the policy test pairs.
 * 3. One round of active learning: label the policy pool, refit, measure again. The
 *    refit uses the linear probe on the frozen SFT trunk (rewardProbe.ts), trained on
 *    the built-in pairs before and on built-in + labelled policy pairs after, so the
 *    before/after comparison isolates the new labels (seconds instead of a full
 *    reward-model training).
 */
import { buildPreferencePairs, type PpoPrompt, type PreferencePair } from '../data';
import type { PharmaFact } from '../data/knowledgeBase';
import { Gpt } from '../model/gpt';
import { sampleComparisons } from '../stages/comparisons';
import { rewardSequence, scoreSequences, type RewardModel } from '../stages/reward';
import type { Checkpoint } from '../stages/types';
import { BpeTokenizer } from '../text';
import { extractPairFeatures, fitRewardProbe, probeAccuracy } from './rewardProbe';

export interface DistributionShiftOptions {
  /** Judged pairs sampled from each model (half labelling pool, half test). */
  pairsPerModel: number;
  temperature: number;
  maxNewTokens: number;
  seed: number;
}

export const DEFAULT_DISTRIBUTION_SHIFT_OPTIONS: Omit<DistributionShiftOptions, 'seed'> = {
  pairsPerModel: 100,
  temperature: 1,
  maxNewTokens: 40,
};

export interface ShiftAccuracy {
  /** On pairs of SFT outputs. */
  sft: number;
  /** On pairs of the optimised policy's outputs. */
  policy: number;
}

export interface DistributionShiftResult {
  /** The given reward model (e.g. the trained one PPO used). */
  rewardModel: ShiftAccuracy;
  /** Linear probe on the built-in pairs only, then with the labelled policy pool added. */
  activeLearning: { before: ShiftAccuracy; after: ShiftAccuracy; labelsAdded: number };
  counts: { sftTest: number; policyTest: number; policyPool: number };
  /** A few judged policy pairs, for display. */
  examples: PreferencePair[];
  options: DistributionShiftOptions;
}

function rmAccuracy(rm: RewardModel, tokenizer: BpeTokenizer, pairs: PreferencePair[]): number {
  if (pairs.length === 0) return NaN;
  const T = rm.trunk.config.contextLength;
  let correct = 0;
  for (let i = 0; i < pairs.length; i += 8) {
    const batch = pairs.slice(i, i + 8);
    const seqs = [
      ...batch.map((p) => rewardSequence(tokenizer, p.prompt, p.chosen, T)),
      ...batch.map((p) => rewardSequence(tokenizer, p.prompt, p.rejected, T)),
    ];
    const { scores } = scoreSequences(rm.trunk, rm.head, seqs);
    for (let j = 0; j < batch.length; j++) {
      const m = scores[j] - scores[batch.length + j];
      correct += m > 0 ? 1 : m === 0 ? 0.5 : 0;
    }
  }
  return correct / pairs.length;
}

/** The study's phases, in order (what a progress bar can say). */
export const DISTRIBUTION_SHIFT_PHASES = [
  'sampling and judging pairs of SFT answers',
  'sampling and judging pairs of PPO answers',
  'reading every pair with the SFT model',
  'fitting the reward models',
] as const;

/**
 * Runs the study step by step: yields a phase name (DISTRIBUTION_SHIFT_PHASES) when a
 * phase starts and `undefined` after every sampled answer, so a Worker can report
 * progress and stop between steps. `policyParams` are the optimised policy's weights
 * (the SFT layout); `prompts` are the prompts to sample answers for (PPO's training
 * prompts).
 */
export function* distributionShiftSteps(
  sftCheckpoint: Checkpoint,
  policyParams: Float32Array,
  rewardModel: RewardModel,
  prompts: readonly PpoPrompt[],
  kb: readonly PharmaFact[],
  options: Partial<DistributionShiftOptions> & { seed: number },
): Generator<string | void, DistributionShiftResult, void> {
  const o: DistributionShiftOptions = { ...DEFAULT_DISTRIBUTION_SHIFT_OPTIONS, ...options };
  if (!(Number.isInteger(o.pairsPerModel) && o.pairsPerModel >= 4))
    throw new RangeError(
      `runDistributionShiftStudy: pairsPerModel must be an integer ≥ 4, got ${o.pairsPerModel}`,
    );
  if (prompts.length === 0) throw new RangeError('runDistributionShiftStudy: no prompts given');
  const cfg = sftCheckpoint.config.model;
  if (policyParams.length !== sftCheckpoint.params.length)
    throw new RangeError('runDistributionShiftStudy: the policy must have the SFT model’s shape');
  const tokenizer = BpeTokenizer.fromJSON(sftCheckpoint.tokenizer);
  const sft = new Gpt(cfg, Float32Array.from(sftCheckpoint.params));
  const policy = new Gpt(cfg, Float32Array.from(policyParams));
  const sample = (model: Gpt, seed: number) =>
    sampleComparisons(model, tokenizer, prompts, kb, {
      pairs: o.pairsPerModel,
      temperature: o.temperature,
      maxNewTokens: o.maxNewTokens,
      seed,
    });
  yield DISTRIBUTION_SHIFT_PHASES[0];
  const sftPairs = yield* sample(sft, o.seed);
  yield DISTRIBUTION_SHIFT_PHASES[1];
  const policyPairs = yield* sample(policy, o.seed + 1);
  for (const [who, pairs] of [
    ['SFT', sftPairs],
    ['policy', policyPairs],
  ] as const) {
    if (pairs.length < 4) {
      throw new RangeError(
        `runDistributionShiftStudy: the annotator could tell apart only ${pairs.length} pairs of ` +
          `${who} answers (at least 4 are needed): the model's answers are too alike to judge`,
      );
    }
  }
  const half = (xs: PreferencePair[]) => Math.floor(xs.length / 2);
  const sftTest = sftPairs.slice(half(sftPairs));
  const policyPool = policyPairs.slice(0, half(policyPairs));
  const policyTest = policyPairs.slice(half(policyPairs));

  yield DISTRIBUTION_SHIFT_PHASES[2];
  const builtIn = buildPreferencePairs(kb);
  const featuresOf = (pairs: PreferencePair[]) => extractPairFeatures(sft, tokenizer, pairs);
  const fBuiltIn = featuresOf(builtIn);
  const fPool = featuresOf(policyPool);
  const fSftTest = featuresOf(sftTest);
  const fPolicyTest = featuresOf(policyTest);
  yield DISTRIBUTION_SHIFT_PHASES[3];
  const ones = (n: number) => new Array<number>(n).fill(1);
  const before = fitRewardProbe(fBuiltIn, ones(fBuiltIn.length));
  const after = fitRewardProbe([...fBuiltIn, ...fPool], ones(fBuiltIn.length + fPool.length));
  const acc = (probe: typeof before): ShiftAccuracy => ({
    sft: probeAccuracy(probe, fSftTest),
    policy: probeAccuracy(probe, fPolicyTest),
  });
  return {
    rewardModel: {
      sft: rmAccuracy(rewardModel, tokenizer, sftTest),
      policy: rmAccuracy(rewardModel, tokenizer, policyTest),
    },
    activeLearning: { before: acc(before), after: acc(after), labelsAdded: policyPool.length },
    counts: {
      sftTest: sftTest.length,
      policyTest: policyTest.length,
      policyPool: policyPool.length,
    },
    examples: policyTest.slice(0, 4),
    options: o,
  };
}

/** The whole study in one go (Node, tests); the Worker steps through it instead. */
export function runDistributionShiftStudy(
  ...args: Parameters<typeof distributionShiftSteps>
): DistributionShiftResult {
  const steps = distributionShiftSteps(...args);
  let next = steps.next();
  while (!next.done) next = steps.next();
  return next.value;
}
