/**
 * Challenges page, study 1 — annotation quality: what noisy annotators do to the
 * agreement between them and to the reward model trained on their labels.
 *
 * Simulation: three annotators label every TRAINING pair; each one independently
 * reports the opposite of the true preference with probability p (the noise rate).
 * Per noise rate the study measures
 * - Fleiss' kappa of the three annotators (categories "prefers A" / "prefers B"). Each
 *   pair is shown in a seeded random A/B order, as a real labelling tool would do. With
 *   a fixed order (chosen always A) every pair has the same true category, the marginal
 *   alone then explains all agreement and kappa is 0 in expectation at ANY noise p > 0
 *   (1 by convention at p = 0): meaningless. With a random order the expected kappa is
 *   ≈ (1 − 2p)², 1 at p = 0 and 0 at p = ½ (derivation at `expectedKappa`).
 * - the label error rate of one annotator (≈ p) and of the majority of three
 *   (3p² − 2p³, smaller than p for 0 < p < ½: two of three must err at once);
 * - held-out accuracy, against the TRUE preferences, of the linear-probe reward model
 *   (./rewardProbe.ts) trained on one annotator's labels and on the majority vote.
 *
 * Noise rates are limited to [0, ½]: p > ½ is an adversarial annotator (flipping all
 * labels of a p annotator gives a 1 − p one), and there the majority is MORE wrong than
 * a single annotator, which is not the lesson of this page.
 *
 * Common random numbers: within a repeat, annotator a flips pair i when its uniform
 * draw u_ai < p, with the same draws for every p, so the curves over p are smooth and
 * a flip at p stays a flip at every larger p. Repeats use independent draws; the
 * held-out split (whole facts, like the Reward Model stage) is fixed by the seed.
 */
import { createRng } from '../core/rng';
import type { PreferencePair } from '../data/preferences';
import { fleissKappa } from '../eval/kappa';
import {
  DEFAULT_PROBE_L2,
  differenceAccuracy,
  fitProbeOnDifferences,
  prepareProbeStudy,
  summarise,
  type PairFeatures,
  type Spread,
} from './rewardProbe';

export const DEFAULT_NOISE_RATES: readonly number[] = [0, 0.1, 0.2, 0.3, 0.4, 0.5];
/** Annotators per pair: the seeds' "2 out of 3" consensus (003, Challenge 2). */
export const ANNOTATORS = 3;

export interface AnnotationStudyOptions {
  /** Probabilities in [0, 0.5] that an annotator flips a label (default DEFAULT_NOISE_RATES). */
  noiseRates?: readonly number[];
  /** Independent annotator draws averaged per point (default 5). */
  repeats?: number;
  /** Fraction of pairs held out, whole facts (default 0.2, as the Reward Model stage). */
  heldOutFraction?: number;
  /** Probe L2 strength (default DEFAULT_PROBE_L2). */
  l2?: number;
}

/** One noise rate's figures: means over repeats (spreads in `spread`). */
export interface AnnotationPoint {
  noise: number;
  kappa: number;
  /** Held-out accuracy (true labels) of the probe trained on annotator 1's labels. */
  accuracySingle: number;
  /** Held-out accuracy (true labels) of the probe trained on the majority of three. */
  accuracyMajority: number;
  /** Fraction of training labels that disagree with the truth. */
  singleLabelErrorRate: number;
  majorityLabelErrorRate: number;
  /** Closed forms for comparison: p, 3p² − 2p³ and (1 − 2p)². */
  expected: { singleLabelErrorRate: number; majorityLabelErrorRate: number; kappa: number };
  spread: {
    kappa: Spread;
    accuracySingle: Spread;
    accuracyMajority: Spread;
    singleLabelErrorRate: Spread;
    majorityLabelErrorRate: Spread;
  };
}

export interface AnnotationStudyResult {
  points: AnnotationPoint[];
  pairs: { total: number; train: number; heldOut: number };
  annotators: number;
  repeats: number;
  seed: number;
  heldOutFraction: number;
  l2: number;
}

/** Error rate of a majority of three independent annotators who each err with p. */
export function majorityErrorRate(p: number): number {
  return 3 * p * p - 2 * p * p * p;
}

/**
 * Expected Fleiss' kappa of three annotators with flip rate p on pairs in random A/B
 * order (large-sample limit). All three agree with probability q = (1−p)³ + p³ =
 * 1 − 3p(1−p), giving P_i = 1, otherwise P_i = ⅓; so P̄ = 1 − 2p(1−p). With random order
 * the category marginals are ½, P̄_e = ½, and κ = (P̄ − ½)/(1 − ½) = 1 − 4p(1−p) = (1 − 2p)².
 */
export function expectedKappa(p: number): number {
  return (1 - 2 * p) ** 2;
}

