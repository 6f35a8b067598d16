/**
 * A fast reward model for the Challenges page's labelling studies: a LINEAR PROBE on
 * a FROZEN trunk.
 *
 * The Reward Model stage (src/sim/stages/reward.ts) trains the full reward model: the
 * whole SFT trunk is fine-tuned together with a scalar head, about 20 s per training on
 * two CPU cores. A study that retrains the reward model for every noise rate, label
 * budget and repeat would need dozens of trainings, i.e. minutes. So the studies use
 * this cheaper stand-in instead:
 *
 * - Features: the frozen SFT trunk's final hidden state (the final LayerNorm output)
 *   at each (prompt, response)'s last token, the closing `<|end|>` of the chat
 *   template — exactly the row where the full reward model's head reads. They are
 *   extracted once (`extractPairFeatures`, a few seconds) and reused by every fit.
 * - Head: r(x) = w·h(x) + b, trained with the same Bradley–Terry loss as the full
 *   model. Under BT only differences count, so this is L2-regularised logistic
 *   regression without intercept on d = h(chosen) − h(rejected):
 *     J(w) = Σ_i softplus(−s_i·w·d_i) + (λ/2)·|w|²,  s_i = +1 if the label says the
 *     built-in chosen answer is preferred, −1 if the label is flipped.
 *   J is strictly convex for λ > 0, so Newton's method with a backtracking line search
 *   finds its unique minimum in a handful of deterministic iterations (milliseconds:
 *   the width is 64). The loss is a SUM over pairs with a fixed λ (a fixed Gaussian
 *   prior on w), so a few labels are regularised strongly and many labels weakly.
 * - b cancels in every BT probability; it is set, like the full model's normalisation,
 *   so the built-in chosen (expert) answers of the fit's pairs average reward 0.
 *
 * The probe is weaker than the full model (the trunk cannot adapt), but it responds to
 * label noise and label budget the same way, which is what the studies show.
 */
import type { PreferencePair } from '../data/preferences';
import { splitPreferencePairs } from '../data/preferences';
import type { Gpt } from '../model/gpt';
import { sigmoid, softplus } from '../rl/numeric';
import { rewardSequence } from '../stages/reward';
import { SPECIAL_TOKENS, type ChatTokenizer } from '../text';

/** Trunk features of one preference pair: the hidden state at each answer's `<|end|>`. */
export interface PairFeatures {
  chosen: Float32Array;
  rejected: Float32Array;
}

export interface ExtractOptions {
  /** Pairs per trunk forward (2× as many sequences; default 8, i.e. 16 sequences). */
  pairsPerForward?: number;
}

/**
 * Runs the frozen trunk over every pair's two (prompt, answer) sequences and keeps the
 * final hidden state at each sequence's last token. Sequences longer than the context
 * are cut like `scoreResponse` cuts them (the closing `<|end|>` kept), so the output is
 * always aligned with `pairs`. Pure: the trunk's weights are only read.
 */
export function extractPairFeatures(
  trunk: Gpt,
  tokenizer: ChatTokenizer,
  pairs: readonly Pick<PreferencePair, 'prompt' | 'chosen' | 'rejected'>[],
  options: ExtractOptions = {},
): PairFeatures[] {
  const perForward = options.pairsPerForward ?? 8;
  if (!(Number.isInteger(perForward) && perForward >= 1)) {
    throw new RangeError(
      `extractPairFeatures: pairsPerForward must be a positive integer, got ${perForward}`,
    );
  }
  if (pairs.length === 0) throw new RangeError('extractPairFeatures: pairs is empty');
  const { width: C, contextLength, vocabSize } = trunk.config;
  // Same padding as the reward stage; causal attention keeps it out of earlier rows.
  const pad = SPECIAL_TOKENS.endOfText < vocabSize ? SPECIAL_TOKENS.endOfText : 0;
  const out: PairFeatures[] = [];
  for (let start = 0; start < pairs.length; start += perForward) {
    const batch = pairs.slice(start, start + perForward);
    const seqs = [
      ...batch.map((p) => rewardSequence(tokenizer, p.prompt, p.chosen, contextLength)),
      ...batch.map((p) => rewardSequence(tokenizer, p.prompt, p.rejected, contextLength)),
    ];
    const B = seqs.length;
    const T = Math.max(...seqs.map((s) => s.length));
    const tokens = new Int32Array(B * T).fill(pad);
    seqs.forEach((s, b) => tokens.set(s, b * T));
    const { hidden } = trunk.forward(tokens, B, T);
    // `hidden` is a reused buffer: copy each last row out.
    const row = (b: number) => {
      const at = (b * T + seqs[b].length - 1) * C;
      return Float32Array.from(hidden.subarray(at, at + C));
    };
    for (let j = 0; j < batch.length; j++) {
      out.push({ chosen: row(j), rejected: row(batch.length + j) });
    }
  }
  return out;
}

