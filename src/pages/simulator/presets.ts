/**
 * The Simulator's view of the scenario presets (src/sim/presets.ts): their shareable
 * links and which one the current configuration is.
 */
import type { PipelineConfig } from '../../sim/config';
import { PRESETS, presetConfig, type Preset } from '../../sim/presets';
import { configToQuery } from '../../store/config';

export { PRESETS, findPreset, presetConfig, type Preset } from '../../sim/presets';

/** The config query (without "?") of a preset: its shareable link. */
export function presetQuery(preset: Preset): string {
  return configToQuery(presetConfig(preset));
}

/** The preset whose configuration `config` is exactly, if any. */
export function matchingPreset(config: PipelineConfig): Preset | undefined {
  const query = configToQuery(config);
  return PRESETS.find((preset) => presetQuery(preset) === query);
}
