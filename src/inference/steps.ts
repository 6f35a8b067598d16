/**
 * Main-thread jobs that yield between small steps, so the page can spread a 60-token
 * answer over several short tasks (see useSlicedJobs). Generation and answering are
 * the core's own step-wise functions; this module only adapts their results.
 */
import {
  answerSteps as coreAnswerSteps,
  generateSteps as coreGenerateSteps,
  nextTokenDistributionSteps,
  type GenerateOptions,
  type Gpt,
  type Rng,
} from '../sim';

/** A unit of main-thread work that yields between small steps. */
export type Steps<T> = Generator<void, T, void>;

/** The core's `generateSteps`, returning just the new tokens. */
export function* generateSteps(
  model: Gpt,
  prompt: readonly number[],
  options: GenerateOptions,
  rng: Rng,
): Steps<number[]> {
  return (yield* coreGenerateSteps(model, prompt, options, rng)).tokens;
}

export const answerSteps = coreAnswerSteps;

/** The k most likely next tokens, one context position per step. */
export function topTokensSteps(
  model: Gpt,
  context: readonly number[],
  k: number,
): Steps<{ token: number; probability: number }[]> {
  return nextTokenDistributionSteps(model, context, k);
}