// ───────────────────────────── fitting ─────────────────────────────

/**
 * Default L2 strength λ. Measured on the shipped SFT checkpoint (held-out accuracy,
 * split seeds 1–3; features have |h|² ≈ 215): λ from 1 to 10 gives the best mix of
 * accuracy with all ~172 training labels (≈ 0.80 averaged) and with 8 or 32 labels;
 * λ ≤ 0.1 overfits small label sets, λ ≥ 30 underfits the full set.
 */
export const DEFAULT_PROBE_L2 = 3;

export interface ProbeFitOptions {
  /** λ > 0 of the (λ/2)·|w|² penalty added to the summed BT loss (default DEFAULT_PROBE_L2). */
  l2?: number;
  /** Newton iterations at most (default 50). */
  maxIterations?: number;
  /** Stop when |∇J|₂ ≤ tolerance·max(1, n) (default 1e-8). */
  tolerance?: number;
  /** Starting w (default zeros); a warm start from a previous fit saves iterations. */
  init?: ArrayLike<number>;
}

export interface RewardProbe {
  /** Head weights, one per trunk width. */
  w: Float64Array;
  /** Offset: the built-in chosen answers of the fit's pairs average reward 0. */
  b: number;
  /** Mean BT loss over the fit's pairs, against the labels it was given (no penalty). */
  trainLoss: number;
  iterations: number;
  converged: boolean;
}

/** Row-major [n, dim] matrix of d_i = h(chosen_i) − h(rejected_i), in float64. */
export interface DifferenceMatrix {
  data: Float64Array;
  n: number;
  dim: number;
}

/**
 * Checks that `features` is a non-empty list of pairs of finite vectors of one width;
 * `fn` names the caller in the RangeError.
 */
export function assertPairFeatures(fn: string, features: readonly PairFeatures[]): number {
  if (!Array.isArray(features) || features.length === 0) {
    throw new RangeError(`${fn}: features must be a non-empty list of pair features`);
  }
  const dim = features[0]?.chosen?.length ?? 0;
  if (dim === 0) throw new RangeError(`${fn}: features[0].chosen must be a non-empty vector`);
  features.forEach((f, i) => {
    for (const side of ['chosen', 'rejected'] as const) {
      const v = f?.[side];
      if (!v || v.length !== dim) {
        throw new RangeError(`${fn}: features[${i}].${side} must have length ${dim}`);
      }
      for (let k = 0; k < dim; k++) {
        if (!Number.isFinite(v[k])) {
          throw new RangeError(`${fn}: features[${i}].${side}[${k}] is ${v[k]}, not finite`);
        }
      }
    }
  });
  return dim;
}

/** The difference matrix of (already validated) features. */
export function pairDifferences(features: readonly PairFeatures[]): DifferenceMatrix {
  const n = features.length;
  const dim = features[0].chosen.length;
  const data = new Float64Array(n * dim);
  for (let i = 0; i < n; i++) {
    const { chosen, rejected } = features[i];
    for (let k = 0; k < dim; k++) data[i * dim + k] = chosen[k] - rejected[k];
  }
  return { data, n, dim };
}

function assertLabels(fn: string, labels: ArrayLike<number>, n: number): void {
  if (labels.length !== n) {
    throw new RangeError(`${fn}: labels has length ${labels.length}, features ${n}`);
  }
  for (let i = 0; i < n; i++) {
    if (labels[i] !== 0 && labels[i] !== 1) {
      throw new RangeError(`${fn}: labels[${i}] must be 0 or 1, got ${labels[i]}`);
    }
  }
}

