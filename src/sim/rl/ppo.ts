/**
 * PPO's clipped surrogate objective (Schulman et al. 2017, "Proximal policy optimization
 * algorithms", eq. 7) and the clipped value loss used by OpenAI's lm-human-preferences,
 * TRL and "The N implementation details of RLHF with PPO" (Huang et al. 2023).
 */
import { assertFinite, assertFiniteArray, assertPositive, assertSameLength } from './validate';

function clip(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

function checkScalar(fn: string, ratio: number, advantage: number, epsilon: number): void {
  assertFinite(fn, 'ratio', ratio);
  if (ratio < 0) throw new RangeError(`${fn}: ratio must be ≥ 0 (got ${ratio})`);
  assertFinite(fn, 'advantage', advantage);
  assertPositive(fn, 'epsilon', epsilon);
}

function checkArrays(
  fn: string,
  ratios: ArrayLike<number>,
  advantages: ArrayLike<number>,
  epsilon: number,
): void {
  assertFiniteArray(fn, 'ratio', ratios);
  assertFiniteArray(fn, 'advantage', advantages);
  assertSameLength(fn, ['ratio', 'advantage'], [ratios, advantages]);
  for (let i = 0; i < ratios.length; i++) {
    if (ratios[i] < 0) throw new RangeError(`${fn}: ratio[${i}] must be ≥ 0 (got ${ratios[i]})`);
  }
  assertPositive(fn, 'epsilon', epsilon);
}

function objective(r: number, a: number, eps: number): number {
  return Math.min(r * a, clip(r, 1 - eps, 1 + eps) * a);
}

function clipped(r: number, a: number, eps: number): boolean {
  return (a > 0 && r > 1 + eps) || (a < 0 && r < 1 - eps);
}

/**
 * L^CLIP = min(r·A, clip(r, 1−ε, 1+ε)·A), with r = π_θ(a|s) / π_old(a|s), the quantity
 * PPO maximises (eq. 7). A scalar gives a scalar; arrays give the per-token values
 * (see {@link ppoClipObjectiveMean} for their mean). The policy loss is its negative.
 *
 * @param ratio probability ratio r ≥ 0 (e.g. exp(logp − logp_old))
 * @param advantage advantage estimate Â
 * @param epsilon clip range ε > 0 (0.2 in the paper and TRL)
 */
export function ppoClipObjective(ratio: number, advantage: number, epsilon: number): number;
export function ppoClipObjective(
  ratio: ArrayLike<number>,
  advantage: ArrayLike<number>,
  epsilon: number,
): Float64Array;
export function ppoClipObjective(
  ratio: number | ArrayLike<number>,
  advantage: number | ArrayLike<number>,
  epsilon: number,
): number | Float64Array {
  const fn = 'ppoClipObjective';
  if (typeof ratio === 'number' || typeof advantage === 'number') {
    if (typeof ratio !== 'number' || typeof advantage !== 'number') {
      throw new RangeError(`${fn}: ratio and advantage must both be numbers or both be arrays`);
    }
    checkScalar(fn, ratio, advantage, epsilon);
    return objective(ratio, advantage, epsilon);
  }
  checkArrays(fn, ratio, advantage, epsilon);
  const out = new Float64Array(ratio.length);
  for (let i = 0; i < out.length; i++) out[i] = objective(ratio[i], advantage[i], epsilon);
  return out;
}

/** Mean of {@link ppoClipObjective} over tokens: (1/N)·Σ min(r_i·A_i, clip(r_i)·A_i). */
export function ppoClipObjectiveMean(
  ratios: ArrayLike<number>,
  advantages: ArrayLike<number>,
  epsilon: number,
): number {
  checkArrays('ppoClipObjectiveMean', ratios, advantages, epsilon);
  let sum = 0;
  for (let i = 0; i < ratios.length; i++) sum += objective(ratios[i], advantages[i], epsilon);
  return sum / ratios.length;
}

/**
 * Whether the clipped branch of L^CLIP is the active minimum, so its gradient with
 * respect to the ratio is zero: (A > 0 and r > 1+ε) or (A < 0 and r < 1−ε). This is
 * TRL's `clipfrac` test (pg_losses2 > pg_losses).
 */
export function isClipped(ratio: number, advantage: number, epsilon: number): boolean {
  checkScalar('isClipped', ratio, advantage, epsilon);
  return clipped(ratio, advantage, epsilon);
}

/** The fraction of tokens where {@link isClipped} holds ("clipfrac" in TRL's logs). */
export function clipFraction(
  ratios: ArrayLike<number>,
  advantages: ArrayLike<number>,
  epsilon: number,
): number {
  checkArrays('clipFraction', ratios, advantages, epsilon);
  let count = 0;
  for (let i = 0; i < ratios.length; i++) if (clipped(ratios[i], advantages[i], epsilon)) count++;
  return count / ratios.length;
}

/**
 * d L^CLIP / d r for one token: A where the unclipped branch is active, 0 where
 * {@link isClipped} holds. (At the kink r = 1±ε the unclipped branch is taken.)
 */
export function ppoClipGradient(ratio: number, advantage: number, epsilon: number): number {
  checkScalar('ppoClipGradient', ratio, advantage, epsilon);
  return clipped(ratio, advantage, epsilon) ? 0 : advantage;
}

/**
 * Clipped value loss, as in TRL's PPO trainer and lm-human-preferences:
 *   V_clip = clip(V, V_old − ε, V_old + ε),
 *   loss = ½ · mean(max((V − R)², (V_clip − R)²)).
 * Pessimistic like L^CLIP: the value head gains nothing from moving more than ε from
 * the value it predicted at rollout time.
 *
 * @param values current value predictions V
 * @param oldValues value predictions at rollout time V_old (same length)
 * @param returns value targets R (same length), e.g. `gae(...).returns`
 * @param epsilon value clip range ε > 0 (TRL's `cliprange_value`, 0.2)
 */
export function clippedValueLoss(
  values: ArrayLike<number>,
  oldValues: ArrayLike<number>,
  returns: ArrayLike<number>,
  epsilon: number,
): number {
  const fn = 'clippedValueLoss';
  assertFiniteArray(fn, 'values', values);
  assertFiniteArray(fn, 'oldValues', oldValues);
  assertFiniteArray(fn, 'returns', returns);
  assertSameLength(fn, ['values', 'oldValues', 'returns'], [values, oldValues, returns]);
  assertPositive(fn, 'epsilon', epsilon);
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const vClip = clip(v, oldValues[i] - epsilon, oldValues[i] + epsilon);
    sum += Math.max((v - returns[i]) ** 2, (vClip - returns[i]) ** 2);
  }
  return (0.5 * sum) / values.length;
}
