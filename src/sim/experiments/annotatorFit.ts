/**
 * Reward Model page, "Be the annotator": the student labels a few preference pairs by
 * hand, a reward model is fitted on those labels, and it is tested against the
 * built-in (expert) labels of pairs it never saw.
 *
 * - The pairs: `count` pairs (default 16) of the TRAINING split the reward stage makes
 *   for the seed (`splitPreferencePairs`, whole facts held out), picked by the seeded
 *   generator round-robin over the five qualities, one pair per prompt (so no two
 *   pairs ask the same question). Each is shown as "Answer A" / "Answer B"; exactly
 *   half have the expert's answer as A, in a seeded order, so neither "always A" nor
 *   any fixed position agrees with the experts more than half the time.
 * - The reward model: the linear probe of ./rewardProbe.ts on the frozen SFT trunk's
 *   features (Bradley–Terry loss, L2 λ, Newton's method), fitted on the labelled pairs
 *   only. Next to it, the same probe fitted on the EXPERT labels of the same pairs: the
 *   fair comparison (same pairs, same count, only the labels differ), so the gap
 *   between the two is what the student's disagreements cost.
 * - Held-out accuracy: against the built-in labels of every held-out pair (facts the
 *   student never labelled).
 * - Calibration: each held-out pair is oriented A/B by the seeded generator (half with
 *   the expert's answer as A, as above); the model predicts P(A ≻ B) = σ(r_A − r_B) and
 *   the OBSERVED choice is the expert's (1 when the expert chose A). Predictions are
 *   binned into equal-width bins of [0, 1]; a calibrated model's bins lie on the
 *   diagonal (of the pairs it gives 70%, the expert chose A in about 70%). With random
 *   orientation the plot is symmetric about (½, ½); with the expert always A every
 *   observed value would be 1 and the plot would say nothing about calibration.
 *
 * Pure and deterministic: the same pairs, seed, labels and features give the same
 * result; randomness comes from `createRng(seed)` streams only.
 */
import { createRng } from '../core/rng';
import {
  PREFERENCE_QUALITIES,
  splitPreferencePairs,
  type PreferencePair,
  type PreferenceQuality,
} from '../data/preferences';
import type { Gpt } from '../model/gpt';
import { sigmoid } from '../rl/numeric';
import { DEFAULT_REWARD_CONFIG } from '../stages/reward';
import type { ChatTokenizer } from '../text';
import {
  DEFAULT_PROBE_L2,
  assertPairFeatures,
  differenceAccuracy,
  differenceMargin,
  extractPairFeatures,
  fitProbeOnDifferences,
  pairDifferences,
  type DifferenceMatrix,
  type PairFeatures,
} from './rewardProbe';

/** Pairs the student labels: about three per quality, a few minutes' work. */
export const ANNOTATOR_PAIR_COUNT = 16;
/**
 * Fewest labels a fit accepts. With fewer, the held-out accuracy of even the expert
 * labels is mostly chance (one pair per quality at best), so there is nothing to read.
 */
export const ANNOTATOR_MIN_LABELS = 4;
/** Calibration bins: five of width 0.2 (≈ 9 held-out pairs each on average). */
export const CALIBRATION_BINS = 5;

export type AnswerSide = 'A' | 'B';

/** One of the student's choices: which answer of a shown pair is better. */
export interface AnnotatorLabel {
  pairId: string;
  preferred: AnswerSide;
}

/** A preference pair as the student sees it: two answers, the expert's one on `expert`. */
export interface AnnotatorPair {
  id: string;
  prompt: string;
  quality: PreferenceQuality | null;
  a: string;
  b: string;
  /** Which side is the built-in chosen (expert) answer. */
  expert: AnswerSide;
}

export interface AnnotatorSetOptions {
  /** Pairs to label (default ANNOTATOR_PAIR_COUNT). */
  count?: number;
  /** Held-out fraction of the split (default: the reward stage's, 0.2). */
  heldOutFraction?: number;
}

/** The pairs to label and the held-out pairs to test on, both oriented A/B. */
export interface AnnotatorSet {
  seed: number;
  heldOutFraction: number;
  shown: AnnotatorPair[];
  heldOut: AnnotatorPair[];
  /** The built-in pairs behind `shown` and `heldOut`, aligned with them. */
  source: { shown: PreferencePair[]; heldOut: PreferencePair[] };
}

