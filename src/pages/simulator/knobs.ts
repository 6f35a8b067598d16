/**
 * The knobs as the Simulator lays them out: grouped by stage, each with its range in
 * words, and an edit checked against validateConfig before it is applied. Pure.
 */
import {
  CONFIG_FIELDS,
  DEFAULT_CONFIG,
  getConfigValue,
  setConfigValue,
  validateConfig,
  type ConfigField,
  type PipelineConfig,
} from '../../sim/config';
import { formatNumber } from '../../store/config';

export type KnobGroup = ConfigField['group'];

/** The fieldsets, in pipeline order, with their legends. */
export const KNOB_GROUPS: readonly { id: KnobGroup; legend: string }[] = [
  { id: 'general', legend: 'General' },
  { id: 'model', legend: 'Model' },
  { id: 'data', legend: 'Data' },
  { id: 'pretrain', legend: 'Pretraining' },
  { id: 'sft', legend: 'SFT' },
  { id: 'reward', legend: 'Reward model' },
  { id: 'ppo', legend: 'PPO' },
  { id: 'dpo', legend: 'DPO' },
];

export function fieldsOf(group: KnobGroup): ConfigField[] {
  return CONFIG_FIELDS.filter((field) => field.group === group);
}

export function fieldByPath(path: string): ConfigField | undefined {
  return CONFIG_FIELDS.find((field) => field.path === path);
}

/** "0.000001 to 1" style range, in words, for the hint under an input. */
export function rangeText(field: ConfigField): string {
  const range = `${formatNumber(field.min)} to ${formatNumber(field.max)}`;
  return field.integer ? `whole number, ${range}` : range;
}

/** Plain decimal or exponent notation (as the URL accepts): not '', 'abc', '0x10', 'Infinity'. */
const NUMBER_PATTERN = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

export type EditCheck = { ok: true; value: number } | { ok: false; messages: string[] };

/**
 * Whether typing `text` into the knob at `path` gives a valid configuration. The
 * messages are validateConfig's for the edited config (an edit can break another
 * rule: a width the heads no longer divide), so the field can show why it is refused.
 */
export function checkEdit(config: PipelineConfig, path: string, text: string): EditCheck {
  const trimmed = text.trim();
  if (!NUMBER_PATTERN.test(trimmed)) {
    return {
      ok: false,
      messages: [
        trimmed === '' ? `${path} needs a value.` : `${path}: “${trimmed}” is not a number.`,
      ],
    };
  }
  const value = Number(trimmed);
  const issues = validateConfig(setConfigValue(config, path, value));
  return issues.length === 0
    ? { ok: true, value }
    : { ok: false, messages: issues.map((i) => i.message) };
}

/** Short names for the knobs a run name most often mentions. */
const SHORT_NAMES: Record<string, string> = {
  seed: 'seed',
  'ppo.klCoef': 'β',
  'ppo.klTarget': 'KL target',
  'ppo.iterations': 'PPO iterations',
  'reward.labelNoise': 'label noise',
  'data.phrasingsPerFact': 'phrasings',
  'data.heldOutFraction': 'held-out',
  'dpo.beta': 'DPO β',
};

const GROUP_PREFIX: Record<KnobGroup, string> = {
  general: '',
  model: '',
  data: '',
  pretrain: 'pretrain ',
  sft: 'SFT ',
  reward: 'RM ',
  ppo: 'PPO ',
  dpo: 'DPO ',
};

function shortName(field: ConfigField): string {
  return SHORT_NAMES[field.path] ?? `${GROUP_PREFIX[field.group]}${field.label.toLowerCase()}`;
}

/** The knobs where `config` differs from the defaults, as "seed 2", "β 0". */
export function configDifferences(config: PipelineConfig): string[] {
  const out: string[] = [];
  for (const field of CONFIG_FIELDS) {
    const value = getConfigValue(config, field.path);
    if (typeof value === 'number' && value !== getConfigValue(DEFAULT_CONFIG, field.path)) {
      out.push(`${shortName(field)} ${formatNumber(value)}`);
    }
  }
  return out;
}
