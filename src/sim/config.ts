/**
 * The pipeline configuration: every knob, declared once.
 *
 * Like TensorFlow Playground's state table, each field is a row of CONFIG_FIELDS
 * (path, range, default, description). The table drives validation here, and the
 * app's sliders and URL parsing later, so a knob's range is written in one place.
 */

export interface ModelConfig {
  /** BPE vocabulary size, special tokens included. */
  vocabSize: number;
  /** Longest sequence the model attends over (positions). */
  contextLength: number;
  /** Embedding width (d_model). */
  width: number;
  /** Attention heads; must divide `width`. */
  heads: number;
  /** Transformer blocks. */
  layers: number;
}

export interface TrainConfig {
  /** Optimiser steps. */
  steps: number;
  /** Sequences per step. */
  batchSize: number;
  /** Peak learning rate (after warmup). */
  learningRate: number;
  /** Linear warmup steps. */
  warmupSteps: number;
  /** Cosine decay floor as a fraction of the peak learning rate. */
  minLrRatio: number;
  /** AdamW decoupled weight decay (matrices only). */
  weightDecay: number;
  /** Global gradient-norm clip (0 disables clipping). */
  gradClip: number;
  /** Held-out loss is measured every this many steps (and at the last step). */
  evalEvery: number;
}

export interface DataConfig {
  /** How many phrasings of each knowledge-base fact the corpus holds (corpus size). */
  phrasingsPerFact: number;
  /** Fraction of the data kept out of training for held-out evaluation. */
  heldOutFraction: number;
  /**
   * Share of pretraining windows drawn from the documents that state a key fact (the
   * rest from the whole corpus): a data-mixture weight, as real pretraining upsamples
   * its most valuable sources. 0 = sample the corpus uniformly.
   */
  factUpsampling: number;
}

/** Stage 3: the reward model (other settings: DEFAULT_REWARD_CONFIG in stages/reward.ts). */
export interface RewardStageConfig {
  steps: number;
  /** Preference pairs per step. */
  batchSize: number;
  learningRate: number;
  /** Share of training labels flipped, as by careless annotators (0 = clean). */
  labelNoise: number;
}

/** Stage 4: PPO (other settings: DEFAULT_PPO_CONFIG in stages/ppo.ts). */
export interface PpoStageConfig {
  iterations: number;
  /** Responses sampled per iteration. */
  rolloutsPerIteration: number;
  learningRate: number;
  /** KL penalty β (its start value when klTarget > 0). */
  klCoef: number;
  /** 0: β fixed; > 0: β adapted toward this KL per response (Ziegler et al. 2019). */
  klTarget: number;
  /** Clip range ε of the surrogate objective. */
  cliprange: number;
}

/** DPO, the comparison to PPO (other settings: DEFAULT_DPO_CONFIG in stages/dpo.ts). */
export interface DpoStageConfig {
  steps: number;
  batchSize: number;
  learningRate: number;
  /** DPO's β: strength of the implicit KL constraint. */
  beta: number;
}

export interface PipelineConfig {
  seed: number;
  model: ModelConfig;
  data: DataConfig;
  pretrain: TrainConfig;
  sft: TrainConfig;
  reward: RewardStageConfig;
  ppo: PpoStageConfig;
  dpo: DpoStageConfig;
}

export interface ConfigField {
  /** Dotted path into PipelineConfig, e.g. "pretrain.learningRate". */
  path: string;
  group: 'general' | 'model' | 'data' | 'pretrain' | 'sft' | 'reward' | 'ppo' | 'dpo';
  label: string;
  min: number;
  max: number;
  /** Integer-valued knob. */
  integer: boolean;
  description: string;
}