function validate(options: AnnotationStudyOptions) {
  const fn = 'runAnnotationStudy';
  const noiseRates = options.noiseRates ?? DEFAULT_NOISE_RATES;
  const repeats = options.repeats ?? 5;
  const heldOutFraction = options.heldOutFraction ?? 0.2;
  const l2 = options.l2 ?? DEFAULT_PROBE_L2;
  if (!Array.isArray(noiseRates) || noiseRates.length === 0) {
    throw new RangeError(`${fn}: noiseRates must be a non-empty list`);
  }
  noiseRates.forEach((p, i) => {
    if (!(typeof p === 'number' && p >= 0 && p <= 0.5)) {
      throw new RangeError(`${fn}: noiseRates[${i}] must be a number in [0, 0.5], got ${p}`);
    }
  });
  if (!(Number.isInteger(repeats) && repeats >= 1)) {
    throw new RangeError(`${fn}: repeats must be a positive integer, got ${repeats}`);
  }
  if (!(Number.isFinite(l2) && l2 > 0)) {
    throw new RangeError(`${fn}: l2 must be a finite number > 0, got ${l2}`);
  }
  return { noiseRates: [...noiseRates], repeats, heldOutFraction, l2 };
}

/**
 * Runs the annotation-quality study on features extracted once from the SFT trunk
 * (`extractPairFeatures`, aligned with `pairs`). Deterministic for a seed; under a second
 * with the defaults on two CPU cores (60 probe fits).
 */
export function runAnnotationStudy(
  pairs: readonly PreferencePair[],
  features: readonly PairFeatures[],
  seed: number,
  options: AnnotationStudyOptions = {},
): AnnotationStudyResult {
  const fn = 'runAnnotationStudy';
  const o = validate(options);
  const { diffs, train, heldOut } = prepareProbeStudy(fn, pairs, features, o.heldOutFraction, seed);
  const n = train.length;
  const perNoise = o.noiseRates.map(() => ({
    kappa: [] as number[],
    accuracySingle: [] as number[],
    accuracyMajority: [] as number[],
    singleLabelErrorRate: [] as number[],
    majorityLabelErrorRate: [] as number[],
  }));
  const root = createRng(seed);
  for (let r = 0; r < o.repeats; r++) {
    const orderRng = root.stream(`annotation/${r}/order`);
    const chosenIsA = Array.from({ length: n }, () => orderRng.uniform() < 0.5);
    const draws = Array.from({ length: ANNOTATORS }, (_, a) => {
      const rng = root.stream(`annotation/${r}/annotator-${a}`);
      return Float64Array.from({ length: n }, () => rng.uniform());
    });
    o.noiseRates.forEach((p, k) => {
      const single = new Uint8Array(n);
      const majority = new Uint8Array(n);
      const counts: number[][] = [];
      let singleErrors = 0;
      let majorityErrors = 0;
      for (let i = 0; i < n; i++) {
        let agreeing = 0;
        let saysA = 0;
        for (let a = 0; a < ANNOTATORS; a++) {
          // 1 = prefers the built-in chosen answer (the truth), 0 = flipped.
          const label = draws[a][i] < p ? 0 : 1;
          agreeing += label;
          if ((label === 1) === chosenIsA[i]) saysA++;
          if (a === 0) single[i] = label;
        }
        majority[i] = agreeing * 2 > ANNOTATORS ? 1 : 0;
        counts.push([saysA, ANNOTATORS - saysA]);
        singleErrors += 1 - single[i];
        majorityErrors += 1 - majority[i];
      }
      const fitSingle = fitProbeOnDifferences(diffs, train, single, { l2: o.l2 });
      const fitMajority = fitProbeOnDifferences(diffs, train, majority, { l2: o.l2 });
      const s = perNoise[k];
      s.kappa.push(fleissKappa(counts));
      s.accuracySingle.push(differenceAccuracy(fitSingle.w, diffs, heldOut));
      s.accuracyMajority.push(differenceAccuracy(fitMajority.w, diffs, heldOut));
      s.singleLabelErrorRate.push(singleErrors / n);
      s.majorityLabelErrorRate.push(majorityErrors / n);
    });
  }
  const points = o.noiseRates.map((noise, k): AnnotationPoint => {
    const s = perNoise[k];
    const kappa = summarise(s.kappa);
    const accuracySingle = summarise(s.accuracySingle);
    const accuracyMajority = summarise(s.accuracyMajority);
    const single = summarise(s.singleLabelErrorRate);
    const majority = summarise(s.majorityLabelErrorRate);
    return {
      noise,
      kappa: kappa.mean,
      accuracySingle: accuracySingle.mean,
      accuracyMajority: accuracyMajority.mean,
      singleLabelErrorRate: single.mean,
      majorityLabelErrorRate: majority.mean,
      expected: {
        singleLabelErrorRate: noise,
        majorityLabelErrorRate: majorityErrorRate(noise),
        kappa: expectedKappa(noise),
      },
      spread: {
        kappa: kappa.spread,
        accuracySingle: accuracySingle.spread,
        accuracyMajority: accuracyMajority.spread,
        singleLabelErrorRate: single.spread,
        majorityLabelErrorRate: majority.spread,
      },
    };
  });
  return {
    points,
    pairs: { total: pairs.length, train: n, heldOut: heldOut.length },
    annotators: ANNOTATORS,
    repeats: o.repeats,
    seed,
    heldOutFraction: o.heldOutFraction,
    l2: o.l2,
  };
}
