/**
 * Generation as a generator that yields after every token, so the page can spread a
 * 60-token answer over several short tasks (see useSlicedJobs) instead of holding
 * the main thread for it. Each function mirrors its namesake in src/sim exactly
 * (`generate`, `answer`); tests/component/inference.test.ts checks they agree.
 */
import {
  KvDecoder,
  SPECIAL_TOKENS,
  createRng,
  formatPrompt,
  nextTokenDistribution,
  sampleToken,
  type BpeTokenizer,
  type GenerateOptions,
  type Gpt,
  type Rng,
} from '../sim';

/** A unit of main-thread work that yields between small steps. */
export type Steps<T> = Generator<void, T, void>;

/** Like sim `generate`: the new tokens, the prompt truncated from the left to fit. */
export function* generateSteps(
  model: Gpt,
  prompt: readonly number[],
  options: GenerateOptions,
  rng: Rng,
): Steps<number[]> {
  const T = model.config.contextLength;
  const context = prompt.length >= T ? prompt.slice(prompt.length - (T - 1)) : prompt;
  if (context.length === 0)
    throw new RangeError('generate: the prompt must hold at least one token');
  const decoder = new KvDecoder(model);
  let logits: Float32Array = decoder.logits;
  for (const token of context) {
    logits = decoder.push(token);
    yield;
  }
  const tokens: number[] = [];
  const stops = new Set(options.stopTokens ?? []);
  for (let i = 0; i < options.maxNewTokens; i++) {
    const next = sampleToken(logits, options, rng);
    tokens.push(next);
    if (stops.has(next) || decoder.remaining === 0) break;
    logits = decoder.push(next);
    yield;
  }
  return tokens;
}

/** Like sim `answer`: the greedy chat answer, cut at the end-of-turn token. */
export function* answerSteps(
  model: Gpt,
  tokenizer: BpeTokenizer,
  instruction: string,
  maxNewTokens = 64,
): Steps<string> {
  const prompt = formatPrompt(tokenizer, instruction);
  const room = model.config.contextLength - prompt.length;
  if (room < 1) return '';
  const tokens = yield* generateSteps(
    model,
    prompt,
    {
      temperature: 0,
      topK: 0,
      maxNewTokens: Math.min(maxNewTokens, room),
      stopTokens: [SPECIAL_TOKENS.endOfTurn],
    },
    createRng(0),
  );
  const end = tokens.indexOf(SPECIAL_TOKENS.endOfTurn);
  return tokenizer.decode(end >= 0 ? tokens.slice(0, end) : tokens);
}

/** One forward pass, as a job (it is short; this just keeps it off the render). */
export function* topTokensSteps(
  model: Gpt,
  context: number[],
  k: number,
): Steps<{ token: number; probability: number }[]> {
  yield;
  return nextTokenDistribution(model, context, k);
}
