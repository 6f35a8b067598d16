/**
 * What every training stage streams and returns. Plain data only (numbers, strings,
 * Float32Arrays) so it can cross the Worker boundary with structured clone/transfer.
 */
import type { PipelineConfig } from '../config';

export type StageName = 'pretrain' | 'sft' | 'reward' | 'ppo' | 'dpo';

/** Wall-clock figures: useful on screen, but excluded from determinism checks. */
export interface StepTiming {
  /** Training tokens processed per second over the last step. */
  tokensPerSecond: number;
  /** Milliseconds since the stage started. */
  elapsedMs: number;
}

/** One optimiser step's numbers. Every field except `timing` is deterministic. */
export interface StepMetrics {
  step: number;
  /** Mean cross-entropy (nats per counted token) on this step's batch. */
  loss: number;
  /** exp(loss). */
  perplexity: number;
  learningRate: number;
  /** Global L2 norm of the gradient before clipping. */
  gradNorm: number;
  /** Counted (non-masked) training tokens seen so far. */
  tokensSeen: number;
  /** Mean loss on the held-out split; present on evaluation steps only. */
  heldOutLoss?: number;
  heldOutPerplexity?: number;
  /** Absent in runs replayed from a file (the shipped default run). */
  timing?: StepTiming;
}

/** Weights and everything needed to use them again. */
export interface Checkpoint {
  stage: StageName;
  config: PipelineConfig;
  /** Flat parameter buffer; the layout is defined by src/sim/model/gpt.ts. */
  params: Float32Array;
  /** BpeTokenizer.toJSON() */
  tokenizer: { version: 1; merges: [number, number][] };
  /** The reward model's scalar head and normalisation offset (stage 'reward' only). */
  head?: { w: Float32Array; b: number; offset: number };
}

export type StageEvent = { type: 'metrics'; metrics: StepMetrics };

export interface StageResult {
  status: 'completed' | 'diverged';
  /** e.g. "diverged at step 12: loss became NaN (learning rate 0.5 is too high)". */
  message: string;
  /** Step at which divergence was detected, when status is 'diverged'. */
  divergedAtStep?: number;
  metrics: StepMetrics[];
  checkpoint: Checkpoint;
}