/** Sides for n pairs: exactly ⌊n/2⌋ or ⌈n/2⌉ with the expert as A, in a seeded order. */
function balancedSides(n: number, rng: ReturnType<typeof createRng>): AnswerSide[] {
  const sides: AnswerSide[] = Array.from({ length: n }, (_, i) =>
    i < Math.floor(n / 2) ? 'A' : 'B',
  );
  // An odd n: the last one is a coin toss.
  if (n % 2 === 1) sides[n - 1] = rng.uniform() < 0.5 ? 'A' : 'B';
  return rng.shuffle(sides);
}

function orient(pair: PreferencePair, expert: AnswerSide): AnnotatorPair {
  return {
    id: pair.id,
    prompt: pair.prompt,
    quality: pair.quality,
    a: expert === 'A' ? pair.chosen : pair.rejected,
    b: expert === 'A' ? pair.rejected : pair.chosen,
    expert,
  };
}

/**
 * The pairs the student labels for `seed` and the held-out pairs the fit is tested on
 * (see the module comment). Deterministic; the page and the Worker both call it, so a
 * label's pair id and side mean the same answer on both.
 */
export function annotatorPairs(
  pairs: readonly PreferencePair[],
  seed: number,
  options: AnnotatorSetOptions = {},
): AnnotatorSet {
  const fn = 'annotatorPairs';
  const count = options.count ?? ANNOTATOR_PAIR_COUNT;
  const heldOutFraction = options.heldOutFraction ?? DEFAULT_REWARD_CONFIG.heldOutFraction;
  if (!Number.isFinite(seed)) throw new RangeError(`${fn}: seed must be a finite number`);
  if (!(Number.isInteger(count) && count >= 1)) {
    throw new RangeError(`${fn}: count must be a positive integer, got ${count}`);
  }
  if (!(heldOutFraction > 0 && heldOutFraction < 1)) {
    throw new RangeError(`${fn}: heldOutFraction must be in (0, 1), got ${heldOutFraction}`);
  }
  const split = splitPreferencePairs(pairs, heldOutFraction, seed);
  if (split.train.length < count) {
    throw new RangeError(
      `${fn}: the split left ${split.train.length} training pairs, fewer than the ${count} to label`,
    );
  }
  if (split.heldOut.length === 0) throw new RangeError(`${fn}: the split held no pairs out`);
  const root = createRng(seed);
  // Round-robin over the qualities, each in a seeded order, one pair per prompt: the
  // student sees every kind of difference and never the same question twice. When
  // prompts run out (a tiny pair set) repeats are allowed rather than showing fewer.
  const queues = PREFERENCE_QUALITIES.map((q) =>
    root.stream(`annotator/pick/${q}`).shuffle(split.train.filter((p) => p.quality === q)),
  );
  const picked: PreferencePair[] = [];
  const usedIds = new Set<string>();
  const usedPrompts = new Set<string>();
  for (const distinctPrompts of [true, false]) {
    let progress = true;
    while (picked.length < count && progress) {
      progress = false;
      for (const queue of queues) {
        if (picked.length >= count) break;
        const next = queue.find(
          (p) => !usedIds.has(p.id) && (!distinctPrompts || !usedPrompts.has(p.prompt)),
        );
        if (!next) continue;
        picked.push(next);
        usedIds.add(next.id);
        usedPrompts.add(next.prompt);
        progress = true;
      }
    }
  }
  // A seeded order, so the qualities do not come in a fixed cycle.
  const shownSource = root.stream('annotator/order').shuffle(picked);
  const shownSides = balancedSides(count, root.stream('annotator/sides'));
  const heldSource = [...split.heldOut];
  const heldSides = balancedSides(heldSource.length, root.stream('annotator/held-out-sides'));
  return {
    seed,
    heldOutFraction,
    shown: shownSource.map((p, i) => orient(p, shownSides[i])),
    heldOut: heldSource.map((p, i) => orient(p, heldSides[i])),
    source: { shown: shownSource, heldOut: heldSource },
  };
}

// ───────────────────────────── labels ─────────────────────────────

export interface AnnotatorFitOptions {
  /** The student's labels: shown pairs only, each at most once. */
  labels: readonly AnnotatorLabel[];
  /** Probe L2 strength (default DEFAULT_PROBE_L2). */
  l2?: number;
  count?: number;
  heldOutFraction?: number;
}

/**
 * Checks the student's labels against the shown pairs and returns, per label, the
 * index of its pair in `set.shown`. Throws a RangeError naming the first problem:
 * not a list, an unknown or held-out pair id, a side other than 'A'/'B', a pair
 * labelled twice, or fewer than ANNOTATOR_MIN_LABELS labels.
 */
