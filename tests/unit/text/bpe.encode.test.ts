import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  BpeTokenizer,
  FIRST_MERGE_ID,
  SPECIAL_TOKENS,
  isSpecialToken,
  pretokenize,
} from '../../../src/sim/text';
import { SAMPLE_TEXT } from './sample';
import { referenceEncode } from './reference';

const tokenizer = BpeTokenizer.train(SAMPLE_TEXT, 400);
const samplePieces = pretokenize(SAMPLE_TEXT);
const markers = ['<|endoftext|>', '<|user|>', '<|assistant|>', '<|end|>'];

const mixedText = fc
  .array(
    fc.oneof(
      fc.constantFrom(...samplePieces),
      fc.constantFrom(...markers),
      fc.string({ unit: 'grapheme', maxLength: 6 }),
      fc.string({ unit: 'binary', maxLength: 4 }),
    ),
    { maxLength: 25 },
  )
  .map((parts) => parts.join(''));

const byte = (ch: string): number => ch.charCodeAt(0);

describe('pretokenize', () => {
  it('splits like GPT-2, digits in runs of at most three', () => {
    expect(pretokenize('eGFR < 30 mL/min/1.73 m²')).toEqual([
      'eGFR',
      ' <',
      ' 30',
      ' mL',
      '/',
      'min',
      '/',
      '1',
      '.',
      '73',
      ' m',
      '²',
    ]);
    expect(pretokenize('12345 x')).toEqual(['123', '45', ' x']);
    // GPT-2's whitespace rule: a run gives its last character to the next word if that
    // is a space, and otherwise splits it off ("\n\nc" → "\n", "\n", "c").
    expect(pretokenize('a   b\n\nc ')).toEqual(['a', '  ', ' b', '\n', '\n', 'c', ' ']);
    expect(pretokenize('a\n\n')).toEqual(['a', '\n\n']);
    expect(pretokenize('<|user|>')).toEqual(['<|', 'user', '|>']);
  });

  it('pieces always concatenate back to the input', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 60 }),
        (s) => pretokenize(s).join('') === s,
      ),
    );
  });
});

describe('BpeTokenizer.encode', () => {
  it('applies merges by rank, not by position', () => {
    // Rank 0 is (b, c), rank 1 is (a, b): "abc" must become a + bc.
    const tok = BpeTokenizer.fromMerges([
      [byte('b'), byte('c')],
      [byte('a'), byte('b')],
    ]);
    expect(tok.encode('abc')).toEqual([byte('a'), FIRST_MERGE_ID]);
    expect(tok.encode('abab')).toEqual([FIRST_MERGE_ID + 1, FIRST_MERGE_ID + 1]);
    // Merges of merges: (a, a) then (aa, aa).
    const nested = BpeTokenizer.fromMerges([
      [byte('a'), byte('a')],
      [FIRST_MERGE_ID, FIRST_MERGE_ID],
    ]);
    expect(nested.encode('aaaaa')).toEqual([FIRST_MERGE_ID + 1, byte('a')]);
    expect(nested.encode('aaa a')).toEqual([FIRST_MERGE_ID, byte('a'), byte(' '), byte('a')]);
  });

  it('matches a naive lowest-rank-first reference on many strings', () => {
    fc.assert(
      fc.property(mixedText, (s) => {
        expect(tokenizer.encode(s)).toEqual(referenceEncode(tokenizer.merges, s));
      }),
      { numRuns: 300 },
    );
    expect(tokenizer.encode(SAMPLE_TEXT)).toEqual(referenceEncode(tokenizer.merges, SAMPLE_TEXT));
  });

  it('stays correct past the word cache limit (10k entries)', () => {
    const words = Array.from({ length: 12_000 }, (_, i) => `w${i.toString(36)}x`);
    const text = words.join(' ');
    const fresh = BpeTokenizer.fromJSON(tokenizer.toJSON());
    const first = fresh.encode(text);
    expect(fresh.encode(text)).toEqual(first);
    expect(fresh.decode(first)).toBe(text);
    expect(fresh.encode('w0x w1x')).toEqual(referenceEncode(tokenizer.merges, 'w0x w1x'));
  });

  it('compresses the training text: > 1.7 characters per token, < 0.6 tokens per byte', () => {
    // Honest figures for 140 merges learned from 2.2 KB: about 1.8 chars/token.
    const ids = tokenizer.encode(SAMPLE_TEXT);
    const bytes = new TextEncoder().encode(SAMPLE_TEXT).length;
    expect(tokenizer.compression(SAMPLE_TEXT)).toBeGreaterThan(1.7);
    expect(ids.length).toBeLessThan(0.6 * bytes);
    expect(tokenizer.compression('')).toBe(0);
    expect(tokenizer.compression(SAMPLE_TEXT)).toBe(SAMPLE_TEXT.length / ids.length);
  });

  it('never produces special token ids, whatever the text', () => {
    for (const marker of markers) {
      const ids = tokenizer.encode(marker);
      expect(ids.some(isSpecialToken)).toBe(false);
      expect(tokenizer.decode(ids)).toBe(marker);
    }
    expect(tokenizer.encode('<|user|>')).not.toContain(SPECIAL_TOKENS.user);
    fc.assert(
      fc.property(mixedText, (s) => tokenizer.encode(s).every((id) => !isSpecialToken(id))),
      { numRuns: 300 },
    );
  });

  it('uses only ids inside the vocabulary', () => {
    fc.assert(
      fc.property(mixedText, (s) =>
        tokenizer
          .encode(s)
          .every((id) => Number.isInteger(id) && id >= 0 && id < tokenizer.vocabSize),
      ),
    );
  });
});

