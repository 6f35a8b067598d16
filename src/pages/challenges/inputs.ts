/**
 * The studies' controls, read and checked before anything is sent to the Worker: a
 * value that the study would reject (or that makes no sense, such as a noise rate above
 * ½) gives a message in words and no request. Pure, so it is tested without a browser.
 */
import type { AnnotatorBias } from '../../sim/experiments/rewardHacking';
import type { StudyRequest } from '../../worker/protocol';

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

export interface NumberRule {
  /** How the value is called in messages, e.g. "Iterations". */
  name: string;
  min: number;
  max: number;
  integer?: boolean;
  /** The minimum itself is not allowed (e.g. "more than 0"). */
  minExclusive?: boolean;
}

/** Plain decimal or exponent notation only. */
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

function rangeText({ min, max, minExclusive }: NumberRule): string {
  if (max === Infinity) return minExclusive ? `more than ${min}` : `at least ${min}`;
  return minExclusive ? `more than ${min} and at most ${max}` : `between ${min} and ${max}`;
}

/** Checks one typed value against `rule`. */
export function checkNumber(text: string, rule: NumberRule): Checked<number> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: `${rule.name}: enter a number.` };
  if (!NUMBER.test(trimmed)) {
    return { ok: false, message: `${rule.name} must be a number; “${trimmed}” is not one.` };
  }
  const value = Number(trimmed);
  if (rule.integer && !Number.isInteger(value)) {
    return { ok: false, message: `${rule.name} must be a whole number; ${trimmed} is not.` };
  }
  const low = rule.minExclusive ? value <= rule.min : value < rule.min;
  if (low || value > rule.max || !Number.isFinite(value)) {
    return { ok: false, message: `${rule.name} must be ${rangeText(rule)}; ${trimmed} is not.` };
  }
  return { ok: true, value };
}

/**
 * Checks a list typed with commas or spaces ("0, 0.1, 0.2"); returns the values sorted
 * and without repeats.
 */
export function checkNumberList(
  text: string,
  rule: NumberRule & { maxCount: number },
): Checked<number[]> {
  const parts = text
    .split(/[,;\s]+/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 0) {
    return { ok: false, message: `${rule.name}: enter at least one value.` };
  }
  const values: number[] = [];
  for (const part of parts) {
    const one = checkNumber(part, { ...rule, name: 'Each value' });
    if (!one.ok) return { ok: false, message: `${rule.name}: ${one.message}` };
    values.push(one.value);
  }
  const unique = [...new Set(values)].sort((a, b) => a - b);
  if (unique.length > rule.maxCount) {
    return {
      ok: false,
      message: `${rule.name}: at most ${rule.maxCount} values; you entered ${unique.length}.`,
    };
  }
  return { ok: true, value: unique };
}

/** A list as typed back into its field: "0, 0.1, 0.2". */
export function listDraft(values: readonly number[]): string {
  return values.join(', ');
}

/** Each field's message of a built form (none when it was built). */
export function errorsOf<R, F extends string>(built: Built<R, F>): Partial<Record<F, string>> {
  return built.ok ? {} : built.errors;
}

/** The messages in field order. */
export function errorList(errors: Partial<Record<string, string>>): string[] {
  return Object.values(errors).filter((e): e is string => typeof e === 'string');
}

const OK: Checked<null> = { ok: true, value: null };

export const SEED_RULE: NumberRule = { name: 'Seed', min: 0, max: 2 ** 31 - 1, integer: true };

/** What a form gives back: the request to send, or each failing field's message. */
export type Built<R, F extends string> =
  { ok: true; request: R } | { ok: false; errors: Partial<Record<F, string>> };

/** Each failing check's message, by field (empty when all passed). */
export function failures<F extends string>(
  checks: Record<F, Checked<unknown>>,
): Partial<Record<F, string>> {
  const errors: Partial<Record<F, string>> = {};
  for (const field of Object.keys(checks) as F[]) {
    const check = checks[field];
    if (!check.ok) errors[field] = check.message;
  }
  return errors;
}

// ─── reward hacking ───

/** The β values offered (checkboxes). */
export const BETA_CHOICES: readonly number[] = [0, 0.05, 0.2, 0.5];
export const ITERATIONS_RULE: NumberRule = { name: 'Iterations', min: 3, max: 64, integer: true };

export interface HackingDraft {
  bias: AnnotatorBias;
  betas: readonly number[];
  iterations: string;
  seed: string;
}

export type HackingRequest = Extract<StudyRequest, { kind: 'rewardHacking' }>;

