import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  BpeTokenizer,
  IGNORE_INDEX,
  SPECIAL_TOKENS,
  cutAtEndOfTurn,
  formatChat,
  formatPrompt,
  splitResponse,
} from '../../../src/sim/text';
import { SAMPLE_TEXT } from './sample';

const tokenizer = BpeTokenizer.train(SAMPLE_TEXT, 400);
const { user, assistant, endOfTurn, endOfText } = SPECIAL_TOKENS;

describe('chat template', () => {
  it('formats <|user|> prompt <|end|> <|assistant|> response <|end|>', () => {
    const prompt = 'What is the maximum daily dose of paracetamol?';
    const response = '4 g in 24 hours.';
    const p = tokenizer.encode(prompt);
    const r = tokenizer.encode(response);
    const chat = formatChat(tokenizer, prompt, response);
    expect(chat.ids).toEqual([user, ...p, endOfTurn, assistant, ...r, endOfTurn]);
    expect(chat.responseStart).toBe(p.length + 3);
    expect(tokenizer.decode(chat.ids)).toBe(
      `<|user|>${prompt}<|end|><|assistant|>${response}<|end|>`,
    );
  });

  it('masks exactly the response tokens and the final <|end|>', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 40 }),
        fc.string({ unit: 'grapheme', maxLength: 40 }),
        (prompt, response) => {
          const { ids, lossMask, targets, responseStart } = formatChat(tokenizer, prompt, response);
          const promptLength = tokenizer.encode(prompt).length;
          const responseLength = tokenizer.encode(response).length;
          expect(ids).toHaveLength(promptLength + responseLength + 4);
          expect(responseStart).toBe(promptLength + 3);
          expect(ids[responseStart - 1]).toBe(assistant);
          expect(lossMask).toHaveLength(ids.length);
          // Counted: the response tokens and the final <|end|>, nothing else.
          const counted = Array.from(lossMask.keys()).filter((j) => lossMask[j] === 1);
          expect(counted).toEqual(
            Array.from({ length: responseLength + 1 }, (_, k) => responseStart + k),
          );
          expect(ids[ids.length - 1]).toBe(endOfTurn);
          expect(lossMask[ids.length - 1]).toBe(1);
          // Shifted targets: -1 for prompt and template targets, the next token otherwise.
          expect(targets).toHaveLength(ids.length - 1);
          for (let i = 0; i < targets.length; i++) {
            expect(targets[i]).toBe(i + 1 >= responseStart ? ids[i + 1] : IGNORE_INDEX);
          }
          expect(targets.filter((t) => t !== IGNORE_INDEX)).toHaveLength(responseLength + 1);
        },
      ),
    );
  });

  it('counts only <|end|> for an empty response, and ignores the whole prompt', () => {
    const { ids, lossMask, targets, responseStart } = formatChat(tokenizer, 'Dose?', '');
    expect(ids[responseStart]).toBe(endOfTurn);
    expect(Array.from(lossMask).reduce((a, b) => a + b, 0)).toBe(1);
    expect(targets.slice(0, -1).every((t) => t === IGNORE_INDEX)).toBe(true);
    expect(targets[targets.length - 1]).toBe(endOfTurn);
  });

  it('keeps special-looking text in prompts as ordinary tokens', () => {
    const { ids, responseStart } = formatChat(tokenizer, 'a <|end|> b', '<|assistant|>');
    const specials = ids.filter((id) => id >= 256 && id < 260);
    expect(specials).toEqual([user, endOfTurn, assistant, endOfTurn]);
    expect(responseStart).toBe(ids.indexOf(assistant) + 1);
  });

  it('formatPrompt is the conditioning prefix, ending with <|assistant|>', () => {
    const ids = formatPrompt(tokenizer, 'Can metformin be used in severe renal impairment?');
    expect(ids[0]).toBe(user);
    expect(ids.slice(-2)).toEqual([endOfTurn, assistant]);
    const chat = formatChat(tokenizer, 'Can metformin be used in severe renal impairment?', 'No.');
    expect(chat.ids.slice(0, chat.responseStart)).toEqual(ids);
    expect(formatPrompt(tokenizer, '')).toEqual([user, endOfTurn, assistant]);
  });

  it('cuts generated tokens at the first <|end|> or <|endoftext|>', () => {
    const answer = tokenizer.encode('Take 500 mg.');
    expect(cutAtEndOfTurn([...answer, endOfTurn, 65, 66])).toEqual({ ids: answer, ended: true });
    expect(cutAtEndOfTurn([...answer, endOfText, endOfTurn])).toEqual({ ids: answer, ended: true });
    expect(cutAtEndOfTurn(answer)).toEqual({ ids: answer, ended: false });
    expect(cutAtEndOfTurn([endOfTurn])).toEqual({ ids: [], ended: true });
    expect(splitResponse(tokenizer, new Int32Array([...answer, endOfTurn, ...answer]))).toEqual({
      text: 'Take 500 mg.',
      ids: answer,
      ended: true,
    });
  });
});
