/**
 * Pure helpers for the PPO page: the settings a run was trained with (read from its
 * configuration key), axis ranges for streaming charts, means of answered prompts,
 * and number formatting that never prints "NaN" or "-0.00".
 */
import { fmt, niceCeil } from '../../components/run/metrics';
import type { AnsweredPrompt, PpoIterationMetrics, PpoStageConfig } from '../../sim';

const PPO_KEYS: readonly (keyof PpoStageConfig)[] = [
  'iterations',
  'rolloutsPerIteration',
  'learningRate',
  'klCoef',
  'klTarget',
  'cliprange',
];

/**
 * The PPO settings of the run whose configuration key is `key` (see stageKey in
 * src/store/runs.ts: the JSON of the configuration parts the run depends on). Null
 * when there is no key or it does not hold a complete PPO block.
 */
export function ppoConfigFromKey(key: string | null): PpoStageConfig | null {
  if (!key) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(key);
  } catch {
    return null;
  }
  if (parsed === null || typeof parsed !== 'object') return null;
  const block = (parsed as Record<string, unknown>).ppo;
  if (block === null || typeof block !== 'object') return null;
  const values = block as Record<string, unknown>;
  if (!PPO_KEYS.every((k) => typeof values[k] === 'number' && Number.isFinite(values[k]))) {
    return null;
  }
  const out = {} as PpoStageConfig;
  for (const k of PPO_KEYS) out[k] = values[k] as number;
  return out;
}

/** Fixed decimals, "—" when missing, and never "-0.00". */
export function num(value: number | null | undefined, digits = 2): string {
  const text = fmt(value, digits);
  return text !== '—' && Number(text) === 0 ? text.replace('-', '') : text;
}

/** A signed number: "+1.20", "−0.35" (a true minus sign), "0.00". */
export function signed(value: number | null | undefined, digits = 2): string {
  const text = num(value, digits);
  if (text === '—' || Number(text) === 0) return text;
  return text.startsWith('-') ? `−${text.slice(1)}` : `+${text}`;
}

/**
 * A y range that holds every finite value (and 0), with round ends: it changes only
 * when the data outgrows it, so a streaming chart rarely re-ranges.
 */
export function roundRange(
  lists: readonly (readonly number[])[],
  emptyTop = 1,
): readonly [number, number] {
  let lo = 0;
  let hi = 0;
  let any = false;
  for (const list of lists) {
    for (const v of list) {
      if (!Number.isFinite(v)) continue;
      any = true;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (!any) return [0, emptyTop];
  const top = hi > 0 ? niceCeil(hi * 1.05) : lo < 0 ? 0 : emptyTop;
  const bottom = lo < 0 ? -niceCeil(-lo * 1.05) : 0;
  return [bottom, top];
}

export interface HeldOutPoints {
  iteration: number[];
  score: number[];
  gold: number[];
}

/** The held-out evaluations of a run, with the SFT model's (iteration 0) when known. */
export function ppoHeldOutPoints(
  metrics: readonly PpoIterationMetrics[],
  before?: readonly AnsweredPrompt[],
): HeldOutPoints {
  const out: HeldOutPoints = { iteration: [], score: [], gold: [] };
  if (before && before.length > 0) {
    out.iteration.push(0);
    out.score.push(meanOf(before, (a) => a.score));
    out.gold.push(meanOf(before, (a) => a.goldScore));
  }
  for (const m of metrics) {
    if (m.heldOutScore !== undefined && m.heldOutGoldScore !== undefined) {
      out.iteration.push(m.iteration);
      out.score.push(m.heldOutScore);
      out.gold.push(m.heldOutGoldScore);
    }
  }
  return out;
}

/** Mean of `pick` over `items`; NaN for none (formatted as "—"). */
export function meanOf<T>(items: readonly T[], pick: (item: T) => number): number {
  if (items.length === 0) return Number.NaN;
  return items.reduce((sum, item) => sum + pick(item), 0) / items.length;
}

/** "rose from a to b unit", "fell from a to b unit", or "stayed at a unit". */
export function trend(from: number, to: number, digits = 2, unit = ''): string {
  const a = num(from, digits);
  const b = num(to, digits);
  if (a === '—' || b === '—') return `went from ${a} to ${b}${unit}`;
  if (a === b) return `stayed at ${a}${unit}`;
  return `${to > from ? 'rose' : 'fell'} from ${a} to ${b}${unit}`;
}
