import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BpeTokenizer, FIRST_MERGE_ID, pretokenize } from '../../../src/sim/text';
import { SAMPLE_TEXT, clinicalCorpus } from './sample';
import { referenceTrain } from './reference';

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Text of a token if its bytes are valid UTF-8, else null. */
function strictText(bytes: Uint8Array): string | null {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return null;
  }
}

function containsBytes(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let k = 0; k < needle.length; k++) if (haystack[i + k] !== needle[k]) continue outer;
    return true;
  }
  return false;
}

describe('BpeTokenizer.train', () => {
  it('is deterministic', () => {
    const a = BpeTokenizer.train(SAMPLE_TEXT, 400);
    const b = BpeTokenizer.train(SAMPLE_TEXT, 400);
    expect(a.merges).toEqual(b.merges);
    expect(a.toJSON()).toEqual(b.toJSON());
  });

  it('learns exactly the merges of a naive trainer that recounts every pair each time', () => {
    const small = fc
      .array(fc.constantFrom('a', 'b', 'ab', 'ba', ' ', '  ', '\n', 'é', '1', '22'), {
        maxLength: 60,
      })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(small, fc.integer({ min: 260, max: 300 }), (text, vocab) => {
        expect(BpeTokenizer.train(text, vocab).merges).toEqual(referenceTrain(text, vocab));
      }),
      { numRuns: 300 },
    );
    expect(BpeTokenizer.train(SAMPLE_TEXT, 400).merges).toEqual(referenceTrain(SAMPLE_TEXT, 400));
  });

  it('breaks ties towards the lowest pair ids', () => {
    // (a, b) and (c, d) both occur twice; (a, b) has the lower left id.
    expect(BpeTokenizer.train('cd\nab\ncd\nab', 261).merges).toEqual([[97, 98]]);
    // Equal counts and equal left ids: the lower right id wins.
    expect(BpeTokenizer.train('ad\nac\nad\nac', 261).merges).toEqual([[97, 99]]);
  });

  it('respects vocabSize, and stops when no pair occurs twice', () => {
    for (const vocab of [260, 261, 300, 512]) {
      const tok = BpeTokenizer.train(SAMPLE_TEXT, vocab);
      expect(tok.vocabSize).toBe(vocab);
      expect(tok.merges).toHaveLength(vocab - FIRST_MERGE_ID);
    }
    expect(BpeTokenizer.train('abcdef', 1000).merges).toEqual([]);
    // "abab": (a, b) twice → merged; then (ab, ab) occurs once → stop.
    expect(BpeTokenizer.train('abab', 1000).merges).toEqual([[97, 98]]);
    expect(BpeTokenizer.train('', 1000).vocabSize).toBe(FIRST_MERGE_ID);
    // The trained size is an upper bound: a small text can run out of pairs.
    const tiny = BpeTokenizer.train(SAMPLE_TEXT, 2048);
    expect(tiny.vocabSize).toBeLessThan(2048);
    expect(tiny.vocabSize).toBeGreaterThan(450);
  });

  it.each([259, 0, -1, 260.5, Number.NaN, Infinity])(
    'throws a RangeError for vocabSize %s',
    (v) => {
      expect(() => BpeTokenizer.train(SAMPLE_TEXT, v)).toThrow(RangeError);
      expect(() => BpeTokenizer.train(SAMPLE_TEXT, v)).toThrow(
        /vocabSize must be an integer from 260/,
      );
    },
  );

  it('never merges across pre-token boundaries', () => {
    const tok = BpeTokenizer.train(SAMPLE_TEXT, 2048);
    const words = pretokenize(SAMPLE_TEXT).map((w) => encoder.encode(w));
    for (let id = FIRST_MERGE_ID; id < tok.vocabSize; id++) {
      const bytes = tok.tokenBytes(id);
      // Every learned token lies inside one pre-token of the training text...
      expect(words.some((w) => containsBytes(w, bytes))).toBe(true);
      // ...and, when it is whole characters, is itself exactly one pre-token.
      const text = strictText(bytes);
      if (text !== null) expect(pretokenize(text)).toEqual([text]);
    }
  });

  it('does not join a word with the space before the next word', () => {
    // Across boundaries, "x" + " " would be the most frequent pair of all.
    const tok = BpeTokenizer.train('x y '.repeat(50) + 'z.', 300);
    const texts = tok.merges.map((_, i) =>
      new TextDecoder().decode(tok.tokenBytes(FIRST_MERGE_ID + i)),
    );
    expect(texts.length).toBeGreaterThan(0);
    for (const t of texts) expect(t).not.toMatch(/\S\s/);
    expect(tok.encode('x y')).toEqual([120, tok.encode(' y')[0]]);
  });

  it('trains on ~150k characters of clinical text to vocab 512 quickly', () => {
    const corpus = SAMPLE_TEXT.repeat(20) + clinicalCorpus(150_000 - SAMPLE_TEXT.length * 20);
    expect(corpus.length).toBe(150_000);
    const t0 = performance.now();
    const tok = BpeTokenizer.train(corpus, 512);
    const ms = performance.now() - t0;
    expect(tok.vocabSize).toBe(512);
    // About 10–40 ms in Node on one core; the bound is loose for loaded CI machines.
    expect(ms).toBeLessThan(3000);
    expect(tok.compression(corpus)).toBeGreaterThan(2.2);
  });
});
