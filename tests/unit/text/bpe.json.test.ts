import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BpeTokenizer } from '../../../src/sim/text';
import { SAMPLE_TEXT } from './sample';

const tokenizer = BpeTokenizer.train(SAMPLE_TEXT, 400);

describe('BpeTokenizer JSON', () => {
  it('round-trips through JSON text with identical merges and encodings', () => {
    const json = tokenizer.toJSON();
    expect(json.version).toBe(1);
    expect(json.merges).toHaveLength(400 - 260);
    const restored = BpeTokenizer.fromJSON(JSON.parse(JSON.stringify(json)));
    expect(restored.merges).toEqual(tokenizer.merges);
    expect(restored.vocabSize).toBe(tokenizer.vocabSize);
    expect(restored.encode(SAMPLE_TEXT)).toEqual(tokenizer.encode(SAMPLE_TEXT));
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (s) => {
        expect(restored.encode(s)).toEqual(tokenizer.encode(s));
      }),
    );
  });

  it('returns a copy: mutating toJSON output does not change the tokenizer', () => {
    const json = tokenizer.toJSON();
    const before = tokenizer.encode(SAMPLE_TEXT);
    json.merges[0][0] = 1;
    json.merges.length = 0;
    expect(tokenizer.encode(SAMPLE_TEXT)).toEqual(before);
    expect(tokenizer.merges).toHaveLength(140);
  });

  it.each<[string, unknown, RegExp]>([
    ['null', null, /expected an object/],
    ['an array', [], /expected an object/],
    ['a string', 'merges', /expected an object/],
    ['no version', { merges: [] }, /unsupported version undefined/],
    ['version 2', { version: 2, merges: [] }, /unsupported version 2/],
    ['merges not an array', { version: 1, merges: 'ab' }, /"merges" must be an array/],
    ['a merge not a pair', { version: 1, merges: [[97]] }, /merge 0 must be a pair/],
    ['a merge of three', { version: 1, merges: [[97, 98, 99]] }, /merge 0 must be a pair/],
    ['a non-integer id', { version: 1, merges: [[97, 98.5]] }, /merge 0 has a non-integer id 98.5/],
    ['a string id', { version: 1, merges: [['a', 98]] }, /merge 0 has a non-integer id "a"/],
    ['a negative id', { version: 1, merges: [[-1, 98]] }, /merge 0 refers to id -1/],
    ['an undefined id', { version: 1, merges: [[260, 98]] }, /merge 0 refers to id 260/],
    [
      'a later id',
      {
        version: 1,
        merges: [
          [97, 98],
          [261, 99],
        ],
      },
      /merge 1 refers to id 261, which is not defined before it/,
    ],
    ['a special id', { version: 1, merges: [[257, 98]] }, /merge 0 uses special token id 257/],
    [
      'a repeated pair',
      {
        version: 1,
        merges: [
          [97, 98],
          [97, 98],
        ],
      },
      /merge 1 repeats the pair/,
    ],
  ])('rejects %s', (_name, json, message) => {
    expect(() => BpeTokenizer.fromJSON(json)).toThrow(message);
    expect(() => BpeTokenizer.fromJSON(json)).toThrow(/^BpeTokenizer\.fromJSON: /);
  });

  it('accepts an empty merge list and merges of merges', () => {
    expect(BpeTokenizer.fromJSON({ version: 1, merges: [] }).vocabSize).toBe(260);
    const tok = BpeTokenizer.fromJSON({
      version: 1,
      merges: [
        [97, 98],
        [260, 260],
      ],
    });
    expect(tok.encode('abab')).toEqual([261]);
  });
});
