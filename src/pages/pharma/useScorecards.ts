import { useMemo } from 'react';
import type { Scorecard } from '../../sim';
import { evalSet, type AnswersByModel, type ModelId } from './models';
import { completeItems, meanRewards, modelScorecards } from './scorecard';
import type { PharmaAnswers } from './usePharmaAnswers';

export interface PageScorecards {
  /** The evaluation items every model has answered so far. */
  indices: number[];
  cards: Partial<Record<ModelId, Scorecard>>;
  rewards: Partial<Record<ModelId, number | null>>;
  /** Every model has answered every item. */
  complete: boolean;
  itemCount: number;
}

/** The scorecards of `models` over the evaluation items all of them have answered. */
export function pageScorecards(
  evaluation: AnswersByModel,
  models: readonly ModelId[],
): PageScorecards {
  const items = evalSet();
  const indices = completeItems(items.length, evaluation, models);
  return {
    indices,
    cards: modelScorecards(items, evaluation, models, indices),
    rewards: meanRewards(evaluation, models, indices),
    complete: models.length > 0 && indices.length === items.length,
    itemCount: items.length,
  };
}

/**
 * The page's scorecards, recomputed only when the number of items every model has
 * answered (or the batch of jobs) changes: within a batch, answers never change.
 */
export function useScorecards(answers: PharmaAnswers): PageScorecards {
  const { batch, evaluation, models } = answers;
  const count = completeItems(evalSet().length, evaluation, models).length;
  const modelsKey = models.join(',');
  return useMemo(
    () => pageScorecards(evaluation, models),
    // `batch`, `count` and `modelsKey` stand for `evaluation` and `models`, which are new
    // objects on every update of the answers.
    [batch, count, modelsKey],
  );
}
