/**
 * Chat template for SFT, reward modelling and RLHF.
 *
 *   <|user|> prompt tokens <|end|> <|assistant|> response tokens <|end|>
 *
 * Special tokens are inserted by id; the prompt and response are encoded as ordinary
 * text, so a user typing "<|end|>" gets bytes, not a control token.
 *
 * Loss convention (next-token training): the model reads `ids[0..n-2]` and predicts
 * `ids[1..n-1]`. `targets[i]` is the target of input position i, i.e. `ids[i + 1]`
 * when that token counts in the SFT loss, else `IGNORE_INDEX` (-1). Only the
 * response tokens and the final `<|end|>` count: the model learns to answer and to
 * stop, and is not trained to reproduce the prompt or the template. `lossMask` is the
 * same information per token: `lossMask[j] = 1` iff `ids[j]` is a counted target, so
 * `targets[i] = lossMask[i + 1] ? ids[i + 1] : -1`. `responseStart` is the index in
 * `ids` of the first response token (= of the final `<|end|>` when the response is
 * empty); `lossMask[j] = 1` exactly for `j >= responseStart`.
 */

import { SPECIAL_TOKENS, type BpeTokenizer } from './bpe';

/** Target value that the loss ignores. */
export const IGNORE_INDEX = -1;

/** What the template needs from a tokenizer. */
export type ChatTokenizer = Pick<BpeTokenizer, 'encode' | 'decode'>;

export interface FormattedChat {
  /** The full sequence: template, prompt and response tokens. */
  ids: number[];
  /** Per token of `ids`: 1 where that token is a target counted by the loss. */
  lossMask: Uint8Array;
  /** Per input position 0..n-2: the next token if it counts, else `IGNORE_INDEX`. */
  targets: number[];
  /** Index in `ids` of the first response token. */
  responseStart: number;
}

/** The conditioning prefix: `<|user|> prompt <|end|> <|assistant|>`. */
export function formatPrompt(tokenizer: ChatTokenizer, prompt: string): number[] {
  return [
    SPECIAL_TOKENS.user,
    ...tokenizer.encode(prompt),
    SPECIAL_TOKENS.endOfTurn,
    SPECIAL_TOKENS.assistant,
  ];
}

/** A full (prompt, response) example with its loss mask and shifted targets. */
export function formatChat(
  tokenizer: ChatTokenizer,
  prompt: string,
  response: string,
): FormattedChat {
  const prefix = formatPrompt(tokenizer, prompt);
  const responseStart = prefix.length;
  const ids = [...prefix, ...tokenizer.encode(response), SPECIAL_TOKENS.endOfTurn];
  const lossMask = new Uint8Array(ids.length);
  lossMask.fill(1, responseStart);
  const targets: number[] = [];
  for (let i = 0; i + 1 < ids.length; i++) {
    targets.push(lossMask[i + 1] === 1 ? ids[i + 1] : IGNORE_INDEX);
  }
  return { ids, lossMask, targets, responseStart };
}

export interface CutResponse {
  /** Tokens before the first `<|end|>` (or `<|endoftext|>`). */
  ids: number[];
  /** True when a stop token was found (the model finished its turn). */
  ended: boolean;
}

/**
 * Cuts generated tokens (what follows `<|assistant|>`) at the first `<|end|>` or
 * `<|endoftext|>`; the stop token is dropped.
 */
export function cutAtEndOfTurn(generated: ArrayLike<number>): CutResponse {
  const ids: number[] = [];
  for (let i = 0; i < generated.length; i++) {
    const id = generated[i];
    if (id === SPECIAL_TOKENS.endOfTurn || id === SPECIAL_TOKENS.endOfText) {
      return { ids, ended: true };
    }
    ids.push(id);
  }
  return { ids, ended: false };
}

/**
 * The response text of generated tokens: cut at the first stop token, then decoded.
 * Any other special token before it decodes to its marker text.
 */
export function splitResponse(
  tokenizer: ChatTokenizer,
  generated: ArrayLike<number>,
): { text: string; ids: number[]; ended: boolean } {
  const { ids, ended } = cutAtEndOfTurn(generated);
  return { text: tokenizer.decode(ids), ids, ended };
}