export function buildHackingRequest(
  draft: HackingDraft,
): Built<HackingRequest, keyof HackingDraft> {
  const iterations = checkNumber(draft.iterations, ITERATIONS_RULE);
  const seed = checkNumber(draft.seed, SEED_RULE);
  const betas: Checked<number[]> =
    draft.betas.length === 0
      ? { ok: false, message: 'Select at least one β: the study compares PPO runs, one per β.' }
      : { ok: true, value: [...new Set(draft.betas)].sort((a, b) => a - b) };
  if (!iterations.ok || !seed.ok || !betas.ok) {
    return { ok: false, errors: failures({ bias: OK, betas, iterations, seed }) };
  }
  return {
    ok: true,
    request: {
      kind: 'rewardHacking',
      seed: seed.value,
      options: { bias: draft.bias, betas: betas.value, iterations: iterations.value },
    },
  };
}

// ─── annotation quality ───

export const NOISE_RULE = { name: 'Noise rates', min: 0, max: 0.5, maxCount: 11 };
export const REPEATS_RULE: NumberRule = { name: 'Repeats', min: 1, max: 20, integer: true };

export interface AnnotationDraft {
  noiseRates: string;
  repeats: string;
  seed: string;
}

export type AnnotationRequest = Extract<StudyRequest, { kind: 'annotation' }>;

export function buildAnnotationRequest(
  draft: AnnotationDraft,
): Built<AnnotationRequest, keyof AnnotationDraft> {
  const noise = checkNumberList(draft.noiseRates, NOISE_RULE);
  const repeats = checkNumber(draft.repeats, REPEATS_RULE);
  const seed = checkNumber(draft.seed, SEED_RULE);
  if (!noise.ok || !repeats.ok || !seed.ok) {
    return { ok: false, errors: failures({ noiseRates: noise, repeats, seed }) };
  }
  return {
    ok: true,
    request: {
      kind: 'annotation',
      seed: seed.value,
      options: { noiseRates: noise.value, repeats: repeats.value },
    },
  };
}

// ─── distribution shift ───

export const PAIRS_RULE: NumberRule = {
  name: 'Pairs per model',
  min: 4,
  max: 200,
  integer: true,
};

export interface ShiftDraft {
  pairsPerModel: string;
  seed: string;
}

export type ShiftRequest = Extract<StudyRequest, { kind: 'distributionShift' }>;

export function buildShiftRequest(draft: ShiftDraft): Built<ShiftRequest, keyof ShiftDraft> {
  const pairs = checkNumber(draft.pairsPerModel, PAIRS_RULE);
  const seed = checkNumber(draft.seed, SEED_RULE);
  if (!pairs.ok || !seed.ok) {
    return { ok: false, errors: failures({ pairsPerModel: pairs, seed }) };
  }
  return {
    ok: true,
    request: {
      kind: 'distributionShift',
      seed: seed.value,
      options: { pairsPerModel: pairs.value },
    },
  };
}

// ─── label cost ───

export const MINUTES_RULE: NumberRule = {
  name: 'Minutes per comparison',
  min: 0,
  max: 10_000,
  minExclusive: true,
};
export const RATE_RULE: NumberRule = {
  name: 'Hourly rate',
  min: 0,
  max: 1_000_000,
  minExclusive: true,
};
export const LABEL_COUNTS_RULE = {
  name: 'Label counts',
  min: 1,
  max: 100_000,
  integer: true,
  maxCount: 10,
};

export interface CostDraft {
  minutesPerComparison: string;
  hourlyRate: string;
}

export interface LabelCostDraft extends CostDraft {
  labelCounts: string;
  repeats: string;
  seed: string;
}

export type LabelCostRequest = Extract<StudyRequest, { kind: 'labelCost' }>;

/** The cost model typed in, or the messages saying why it cannot be used. */
export function checkCostModel(
  draft: CostDraft,
): Checked<{ minutesPerComparison: number; hourlyRate: number }> {
  const minutes = checkNumber(draft.minutesPerComparison, MINUTES_RULE);
  const rate = checkNumber(draft.hourlyRate, RATE_RULE);
  if (!minutes.ok) return minutes;
  if (!rate.ok) return rate;
  return { ok: true, value: { minutesPerComparison: minutes.value, hourlyRate: rate.value } };
}

export function buildLabelCostRequest(
  draft: LabelCostDraft,
): Built<LabelCostRequest, keyof LabelCostDraft> {
  const minutes = checkNumber(draft.minutesPerComparison, MINUTES_RULE);
  const rate = checkNumber(draft.hourlyRate, RATE_RULE);
  const counts = checkNumberList(draft.labelCounts, LABEL_COUNTS_RULE);
  const repeats = checkNumber(draft.repeats, REPEATS_RULE);
  const seed = checkNumber(draft.seed, SEED_RULE);
  if (!minutes.ok || !rate.ok || !counts.ok || !repeats.ok || !seed.ok) {
    return {
      ok: false,
      errors: failures({
        minutesPerComparison: minutes,
        hourlyRate: rate,
        labelCounts: counts,
        repeats,
        seed,
      }),
    };
  }
  return {
    ok: true,
    request: {
      kind: 'labelCost',
      seed: seed.value,
      options: {
        minutesPerComparison: minutes.value,
        hourlyRate: rate.value,
        labelCounts: counts.value,
        repeats: repeats.value,
      },
    },
  };
}
