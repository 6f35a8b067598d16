/**
 * Reward hacking (Gao et al. 2022, "Scaling laws for reward model overoptimization"):
 * a reward model trained on BIASED labels is a proxy; PPO climbs the proxy, and the
 * gold grade first follows and then falls as the policy moves away from SFT (KL
 * grows). A KL penalty β limits how far the policy can go, and with it the damage.
 *
 * The study:
 * 1. Relabel the built-in preference pairs with a biased annotator:
 *    - 'permissive': prefers the answer that lets the patient have the drug (safe >
 *      give with care > do not give) whatever the truth — the answer the patient
 *      wants to hear; where the verdicts agree it labels correctly.
 *    - 'length': prefers the longer answer, whatever it says.
 * 2. Fit a reward model on those labels: the linear probe on the frozen SFT trunk
 *    (rewardProbe.ts) — seconds instead of the full stage's ~20 s, and the same
 *    reading position, so PPO can use it as a reward model as is.
 * 3. Run PPO against it at each β (same seed, same prompts) and record, per
 *    iteration, the proxy reward, the gold grade of the same rollouts and the KL.
 */
import type { PipelineConfig } from '../config';
import { buildPreferencePairs, type PreferencePair } from '../data';
import { readVerdict, verdictGroup, type VerdictGroup } from '../eval/grader';
import { Gpt } from '../model/gpt';
import { ScalarHead } from '../model/scalarHead';
import { ppo, type PpoIterationMetrics } from '../stages/ppo';
import type { RewardModel } from '../stages/reward';
import type { Checkpoint } from '../stages/types';
import { BpeTokenizer } from '../text';
import { extractPairFeatures, fitRewardProbe, probeAccuracy } from './rewardProbe';

export type AnnotatorBias = 'permissive' | 'length';

export interface RewardHackingOptions {
  bias: AnnotatorBias;
  /** KL coefficients to compare (fixed β each). */
  betas: readonly number[];
  iterations: number;
  rolloutsPerIteration: number;
  learningRate: number;
  seed: number;
}

export const DEFAULT_REWARD_HACKING_OPTIONS: Omit<RewardHackingOptions, 'seed'> = {
  bias: 'permissive',
  betas: [0, 0.2],
  iterations: 16,
  rolloutsPerIteration: 12,
  learningRate: 3e-4,
};

export interface HackingPoint {
  iteration: number;
  /** Mean reward of the biased reward model on the rollouts (normalised to SFT = 0). */
  proxy: number;
  /** Mean gold grade (0..1) of the same rollouts. */
  gold: number;
  /** Mean KL to the SFT model per response (k1, nats). */
  kl: number;
}

export interface HackingRun {
  beta: number;
  points: HackingPoint[];
  /** Mean over the first and last third of the iterations (less noisy than one point). */
  start: { proxy: number; gold: number; kl: number };
  end: { proxy: number; gold: number; kl: number };
}

export interface RewardHackingResult {
  bias: AnnotatorBias;
  /** Share of pairs whose biased label disagrees with the built-in one. */
  flippedShare: number;
  /** Accuracy of the proxy against the biased labels it was fit on, and against the truth. */
  proxyAccuracy: { biased: number; truth: number };
  runs: HackingRun[];
  options: RewardHackingOptions;
}

const RESTRICTIVENESS: Record<VerdictGroup, number> = {
  safe: 0,
  'give-with-care': 1,
  'do-not-give': 2,
};

/** 1 where the biased annotator keeps the built-in preference, 0 where it flips it. */
export function biasedLabels(pairs: readonly PreferencePair[], bias: AnnotatorBias): number[] {
  return pairs.map((p) => {
    if (bias === 'length') return p.chosen.length >= p.rejected.length ? 1 : 0;
    const rank = (text: string) => {
      const v = readVerdict(text).verdict;
      return v === null ? 1 : RESTRICTIVENESS[verdictGroup(v)];
    };
    const c = rank(p.chosen);
    const r = rank(p.rejected);
    return c === r ? 1 : c < r ? 1 : 0;
  });
}