export function checkAnnotatorLabels(set: AnnotatorSet, labels: unknown): number[] {
  const where = new Map(set.shown.map((p, i) => [p.id, i]));
  const held = new Set(set.heldOut.map((p) => p.id));
  const total = set.shown.length;
  if (!Array.isArray(labels)) {
    throw new RangeError('labels must be a list of { pairId, preferred: "A" | "B" }');
  }
  const seen = new Map<string, number>();
  const rows = labels.map((label: unknown, k) => {
    const n = k + 1;
    const { pairId, preferred } = (label ?? {}) as Partial<AnnotatorLabel>;
    if (typeof pairId !== 'string') {
      throw new RangeError(`label ${n} has no pair id (got ${JSON.stringify(label)})`);
    }
    const row = where.get(pairId);
    if (row === undefined) {
      throw new RangeError(
        held.has(pairId)
          ? `label ${n}: pair '${pairId}' is a held-out pair, not one of the ${total} pairs to label for seed ${set.seed}`
          : `label ${n}: unknown pair '${pairId}', not one of the ${total} pairs to label for seed ${set.seed}`,
      );
    }
    if (preferred !== 'A' && preferred !== 'B') {
      throw new RangeError(
        `label ${n} (pair '${pairId}'): the preferred answer must be 'A' or 'B', got ${JSON.stringify(preferred)}`,
      );
    }
    const before = seen.get(pairId);
    if (before !== undefined) {
      throw new RangeError(`pair '${pairId}' is labelled twice (labels ${before} and ${n})`);
    }
    seen.set(pairId, n);
    return row;
  });
  if (rows.length < ANNOTATOR_MIN_LABELS) {
    throw new RangeError(
      `label at least ${ANNOTATOR_MIN_LABELS} of the ${total} pairs before fitting; got ${rows.length}`,
    );
  }
  return rows;
}

// ───────────────────────────── fit and calibration ─────────────────────────────

/** One calibration bin: predictions in [from, to) (the last bin includes 1). */
export interface CalibrationBin {
  from: number;
  to: number;
  /** Held-out pairs whose predicted P(A ≻ B) falls in the bin. */
  count: number;
  /** Mean predicted P(A ≻ B) of those pairs; null when the bin is empty. */
  predicted: number | null;
  /** Fraction of those pairs where the expert chose A; null when the bin is empty. */
  observed: number | null;
}

/** How one fitted probe does on the held-out pairs (against the built-in labels). */
export interface AnnotatorModelReport {
  /** Held-out pairs ranked the experts' way (a tie counts ½). */
  accuracy: number;
  calibration: CalibrationBin[];
  /** Expected calibration error: Σ_b (n_b / N)·|observed_b − predicted_b|. */
  ece: number;
  /** Mean (P(A ≻ B) − [expert chose A])²: 0.25 for a model that always says ½. */
  brier: number;
  /** Mean of max(P, 1 − P): how sure the model is, ½ to 1. */
  meanConfidence: number;
  /** Labelled pairs the fit ranks as the labels it was fitted on say (in-sample). */
  fitAgreement: number;
  iterations: number;
  converged: boolean;
}

/** One labelled pair, after the fit. */
export interface AnnotatorPairOutcome {
  id: string;
  prompt: string;
  quality: PreferenceQuality | null;
  preferred: AnswerSide;
  expert: AnswerSide;
  /** P(A ≻ B) under the probe fitted on the student's labels, and on the expert's. */
  yours: number;
  experts: number;
}

export interface AnnotatorFitResult {
  seed: number;
  l2: number;
  heldOutFraction: number;
  /** Pairs offered, labelled, and held out. */
  pairs: { shown: number; labelled: number; heldOut: number };
  /** The student's labels that match the built-in ones. */
  agreement: { agree: number; labelled: number; rate: number };
  /** The probe fitted on the student's labels, and on the expert labels of the same pairs. */
  yours: AnnotatorModelReport;
  experts: AnnotatorModelReport;
  /** The labelled pairs, in the order shown. */
  outcomes: AnnotatorPairOutcome[];
}

/** Features of the labelled pairs (aligned with the labels) and of every held-out pair. */
export interface AnnotatorFeatures {
  labelled: readonly PairFeatures[];
  heldOut: readonly PairFeatures[];
}

