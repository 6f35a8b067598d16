/**
 * Challenges page, study 2 — label cost: how reward-model accuracy grows with the
 * number of labelled comparisons, what those labels cost, and whether choosing WHICH
 * pairs to label (uncertainty sampling, the seeds' "RM-guided sampling") beats
 * labelling a random sample.
 *
 * - Random sampling: the first k pairs of a seeded random order of the training pairs.
 * - Uncertainty sampling (active learning): start from the first `initialLabels` pairs
 *   of the same random order; then repeatedly fit the linear-probe reward model
 *   (./rewardProbe.ts) on the labelled pairs and label the `acquisitionBatch` unlabelled
 *   pairs with the smallest |r_A − r_B| (where the model is least sure), until k are
 *   labelled. Ties go to the earlier pair in the random order. At k ≤ initialLabels the
 *   two strategies share their pairs, so they coincide.
 * Labels come from an oracle annotator (the true preferences); the accuracy is on the
 * held-out pairs (whole unseen facts, like the Reward Model stage). Repeats redraw the
 * random order; the split is fixed by the seed.
 *
 * Cost model (editable): every labelled comparison takes `minutesPerComparison` of an
 * expert's time paid `hourlyRate` per hour: hours = labels × minutes / 60, cost = hours ×
 * rate. The defaults are the seeds' figures (003, "Challenge 4: Scalability"):
 * "Expert time: ~30 minutes per 10 preferences" (3 minutes per comparison) and
 * "$100/hour". Their arithmetic is consistent (50k pairs → 2,500 hours → $250,000);
 * the seeds' "Saves 60% of labeling effort" and "80% effective" are not measured
 * anywhere (the seed README lists such percentages as invented): this study measures.
 */
import { createRng } from '../core/rng';
import type { PreferencePair } from '../data/preferences';
import {
  DEFAULT_PROBE_L2,
  differenceAccuracy,
  differenceMargin,
  fitProbeOnDifferences,
  prepareProbeStudy,
  summarise,
  type PairFeatures,
  type Spread,
} from './rewardProbe';

export interface LabelCostModel {
  /** Minutes of expert time per labelled comparison (> 0). */
  minutesPerComparison: number;
  /** Pay per hour of expert time, in dollars (> 0). */
  hourlyRate: number;
}

/** The seeds' figures: 003, Challenge 4 ("~30 minutes per 10 preferences", "$100/hour"). */
export const DEFAULT_LABEL_COST: LabelCostModel = { minutesPerComparison: 3, hourlyRate: 100 };

export const LABEL_COST_SOURCE =
  'seed 003, Challenge 4 (Scalability): "Expert time: ~30 minutes per 10 preferences", ' +
  '"Cost: $100/hour"';

export const DEFAULT_LABEL_COUNTS: readonly number[] = [8, 16, 32, 64, 128];

export interface LabelCostOptions extends Partial<LabelCostModel> {
  /**
   * Labelled-pair counts to measure (positive integers; default DEFAULT_LABEL_COUNTS).
   * Counts above the training-set size are dropped, and the whole training set is
   * always measured last ("all").
   */
  labelCounts?: readonly number[];
  /** Random seed set of uncertainty sampling (default 8). */
  initialLabels?: number;
  /** Pairs labelled per refit in uncertainty sampling (default 4). */
  acquisitionBatch?: number;
  /** Random orders averaged per point (default 5). */
  repeats?: number;
  /** Fraction of pairs held out, whole facts (default 0.2). */
  heldOutFraction?: number;
  /** Probe L2 strength (default DEFAULT_PROBE_L2). */
  l2?: number;
}

export interface LabelCostPoint {
  labels: number;
  /** Mean held-out accuracy over repeats. */
  accuracyRandom: number;
  accuracyUncertainty: number;
  hours: number;
  /** Dollars. */
  cost: number;
  spread: { accuracyRandom: Spread; accuracyUncertainty: Spread };
}

export interface LabelCostResult {
  points: LabelCostPoint[];
  pairs: { total: number; train: number; heldOut: number };
  costModel: LabelCostModel;
  initialLabels: number;
  acquisitionBatch: number;
  repeats: number;
  seed: number;
  heldOutFraction: number;
  l2: number;
}

function assertCostModel(fn: string, m: LabelCostModel): void {
  if (!(Number.isFinite(m.minutesPerComparison) && m.minutesPerComparison > 0)) {
    throw new RangeError(
      `${fn}: minutesPerComparison must be a finite number > 0, got ${m.minutesPerComparison}`,
    );
  }
  if (!(Number.isFinite(m.hourlyRate) && m.hourlyRate > 0)) {
    throw new RangeError(`${fn}: hourlyRate must be a finite number > 0, got ${m.hourlyRate}`);
  }
}

/** Expert hours and dollars for `labels` comparisons: labels × minutes / 60 (× rate). */
export function labellingCost(
  labels: number,
  model: LabelCostModel = DEFAULT_LABEL_COST,
): { hours: number; cost: number } {
  assertCostModel('labellingCost', model);
  if (!(Number.isFinite(labels) && labels >= 0)) {
    throw new RangeError(`labellingCost: labels must be a finite number ≥ 0, got ${labels}`);
  }
  const hours = (labels * model.minutesPerComparison) / 60;
  return { hours, cost: hours * model.hourlyRate };
}

