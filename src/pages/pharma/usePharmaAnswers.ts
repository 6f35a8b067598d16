/**
 * Every answer the page shows, computed on the main thread in short slices
 * (useSlicedJobs): the metformin query answered by each model, the seed's two
 * hand-written answers scored, then the evaluation set answered by each model, item
 * by item (all models on item 1, then item 2 …), so tables fill from the top and a
 * scorecard over the items answered so far is fair to every model.
 *
 * Each answer is greedy (MAX_NEW_TOKENS new tokens at most), graded by the gold
 * grader and scored by the reward model (one forward pass). Answers and scores are
 * cached per checkpoint, so a new job list (a model arrives, the page is revisited)
 * redoes only what is new. Inference only: nothing is trained here.
 */
import { useDeferredValue, useMemo } from 'react';
import { useThrottledValue } from '../../components/run/useThrottledValue';
import { answerSteps, type Steps } from '../../inference/steps';
import { useCheckpointModel, type LoadedModel } from '../../inference/useCheckpointModel';
import { useSlicedJobs, type Job } from '../../inference/useSlicedJobs';
import {
  BpeTokenizer,
  gradeAnswer,
  scoreResponseSteps,
  type Checkpoint,
  type PharmaFact,
  type RewardModel,
} from '../../sim';
import { stageKey } from '../../store/runs';
import { rewardModelFromCheckpoint } from '../../worker/runStage';
import { useStageCheckpoint } from '../shared/useStageRun';
import {
  MAX_NEW_TOKENS,
  METFORMIN_QUERY,
  PHARMA_MODELS,
  evalSet,
  factOf,
  type AnswersByModel,
  type GradedAnswer,
  type ModelId,
} from './models';

interface LoadedRewardModel {
  model: RewardModel;
  tokenizer: BpeTokenizer;
  checkpoint: Checkpoint;
}

const rewardModels = new WeakMap<Checkpoint, LoadedRewardModel>();

function loadRewardModel(checkpoint: Checkpoint): LoadedRewardModel | null {
  if (!checkpoint.head) return null;
  let loaded = rewardModels.get(checkpoint);
  if (!loaded) {
    loaded = {
      model: rewardModelFromCheckpoint(checkpoint),
      tokenizer: BpeTokenizer.fromJSON(checkpoint.tokenizer),
      checkpoint,
    };
    rewardModels.set(checkpoint, loaded);
  }
  return loaded;
}

// Per checkpoint: prompt → greedy answer; (prompt, answer) → reward score.
const answerCache = new WeakMap<Checkpoint, Map<string, string>>();
const scoreCache = new WeakMap<Checkpoint, Map<string, number>>();

function cacheOf<T>(caches: WeakMap<Checkpoint, Map<string, T>>, c: Checkpoint): Map<string, T> {
  let cache = caches.get(c);
  if (!cache) {
    cache = new Map();
    caches.set(c, cache);
  }
  return cache;
}

