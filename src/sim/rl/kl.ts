/**
 * KL divergence between the policy π and the frozen reference π_ref, estimated from
 * tokens sampled from π (Schulman 2020, "Approximating KL divergence",
 * http://joschu.net/blog/kl-approx.html), and computed exactly over a vocabulary.
 */
import { assertFiniteArray, assertSameLength } from './validate';

/** Per-token KL estimates and their means; see {@link klEstimates}. */
export interface KlEstimates {
  /** k1 = −log r = log π − log π_ref: unbiased, high variance, can be negative. */
  k1: Float64Array;
  /** k2 = ½(log r)²: biased (low bias when π ≈ π_ref), low variance, ≥ 0. */
  k2: Float64Array;
  /** k3 = (r − 1) − log r: unbiased, low variance, always ≥ 0. */
  k3: Float64Array;
  /** The means of k1, k2 and k3 over the tokens. */
  mean: { k1: number; k2: number; k3: number };
}

/**
 * Schulman's three estimators of KL(π ‖ π_ref) for tokens x ~ π, with
 * log r = log π_ref(x) − log π(x):
 *   k1 = −log r,   k2 = ½(log r)²,   k3 = (e^{log r} − 1) − log r.
 * E_π[k1] = E_π[k3] = KL(π ‖ π_ref); k3 ≥ 0 for every token (since e^x ≥ 1 + x).
 * `Math.expm1` keeps k3 accurate when log r is tiny.
 *
 * @param logp log π(x_t) of each sampled token under the policy
 * @param logpRef log π_ref(x_t) of the same tokens under the reference (same length)
 */
export function klEstimates(logp: ArrayLike<number>, logpRef: ArrayLike<number>): KlEstimates {
  const fn = 'klEstimates';
  assertFiniteArray(fn, 'logp', logp);
  assertFiniteArray(fn, 'logpRef', logpRef);
  assertSameLength(fn, ['logp', 'logpRef'], [logp, logpRef]);
  const n = logp.length;
  const k1 = new Float64Array(n);
  const k2 = new Float64Array(n);
  const k3 = new Float64Array(n);
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let i = 0; i < n; i++) {
    const logr = logpRef[i] - logp[i];
    k1[i] = logp[i] - logpRef[i]; // = −log r, written so that equal inputs give +0
    k2[i] = 0.5 * logr * logr;
    k3[i] = Math.max(0, Math.expm1(logr) - logr);
    s1 += k1[i];
    s2 += k2[i];
    s3 += k3[i];
  }
  return { k1, k2, k3, mean: { k1: s1 / n, k2: s2 / n, k3: s3 / n } };
}

function logSoftmax(logits: ArrayLike<number>): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) if (logits[i] > max) max = logits[i];
  let sum = 0;
  for (let i = 0; i < logits.length; i++) sum += Math.exp(logits[i] - max);
  const logZ = max + Math.log(sum);
  const out = new Float64Array(logits.length);
  for (let i = 0; i < logits.length; i++) out[i] = logits[i] - logZ;
  return out;
}

/**
 * Exact KL(p ‖ q) = Σ_x p(x)·(log p(x) − log q(x)) in nats, with p = softmax(logitsP)
 * and q = softmax(logitsQ) over one vocabulary. Log-probabilities are valid logits.
 * Non-negative (Gibbs' inequality); tiny negative rounding is clamped to 0.
 */
export function exactKl(logitsP: ArrayLike<number>, logitsQ: ArrayLike<number>): number {
  const fn = 'exactKl';
  assertFiniteArray(fn, 'logitsP', logitsP);
  assertFiniteArray(fn, 'logitsQ', logitsQ);
  assertSameLength(fn, ['logitsP', 'logitsQ'], [logitsP, logitsQ]);
  const lp = logSoftmax(logitsP);
  const lq = logSoftmax(logitsQ);
  let kl = 0;
  for (let i = 0; i < lp.length; i++) kl += Math.exp(lp[i]) * (lp[i] - lq[i]);
  return Math.max(0, kl);
}
