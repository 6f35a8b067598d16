import { useMemo } from 'react';
import { answerSteps } from '../../inference/steps';
import { useCheckpointModel, type LoadedModel } from '../../inference/useCheckpointModel';
import { useSlicedJobs, type Job } from '../../inference/useSlicedJobs';
import { buildSftPairs, splitSftPairs, startsWithVerdict, type SftPair } from '../../sim';
import { stageKey } from '../../store/runs';
import { useStageCheckpoint } from '../shared/useStageRun';

export interface ModelAnswer {
  text: string;
  followsFormat: boolean;
}

export interface HeldOutAnswers {
  /** The held-out pairs of the SFT run (its config's split). */
  pairs: SftPair[];
  /** Per pair, once computed. */
  base: (ModelAnswer | undefined)[];
  tuned: (ModelAnswer | undefined)[];
  done: boolean;
  /** False when the base checkpoint is not the one this SFT model started from. */
  sameBase: boolean;
  ready: boolean;
}

function answerJob(loaded: LoadedModel, instruction: string): Job<ModelAnswer> {
  return function* () {
    const text = yield* answerSteps(loaded.model, loaded.tokenizer, instruction);
    return { text, followsFormat: startsWithVerdict(text) !== null };
  };
}

/**
 * The held-out instructions answered greedily by the base and the SFT model, on the
 * main thread in short slices (useSlicedJobs), base and SFT alternating so the first
 * rows of the table fill first.
 */
export function useHeldOutAnswers(): HeldOutAnswers {
  const base = useCheckpointModel(useStageCheckpoint('pretrain'));
  const tuned = useCheckpointModel(useStageCheckpoint('sft'));

  const pairs = useMemo(() => {
    if (!tuned) return [];
    const { data, seed } = tuned.checkpoint.config;
    return splitSftPairs(buildSftPairs(), data.heldOutFraction, seed).heldOut;
  }, [tuned]);

  const jobs = useMemo(() => {
    if (!base || !tuned || pairs.length === 0) return null;
    return pairs.flatMap((p) => [answerJob(base, p.instruction), answerJob(tuned, p.instruction)]);
  }, [base, tuned, pairs]);
  const { results, done } = useSlicedJobs(jobs);

  const sameBase =
    !base ||
    !tuned ||
    stageKey('pretrain', base.checkpoint.config) === stageKey('pretrain', tuned.checkpoint.config);
  return {
    pairs,
    base: pairs.map((_, i) => results[2 * i]),
    tuned: pairs.map((_, i) => results[2 * i + 1]),
    done,
    sameBase,
    ready: jobs !== null,
  };
}
