/**
 * The pipeline configuration the app trains with, mirrored in the URL query so a run
 * can be shared as a link.
 *
 * Query keys are CONFIG_FIELDS' dotted paths (`?pretrain.learningRate=0.01&seed=7`);
 * only values that differ from DEFAULT_CONFIG are written. Parsing never throws and
 * never yields an invalid config: bad input is ignored or clamped, and every change
 * is reported as a notice the layout shows. URL ↔ store syncing lives in
 * src/app/ConfigUrlSync.tsx; this module is pure apart from the zustand store.
 */
import { create } from 'zustand';
import { findPreset, presetConfig } from '../sim/presets';
import {
  CONFIG_FIELDS,
  DEFAULT_CONFIG,
  getConfigValue,
  setConfigValue,
  type ConfigField,
  type PipelineConfig,
} from '../sim/config';

export interface ParsedConfig {
  config: PipelineConfig;
  /** Human-readable reports of what was ignored, clamped or corrected. */
  notices: string[];
}

const FIELD_BY_PATH = new Map(CONFIG_FIELDS.map((field) => [field.path, field]));

/** Plain decimal or exponent notation only: rejects '', 'abc', '0x10', 'Infinity', 'NaN'. */
const NUMBER_PATTERN = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/** Compact, exact enough for messages: 0.000001 → "1e-6", 2147483647 stays whole. */
export function formatNumber(value: number): string {
  if (value !== 0 && Math.abs(value) < 1e-3) return value.toExponential();
  return String(value);
}

function describe(field: ConfigField): string {
  return `${field.label} (${field.path})`;
}

/**
 * Brings one raw number into `field`'s domain: rounds integer knobs and clamps to
 * [min, max]. Returns the value to use and, when it changed, a notice.
 */
export function normalizeField(
  field: ConfigField,
  raw: number,
): { value: number; notice?: string } {
  const notices: string[] = [];
  let value = raw;
  if (field.integer && !Number.isInteger(value)) {
    value = Math.round(value);
    notices.push(
      `${describe(field)} must be a whole number: ${formatNumber(raw)} rounded to ${value}.`,
    );
  }
  if (value < field.min || value > field.max) {
    const clamped = Math.min(field.max, Math.max(field.min, value));
    notices.push(
      `${describe(field)} = ${formatNumber(value)} is outside ${formatNumber(field.min)}–${formatNumber(field.max)}; clamped to ${formatNumber(clamped)}.`,
    );
    value = clamped;
  }
  return { value, notice: notices.length > 0 ? notices.join(' ') : undefined };
}

/**
 * Attention heads must divide the width. When they do not, use the divisor of the
 * width closest to the requested heads (ties go to more heads), within the heads'
 * range, and say so.
 */
export function fixHeads(config: PipelineConfig): { config: PipelineConfig; notice?: string } {
  const { width, heads } = config.model;
  if (width % heads === 0) return { config };
  const field = FIELD_BY_PATH.get('model.heads');
  const max = field ? field.max : heads;
  let best = 1;
  for (let h = 1; h <= Math.min(max, width); h++) {
    if (width % h === 0 && Math.abs(h - heads) <= Math.abs(best - heads)) best = h;
  }
  return {
    config: setConfigValue(config, 'model.heads', best),
    notice: `Heads (model.heads) = ${heads} does not divide Width (model.width) = ${width}; using ${best} heads.`,
  };
}

/**
 * Reads a pipeline config from a URL query string (with or without the leading "?").
 * Keys absent from the query keep their DEFAULT_CONFIG value.
 */
export function parseConfigQuery(search: string): ParsedConfig {
  const params = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  const notices: string[] = [];
  let config = structuredClone(DEFAULT_CONFIG);
  const seen = new Set<string>();

  // A named scenario first (src/sim/presets.ts); explicit settings then override it.
  const preset = params.get('preset');
  if (preset !== null) {
    params.delete('preset');
    const found = findPreset(preset.trim());
    if (found) config = presetConfig(found);
    else notices.push(`Unknown scenario "${preset}" ignored.`);
  }

  for (const [key, rawValue] of params) {
    const field = FIELD_BY_PATH.get(key);
    if (!field) {
      notices.push(`Unknown setting "${key}" ignored.`);
      continue;
    }
    if (seen.has(key))
      notices.push(`${describe(field)} was given more than once; the last value is used.`);
    seen.add(key);
    const text = rawValue.trim();
    if (!NUMBER_PATTERN.test(text)) {
      const kept = getConfigValue(config, key);
      notices.push(`${describe(field)} = "${rawValue}" is not a number; kept ${String(kept)}.`);
      continue;
    }
    const { value, notice } = normalizeField(field, Number(text));
    if (notice) notices.push(notice);
    config = setConfigValue(config, key, value);
  }

  const fixed = fixHeads(config);
  if (fixed.notice) notices.push(fixed.notice);
  return { config: fixed.config, notices };
}

/** The query string (without "?") holding only the values that differ from the defaults. */
export function configToQuery(config: PipelineConfig): string {
  const params = new URLSearchParams();
  for (const field of CONFIG_FIELDS) {
    const value = getConfigValue(config, field.path);
    if (value !== getConfigValue(DEFAULT_CONFIG, field.path)) params.set(field.path, String(value));
  }
  return params.toString();
}

export interface ConfigState {
  /** Always valid (validateConfig(config) is empty). */
  config: PipelineConfig;
  /** Notices from the last URL parse or refused edit; shown by the layout until dismissed. */
  notices: string[];
  /** Replaces the config with the one a query describes; returns it. */
  applyQuery(search: string): PipelineConfig;
  /**
   * Sets one knob (for sliders and inputs). A non-finite value is refused and the old
   * value kept; others are rounded/clamped. Returns the notice, if any.
   */
  setField(path: string, value: number): string | undefined;
  reset(): void;
  dismissNotices(): void;
}

export const useConfigStore = create<ConfigState>()((set, get) => ({
  config: DEFAULT_CONFIG,
  notices: [],
  applyQuery(search) {
    const { config, notices } = parseConfigQuery(search);
    set({ config, notices });
    return config;
  },
  setField(path, raw) {
    const field = FIELD_BY_PATH.get(path);
    if (!field) return `Unknown setting "${path}".`;
    if (!Number.isFinite(raw)) {
      const notice = `${describe(field)} must be a number; kept ${String(getConfigValue(get().config, path))}.`;
      set({ notices: [notice] });
      return notice;
    }
    const { value, notice } = normalizeField(field, raw);
    const fixed = fixHeads(setConfigValue(get().config, path, value));
    const combined = [notice, fixed.notice].filter((n): n is string => n !== undefined);
    set({ config: fixed.config, notices: combined });
    return combined.length > 0 ? combined.join(' ') : undefined;
  },
  reset() {
    set({ config: DEFAULT_CONFIG, notices: [] });
  },
  dismissNotices() {
    set({ notices: [] });
  },
}));

/** The "?…" suffix that carries the current config onto internal links ('' for defaults). */
export function useConfigSearch(): string {
  const query = useConfigStore((state) => configToQuery(state.config));
  return query ? `?${query}` : '';
}
