/**
 * Numerically stable logistic helpers used by the preference losses (Bradley–Terry,
 * DPO). Written so that no finite input overflows to Infinity or underflows to a
 * log of zero.
 */

/** σ(x) = 1 / (1 + e^{−x}), evaluated without overflow for large |x|. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** softplus(x) = log(1 + e^{x}) = max(x, 0) + log1p(e^{−|x|}), stable for any finite x. */
export function softplus(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

/** log σ(x) = −softplus(−x). */
export function logSigmoid(x: number): number {
  return -softplus(-x);
}
