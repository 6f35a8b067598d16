/**
 * The typed messages between the app and the training Worker.
 *
 * The Worker runs the core's stage generators in slices of a few milliseconds,
 * posting the metrics of each slice as one message (so charts redraw many times a
 * second without a message per step) and checking for `cancel` between slices.
 */
import type { PipelineConfig } from '../sim/config';
import type { Checkpoint, StepMetrics } from '../sim/stages/types';

export type TrainStage = 'pretrain' | 'sft';

/** Measured facts a page shows next to the curves (all computed in the Worker). */
export interface StageSummary {
  /** Pretraining: held-out cross-entropy of the unigram model. */
  unigramLoss?: number;
  /** Pretraining: characters per token of the tokenizer on the training text. */
  compression?: number;
  trainTokens?: number;
  heldOutTokens?: number;
  /** Pretraining: greedy factual probes. */
  probes?: { context: string; answer: string; completion: string; correct: boolean }[];
  /** SFT: held-out answers. */
  answers?: { instruction: string; expected: string; answer: string; followsFormat: boolean }[];
  formatRate?: number;
}

export type WorkerRequest =
  | {
      type: 'start';
      runId: string;
      stage: TrainStage;
      config: PipelineConfig;
      /** The checkpoint the stage starts from (SFT needs the pretrained one). */
      base?: Checkpoint;
    }
  | { type: 'cancel'; runId: string };

export type WorkerResponse =
  | { type: 'progress'; runId: string; stage: TrainStage; step: number; totalSteps: number }
  | { type: 'metrics'; runId: string; stage: TrainStage; metrics: StepMetrics[] }
  | { type: 'checkpoint'; runId: string; stage: TrainStage; checkpoint: Checkpoint }
  | {
      type: 'done';
      runId: string;
      stage: TrainStage;
      status: 'completed' | 'diverged';
      message: string;
      summary: StageSummary;
    }
  | { type: 'cancelled'; runId: string; stage: TrainStage }
  | { type: 'error'; runId: string; stage: TrainStage; message: string };
