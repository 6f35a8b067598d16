/**
 * Loads the shipped default run's checkpoints (public/default-run/) for tests that
 * start from a trained model instead of training one (minutes) first.
 * tests/unit/defaultRun.test.ts checks these files are exactly what the core produces.
 */
import { readFileSync } from 'node:fs';
import { DEFAULT_CONFIG, type PipelineConfig } from '../../../src/sim/config';
import type { Checkpoint } from '../../../src/sim/stages/types';
import type { TrainStage } from '../../../src/worker/protocol';
import { bytesToFloat32, type ShippedManifest } from '../../../src/worker/shippedFormat';

const RUN_DIR = new URL('../../../public/default-run/', import.meta.url);

/** The shipped manifest (metrics, summaries) as written by `npm run checkpoints`. */
export function loadShippedManifest(): ShippedManifest {
  return JSON.parse(readFileSync(new URL('manifest.json', RUN_DIR), 'utf8')) as ShippedManifest;
}

/** The shipped checkpoint of `stage` and the pipeline config it was trained with. */
export function loadShippedCheckpoint(stage: TrainStage): {
  config: PipelineConfig;
  checkpoint: Checkpoint;
} {
  const manifest = loadShippedManifest();
  const entry = manifest.stages[stage];
  const bytes = readFileSync(new URL(entry.paramsFile, RUN_DIR));
  const params = bytesToFloat32(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
  );
  // Sections added after the run was shipped take their defaults.
  const config = { ...DEFAULT_CONFIG, ...manifest.config };
  const checkpoint: Checkpoint = { stage, config, params, tokenizer: entry.tokenizer };
  if (entry.head) {
    checkpoint.head = {
      w: Float32Array.from(entry.head.w),
      b: entry.head.b,
      offset: entry.head.offset,
    };
  }
  return { config, checkpoint };
}
