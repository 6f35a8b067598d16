/**
 * `npm run checkpoints`: trains the default run with the core and writes it to
 * public/default-run/ (manifest.json + one .bin of float32 weights per stage), which
 * the app shows on landing. tests/unit/defaultRun.test.ts checks the files are exactly
 * what the core produces now: rerun this after changing the core or the defaults.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { DEFAULT_CONFIG } from '../src/sim/config';
import { buildDefaultRun, float32ToBytes } from '../src/worker/defaultRun';

const dir = 'public/default-run';
const started = performance.now();
const { manifest, params } = buildDefaultRun(DEFAULT_CONFIG);
mkdirSync(dir, { recursive: true });
writeFileSync(`${dir}/manifest.json`, JSON.stringify(manifest));
for (const [stage, values] of Object.entries(params)) {
  writeFileSync(`${dir}/${stage}.bin`, float32ToBytes(values));
}
console.log(`wrote ${dir} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
for (const [stage, s] of Object.entries(manifest.stages)) {
  console.log(`  ${stage}: ${s.status}, ${s.metrics.length} steps, ${s.paramCount} parameters`);
}
