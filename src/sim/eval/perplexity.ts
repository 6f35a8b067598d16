/**
 * The language-modelling numbers the pages show, as plain functions the formula
 * panels evaluate with live values.
 */
import { IGNORE_INDEX, softmaxCrossEntropy } from '../core/ops';

/**
 * Mean cross-entropy −(1/N)·Σ log softmax(logits_i)[target_i] in nats, over positions
 * whose target is not `ignoreIndex`. `logits` is [N, V] flat with N = targets.length.
 */
export function crossEntropy(
  logits: Float32Array | ArrayLike<number>,
  targets: ArrayLike<number>,
  ignoreIndex = IGNORE_INDEX,
): number {
  const N = targets.length;
  if (N === 0) throw new RangeError('crossEntropy: no targets');
  if (logits.length % N !== 0) {
    throw new RangeError(`crossEntropy: ${logits.length} logits do not split into ${N} rows`);
  }
  const V = logits.length / N;
  const buf = logits instanceof Float32Array ? logits : Float32Array.from(logits);
  const { meanLoss, count } = softmaxCrossEntropy(buf, targets, N, V, null, ignoreIndex);
  if (count === 0) throw new RangeError('crossEntropy: every target is ignored');
  return meanLoss;
}

/** Perplexity = exp(mean loss in nats): the effective number of equally likely next tokens. */
export function perplexity(meanLoss: number): number {
  if (!Number.isFinite(meanLoss) || meanLoss < 0) {
    throw new RangeError(`perplexity: the mean loss must be finite and ≥ 0 (got ${meanLoss})`);
  }
  return Math.exp(meanLoss);
}
