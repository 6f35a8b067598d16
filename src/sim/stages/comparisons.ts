/**
 * Comparisons of the SFT model's own outputs, labelled by a simulated annotator: the
 * preference data InstructGPT's reward model was trained on (Ouyang et al. 2022, §3.4:
 * labellers rank several outputs of the model for one prompt).
 *
 * Why the pipeline needs them next to the expert-written pairs: a reward model trained
 * only on polished expert answers scores the tiny policy's own (often garbled) answers
 * almost at random — measured on the default run, its scores correlated 0.08 with the
 * gold grade of SFT samples — so PPO would have nothing true to climb. Labelling the
 * policy's own outputs puts the reward model's training data where PPO will look.
 *
 * The default annotator is the gold grader (src/sim/eval/grader.ts): it prefers the
 * answer with the higher grade and skips near-ties. This is the synthetic setup of Gao
 * et al. 2022 ("Scaling laws for reward model overoptimization"), where a gold reward
 * labels the proxy reward model's data; over-optimisation then shows as the proxy
 * rising while the gold falls. Other annotators (noisy, biased) plug in for the
 * experiments.
 */
import { createRng, type Rng } from '../core/rng';
import type { PharmaFact } from '../data/knowledgeBase';
import type { PpoPrompt } from '../data/prompts';
import type { PreferencePair, PreferenceQuality } from '../data/preferences';
import { gradeAnswer, type Grade, type GradeRuleId } from '../eval/grader';
import { KvDecoder, generateSteps } from '../model/generate';
import type { Gpt } from '../model/gpt';
import { SPECIAL_TOKENS, formatPrompt, type BpeTokenizer } from '../text';

/** Which answer an annotator prefers, or null to skip the pair (a tie, or unsure). */
export type Annotator = (a: string, b: string, fact: PharmaFact, rng: Rng) => 'a' | 'b' | null;

/** Prefers the higher gold grade; skips pairs whose grades differ by less than `minGap`. */
export function goldAnnotator(minGap = 0.05): Annotator {
  return (a, b, fact) => {
    const ga = gradeAnswer(a, fact).score;
    const gb = gradeAnswer(b, fact).score;
    if (Math.abs(ga - gb) < minGap) return null;
    return ga > gb ? 'a' : 'b';
  };
}

export interface ComparisonOptions {
  /** Labelled pairs wanted (fewer come back if the annotator skips too many). */
  pairs: number;
  /** Sampling temperature of the two answers (diversity between them). */
  temperature: number;
  maxNewTokens: number;
  seed: number;
  annotator?: Annotator;
  /** Stop after this many sampled pairs even if fewer were labelled (default 3·pairs). */
  maxAttempts?: number;
}

export const DEFAULT_COMPARISON_OPTIONS: Omit<ComparisonOptions, 'seed'> = {
  pairs: 240,
  temperature: 1,
  maxNewTokens: 40,
};

/** The quality a pair of answers contrasts: the first grader rule that tells them apart. */
const RULE_QUALITY: [GradeRuleId, PreferenceQuality][] = [
  ['verdict', 'safe-vs-unsafe'],
  ['no-safety-miss', 'safe-vs-unsafe'],
  ['no-false-alarm', 'safe-vs-unsafe'],
  ['key-point', 'specific-vs-vague'],
  ['key-number', 'specific-vs-vague'],
  ['alternative', 'alternatives-vs-none'],
  ['mechanism', 'mechanism-vs-none'],
  ['humility', 'humble-vs-overconfident'],
];

export function contrastedQuality(chosen: Grade, rejected: Grade): PreferenceQuality {
  for (const [rule, quality] of RULE_QUALITY) {
    const c = chosen.rules.find((r) => r.id === rule)?.passed;
    const r = rejected.rules.find((x) => x.id === rule)?.passed;
    if (c === true && r === false) return quality;
  }
  return 'specific-vs-vague';
}

/**
 * Samples two answers of `model` to prompts drawn from `prompts` and asks the
 * annotator which is better, until `pairs` are labelled. Step-wise (yields after each
 * sampled answer) so a caller can spread the work; deterministic for a seed.
 */
export function* sampleComparisons(
  model: Gpt,
  tokenizer: BpeTokenizer,
  prompts: readonly PpoPrompt[],
  kb: readonly PharmaFact[],
  options: ComparisonOptions,
): Generator<void, PreferencePair[], void> {
  const { pairs, temperature, maxNewTokens, seed } = options;
  if (!(Number.isInteger(pairs) && pairs >= 0))
    throw new RangeError(`sampleComparisons: pairs must be an integer ≥ 0, got ${pairs}`);
  if (!(temperature > 0 && Number.isFinite(temperature)))
    throw new RangeError(`sampleComparisons: temperature must be > 0, got ${temperature}`);
  if (!(Number.isInteger(maxNewTokens) && maxNewTokens >= 1))
    throw new RangeError(`sampleComparisons: maxNewTokens must be ≥ 1, got ${maxNewTokens}`);
  if (prompts.length === 0) throw new RangeError('sampleComparisons: no prompts given');
  const byId = new Map(kb.map((f) => [f.id, f]));
  const annotator = options.annotator ?? goldAnnotator();
  const maxAttempts = options.maxAttempts ?? 3 * pairs;
  const rng = createRng(seed);
  const promptRng = rng.stream('comparisons/prompts');
  const sampleRng = rng.stream('comparisons/sampling');
  const annotatorRng = rng.stream('comparisons/annotator');
  const decoder = new KvDecoder(model);
  const out: PreferencePair[] = [];

  const sampleAnswer = function* (ids: number[]): Generator<void, string, void> {
    const room = model.config.contextLength - ids.length;
    const { tokens } = yield* generateSteps(
      model,
      ids,
      {
        temperature,
        topK: 0,
        maxNewTokens: Math.max(1, Math.min(maxNewTokens, room)),
        stopTokens: [SPECIAL_TOKENS.endOfTurn],
      },
      sampleRng,
      decoder,
    );
    const end = tokens.indexOf(SPECIAL_TOKENS.endOfTurn);
    return tokenizer.decode(end >= 0 ? tokens.slice(0, end) : tokens).trim();
  };

  for (let attempt = 0; attempt < maxAttempts && out.length < pairs; attempt++) {
    const prompt = prompts[promptRng.int(prompts.length)];
    const fact = byId.get(prompt.factId);
    if (!fact) throw new RangeError(`sampleComparisons: unknown fact '${prompt.factId}'`);
    const ids = formatPrompt(tokenizer, prompt.prompt);
    const a = yield* sampleAnswer(ids);
    const b = yield* sampleAnswer(ids);
    if (a === b || a.length === 0 || b.length === 0) continue;
    const pick = annotator(a, b, fact, annotatorRng);
    if (pick === null) continue;
    const [chosen, rejected] = pick === 'a' ? [a, b] : [b, a];
    out.push({
      id: `model/${prompt.factId}/${out.length}`,
      factId: prompt.factId,
      prompt: prompt.prompt,
      chosen,
      rejected,
      quality: contrastedQuality(gradeAnswer(chosen, fact), gradeAnswer(rejected, fact)),
      source: 'model-output',
    });
  }
  return out;
}