/**
 * Bins predictions p_i with observed outcomes o_i ∈ {0, 1} into `bins` equal-width
 * bins of [0, 1] (the last one closed), with each bin's count, mean prediction and
 * observed frequency, and the expected calibration error and Brier score.
 */
export function calibrationBins(
  predicted: readonly number[],
  observed: readonly number[],
  bins: number = CALIBRATION_BINS,
): { bins: CalibrationBin[]; ece: number; brier: number } {
  const fn = 'calibrationBins';
  if (predicted.length !== observed.length) {
    throw new RangeError(
      `${fn}: ${predicted.length} predictions but ${observed.length} observations`,
    );
  }
  if (predicted.length === 0) throw new RangeError(`${fn}: no predictions`);
  if (!(Number.isInteger(bins) && bins >= 1)) {
    throw new RangeError(`${fn}: bins must be a positive integer, got ${bins}`);
  }
  const counts = new Array<number>(bins).fill(0);
  const sumP = new Array<number>(bins).fill(0);
  const sumO = new Array<number>(bins).fill(0);
  let brier = 0;
  predicted.forEach((p, i) => {
    const o = observed[i];
    if (!(p >= 0 && p <= 1)) throw new RangeError(`${fn}: predicted[${i}] is ${p}, not in [0, 1]`);
    if (o !== 0 && o !== 1) throw new RangeError(`${fn}: observed[${i}] must be 0 or 1, got ${o}`);
    const b = Math.min(bins - 1, Math.floor(p * bins));
    counts[b]++;
    sumP[b] += p;
    sumO[b] += o;
    brier += (p - o) ** 2;
  });
  const n = predicted.length;
  let ece = 0;
  const out = counts.map((count, b): CalibrationBin => {
    const predictedMean = count > 0 ? sumP[b] / count : null;
    const observedMean = count > 0 ? sumO[b] / count : null;
    if (predictedMean !== null && observedMean !== null) {
      ece += (count / n) * Math.abs(observedMean - predictedMean);
    }
    return {
      from: b / bins,
      to: (b + 1) / bins,
      count,
      predicted: predictedMean,
      observed: observedMean,
    };
  });
  return { bins: out, ece, brier: brier / n };
}

/** P(A ≻ B) from a margin r_chosen − r_rejected and the side the expert's answer is on. */
function probabilityA(margin: number, expert: AnswerSide): number {
  return sigmoid(expert === 'A' ? margin : -margin);
}

function report(
  fit: { w: Float64Array; iterations: number; converged: boolean },
  labelled: DifferenceMatrix,
  labels: Uint8Array,
  held: DifferenceMatrix,
  heldPairs: readonly AnnotatorPair[],
): AnnotatorModelReport {
  const rows = Int32Array.from({ length: held.n }, (_, i) => i);
  const predicted = heldPairs.map((p, i) =>
    probabilityA(differenceMargin(fit.w, held, i), p.expert),
  );
  const observed = heldPairs.map((p) => (p.expert === 'A' ? 1 : 0));
  const { bins, ece, brier } = calibrationBins(predicted, observed);
  let fitted = 0;
  for (let i = 0; i < labelled.n; i++) {
    const m = differenceMargin(fit.w, labelled, i);
    const s = labels[i] === 1 ? 1 : -1;
    fitted += s * m > 0 ? 1 : m === 0 ? 0.5 : 0;
  }
  return {
    accuracy: differenceAccuracy(fit.w, held, rows),
    calibration: bins,
    ece,
    brier,
    meanConfidence: predicted.reduce((a, p) => a + Math.max(p, 1 - p), 0) / predicted.length,
    fitAgreement: fitted / labelled.n,
    iterations: fit.iterations,
    converged: fit.converged,
  };
}

/**
 * Fits the probe on the student's labels and on the expert labels of the same pairs,
 * and tests both on the held-out pairs. `features.labelled` is aligned with
 * `options.labels`, `features.heldOut` with `set.heldOut`.
 */