function validate(options: LabelCostOptions) {
  const fn = 'runLabelCostStudy';
  const costModel: LabelCostModel = {
    minutesPerComparison: options.minutesPerComparison ?? DEFAULT_LABEL_COST.minutesPerComparison,
    hourlyRate: options.hourlyRate ?? DEFAULT_LABEL_COST.hourlyRate,
  };
  assertCostModel(fn, costModel);
  const labelCounts = options.labelCounts ?? DEFAULT_LABEL_COUNTS;
  if (!Array.isArray(labelCounts) || labelCounts.length === 0) {
    throw new RangeError(`${fn}: labelCounts must be a non-empty list`);
  }
  labelCounts.forEach((k, i) => {
    if (!(Number.isInteger(k) && k >= 1)) {
      throw new RangeError(`${fn}: labelCounts[${i}] must be a positive integer, got ${k}`);
    }
  });
  const positiveInt = (name: string, v: number) => {
    if (!(Number.isInteger(v) && v >= 1)) {
      throw new RangeError(`${fn}: ${name} must be a positive integer, got ${v}`);
    }
  };
  const initialLabels = options.initialLabels ?? 8;
  const acquisitionBatch = options.acquisitionBatch ?? 4;
  const repeats = options.repeats ?? 5;
  positiveInt('initialLabels', initialLabels);
  positiveInt('acquisitionBatch', acquisitionBatch);
  positiveInt('repeats', repeats);
  const l2 = options.l2 ?? DEFAULT_PROBE_L2;
  if (!(Number.isFinite(l2) && l2 > 0)) {
    throw new RangeError(`${fn}: l2 must be a finite number > 0, got ${l2}`);
  }
  const heldOutFraction = options.heldOutFraction ?? 0.2;
  return { costModel, labelCounts, initialLabels, acquisitionBatch, repeats, l2, heldOutFraction };
}

/**
 * Runs the label-cost study on features extracted once from the SFT trunk
 * (`extractPairFeatures`, aligned with `pairs`). Deterministic for a seed; under a second
 * with the defaults on two CPU cores (about 250 probe fits).
 */
export function runLabelCostStudy(
  pairs: readonly PreferencePair[],
  features: readonly PairFeatures[],
  seed: number,
  options: LabelCostOptions = {},
): LabelCostResult {
  const fn = 'runLabelCostStudy';
  const o = validate(options);
  const { diffs, train, heldOut } = prepareProbeStudy(fn, pairs, features, o.heldOutFraction, seed);
  const nTrain = train.length;
  const counts = [...new Set([...o.labelCounts.filter((k) => k < nTrain), nTrain])].sort(
    (a, b) => a - b,
  );
  const initial = Math.min(o.initialLabels, nTrain);
  const fitOptions = { l2: o.l2 };
  const ones = new Uint8Array(nTrain).fill(1);
  // Fits see their rows in index order, so a fit depends on the labelled SET only, not
  // on the order the pairs were labelled in (float sums are order-sensitive).
  const fit = (rows: readonly number[], init?: Float64Array) =>
    fitProbeOnDifferences(
      diffs,
      [...rows].sort((a, b) => a - b),
      ones,
      { ...fitOptions, init },
    ).w;
  const randomAcc = counts.map(() => [] as number[]);
  const uncertainAcc = counts.map(() => [] as number[]);
  const root = createRng(seed);

  for (let r = 0; r < o.repeats; r++) {
    const order = root.stream(`label-cost/${r}/order`).shuffle([...train]);
    counts.forEach((k, c) => {
      randomAcc[c].push(differenceAccuracy(fit(order.slice(0, k)), diffs, heldOut));
    });

    const labelled = order.slice(0, initial);
    let pool = order.slice(initial);
    let w: Float64Array | undefined;
    counts.forEach((k, c) => {
      // Below the seed set, uncertainty sampling has not started: same pairs as random.
      if (k <= initial) {
        uncertainAcc[c].push(randomAcc[c][r]);
        return;
      }
      while (labelled.length < k) {
        const fitted = fit(labelled, w);
        w = fitted;
        const take = Math.min(o.acquisitionBatch, k - labelled.length);
        // Stable sort: equal |margin| keeps the random order.
        const ranked = pool
          .map((i, at) => ({ i, at, m: Math.abs(differenceMargin(fitted, diffs, i)) }))
          .sort((a, b) => a.m - b.m || a.at - b.at);
        const picked = new Set(ranked.slice(0, take).map((x) => x.i));
        for (const x of ranked.slice(0, take)) labelled.push(x.i);
        pool = pool.filter((i) => !picked.has(i));
      }
      // The measured fit starts cold, like the random one: equal sets give equal fits.
      w = fit(labelled);
      uncertainAcc[c].push(differenceAccuracy(w, diffs, heldOut));
    });
  }

  const points = counts.map((labels, c): LabelCostPoint => {
    const random = summarise(randomAcc[c]);
    const uncertain = summarise(uncertainAcc[c]);
    return {
      labels,
      accuracyRandom: random.mean,
      accuracyUncertainty: uncertain.mean,
      ...labellingCost(labels, o.costModel),
      spread: { accuracyRandom: random.spread, accuracyUncertainty: uncertain.spread },
    };
  });
  return {
    points,
    pairs: { total: pairs.length, train: nTrain, heldOut: heldOut.length },
    costModel: o.costModel,
    initialLabels: initial,
    acquisitionBatch: o.acquisitionBatch,
    repeats: o.repeats,
    seed,
    heldOutFraction: o.heldOutFraction,
    l2: o.l2,
  };
}
