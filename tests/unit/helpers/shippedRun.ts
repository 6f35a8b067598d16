/**
 * Loads the shipped default run's checkpoints (public/default-run/) for tests that
 * start from a trained model instead of training one (minutes) first.
 */
import { readFileSync } from 'node:fs';
import { DEFAULT_CONFIG, type PipelineConfig } from '../../../src/sim/config';
import type { Checkpoint } from '../../../src/sim/stages/types';
import { bytesToFloat32 } from '../../../src/worker/shippedFormat';

const RUN_DIR = new URL('../../../public/default-run/', import.meta.url);

interface Manifest {
  config: PipelineConfig;
  stages: Record<'pretrain' | 'sft', { tokenizer: Checkpoint['tokenizer'] }>;
}

/** The shipped checkpoint of `stage` and the pipeline config it was trained with. */
export function loadShippedCheckpoint(stage: 'pretrain' | 'sft'): {
  config: PipelineConfig;
  checkpoint: Checkpoint;
} {
  const manifest = JSON.parse(readFileSync(new URL('manifest.json', RUN_DIR), 'utf8')) as Manifest;
  const bytes = readFileSync(new URL(`${stage}.bin`, RUN_DIR));
  const params = bytesToFloat32(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
  );
  // Sections added after the run was shipped take their defaults.
  const config = { ...DEFAULT_CONFIG, ...manifest.config };
  return {
    config,
    checkpoint: {
      stage,
      config,
      params,
      tokenizer: manifest.stages[stage].tokenizer,
    },
  };
}
