/**
 * The reward model of the run shown, ready to score text on the main thread. One
 * score is one forward pass of the trunk (inference, never training); each runs as a
 * job of its own (useSlicedJobs), so no task holds the page for long.
 */
import { useMemo } from 'react';
import type { Job } from '../../inference/useSlicedJobs';
import { BpeTokenizer, scoreResponseSteps, type Checkpoint, type RewardModel } from '../../sim';
import { rewardModelFromCheckpoint } from '../../worker/runStage';
import { useStageCheckpoint } from '../shared/useStageRun';

export interface LoadedRewardModel {
  model: RewardModel;
  tokenizer: BpeTokenizer;
  checkpoint: Checkpoint;
}

// One model per checkpoint, shared by the sections that score with it.
const cache = new WeakMap<Checkpoint, LoadedRewardModel>();

export function loadRewardModel(checkpoint: Checkpoint): LoadedRewardModel | null {
  if (!checkpoint.head) return null;
  let loaded = cache.get(checkpoint);
  if (!loaded) {
    loaded = {
      model: rewardModelFromCheckpoint(checkpoint),
      tokenizer: BpeTokenizer.fromJSON(checkpoint.tokenizer),
      checkpoint,
    };
    cache.set(checkpoint, loaded);
  }
  return loaded;
}

/** The reward model of the run shown (null while there is no reward checkpoint). */
export function useRewardModel(): LoadedRewardModel | null {
  const checkpoint = useStageCheckpoint('reward');
  return useMemo(() => (checkpoint ? loadRewardModel(checkpoint) : null), [checkpoint]);
}

/** The normalised score of one (prompt, response), as a main-thread job. */
export function scoreJob(loaded: LoadedRewardModel, prompt: string, response: string): Job<number> {
  return () => scoreResponseSteps(loaded.model, loaded.tokenizer, prompt, response);
}
