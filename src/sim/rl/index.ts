/** RLHF formulas: preference losses, advantages, PPO's objectives, KL and its control. */
export {
  bradleyTerryLoss,
  bradleyTerryMarginGradient,
  bradleyTerryProbability,
} from './bradleyTerry';
export { gae, whiten, type GaeResult } from './gae';
export {
  clipFraction,
  clippedValueLoss,
  isClipped,
  ppoClipGradient,
  ppoClipObjective,
  ppoClipObjectiveMean,
} from './ppo';
export { exactKl, klEstimates, type KlEstimates } from './kl';
export { AdaptiveKlController, FixedKlController, type KlController } from './adaptiveKl';
export {
  dpoGradientScale,
  dpoImplicitReward,
  dpoLoss,
  dpoRewardStats,
  type DpoRewardStats,
} from './dpo';
export { logSigmoid, sigmoid, softplus } from './numeric';
export type { Numbers } from './validate';