function resolveFitOptions(fn: string, o: ProbeFitOptions, dim: number) {
  const l2 = o.l2 ?? DEFAULT_PROBE_L2;
  const maxIterations = o.maxIterations ?? 50;
  const tolerance = o.tolerance ?? 1e-8;
  if (!(Number.isFinite(l2) && l2 > 0)) {
    // λ = 0 has no minimum on separable data (w grows without bound).
    throw new RangeError(`${fn}: l2 must be a finite number > 0, got ${l2}`);
  }
  if (!(Number.isInteger(maxIterations) && maxIterations >= 1)) {
    throw new RangeError(`${fn}: maxIterations must be a positive integer, got ${maxIterations}`);
  }
  if (!(Number.isFinite(tolerance) && tolerance > 0)) {
    throw new RangeError(`${fn}: tolerance must be a finite number > 0, got ${tolerance}`);
  }
  if (o.init !== undefined) {
    if (o.init.length !== dim) {
      throw new RangeError(`${fn}: init has length ${o.init.length}, features ${dim}`);
    }
    for (let k = 0; k < dim; k++) {
      if (!Number.isFinite(o.init[k])) throw new RangeError(`${fn}: init[${k}] is not finite`);
    }
  }
  return { l2, maxIterations, tolerance, init: o.init };
}

/**
 * J(w) and ∇J for the rows `rows` of `diffs` with labels `labels` (aligned with
 * `rows`): J = Σ softplus(−s·w·d) + (λ/2)|w|², ∇J = Σ −σ(−s·w·d)·s·d + λw.
 */
function objective(
  w: ArrayLike<number>,
  diffs: DifferenceMatrix,
  rows: ArrayLike<number>,
  labels: ArrayLike<number>,
  l2: number,
  grad: Float64Array | null,
): number {
  const { data, dim } = diffs;
  let J = 0;
  let sq = 0;
  for (let k = 0; k < dim; k++) sq += w[k] * w[k];
  J += 0.5 * l2 * sq;
  if (grad) for (let k = 0; k < dim; k++) grad[k] = l2 * w[k];
  for (let j = 0; j < rows.length; j++) {
    const at = rows[j] * dim;
    const s = labels[j] === 1 ? 1 : -1;
    let m = 0;
    for (let k = 0; k < dim; k++) m += w[k] * data[at + k];
    m *= s;
    J += softplus(-m);
    if (grad) {
      const g = -sigmoid(-m) * s;
      for (let k = 0; k < dim; k++) grad[k] += g * data[at + k];
    }
  }
  return J;
}

/**
 * The probe's training objective and its gradient, exported for the gradient check:
 * J(w) = Σ_i softplus(−s_i·w·(c_i − r_i)) + (λ/2)|w|², s_i = 2·labels[i] − 1.
 */
export function probeObjective(
  w: ArrayLike<number>,
  features: readonly PairFeatures[],
  labels: ArrayLike<number>,
  l2: number,
): { loss: number; grad: Float64Array } {
  const fn = 'probeObjective';
  const dim = assertPairFeatures(fn, features);
  assertLabels(fn, labels, features.length);
  if (w.length !== dim) throw new RangeError(`${fn}: w has length ${w.length}, features ${dim}`);
  if (!(Number.isFinite(l2) && l2 >= 0)) {
    throw new RangeError(`${fn}: l2 must be a finite number ≥ 0, got ${l2}`);
  }
  const diffs = pairDifferences(features);
  const rows = Int32Array.from({ length: diffs.n }, (_, i) => i);
  const grad = new Float64Array(dim);
  return { loss: objective(w, diffs, rows, labels, l2, grad), grad };
}

/** Solves A·x = y in place of y for a symmetric positive definite A (Cholesky). */
function choleskySolve(A: Float64Array, y: Float64Array, n: number): boolean {
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * n + j];
      for (let k = 0; k < j; k++) s -= L[i * n + k] * L[j * n + k];
      if (i === j) {
        if (!(s > 0)) return false;
        L[i * n + i] = Math.sqrt(s);
      } else {
        L[i * n + j] = s / L[j * n + j];
      }
    }
  }
  for (let i = 0; i < n; i++) {
    let s = y[i];
    for (let k = 0; k < i; k++) s -= L[i * n + k] * y[k];
    y[i] = s / L[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < n; k++) s -= L[k * n + i] * y[k];
    y[i] = s / L[i * n + i];
  }
  return true;
}

/**
 * Fits w on rows `rows` of a difference matrix (labels aligned with `rows`), with no
 * input checks beyond the options: the studies validate once and then fit many times.
 * Returns w, the mean BT loss, the iterations and whether the tolerance was met.
 */
