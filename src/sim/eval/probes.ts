/**
 * Behavioural checks of trained models, used by tests, the CLI and the pages:
 * - factual probes for the base model ("Metformin is contraindicated when eGFR is
 *   below" → " 30"), by greedy continuation;
 * - the answer format after SFT (does a greedy answer start with a verdict label?).
 */
import { createRng } from '../core/rng';
import type { FactProbe, SftPair, Verdict } from '../data';
import { startsWithVerdict } from '../data';
import { generate, generateSteps, runToEnd } from '../model/generate';
import type { Gpt } from '../model/gpt';
import { SPECIAL_TOKENS, formatPrompt, type BpeTokenizer } from '../text';

export interface ProbeOutcome {
  probe: FactProbe;
  /** What the model wrote after the context (greedy). */
  completion: string;
  correct: boolean;
}

/** True when `completion` begins with `answer` as a whole word or number. */
export function completesWith(completion: string, answer: string): boolean {
  const text = completion.trimStart();
  if (!text.toLowerCase().startsWith(answer.toLowerCase())) return false;
  const after = text.charAt(answer.length);
  return after === '' || !/[\p{L}\p{N}]/u.test(after);
}

export function runFactProbes(
  model: Gpt,
  tokenizer: BpeTokenizer,
  probes: FactProbe[],
  maxNewTokens = 4,
): { outcomes: ProbeOutcome[]; accuracy: number } {
  const rng = createRng(0); // unused by greedy decoding, required by the API
  const outcomes = probes.map((probe) => {
    const context = tokenizer.encode(probe.context);
    const { tokens } = generate(model, context, { temperature: 0, topK: 0, maxNewTokens }, rng);
    const completion = tokenizer.decode(tokens);
    return { probe, completion, correct: completesWith(completion, probe.answer) };
  });
  const accuracy = outcomes.filter((o) => o.correct).length / Math.max(1, outcomes.length);
  return { outcomes, accuracy };
}

export interface AnswerOutcome {
  pair: SftPair;
  answer: string;
  /** Verdict label the answer starts with, if any. */
  verdict: Verdict | null;
  followsFormat: boolean;
}

/** Greedy answer of a chat model to an instruction, cut at the end-of-turn token, step-wise. */
export function* answerSteps(
  model: Gpt,
  tokenizer: BpeTokenizer,
  instruction: string,
  maxNewTokens = 64,
): Generator<void, string, void> {
  const prompt = formatPrompt(tokenizer, instruction);
  const room = model.config.contextLength - prompt.length;
  if (room < 1) return '';
  const { tokens } = yield* generateSteps(
    model,
    prompt,
    {
      temperature: 0,
      topK: 0,
      maxNewTokens: Math.min(maxNewTokens, room),
      stopTokens: [SPECIAL_TOKENS.endOfTurn],
    },
    createRng(0), // greedy decoding draws nothing; the API wants a generator
  );
  const end = tokens.indexOf(SPECIAL_TOKENS.endOfTurn);
  return tokenizer.decode(end >= 0 ? tokens.slice(0, end) : tokens);
}

/** `answerSteps` in one go. */
export function answer(
  model: Gpt,
  tokenizer: BpeTokenizer,
  instruction: string,
  maxNewTokens = 64,
): string {
  return runToEnd(answerSteps(model, tokenizer, instruction, maxNewTokens));
}

export function runFormatCheck(
  model: Gpt,
  tokenizer: BpeTokenizer,
  pairs: SftPair[],
): { outcomes: AnswerOutcome[]; formatRate: number } {
  const outcomes = pairs.map((pair) => {
    const text = answer(model, tokenizer, pair.instruction);
    const verdict = startsWithVerdict(text);
    return { pair, answer: text, verdict, followsFormat: verdict !== null };
  });
  const formatRate = outcomes.filter((o) => o.followsFormat).length / Math.max(1, outcomes.length);
  return { outcomes, formatRate };
}
