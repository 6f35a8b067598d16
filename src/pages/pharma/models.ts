/**
 * The four answering models the page compares, and the data every section shares:
 * the evaluation set, its facts, and the seed's metformin query.
 */
import {
  KNOWLEDGE_BASE,
  SEED_PPO_QUERIES,
  buildEvalSet,
  type EvalItem,
  type Grade,
  type PharmaFact,
  type SeedPpoQuery,
} from '../../sim';
import type { TrainStage } from '../../worker/protocol';

export type ModelId = 'base' | 'sft' | 'ppo' | 'dpo';

export interface PharmaModel {
  id: ModelId;
  /** The stage whose checkpoint answers. */
  stage: TrainStage;
  /** Column heading. */
  name: string;
  /** Where it comes from, in words. */
  origin: string;
}

export const PHARMA_MODELS: readonly PharmaModel[] = [
  { id: 'base', stage: 'pretrain', name: 'Base', origin: 'pretrained only' },
  { id: 'sft', stage: 'sft', name: 'SFT', origin: 'base + expert demonstrations' },
  { id: 'ppo', stage: 'ppo', name: 'PPO', origin: 'SFT + reward model, PPO' },
  { id: 'dpo', stage: 'dpo', name: 'DPO', origin: 'SFT + preference pairs, DPO' },
];

export const MODEL_NAMES: Record<ModelId, string> = {
  base: 'Base',
  sft: 'SFT',
  ppo: 'PPO',
  dpo: 'DPO',
};

/** New tokens per greedy answer, as in the core's compareModels. */
export const MAX_NEW_TOKENS = 40;

/** One model's answer to one prompt, graded by the gold grader and scored by the reward model. */
export interface GradedAnswer {
  text: string;
  grade: Grade;
  /** Normalised reward-model score; null without a reward model. */
  reward: number | null;
}

/** Per model, one entry per evaluation item (undefined while it is being answered). */
export type AnswersByModel = Partial<Record<ModelId, readonly (GradedAnswer | undefined)[]>>;

let evalItems: EvalItem[] | null = null;

/** The evaluation set (one item per fact, wording unseen in training), built once. */
export function evalSet(): readonly EvalItem[] {
  evalItems ??= buildEvalSet();
  return evalItems;
}

const factsById = new Map(KNOWLEDGE_BASE.map((f) => [f.id, f]));

/** The knowledge-base fact an item or query is about. */
export function factOf(factId: string): PharmaFact {
  const fact = factsById.get(factId);
  if (!fact) throw new RangeError(`no knowledge-base fact '${factId}'`);
  return fact;
}

/** "Can I use metformin if eGFR is 28?", the seeds' metformin progression. */
export const METFORMIN_QUERY: SeedPpoQuery = (() => {
  const query = SEED_PPO_QUERIES.find((q) => q.id === 'ppo/seed-metformin-egfr-28');
  if (!query) throw new RangeError('the seed metformin query is missing');
  return query;
})();