export function fitProbeOnDifferences(
  diffs: DifferenceMatrix,
  rows: ArrayLike<number>,
  labels: ArrayLike<number>,
  options: ProbeFitOptions = {},
): Omit<RewardProbe, 'b'> {
  const { dim, data } = diffs;
  const { l2, maxIterations, tolerance, init } = resolveFitOptions('fitRewardProbe', options, dim);
  const n = rows.length;
  const w = init ? Float64Array.from(init) : new Float64Array(dim);
  const grad = new Float64Array(dim);
  const step = new Float64Array(dim);
  const trial = new Float64Array(dim);
  const H = new Float64Array(dim * dim);
  let J = objective(w, diffs, rows, labels, l2, grad);
  let iterations = 0;
  let converged = false;
  const gradNorm = () => Math.sqrt(grad.reduce((a, g) => a + g * g, 0));
  while (iterations < maxIterations) {
    if (gradNorm() <= tolerance * Math.max(1, n)) {
      converged = true;
      break;
    }
    iterations++;
    // Hessian Σ σ(m)σ(−m)·d dᵀ + λI (the sign s drops out: s² = 1).
    H.fill(0);
    for (let k = 0; k < dim; k++) H[k * dim + k] = l2;
    for (let j = 0; j < n; j++) {
      const at = rows[j] * dim;
      let m = 0;
      for (let k = 0; k < dim; k++) m += w[k] * data[at + k];
      const c = sigmoid(m) * sigmoid(-m);
      if (c === 0) continue;
      for (let a = 0; a < dim; a++) {
        const ca = c * data[at + a];
        for (let k = 0; k <= a; k++) H[a * dim + k] += ca * data[at + k];
      }
    }
    for (let a = 0; a < dim; a++) for (let k = 0; k < a; k++) H[k * dim + a] = H[a * dim + k];
    for (let k = 0; k < dim; k++) step[k] = -grad[k];
    // H ⪰ λI, so the factorisation only fails on non-finite numbers.
    if (!choleskySolve(H, step, dim)) break;
    // Backtracking (Armijo) line search: Newton's full step can overshoot far from the optimum.
    let slope = 0;
    for (let k = 0; k < dim; k++) slope += grad[k] * step[k];
    let t = 1;
    let Jt = Infinity;
    for (let tries = 0; tries < 30; tries++) {
      for (let k = 0; k < dim; k++) trial[k] = w[k] + t * step[k];
      Jt = objective(trial, diffs, rows, labels, l2, null);
      if (Jt <= J + 1e-4 * t * slope) break;
      t *= 0.5;
    }
    if (!(Jt <= J)) break;
    w.set(trial);
    J = objective(w, diffs, rows, labels, l2, grad);
  }
  if (!converged && gradNorm() <= tolerance * Math.max(1, n)) converged = true;
  let bt = 0;
  for (let k = 0; k < dim; k++) bt -= 0.5 * l2 * w[k] * w[k];
  bt += J;
  return { w, trainLoss: n > 0 ? bt / n : NaN, iterations, converged };
}

/** Row i's margin w·d_i. */
export function differenceMargin(w: ArrayLike<number>, diffs: DifferenceMatrix, i: number): number {
  const { data, dim } = diffs;
  let m = 0;
  for (let k = 0; k < dim; k++) m += w[k] * data[i * dim + k];
  return m;
}

/**
 * Fraction of rows whose margin agrees with the built-in label (chosen preferred): a
 * margin > 0 counts 1, exactly 0 counts ½.
 */
export function differenceAccuracy(
  w: ArrayLike<number>,
  diffs: DifferenceMatrix,
  rows: ArrayLike<number>,
): number {
  if (rows.length === 0) return NaN;
  let correct = 0;
  for (let j = 0; j < rows.length; j++) {
    const m = differenceMargin(w, diffs, rows[j]);
    correct += m > 0 ? 1 : m === 0 ? 0.5 : 0;
  }
  return correct / rows.length;
}

/**
 * Trains the probe's head on `features` with `labels` (1 = the built-in chosen answer
 * preferred, as labelled; 0 = the label is flipped). Deterministic.
 */
export function fitRewardProbe(
  features: readonly PairFeatures[],
  labels: ArrayLike<number>,
  options: ProbeFitOptions = {},
): RewardProbe {
  const fn = 'fitRewardProbe';
  const dim = assertPairFeatures(fn, features);
  assertLabels(fn, labels, features.length);
  resolveFitOptions(fn, options, dim);
  const diffs = pairDifferences(features);
  const rows = Int32Array.from({ length: diffs.n }, (_, i) => i);
  const fit = fitProbeOnDifferences(diffs, rows, labels, options);
  let mean = 0;
  for (const f of features) mean += dot(fit.w, f.chosen);
  return { ...fit, b: -mean / features.length };
}

function dot(w: ArrayLike<number>, h: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < w.length; k++) s += w[k] * h[k];
  return s;
}