function assertOptions(o: RewardHackingOptions): void {
  const problems: string[] = [];
  if (o.bias !== 'permissive' && o.bias !== 'length')
    problems.push(`bias must be 'permissive' or 'length', got ${String(o.bias)}`);
  if (o.betas.length === 0) problems.push('betas must list at least one β');
  o.betas.forEach((b, i) => {
    if (!(Number.isFinite(b) && b >= 0)) problems.push(`betas[${i}] must be ≥ 0, got ${b}`);
  });
  if (!(Number.isInteger(o.iterations) && o.iterations >= 3))
    problems.push(`iterations must be an integer ≥ 3, got ${o.iterations}`);
  if (!(Number.isInteger(o.rolloutsPerIteration) && o.rolloutsPerIteration >= 2))
    problems.push(`rolloutsPerIteration must be an integer ≥ 2, got ${o.rolloutsPerIteration}`);
  if (!(Number.isFinite(o.learningRate) && o.learningRate > 0))
    problems.push(`learningRate must be > 0, got ${o.learningRate}`);
  if (problems.length > 0) throw new RangeError(`runRewardHackingStudy: ${problems.join('; ')}`);
}

const third = (points: HackingPoint[], which: 'start' | 'end') => {
  const n = Math.max(1, Math.floor(points.length / 3));
  const part = which === 'start' ? points.slice(0, n) : points.slice(points.length - n);
  const avg = (f: (p: HackingPoint) => number) => part.reduce((s, p) => s + f(p), 0) / part.length;
  return { proxy: avg((p) => p.proxy), gold: avg((p) => p.gold), kl: avg((p) => p.kl) };
};

/**
 * Runs the study from the SFT checkpoint. Yields after every PPO iteration (which β,
 * and its metrics) so the Worker can report progress; returns the curves.
 */
export function* runRewardHackingStudy(
  config: PipelineConfig,
  sftCheckpoint: Checkpoint,
  options: Partial<RewardHackingOptions> = {},
): Generator<{ beta: number; metrics: PpoIterationMetrics }, RewardHackingResult> {
  const o: RewardHackingOptions = {
    ...DEFAULT_REWARD_HACKING_OPTIONS,
    seed: config.seed,
    ...options,
  };
  assertOptions(o);
  const tokenizer = BpeTokenizer.fromJSON(sftCheckpoint.tokenizer);
  const trunk = new Gpt(sftCheckpoint.config.model, Float32Array.from(sftCheckpoint.params));
  const pairs = buildPreferencePairs();
  const labels = biasedLabels(pairs, o.bias);
  const features = extractPairFeatures(trunk, tokenizer, pairs);
  const probe = fitRewardProbe(features, labels);
  const proxy: RewardModel = {
    trunk,
    head: ScalarHead.fromWeights(probe.w, probe.b),
    offset: 0, // PPO re-centres it on the SFT policy's samples
  };

  const runs: HackingRun[] = [];
  for (const beta of o.betas) {
    const points: HackingPoint[] = [];
    const gen = ppo(config, sftCheckpoint, proxy, {
      klCoef: beta,
      adaptiveKl: false,
      iterations: o.iterations,
      rolloutsPerIteration: o.rolloutsPerIteration,
      learningRate: o.learningRate,
      evalEvery: o.iterations,
      seed: o.seed,
    });
    let next = gen.next();
    while (!next.done) {
      const m = next.value.metrics;
      points.push({ iteration: m.iteration, proxy: m.score, gold: m.goldScore, kl: m.klK1 });
      yield { beta, metrics: m };
      next = gen.next();
    }
    runs.push({ beta, points, start: third(points, 'start'), end: third(points, 'end') });
  }
  return {
    bias: o.bias,
    flippedShare: labels.filter((l) => l === 0).length / labels.length,
    proxyAccuracy: {
      biased: probeAccuracy(probe, features, labels),
      truth: probeAccuracy(probe, features),
    },
    runs,
    options: o,
  };
}