function* scoreSteps(
  rm: LoadedRewardModel | null,
  prompt: string,
  text: string,
): Steps<number | null> {
  if (!rm) return null;
  const cache = cacheOf(scoreCache, rm.checkpoint);
  const key = `${prompt}\u0000${text}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const score = yield* scoreResponseSteps(rm.model, rm.tokenizer, prompt, text);
  cache.set(key, score);
  return score;
}

function answerJob(
  loaded: LoadedModel,
  prompt: string,
  fact: PharmaFact,
  rm: LoadedRewardModel | null,
): Job<GradedAnswer> {
  return function* () {
    const cache = cacheOf(answerCache, loaded.checkpoint);
    let text = cache.get(prompt);
    if (text === undefined) {
      text = yield* answerSteps(loaded.model, loaded.tokenizer, prompt, MAX_NEW_TOKENS);
      cache.set(prompt, text);
    }
    const reward = yield* scoreSteps(rm, prompt, text);
    return { text, grade: gradeAnswer(text, fact), reward };
  };
}

function fixedJob(
  text: string,
  prompt: string,
  fact: PharmaFact,
  rm: LoadedRewardModel | null,
): Job<GradedAnswer> {
  return function* () {
    const reward = yield* scoreSteps(rm, prompt, text);
    return { text, grade: gradeAnswer(text, fact), reward };
  };
}

export interface PharmaAnswers {
  /** Models with a checkpoint, in pipeline order. */
  models: ModelId[];
  /** Models without one yet. */
  missing: ModelId[];
  hasRewardModel: boolean;
  /** The metformin query, per model. */
  progression: Partial<Record<ModelId, GradedAnswer>>;
  /** The seed's hand-written SFT and PPO answers to it, graded and scored the same way. */
  seed: { sft?: GradedAnswer; ppo?: GradedAnswer };
  /** Per model, one entry per evaluation item. */
  evaluation: AnswersByModel;
  /** Evaluation answers computed so far, and in all. */
  answered: number;
  total: number;
  done: boolean;
  /** At least one model to ask. */
  ready: boolean;
  /** False when the models shown come from different base runs (configurations). */
  sameBase: boolean;
  error: string | null;
  /** Changes when the job list does (new models): answers of one batch never change. */
  batch: object | null;
}

export function usePharmaAnswers(): PharmaAnswers {
  const base = useCheckpointModel(useStageCheckpoint('pretrain'));
  const sft = useCheckpointModel(useStageCheckpoint('sft'));
  const ppo = useCheckpointModel(useStageCheckpoint('ppo'));
  const dpo = useCheckpointModel(useStageCheckpoint('dpo'));
  const rewardCheckpoint = useStageCheckpoint('reward');
  const rm = useMemo(
    () => (rewardCheckpoint ? loadRewardModel(rewardCheckpoint) : null),
    [rewardCheckpoint],
  );

  const available = useMemo(() => {
    const loaded: Record<ModelId, LoadedModel | null> = { base, sft, ppo, dpo };
    return PHARMA_MODELS.flatMap((m) => {
      const model = loaded[m.id];
      return model ? [{ id: m.id, model }] : [];
    });
  }, [base, sft, ppo, dpo]);

  const items = evalSet();
  const query = METFORMIN_QUERY;
  const jobs = useMemo(() => {
    if (available.length === 0) return null;
    const queryFact = factOf(query.factId);
    return [
      ...available.map(({ model }) => answerJob(model, query.prompt, queryFact, rm)),
      fixedJob(query.seedSft.answer, query.prompt, queryFact, rm),
      fixedJob(query.seedPpo.answer, query.prompt, queryFact, rm),
      ...items.flatMap((item) =>
        available.map(({ model }) => answerJob(model, item.prompt, factOf(item.factId), rm)),
      ),
    ];
  }, [available, rm, items, query]);
  const { results, done, error } = useSlicedJobs(jobs);

  // Parts that change rarely keep their identity, so memoised sections skip updates.
  const n = available.length;
  const head = n + 2;
  const models = useMemo(() => available.map((a) => a.id), [available]);
  const missing = useMemo(
    () => PHARMA_MODELS.filter((m) => !models.includes(m.id)).map((m) => m.id),
    [models],
  );
  const sameBase = useMemo(
    () =>
      new Set(available.map(({ model }) => stageKey('pretrain', model.checkpoint.config))).size <=
      1,
    [available],
  );
  const headKey = results
    .slice(0, head)
    .map((r) => (r ? 1 : 0))
    .join('');
  const progression = useMemo(() => {
    const out: Partial<Record<ModelId, GradedAnswer>> = {};
    available.forEach(({ id }, i) => {
      const answer = results[i];
      if (answer) out[id] = answer;
    });
    return out;
    // `headKey` (and `jobs`) stand for the first results, which never change once in.
  }, [available, headKey, jobs]);
  const seed = useMemo(
    () => ({ sft: results[n], ppo: results[n + 1] }),
    // As above: `headKey` and `jobs` stand for the seed answers' results.
    [headKey, jobs, n],
  );

  const answers = useMemo(
    (): PharmaAnswers => ({
      models,
      missing,
      hasRewardModel: rm !== null,
      progression,
      seed,
      evaluation: Object.fromEntries(
        models.map((id, i) => [id, items.map((_, k) => results[head + k * n + i])]),
      ),
      answered: results.slice(head).filter((r) => r !== undefined).length,
      total: items.length * n,
      done: jobs !== null && done,
      ready: jobs !== null,
      sameBase,
      error,
      batch: jobs,
    }),
    [models, missing, rm, progression, seed, items, results, head, n, jobs, done, sameBase, error],
  );
  // Tables and scorecards follow at most 4 times a second, in a task of their own, and
  // render in a background transition that React interrupts to keep the page responsive.
  return useDeferredValue(useThrottledValue(answers, 250));
}
