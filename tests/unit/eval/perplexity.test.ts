import { describe, expect, it } from 'vitest';
import { crossEntropy, perplexity } from '../../../src/sim/eval/perplexity';
import { unigramCrossEntropy } from '../../../src/sim/stages/pretrainData';

describe('cross-entropy and perplexity', () => {
  it('match hand-computed values', () => {
    // One position, logits [ln 1, ln 3] → p(target 1) = 3/4
    expect(crossEntropy([0, Math.log(3)], [1])).toBeCloseTo(-Math.log(0.75), 6);
    // The ignored position does not count.
    expect(crossEntropy([0, Math.log(3), 5, 5], [1, -1])).toBeCloseTo(-Math.log(0.75), 6);
    expect(perplexity(Math.log(7))).toBeCloseTo(7, 10);
    expect(perplexity(0)).toBe(1);
  });

  it('refuses bad input with a clear message', () => {
    expect(() => crossEntropy([0, 1, 2], [0, 1])).toThrow(/do not split/);
    expect(() => crossEntropy([0, 1], [-1])).toThrow(/every target is ignored/);
    expect(() => crossEntropy([], [])).toThrow(/no targets/);
    expect(() => perplexity(Number.NaN)).toThrow(/finite/);
    expect(() => perplexity(-1)).toThrow(/≥ 0/);
  });

  it('the unigram baseline is the smoothed frequency cross-entropy', () => {
    // train: token 0 twice, token 1 once; V = 2 → add-one: p0 = 3/5, p1 = 2/5
    const loss = unigramCrossEntropy(Int32Array.of(0, 0, 1), Int32Array.of(0, 1), 2);
    expect(loss).toBeCloseTo(-(Math.log(3 / 5) + Math.log(2 / 5)) / 2, 10);
  });
});