export function fitAnnotatorLabels(
  set: AnnotatorSet,
  features: AnnotatorFeatures,
  options: AnnotatorFitOptions,
): AnnotatorFitResult {
  const fn = 'fitAnnotatorLabels';
  const rows = checkAnnotatorLabels(set, options.labels);
  const l2 = options.l2 ?? DEFAULT_PROBE_L2;
  if (!(Number.isFinite(l2) && l2 > 0)) {
    throw new RangeError(`${fn}: l2 must be a finite number > 0, got ${l2}`);
  }
  if (features.labelled.length !== rows.length) {
    throw new RangeError(
      `${fn}: ${features.labelled.length} labelled features for ${rows.length} labels`,
    );
  }
  if (features.heldOut.length !== set.heldOut.length) {
    throw new RangeError(
      `${fn}: ${features.heldOut.length} held-out features for ${set.heldOut.length} held-out pairs`,
    );
  }
  const dim = assertPairFeatures(fn, features.labelled);
  if (assertPairFeatures(fn, features.heldOut) !== dim) {
    throw new RangeError(`${fn}: labelled and held-out features differ in width`);
  }
  // d = h(chosen) − h(rejected) in the EXPERT orientation; a label 1 = the expert's answer.
  const labelled = pairDifferences(features.labelled);
  const held = pairDifferences(features.heldOut);
  const all = Int32Array.from({ length: rows.length }, (_, i) => i);
  const pairs = rows.map((r) => set.shown[r]);
  const yours = Uint8Array.from(options.labels, (l, i) =>
    l.preferred === pairs[i].expert ? 1 : 0,
  );
  const experts = new Uint8Array(rows.length).fill(1);
  const fitYours = fitProbeOnDifferences(labelled, all, yours, { l2 });
  const fitExperts = fitProbeOnDifferences(labelled, all, experts, { l2 });
  const agree = yours.reduce((a, v) => a + v, 0);
  // Outcomes in the order the pairs are shown, not the order they were labelled.
  const outcomes = rows
    .map((r, i) => ({ r, i }))
    .sort((x, y) => x.r - y.r)
    .map(({ i }): AnnotatorPairOutcome => {
      const p = pairs[i];
      return {
        id: p.id,
        prompt: p.prompt,
        quality: p.quality,
        preferred: options.labels[i].preferred,
        expert: p.expert,
        yours: probabilityA(differenceMargin(fitYours.w, labelled, i), p.expert),
        experts: probabilityA(differenceMargin(fitExperts.w, labelled, i), p.expert),
      };
    });
  return {
    seed: set.seed,
    l2,
    heldOutFraction: set.heldOutFraction,
    pairs: { shown: set.shown.length, labelled: rows.length, heldOut: set.heldOut.length },
    agreement: { agree, labelled: rows.length, rate: agree / rows.length },
    yours: report(fitYours, labelled, yours, held, set.heldOut),
    experts: report(fitExperts, labelled, experts, held, set.heldOut),
    outcomes,
  };
}

// ───────────────────────────── in steps (the Worker) ─────────────────────────────

export interface AnnotatorProgress {
  done: number;
  total: number;
  note: string;
}

/** Pairs per trunk forward while extracting: ≈ 30 ms each on two CPU cores. */
const PAIRS_PER_STEP = 2;

/**
 * The whole fit from the SFT trunk, a step at a time (a step reads PAIRS_PER_STEP
 * pairs with the trunk), so the Worker can report progress and stop between steps.
 * The labels are checked before any work. Only the labelled and held-out pairs are
 * read (≈ 60 of the 218), about a second on two cores.
 */
export function* annotatorFitSteps(
  trunk: Gpt,
  tokenizer: ChatTokenizer,
  pairs: readonly PreferencePair[],
  seed: number,
  options: AnnotatorFitOptions,
): Generator<AnnotatorProgress, AnnotatorFitResult> {
  const set = annotatorPairs(pairs, seed, options);
  const rows = checkAnnotatorLabels(set, options.labels);
  const byId = new Map(set.source.shown.map((p) => [p.id, p]));
  const labelled = rows.map((r) => byId.get(set.shown[r].id) as PreferencePair);
  const queue = [...labelled, ...set.source.heldOut];
  const total = Math.ceil(queue.length / PAIRS_PER_STEP) + 1;
  const read: PairFeatures[] = [];
  for (let start = 0; start < queue.length; start += PAIRS_PER_STEP) {
    const step = start / PAIRS_PER_STEP;
    yield {
      done: step,
      total,
      note:
        start < labelled.length
          ? `reading your ${labelled.length} labelled pairs with the SFT model`
          : `reading the ${set.heldOut.length} held-out pairs with the SFT model`,
    };
    read.push(...extractPairFeatures(trunk, tokenizer, queue.slice(start, start + PAIRS_PER_STEP)));
  }
  yield { done: total - 1, total, note: 'fitting the two reward models' };
  return fitAnnotatorLabels(
    set,
    { labelled: read.slice(0, labelled.length), heldOut: read.slice(labelled.length) },
    options,
  );
}
