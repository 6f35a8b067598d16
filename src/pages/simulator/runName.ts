/**
 * The name a run is offered when kept: its scenario's title when it is exactly a
 * preset, else what differs from the defaults ("seed 2, β 0"); made unique among the
 * kept runs, since names label the comparison's lines. Pure.
 */
import type { PipelineConfig } from '../../sim/config';
import { cleanName, MAX_NAME_LENGTH } from '../../store/savedRuns';
import { configDifferences } from './knobs';
import { matchingPreset } from './presets';

function describeConfig(config: PipelineConfig): string {
  const preset = matchingPreset(config);
  if (preset) return preset.title;
  const text = configDifferences(config).join(', ');
  return text.length <= MAX_NAME_LENGTH ? text : `${text.slice(0, MAX_NAME_LENGTH - 1).trimEnd()}…`;
}

export function defaultRunName(config: PipelineConfig, taken: readonly string[]): string {
  const base = cleanName(describeConfig(config)) || 'Run';
  const used = new Set(taken.map((name) => name.toLowerCase()));
  if (!used.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const name = `${base.slice(0, MAX_NAME_LENGTH - suffix.length)}${suffix}`;
    if (!used.has(name.toLowerCase())) return name;
  }
}
