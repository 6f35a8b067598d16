import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BpeTokenizer, SPECIAL_TOKENS, pretokenize } from '../../../src/sim/text';
import { SAMPLE_TEXT } from './sample';
import { toWellFormed } from './reference';

const tokenizer = BpeTokenizer.train(SAMPLE_TEXT, 400);
const samplePieces = pretokenize(SAMPLE_TEXT);

/** Strings that mix pieces of the training text (so merges apply) with arbitrary text. */
const mixedText = fc
  .array(
    fc.oneof(
      fc.constantFrom(...samplePieces),
      fc.string({ unit: 'grapheme', maxLength: 6 }),
      fc.string({ unit: 'binary', maxLength: 6 }),
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(''));

const roundTrip = (s: string): string => tokenizer.decode(tokenizer.encode(s));

describe('BpeTokenizer round trip', () => {
  it('trains enough merges for the round trip to exercise them', () => {
    expect(tokenizer.vocabSize).toBe(400);
  });

  it('decode(encode(s)) === s for arbitrary graphemes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (s) => roundTrip(s) === s),
      { numRuns: 500 },
    );
  });

  it('decode(encode(s)) === s for arbitrary code points (astral, controls, BOM)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (s) => roundTrip(s) === s),
      { numRuns: 500 },
    );
  });

  it('decode(encode(s)) === s for text mixing the training text with arbitrary text', () => {
    fc.assert(
      fc.property(mixedText, (s) => roundTrip(s) === s),
      { numRuns: 300 },
    );
  });

  it.each([
    '',
    'β',
    '→',
    'µg',
    'eGFR < 30 mL/min/1.73 m²',
    '👩‍👩‍👧‍👦 family, 🏳️‍🌈 flag, 👍🏽',
    '药物剂量 每日两次 薬',
    'a\tb\n\nc\r\n',
    'two  spaces,   three, trailing   ',
    '   leading spaces',
    '\n',
    ' ',
    '\uFEFFstarts with a byte order mark',
    'é vs é (composed vs decomposed)',
    '<|user|>hello<|end|><|assistant|><|endoftext|>',
    'Metformin 500 mg is taken twice daily with meals.',
  ])('round-trips %j', (s) => {
    expect(roundTrip(s)).toBe(s);
  });

  it('turns lone surrogates into U+FFFD (they have no UTF-8 form)', () => {
    expect(roundTrip('a\uD800b')).toBe('a\uFFFDb');
    expect(roundTrip('\uDC00')).toBe('\uFFFD');
    expect(roundTrip('x\uDBFF')).toBe('x\uFFFD');
    expect(roundTrip('\uDC00\uD800')).toBe('\uFFFD\uFFFD');
    // A proper pair is untouched.
    expect(roundTrip('\uD83D\uDE00')).toBe('😀');
  });

  it('maps any UTF-16 string to its well-formed version (lone surrogates → U+FFFD)', () => {
    const codeUnits = fc.string({
      unit: fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u)),
      maxLength: 40,
    });
    fc.assert(
      fc.property(codeUnits, (s) => roundTrip(s) === toWellFormed(s)),
      { numRuns: 500 },
    );
  });

  it('decodes special tokens to their markers', () => {
    const ids = [
      SPECIAL_TOKENS.user,
      ...tokenizer.encode('Dose?'),
      SPECIAL_TOKENS.endOfTurn,
      SPECIAL_TOKENS.assistant,
      ...tokenizer.encode('500 mg'),
      SPECIAL_TOKENS.endOfTurn,
      SPECIAL_TOKENS.endOfText,
    ];
    expect(tokenizer.decode(ids)).toBe(
      '<|user|>Dose?<|end|><|assistant|>500 mg<|end|><|endoftext|>',
    );
  });

  it('decodes bytes cut by a special token as invalid UTF-8 (U+FFFD), not joined across it', () => {
    // β is CE B2 in UTF-8.
    expect(tokenizer.decode([0xce, SPECIAL_TOKENS.user, 0xb2])).toBe('\uFFFD<|user|>\uFFFD');
    expect(tokenizer.decode([0xce, 0xb2])).toBe('β');
    expect(tokenizer.decode(new Int32Array([0xce, 0xb2]))).toBe('β');
  });

  it('rejects ids outside the vocabulary', () => {
    expect(() => tokenizer.decode([400])).toThrow(RangeError);
    expect(() => tokenizer.decode([-1])).toThrow(RangeError);
    expect(() => tokenizer.decode([1.5])).toThrow(RangeError);
    expect(() => tokenizer.tokenBytes(400)).toThrow(/outside the vocabulary/);
  });
});