const trainFields = (group: 'pretrain' | 'sft', maxSteps: number): ConfigField[] => [
  {
    path: `${group}.steps`,
    group,
    label: 'Steps',
    min: 1,
    max: maxSteps,
    integer: true,
    description: 'Optimiser steps.',
  },
  {
    path: `${group}.batchSize`,
    group,
    label: 'Batch size',
    min: 1,
    max: 64,
    integer: true,
    description: 'Sequences per step.',
  },
  {
    path: `${group}.learningRate`,
    group,
    label: 'Learning rate',
    min: 1e-6,
    max: 1,
    integer: false,
    description: 'Peak learning rate after warmup.',
  },
  {
    path: `${group}.warmupSteps`,
    group,
    label: 'Warmup steps',
    min: 0,
    max: maxSteps,
    integer: true,
    description: 'Linear warmup from 0 to the peak learning rate.',
  },
  {
    path: `${group}.minLrRatio`,
    group,
    label: 'LR floor',
    min: 0,
    max: 1,
    integer: false,
    description: 'Cosine decay ends at this fraction of the peak.',
  },
  {
    path: `${group}.weightDecay`,
    group,
    label: 'Weight decay',
    min: 0,
    max: 1,
    integer: false,
    description: 'AdamW decoupled weight decay on matrices.',
  },
  {
    path: `${group}.gradClip`,
    group,
    label: 'Gradient clip',
    min: 0,
    max: 100,
    integer: false,
    description: 'Global-norm clip; 0 disables it.',
  },
  {
    path: `${group}.evalEvery`,
    group,
    label: 'Eval every',
    min: 1,
    max: maxSteps,
    integer: true,
    description: 'Steps between held-out evaluations.',
  },
];

function field(
  path: string,
  label: string,
  min: number,
  max: number,
  integer: boolean,
  description: string,
): ConfigField {
  const group = path.split('.')[0] as ConfigField['group'];
  return { path, group, label, min, max, integer, description };
}

export const CONFIG_FIELDS: readonly ConfigField[] = [
  {
    path: 'seed',
    group: 'general',
    label: 'Seed',
    min: 0,
    max: 2 ** 31 - 1,
    integer: true,
    description: 'All randomness derives from it.',
  },
  {
    path: 'model.vocabSize',
    group: 'model',
    label: 'Vocabulary',
    min: 260,
    max: 2048,
    integer: true,
    description: 'BPE vocabulary: 256 bytes + special tokens + merges.',
  },
  {
    path: 'model.contextLength',
    group: 'model',
    label: 'Context',
    min: 8,
    max: 256,
    integer: true,
    description: 'Positions the model attends over.',
  },
  {
    path: 'model.width',
    group: 'model',
    label: 'Width',
    min: 8,
    max: 256,
    integer: true,
    description: 'Embedding width (d_model).',
  },
  {
    path: 'model.heads',
    group: 'model',
    label: 'Heads',
    min: 1,
    max: 16,
    integer: true,
    description: 'Attention heads; must divide the width.',
  },
  {
    path: 'model.layers',
    group: 'model',
    label: 'Layers',
    min: 1,
    max: 8,
    integer: true,
    description: 'Transformer blocks.',
  },
  {
    path: 'data.phrasingsPerFact',
    group: 'data',
    label: 'Phrasings per fact',
    min: 1,
    max: 12,
    integer: true,
    description: 'Corpus size: phrasings of each fact.',
  },
  {
    path: 'data.heldOutFraction',
    group: 'data',
    label: 'Held-out fraction',
    min: 0.05,
    max: 0.5,
    integer: false,
    description: 'Share of data kept for evaluation.',
  },
  ...trainFields('pretrain', 20000),
  ...trainFields('sft', 20000),
  field('reward.steps', 'Steps', 1, 2000, true, 'Reward-model optimiser steps.'),
  field('reward.batchSize', 'Pairs per step', 1, 64, true, 'Preference pairs per step.'),
  field('reward.learningRate', 'Learning rate', 1e-6, 1, false, 'Peak learning rate.'),
  field('reward.labelNoise', 'Label noise', 0, 0.5, false, 'Share of labels flipped.'),
  field('ppo.iterations', 'Iterations', 1, 500, true, 'Rollout + update rounds.'),
  field('ppo.rolloutsPerIteration', 'Rollouts', 2, 64, true, 'Responses per iteration.'),
  field('ppo.learningRate', 'Learning rate', 1e-6, 1e-1, false, 'Policy learning rate.'),
  field('ppo.klCoef', 'KL β', 0, 5, false, 'KL penalty coefficient β.'),
  field('ppo.klTarget', 'KL target', 0, 100, false, '0: fixed β; else adapt β to this KL.'),
  field('ppo.cliprange', 'Clip ε', 0.01, 1, false, 'Clip range of the surrogate.'),
  field('dpo.steps', 'Steps', 1, 2000, true, 'DPO optimiser steps.'),
  field('dpo.batchSize', 'Pairs per step', 1, 64, true, 'Preference pairs per step.'),
  field('dpo.learningRate', 'Learning rate', 1e-6, 1, false, 'Peak learning rate.'),
  field('dpo.beta', 'DPO β', 0.001, 10, false, 'Implicit KL constraint strength.'),
];

