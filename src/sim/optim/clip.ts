/** Global L2 norm of a gradient buffer. */
export function globalNorm(grads: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < grads.length; i++) sum += grads[i] * grads[i];
  return Math.sqrt(sum);
}

/**
 * Scales the whole gradient so its global norm is at most `maxNorm` (0 disables).
 * Returns the norm before clipping, which the stages report every step.
 */
export function clipGradNorm(grads: Float32Array, maxNorm: number): number {
  const norm = globalNorm(grads);
  if (maxNorm > 0 && norm > maxNorm && Number.isFinite(norm)) {
    const scale = maxNorm / norm;
    for (let i = 0; i < grads.length; i++) grads[i] *= scale;
  }
  return norm;
}
