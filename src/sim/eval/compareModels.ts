/**
 * The models of one run on the same yardstick: each answers every evaluation item
 * (greedy, one question per fact, worded as no training set words it), the gold
 * grader grades the answers (the five-metric scorecard), optionally the reward model
 * scores them, and the per-item gold grades, compared model against model, give
 * Elo-scale ratings by the Bradley–Terry maximum-likelihood fit (order-independent,
 * unlike sequential Elo updates).
 */
import { KNOWLEDGE_BASE, buildEvalSet, type EvalItem } from '../data';
import type { PharmaFact } from '../data/knowledgeBase';
import type { Gpt } from '../model/gpt';
import { rewardSequence, scoreSequences, type RewardModel } from '../stages/reward';
import type { BpeTokenizer } from '../text';
import { bradleyTerryRatings, type Comparison } from './elo';
import { answer } from './probes';
import { buildScorecard, type Scorecard } from './scorecard';

export interface ModelReport {
  items: number;
  /** Mean gold grade (0..1) over the evaluation items. */
  meanGold: number;
  /** Mean reward-model score of the answers, when a reward model was given. */
  meanReward?: number;
  scorecard: Scorecard;
  answers: { itemId: string; prompt: string; answer: string }[];
}

export interface ModelComparison {
  models: Record<string, ModelReport>;
  /** Elo-scale Bradley–Terry ratings (mean 1000) from the per-item comparisons. */
  elo: Record<string, number>;
  /** Every judged comparison: per item, per pair of models, by gold grade (ties ½). */
  comparisons: Comparison[];
}

export function compareModels(
  models: Readonly<Record<string, Gpt>>,
  tokenizer: BpeTokenizer,
  options: {
    rewardModel?: RewardModel;
    maxNewTokens?: number;
    kb?: readonly PharmaFact[];
    items?: readonly EvalItem[];
  } = {},
): ModelComparison {
  const names = Object.keys(models);
  if (names.length === 0) throw new RangeError('compareModels: no models given');
  const kb = options.kb ?? KNOWLEDGE_BASE;
  const items = options.items ?? buildEvalSet(kb);
  const byId = new Map(kb.map((f) => [f.id, f]));
  const facts = items.map((item) => {
    const fact = byId.get(item.factId);
    if (!fact) throw new RangeError(`compareModels: unknown fact '${item.factId}'`);
    return fact;
  });
  const reports: Record<string, ModelReport> = {};
  for (const name of names) {
    const answers = items.map((item) => ({
      itemId: item.id,
      prompt: item.prompt,
      answer: answer(models[name], tokenizer, item.prompt, options.maxNewTokens ?? 40),
    }));
    const scorecard = buildScorecard(
      items.map((item, i) => ({ item, answer: answers[i].answer, fact: facts[i] })),
    );
    const report: ModelReport = {
      items: items.length,
      meanGold: scorecard.meanScore ?? 0,
      scorecard,
      answers,
    };
    const rm = options.rewardModel;
    if (rm) {
      const seqs = answers.map((a) =>
        rewardSequence(tokenizer, a.prompt, a.answer, rm.trunk.config.contextLength),
      );
      let total = 0;
      for (let i = 0; i < seqs.length; i += 16) {
        const { scores } = scoreSequences(rm.trunk, rm.head, seqs.slice(i, i + 16));
        for (const s of scores) total += s - rm.offset;
      }
      report.meanReward = total / Math.max(1, seqs.length);
    }
    reports[name] = report;
  }
  const comparisons: Comparison[] = [];
  items.forEach((_, k) => {
    for (let i = 0; i < names.length; i++) {
      for (let j = i + 1; j < names.length; j++) {
        const ga = reports[names[i]].scorecard.entries[k].grade.score;
        const gb = reports[names[j]].scorecard.entries[k].grade.score;
        comparisons.push({ a: names[i], b: names[j], scoreA: ga > gb ? 1 : ga < gb ? 0 : 0.5 });
      }
    }
  });
  const elo = names.length > 1 ? bradleyTerryRatings(comparisons).ratings : { [names[0]]: 1000 };
  return { models: reports, elo, comparisons };
}