function assertProbeMatches(fn: string, probe: RewardProbe, dim: number): void {
  if (probe.w.length !== dim) {
    throw new RangeError(`${fn}: probe.w has length ${probe.w.length}, features ${dim}`);
  }
}

/** The probe's reward of one response's feature vector: w·h + b. */
export function probeReward(probe: RewardProbe, feature: ArrayLike<number>): number {
  if (feature.length !== probe.w.length) {
    throw new RangeError(
      `probeReward: feature has length ${feature.length}, probe ${probe.w.length}`,
    );
  }
  return dot(probe.w, feature) + probe.b;
}

/** P(chosen ≻ rejected) = σ(r_chosen − r_rejected) under the probe (Bradley–Terry). */
export function probeProbability(probe: RewardProbe, pair: PairFeatures): number {
  assertProbeMatches('probeProbability', probe, pair.chosen.length);
  return sigmoid(dot(probe.w, pair.chosen) - dot(probe.w, pair.rejected));
}

/**
 * Fraction of pairs the probe ranks as `labels` say (default: all 1, the built-in,
 * true preferences); a tie counts ½.
 */
export function probeAccuracy(
  probe: RewardProbe,
  features: readonly PairFeatures[],
  labels?: ArrayLike<number>,
): number {
  const fn = 'probeAccuracy';
  const dim = assertPairFeatures(fn, features);
  assertProbeMatches(fn, probe, dim);
  if (labels) assertLabels(fn, labels, features.length);
  let correct = 0;
  features.forEach((f, i) => {
    const m = dot(probe.w, f.chosen) - dot(probe.w, f.rejected);
    const s = !labels || labels[i] === 1 ? 1 : -1;
    correct += s * m > 0 ? 1 : m === 0 ? 0.5 : 0;
  });
  return correct / features.length;
}

// ───────────────────────────── study plumbing ─────────────────────────────

/** What both labelling studies start from: validated features, split by fact. */
export interface ProbeStudyData {
  diffs: DifferenceMatrix;
  /** Indices into the pairs/features of the training and held-out pairs. */
  train: number[];
  heldOut: number[];
}

/**
 * Validates a study's inputs and splits them like the Reward Model stage does (whole
 * facts held out, `splitPreferencePairs`), so held-out accuracy means unseen facts.
 */
export function prepareProbeStudy(
  fn: string,
  pairs: readonly PreferencePair[],
  features: readonly PairFeatures[],
  heldOutFraction: number,
  seed: number,
): ProbeStudyData {
  if (!Array.isArray(pairs) || pairs.length === 0) {
    throw new RangeError(`${fn}: pairs must be a non-empty list of preference pairs`);
  }
  if (!Array.isArray(features) || features.length !== pairs.length) {
    throw new RangeError(
      `${fn}: features must have one entry per pair (${pairs.length}), got ${
        Array.isArray(features) ? features.length : typeof features
      }`,
    );
  }
  assertPairFeatures(fn, features);
  if (!Number.isFinite(seed)) throw new RangeError(`${fn}: seed must be a finite number`);
  if (!(heldOutFraction > 0 && heldOutFraction < 1)) {
    throw new RangeError(`${fn}: heldOutFraction must be in (0, 1), got ${heldOutFraction}`);
  }
  const index = new Map<string, number>();
  pairs.forEach((p, i) => {
    if (index.has(p.id)) throw new RangeError(`${fn}: pair id ${p.id} appears twice`);
    index.set(p.id, i);
  });
  const split = splitPreferencePairs(pairs, heldOutFraction, seed);
  const train = split.train.map((p) => index.get(p.id) ?? -1);
  const heldOut = split.heldOut.map((p) => index.get(p.id) ?? -1);
  if (train.length === 0 || heldOut.length === 0) {
    throw new RangeError(
      `${fn}: the split left ${train.length} training and ${heldOut.length} held-out pairs; ` +
        'give pairs about more facts',
    );
  }
  return { diffs: pairDifferences(features), train, heldOut };
}

/** Spread of a figure over a study's repeats. */
export interface Spread {
  /** Population standard deviation. */
  std: number;
  min: number;
  max: number;
}

/** Mean and spread of a non-empty list. */
export function summarise(values: readonly number[]): { mean: number; spread: Spread } {
  const n = values.length;
  const min = Math.min(...values);
  const max = Math.max(...values);
  // Equal values give exactly that value and SD 0 (a sum/n round-off would not).
  if (min === max) return { mean: min, spread: { std: 0, min, max } };
  const mean = values.reduce((a, v) => a + v, 0) / n;
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / n;
  return { mean, spread: { std: Math.sqrt(variance), min, max } };
}
