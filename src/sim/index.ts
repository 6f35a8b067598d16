/**
 * The public surface of the simulation core. Pages, the Worker, the CLI and tests
 * import from here only. Everything below is pure TypeScript: no DOM, no React, no
 * randomness outside `createRng`.
 */
export { createRng, type Rng } from './core/rng';
export { gradCheck, type GradCheckResult } from './core/gradcheck';
export { IGNORE_INDEX } from './core/ops';
export {
  CONFIG_FIELDS,
  DEFAULT_CONFIG,
  ConfigError,
  assertValidConfig,
  getConfigValue,
  setConfigValue,
  validateConfig,
  type ConfigField,
  type ConfigIssue,
  type DataConfig,
  type ModelConfig,
  type DpoStageConfig,
  type PipelineConfig,
  type PpoStageConfig,
  type RewardStageConfig,
  type TrainConfig,
} from './config';

// Text
export { BpeTokenizer, SPECIAL_TOKENS, formatChat, formatPrompt } from './text';
export type { Explanation, ExplainedToken, ExplainedWord, AppliedMerge } from './text';

// Model
export { Gpt, initParams, parameterCount, paramLayout, trainingFlopsPerToken } from './model/gpt';
export {
  KvDecoder,
  continuationLogProbs,
  generate,
  generateSteps,
  runToEnd,
  nextTokenDistribution,
  nextTokenDistributionSteps,
  sampleToken,
  softmax,
  type Generation,
  type GenerateOptions,
  type SamplingOptions,
} from './model/generate';

// Optimisation
export { AdamW, clipGradNorm, globalNorm, learningRateAt, learningRateSchedule } from './optim';

// Data
export * from './data';

// Evaluation
export { crossEntropy, perplexity } from './eval/perplexity';
export { answer, answerSteps, completesWith, runFactProbes, runFormatCheck } from './eval/probes';

// Stages
export { pretrain, type PretrainResult } from './stages/pretrain';
export { preparePretrainData, unigramCrossEntropy, type PretrainData } from './stages/pretrainData';
export { sft, prepareSftData, type SftData, type SftResult } from './stages/sft';
export type { Checkpoint, StageEvent, StageResult, StepMetrics, StepTiming } from './stages/types';
export {
  PIPELINE_STAGES,
  runPipeline,
  type PipelineEvent,
  type PipelineResult,
  type PipelineStage,
  type SftVsPpoRow,
} from './pipeline';

// RLHF formulas (reward model, PPO, KL control, DPO)
export {
  AdaptiveKlController,
  FixedKlController,
  bradleyTerryLoss,
  bradleyTerryMarginGradient,
  bradleyTerryProbability,
  clipFraction,
  clippedValueLoss,
  dpoGradientScale,
  dpoImplicitReward,
  dpoLoss,
  dpoRewardStats,
  exactKl,
  gae,
  isClipped,
  klEstimates,
  logSigmoid,
  ppoClipGradient,
  ppoClipObjective,
  ppoClipObjectiveMean,
  sigmoid,
  softplus,
  whiten,
  type DpoRewardStats,
  type GaeResult,
  type KlController,
  type KlEstimates,
  type Numbers,
} from './rl';

// Scaling projections (published laws, labelled as projections in the app)
export {
  CHINCHILLA_FIT,
  CHINCHILLA_TABLE3,
  CHINCHILLA_TABLE3_COEFFICIENT,
  chinchillaLoss,
  chinchillaOptimal,
  chinchillaOptimalApproach3,
  gpuHours,
  trainingFlops,
  type ChinchillaAllocation,
  type ChinchillaTableRow,
} from './scaling';

// Ratings and agreement
export {
  ELO_PER_NAT,
  bradleyTerryRatings,
  eloExpectedScore,
  eloRatings,
  eloUpdate,
  type BradleyTerryFit,
  type BradleyTerryOptions,
  type Comparison,
} from './eval/elo';
export { fleissKappa } from './eval/kappa';

// Gold grader and alignment scorecard (rule-based, explainable)
export {
  GRADER_WEIGHTS,
  VERDICT_GROUPS,
  VERDICT_GROUP_LABELS,
  alternativePhrases,
  containsNumber,
  findAbsolute,
  findHedge,
  gradeAnswer,
  readVerdict,
  verdictGroup,
  type Grade,
  type GradeRule,
  type GradeRuleId,
  type VerdictGroup,
} from './eval/grader';
export {
  SCORECARD_METRICS,
  SCORECARD_METRIC_IDS,
  buildScorecard,
  type Scorecard,
  type ScorecardEntry,
  type ScorecardInput,
  type ScorecardItemResult,
  type ScorecardMetric,
  type ScorecardMetricId,
} from './eval/scorecard';

// Reward model (Bradley–Terry on the SFT trunk)
export { ScalarHead, scalarHeadLayout } from './model/scalarHead';
export {
  DEFAULT_REWARD_CONFIG,
  rewardModelFromResult,
  scoreResponse,
  scoreResponseSteps,
  trainRewardModel,
  type RewardConfig,
  type RewardModel,
  type RewardResult,
  type RewardStepMetrics,
} from './stages/reward';

// RLHF with PPO, and DPO
export {
  DEFAULT_PPO_CONFIG,
  answerPrompts,
  ppo,
  ppoLossAndGrad,
  type AnsweredPrompt,
  type PpoConfig,
  type PpoEvent,
  type PpoIterationMetrics,
  type PpoOptions,
  type PpoResult,
  type PpoSample,
  type PpoSnapshot,
  type RolloutTrace,
} from './stages/ppo';
export {
  DEFAULT_DPO_CONFIG,
  dpo,
  dpoLossAndGrad,
  responseKl,
  type DpoConfig,
  type DpoOptions,
  type DpoResult,
  type DpoStepMetrics,
} from './stages/dpo';
export {
  DEFAULT_COMPARISON_OPTIONS,
  goldAnnotator,
  sampleComparisons,
  type Annotator,
  type ComparisonOptions,
} from './stages/comparisons';
export { compareModels, type ModelComparison, type ModelReport } from './eval/compareModels';

// The Challenges page's studies
export * from './experiments';
