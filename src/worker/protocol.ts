/**
 * The typed messages between the app and the training Worker.
 *
 * The Worker runs the core's stage generators in slices of a few milliseconds,
 * posting the metrics of each slice as one message (so charts redraw many times a
 * second without a message per step) and checking for `cancel` between slices.
 */
import type { PipelineConfig } from '../sim/config';
import type { DpoResult, DpoStepMetrics } from '../sim/stages/dpo';
import type {
  AnsweredPrompt,
  PpoIterationMetrics,
  PpoSnapshot,
  RolloutTrace,
} from '../sim/stages/ppo';
import type { RewardResult, RewardStepMetrics } from '../sim/stages/reward';
import type { AnnotationStudyOptions, AnnotationStudyResult } from '../sim/experiments/annotation';
import type { AnnotatorFitOptions, AnnotatorFitResult } from '../sim/experiments/annotatorFit';
import type {
  DistributionShiftOptions,
  DistributionShiftResult,
} from '../sim/experiments/distributionShift';
import type { LabelCostOptions, LabelCostResult } from '../sim/experiments/labelCost';
import type { RewardHackingOptions, RewardHackingResult } from '../sim/experiments/rewardHacking';
import type { Checkpoint, StepMetrics } from '../sim/stages/types';
import type { UserCorpusDocument, UserPreferencePair, UserSftPair } from '../sim/data/userData';

export type TrainStage = 'pretrain' | 'sft' | 'reward' | 'ppo' | 'dpo';

/** Every stage in pipeline order (DPO last: it starts from SFT, beside PPO). */
export const TRAIN_STAGES: readonly TrainStage[] = ['pretrain', 'sft', 'reward', 'ppo', 'dpo'];

/** The stages a stage starts from (their checkpoints travel with its start request). */
export const STAGE_INPUTS: Record<TrainStage, readonly TrainStage[]> = {
  pretrain: [],
  sft: ['pretrain'],
  reward: ['pretrain', 'sft'],
  ppo: ['pretrain', 'sft', 'reward'],
  dpo: ['pretrain', 'sft'],
};

/** What each stage reports per step (per iteration for PPO). */
export interface StageMetricsMap {
  pretrain: StepMetrics;
  sft: StepMetrics;
  reward: RewardStepMetrics;
  ppo: PpoIterationMetrics;
  dpo: DpoStepMetrics;
}
export type AnyStageMetrics = StageMetricsMap[TrainStage];

/** The step (PPO: iteration) a metrics record belongs to. */
export function metricStep(m: AnyStageMetrics): number {
  return 'iteration' in m ? m.iteration : m.step;
}

/** The steps (PPO: iterations) a configuration asks of a stage. */
export function plannedSteps(config: PipelineConfig, stage: TrainStage): number {
  return stage === 'ppo' ? config.ppo.iterations : config[stage].steps;
}

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
  /** Reward model: final figures, held-out score distributions, data sizes. */
  reward?: Pick<
    RewardResult,
    'finalTrain' | 'finalHeldOut' | 'scoreDistribution' | 'data' | 'normalisation'
  >;
  /** PPO: seed-query snapshots, held-out answers before/after, the last rollout traced. */
  ppo?: {
    snapshots: PpoSnapshot[];
    heldOut: { before: AnsweredPrompt[]; after: AnsweredPrompt[] };
    lastTrace: RolloutTrace | null;
  };
  /** DPO: final figures and the KL it ended at. */
  dpo?: Pick<DpoResult, 'finalTrain' | 'finalHeldOut' | 'finalKl' | 'data'>;
}

/**
 * The Challenges page's studies, run in a Worker of their own (src/worker/runStudy.ts),
 * and the Reward Model page's "be the annotator" fit ('annotator').
 */
export type StudyKind =
  'annotation' | 'labelCost' | 'rewardHacking' | 'distributionShift' | 'annotator';

export type StudyRequest =
  | { kind: 'annotation'; seed: number; options: AnnotationStudyOptions }
  | { kind: 'labelCost'; seed: number; options: LabelCostOptions }
  | { kind: 'rewardHacking'; seed: number; options: Partial<RewardHackingOptions> }
  | { kind: 'distributionShift'; seed: number; options: Partial<DistributionShiftOptions> }
  /** The student's labels (pair id + the side preferred) of the pairs shown for `seed`. */
  | { kind: 'annotator'; seed: number; options: AnnotatorFitOptions };

export interface StudyResultMap {
  annotation: AnnotationStudyResult;
  labelCost: LabelCostResult;
  rewardHacking: RewardHackingResult;
  distributionShift: DistributionShiftResult;
  annotator: AnnotatorFitResult;
}

/** The checkpoints each study starts from. */
export const STUDY_INPUTS: Record<StudyKind, readonly TrainStage[]> = {
  annotation: ['sft'],
  labelCost: ['sft'],
  rewardHacking: ['sft'],
  distributionShift: ['sft', 'reward', 'ppo'],
  annotator: ['sft'],
};

/** A student's imported data a stage trains on instead of the built-in data. */
export interface StageDatasets {
  corpus?: UserCorpusDocument[];
  sft?: UserSftPair[];
  preferences?: UserPreferencePair[];
}

export type WorkerRequest =
  | {
      type: 'start';
      runId: string;
      stage: TrainStage;
      config: PipelineConfig;
      /** The checkpoints the stage starts from (STAGE_INPUTS), by stage. */
      bases?: Partial<Record<TrainStage, Checkpoint>>;
      datasets?: StageDatasets;
    }
  | {
      type: 'study';
      runId: string;
      config: PipelineConfig;
      study: StudyRequest;
      bases: Partial<Record<TrainStage, Checkpoint>>;
    }
  | {
      /**
       * PPO one iteration at a time (the PPO page's step-through, its own Worker): runs
       * iteration 1, posts it, and waits for a `step` before each next iteration.
       */
      type: 'step-start';
      runId: string;
      config: PipelineConfig;
      bases: Partial<Record<TrainStage, Checkpoint>>;
    }
  | { type: 'step'; runId: string }
  | { type: 'cancel'; runId: string };

/** What a stage run posts back (the runs store's messages). */
export type StageResponse =
  | { type: 'progress'; runId: string; stage: TrainStage; step: number; totalSteps: number }
  | { type: 'metrics'; runId: string; stage: TrainStage; metrics: AnyStageMetrics[] }
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

/** What a study posts back (the studies store's messages). */
export type StudyResponse =
  | {
      type: 'study-progress';
      runId: string;
      kind: StudyKind;
      done: number;
      total: number;
      note: string;
    }
  | {
      [K in StudyKind]: { type: 'study-done'; runId: string; kind: K; result: StudyResultMap[K] };
    }[StudyKind]
  | { type: 'study-error'; runId: string; kind: StudyKind; message: string };

/** What a step-through posts back (the ppoStepThrough store's messages). */
export type StepResponse =
  | {
      /** One iteration done; the runner now waits for `step` (or has finished, see step-end). */
      type: 'step-iteration';
      runId: string;
      totalIterations: number;
      metrics: PpoIterationMetrics;
      trace: RolloutTrace;
      /** Wall-clock time of this iteration in the Worker (not deterministic). */
      elapsedMs: number;
    }
  | { type: 'step-end'; runId: string; status: 'completed' | 'diverged'; message: string }
  | { type: 'step-cancelled'; runId: string }
  | { type: 'step-error'; runId: string; message: string };

export type WorkerResponse = StageResponse | StudyResponse | StepResponse;