export const DEFAULT_CONFIG: PipelineConfig = {
  seed: 1,
  model: { vocabSize: 1024, contextLength: 128, width: 64, heads: 4, layers: 2 },
  data: { phrasingsPerFact: 4, heldOutFraction: 0.1, factUpsampling: 0.7 },
  pretrain: {
    steps: 400,
    batchSize: 4,
    learningRate: 5e-3,
    warmupSteps: 30,
    minLrRatio: 0.1,
    weightDecay: 0.01,
    gradClip: 1,
    evalEvery: 50,
  },
  sft: {
    steps: 150,
    batchSize: 4,
    learningRate: 3e-3,
    warmupSteps: 10,
    minLrRatio: 0.1,
    weightDecay: 0.0,
    gradClip: 1,
    evalEvery: 25,
  },
  reward: { steps: 60, batchSize: 8, learningRate: 1e-3, labelNoise: 0 },
  ppo: {
    iterations: 30,
    rolloutsPerIteration: 16,
    learningRate: 3e-4,
    klCoef: 0.2,
    klTarget: 0,
    cliprange: 0.2,
  },
  dpo: { steps: 60, batchSize: 8, learningRate: 3e-4, beta: 0.1 },
};

/** A config problem, naming the field so a UI can put the message next to it. */
export interface ConfigIssue {
  path: string;
  message: string;
}

export function getConfigValue(config: PipelineConfig, path: string): unknown {
  let node: unknown = config;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Returns a deep copy of `config` with `path` set to `value`. */
export function setConfigValue(
  config: PipelineConfig,
  path: string,
  value: number,
): PipelineConfig {
  const copy = structuredClone(config);
  const keys = path.split('.');
  let node = copy as unknown as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[keys[keys.length - 1]] = value;
  return copy;
}

/** Every problem with a config (empty when it is valid). Messages name the field. */
export function validateConfig(config: PipelineConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const field of CONFIG_FIELDS) {
    const value = getConfigValue(config, field.path);
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      issues.push({
        path: field.path,
        message: `${field.path} must be a finite number (got ${String(value)})`,
      });
    } else if (field.integer && !Number.isInteger(value)) {
      issues.push({
        path: field.path,
        message: `${field.path} must be a whole number (got ${value})`,
      });
    } else if (value < field.min || value > field.max) {
      issues.push({
        path: field.path,
        message: `${field.path} must be between ${field.min} and ${field.max} (got ${value})`,
      });
    }
  }
  const { width, heads } = config.model ?? ({} as ModelConfig);
  if (Number.isInteger(width) && Number.isInteger(heads) && heads > 0 && width % heads !== 0) {
    issues.push({
      path: 'model.heads',
      message: `model.heads (${heads}) must divide model.width (${width})`,
    });
  }
  return issues;
}

/** Throws one error listing every problem; stages call this before doing any work. */
export function assertValidConfig(config: PipelineConfig): void {
  const issues = validateConfig(config);
  if (issues.length > 0) {
    throw new ConfigError(issues);
  }
}

export class ConfigError extends Error {
  readonly issues: ConfigIssue[];
  constructor(issues: ConfigIssue[]) {
    super(`Invalid configuration: ${issues.map((i) => i.message).join('; ')}`);
    this.name = 'ConfigError';
    this.issues = issues;
  }
}
