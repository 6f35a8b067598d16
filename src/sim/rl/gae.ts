/**
 * Generalised advantage estimation (Schulman et al. 2016, "High-dimensional continuous
 * control using generalized advantage estimation", eqs. 11–16) and the advantage
 * whitening that PPO implementations apply to it (TRL `masked_whiten`; Huang et al.
 * 2022, "The 37 implementation details of PPO").
 */
import { assertFiniteArray, assertInRange, assertPositive, assertSameLength } from './validate';

/** What {@link gae} returns: one advantage and one value target per step. */
export interface GaeResult {
  /** Â_t = Σ_l (γλ)^l δ_{t+l}. */
  advantages: Float64Array;
  /** Value-function targets Â_t + V_t (the λ-return). */
  returns: Float64Array;
}

/**
 * GAE over one episode (for RLHF: one response, one reward per token):
 *   δ_t = r_t + γ·V_{t+1} − V_t, with V_T = 0 after the last step (the episode ends),
 *   Â_t = δ_t + γλ·Â_{t+1}, Â_T = 0,
 *   returns_t = Â_t + V_t.
 * λ = 0 gives the one-step TD error; λ = 1 gives the discounted return minus V_t.
 *
 * @param rewards r_t per step (finite)
 * @param values V_t per step, same length (finite)
 * @param gamma discount γ ∈ [0, 1]
 * @param lambda GAE parameter λ ∈ [0, 1]
 */
export function gae(
  rewards: ArrayLike<number>,
  values: ArrayLike<number>,
  gamma: number,
  lambda: number,
): GaeResult {
  const fn = 'gae';
  assertFiniteArray(fn, 'rewards', rewards);
  assertFiniteArray(fn, 'values', values);
  assertSameLength(fn, ['rewards', 'values'], [rewards, values]);
  assertInRange(fn, 'gamma', gamma, 0, 1);
  assertInRange(fn, 'lambda', lambda, 0, 1);
  const T = rewards.length;
  const advantages = new Float64Array(T);
  const returns = new Float64Array(T);
  let next = 0; // Â_{t+1}
  for (let t = T - 1; t >= 0; t--) {
    const nextValue = t + 1 < T ? values[t + 1] : 0;
    const delta = rewards[t] + gamma * nextValue - values[t];
    next = delta + gamma * lambda * next;
    advantages[t] = next;
    returns[t] = next + values[t];
  }
  return { advantages, returns };
}

/**
 * Whitening (x − mean) / sqrt(var + ε), as TRL's `masked_whiten` does for advantages:
 * the unbiased (Bessel-corrected, n − 1) variance, ε = 1e-8 by default. A single value
 * has variance 0 here and whitens to 0. Returns a new array of the same length.
 */
export function whiten(xs: ArrayLike<number>, epsilon = 1e-8): Float64Array {
  const fn = 'whiten';
  assertFiniteArray(fn, 'xs', xs);
  assertPositive(fn, 'epsilon', epsilon);
  const n = xs.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += xs[i];
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (xs[i] - mean) ** 2;
  const variance = n > 1 ? ss / (n - 1) : 0;
  const scale = 1 / Math.sqrt(variance + epsilon);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = (xs[i] - mean) * scale;
  return out;
}
