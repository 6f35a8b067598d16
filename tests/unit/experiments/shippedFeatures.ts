/**
 * Shared by the experiment tests: the shipped SFT trunk, its tokenizer, the built-in
 * preference pairs and their probe features (extracted once per test file, ~5 s).
 */
import { buildPreferencePairs, type PreferencePair } from '../../../src/sim/data';
import { extractPairFeatures, type PairFeatures } from '../../../src/sim/experiments';
import { Gpt } from '../../../src/sim/model/gpt';
import { BpeTokenizer } from '../../../src/sim/text';
import { loadShippedCheckpoint } from '../helpers/shippedRun';

export interface ShippedFeatures {
  trunk: Gpt;
  tokenizer: BpeTokenizer;
  pairs: PreferencePair[];
  features: PairFeatures[];
  extractSeconds: number;
}

export function loadShippedFeatures(): ShippedFeatures {
  const { checkpoint } = loadShippedCheckpoint('sft');
  const trunk = new Gpt(checkpoint.config.model, Float32Array.from(checkpoint.params));
  const tokenizer = BpeTokenizer.fromJSON(checkpoint.tokenizer);
  const pairs = buildPreferencePairs();
  const start = performance.now();
  const features = extractPairFeatures(trunk, tokenizer, pairs);
  const extractSeconds = (performance.now() - start) / 1000;
  return { trunk, tokenizer, pairs, features, extractSeconds };
}

/** Random features for the 218 built-in pairs: fast input-validation tests need no trunk. */
export function toyFeatures(n: number, dim: number, next: () => number): PairFeatures[] {
  return Array.from({ length: n }, () => ({
    chosen: Float32Array.from({ length: dim }, next),
    rejected: Float32Array.from({ length: dim }, next),
  }));
}