describe('BpeTokenizer token inspection', () => {
  it('tokenBytes concatenates the bytes of the merged pair', () => {
    tokenizer.merges.forEach(([left, right], rank) => {
      const expected = [...tokenizer.tokenBytes(left), ...tokenizer.tokenBytes(right)];
      expect(Array.from(tokenizer.tokenBytes(FIRST_MERGE_ID + rank))).toEqual(expected);
    });
    expect(Array.from(tokenizer.tokenBytes(65))).toEqual([65]);
    expect(new TextDecoder().decode(tokenizer.tokenBytes(SPECIAL_TOKENS.user))).toBe('<|user|>');
  });

  it('labels tokens for display', () => {
    const tok = BpeTokenizer.fromMerges([
      [byte(' '), byte('t')],
      [FIRST_MERGE_ID, byte('o')],
      [0xe2, 0x86],
      [FIRST_MERGE_ID + 2, 0x92],
      [byte('\n'), byte('\n')],
    ]);
    expect(tok.tokenLabel(FIRST_MERGE_ID + 1)).toBe('␣to');
    expect(tok.tokenLabel(FIRST_MERGE_ID + 2)).toBe('<0xE2><0x86>');
    expect(tok.tokenLabel(FIRST_MERGE_ID + 3)).toBe('→');
    expect(tok.tokenLabel(FIRST_MERGE_ID + 4)).toBe('⏎⏎');
    expect(tok.tokenLabel(byte('A'))).toBe('A');
    expect(tok.tokenLabel(byte('\t'))).toBe('⇥');
    expect(tok.tokenLabel(0)).toBe('<0x00>');
    expect(tok.tokenLabel(0xff)).toBe('<0xFF>');
    expect(tok.tokenLabel(SPECIAL_TOKENS.endOfText)).toBe('<|endoftext|>');
    expect(tok.tokenLabel(SPECIAL_TOKENS.user)).toBe('<|user|>');
    expect(tok.tokenLabel(SPECIAL_TOKENS.assistant)).toBe('<|assistant|>');
    expect(tok.tokenLabel(SPECIAL_TOKENS.endOfTurn)).toBe('<|end|>');
    expect(() => tok.tokenLabel(tok.vocabSize)).toThrow(RangeError);
  });
});

describe('BpeTokenizer.explain', () => {
  it('lists the tokens of encode with the characters they cover', () => {
    fc.assert(
      fc.property(mixedText, (s) => {
        const { tokens, words } = tokenizer.explain(s);
        expect(tokens.map((t) => t.id)).toEqual(tokenizer.encode(s));
        expect(words.map((w) => w.text).join('')).toBe(s);
        for (const t of tokens) {
          expect(t.label).toBe(tokenizer.tokenLabel(t.id));
          expect(0 <= t.start && t.start < t.end && t.end <= s.length).toBe(true);
        }
        if (tokens.length > 0) {
          expect(tokens[0].start).toBe(0);
          expect(tokens[tokens.length - 1].end).toBe(s.length);
        }
        for (let i = 1; i < tokens.length; i++) {
          // Contiguous, or overlapping on one character split between tokens.
          expect(tokens[i].start <= tokens[i - 1].end).toBe(true);
          expect(tokens[i].start >= tokens[i - 1].start).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('gives ASCII tokens exact, non-overlapping spans', () => {
    const text = 'Metformin 500 mg twice daily.';
    const { tokens } = tokenizer.explain(text);
    for (const t of tokens) {
      expect(text.slice(t.start, t.end)).toBe(tokenizer.decode([t.id]));
    }
  });

  it('records merges per word in rank order; replaying them rebuilds the tokens', () => {
    fc.assert(
      fc.property(mixedText, (s) => {
        for (const word of tokenizer.explain(s).words) {
          let symbols = [...word.bytes];
          for (let k = 0; k < word.merges.length; k++) {
            const m = word.merges[k];
            if (k > 0) expect(m.rank).toBeGreaterThanOrEqual(word.merges[k - 1].rank);
            expect(m.result).toBe(FIRST_MERGE_ID + m.rank);
            expect(tokenizer.merges[m.rank]).toEqual([m.left, m.right]);
            const at = symbols.findIndex((x, i) => x === m.left && symbols[i + 1] === m.right);
            expect(at).toBeGreaterThanOrEqual(0);
            symbols = [...symbols.slice(0, at), m.result, ...symbols.slice(at + 2)];
          }
          expect(symbols).toEqual(word.ids);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('covers a split character with each of its byte tokens', () => {
    const tok = BpeTokenizer.fromMerges([]);
    const { tokens } = tok.explain('aβ');
    expect(tokens.map((t) => [t.label, t.start, t.end])).toEqual([
      ['a', 0, 1],
      ['<0xCE>', 1, 2],
      ['<0xB2>', 1, 2],
    ]);
    const emoji = tok.explain('😀').tokens;
    expect(emoji).toHaveLength(4);
    expect(emoji.every((t) => t.start === 0 && t.end === 2)).toBe(true);
  });
});
