/**
 * Scenario presets: each a named set of knob changes from the default configuration,
 * with one line on what it shows. Applying a preset replaces the config with
 * DEFAULT_CONFIG plus its changes, so a scenario means the same thing every time. The
 * URL accepts `?preset=<id>` (src/store/config.ts); the Simulator page lists them.
 */
import { DEFAULT_CONFIG, setConfigValue, type PipelineConfig } from './config';

export interface Preset {
  id: string;
  title: string;
  /** One line: what changes and what to look at. */
  explanation: string;
  /** Knob path → value, applied to DEFAULT_CONFIG. */
  changes: Readonly<Record<string, number>>;
}

export const PRESETS: readonly Preset[] = [
  {
    id: 'default',
    title: 'Default',
    explanation: 'The configuration of the shipped run that the stage pages show.',
    changes: {},
  },
  {
    id: 'another-seed',
    title: 'Another seed',
    explanation:
      'The same settings with seed 2: how far two runs differ by chance alone, the yardstick for every other comparison.',
    changes: { seed: 2 },
  },
  {
    id: 'no-kl-penalty',
    title: 'No KL penalty',
    explanation:
      'β = 0: nothing holds the PPO policy near the SFT model, so compare its KL and gold grade with the default’s.',
    changes: { 'ppo.klCoef': 0 },
  },
  {
    id: 'noisy-annotators',
    title: 'Noisy annotators',
    explanation:
      '30% of the reward model’s training labels flipped: compare its held-out accuracy, then what PPO learns from it.',
    changes: { 'reward.labelNoise': 0.3 },
  },
  {
    id: 'tiny-data',
    title: 'Tiny data',
    explanation:
      'One phrasing of each fact instead of four: a much smaller corpus, so compare the held-out losses.',
    changes: { 'data.phrasingsPerFact': 1 },
  },
  {
    id: 'reward-hacking',
    title: 'Reward hacking',
    explanation:
      'β = 0 and four times the PPO iterations: time for the policy to exploit the reward model — does the gold grade follow its score?',
    changes: { 'ppo.klCoef': 0, 'ppo.iterations': 120 },
  },
];

/** The configuration a preset describes. */
export function presetConfig(preset: Preset): PipelineConfig {
  let config = structuredClone(DEFAULT_CONFIG);
  for (const [path, value] of Object.entries(preset.changes)) {
    config = setConfigValue(config, path, value);
  }
  return config;
}

export function findPreset(id: string): Preset | undefined {
  return PRESETS.find((preset) => preset.id === id);
}
