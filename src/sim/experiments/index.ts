/**
 * The Challenges page's studies: small, seeded experiments that return chart data.
 */
export {
  DEFAULT_PROBE_L2,
  assertPairFeatures,
  differenceAccuracy,
  differenceMargin,
  extractPairFeatures,
  fitProbeOnDifferences,
  fitRewardProbe,
  pairDifferences,
  prepareProbeStudy,
  probeAccuracy,
  probeObjective,
  probeProbability,
  probeReward,
  summarise,
  type DifferenceMatrix,
  type ExtractOptions,
  type PairFeatures,
  type ProbeFitOptions,
  type ProbeStudyData,
  type RewardProbe,
  type Spread,
} from './rewardProbe';
export {
  ANNOTATORS,
  DEFAULT_NOISE_RATES,
  expectedKappa,
  majorityErrorRate,
  runAnnotationStudy,
  type AnnotationPoint,
  type AnnotationStudyOptions,
  type AnnotationStudyResult,
} from './annotation';
export {
  DEFAULT_LABEL_COST,
  DEFAULT_LABEL_COUNTS,
  LABEL_COST_SOURCE,
  labellingCost,
  runLabelCostStudy,
  type LabelCostModel,
  type LabelCostOptions,
  type LabelCostPoint,
  type LabelCostResult,
} from './labelCost';
export {
  DEFAULT_REWARD_HACKING_OPTIONS,
  biasedLabels,
  runRewardHackingStudy,
  type AnnotatorBias,
  type HackingPoint,
  type HackingRun,
  type RewardHackingOptions,
  type RewardHackingResult,
} from './rewardHacking';
export {
  DEFAULT_DISTRIBUTION_SHIFT_OPTIONS,
  runDistributionShiftStudy,
  type DistributionShiftOptions,
  type DistributionShiftResult,
  type ShiftAccuracy,
} from './distributionShift';
