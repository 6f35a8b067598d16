/**
 * How long a running stage may go without a message before the training Worker counts
 * as stalled (src/worker/client.ts terminates it and the run ends with "Retry").
 *
 * The Worker posts after every ~40 ms slice, but a slice holds at least one whole step,
 * and a step of a large configuration can take minutes: the limit grows with the
 * estimated cost of a step, at a deliberately slow throughput, so a slow laptop
 * training a big model is never mistaken for a stalled one. (No import of the model
 * code: this runs on the main thread and Home's JavaScript budget counts it.)
 */
import type { PipelineConfig } from '../sim/config';
import type { TrainStage } from '../worker/protocol';

/** The shortest limit: the default configuration's steps take ~0.2 s here. */
export const MIN_STALL_MS = 30_000;
/** A tenth of the 3–4 GFLOP/s a training step reaches on the 2-core development machine. */
const SLOW_FLOPS_PER_SECOND = 0.3e9;
/** Silence allowed, in estimated steps at that throughput (evaluations cost a few steps). */
const STEPS_OF_SILENCE = 10;

/** Training FLOPs per token of the tiny GPT (as src/sim/model/gpt.ts counts them). */
function flopsPerToken(config: PipelineConfig): number {
  const { width: C, layers: L, vocabSize: V, contextLength: T } = config.model;
  return 6 * (L * 12 * C * C + V * C + L * C * (T + 1));
}

/** Rough FLOPs of one step of `stage` (PPO: one iteration). */
export function stepFlops(stage: TrainStage, config: PipelineConfig): number {
  const perSequence = flopsPerToken(config) * config.model.contextLength;
  switch (stage) {
    case 'pretrain':
    case 'sft':
      return perSequence * config[stage].batchSize;
    case 'reward':
      return perSequence * 2 * config.reward.batchSize; // chosen and rejected
    case 'dpo':
      return perSequence * 2 * config.dpo.batchSize * (4 / 3); // + the reference's forward pass
    case 'ppo':
      // Sampling, the reference, reward and value passes, and two epochs of updates.
      return perSequence * 4 * config.ppo.rolloutsPerIteration;
  }
}

export function stallLimitMs(stage: TrainStage, config: PipelineConfig): number {
  const stepMs = (stepFlops(stage, config) / SLOW_FLOPS_PER_SECOND) * 1000;
  return Math.max(MIN_STALL_MS, Math.ceil(STEPS_OF_SILENCE * stepMs));
}
