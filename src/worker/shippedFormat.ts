/**
 * The file format of the shipped default run (public/default-run/): a manifest with
 * the metrics and summaries, and one little-endian float32 file of weights per stage.
 * Kept apart from the builder so the main thread can read it without importing the
 * training code.
 */
import type { PipelineConfig } from '../sim/config';
import type { Checkpoint } from '../sim/stages/types';
import type { AnyStageMetrics, StageSummary, TrainStage } from './protocol';

export interface ShippedStage {
  status: 'completed' | 'diverged';
  message: string;
  metrics: AnyStageMetrics[];
  summary: StageSummary;
  tokenizer: Checkpoint['tokenizer'];
  /** File (next to the manifest) holding the weights as little-endian float32. */
  paramsFile: string;
  paramCount: number;
  /** The reward model's scalar head and offset (stage 'reward'), as plain numbers. */
  head?: { w: number[]; b: number; offset: number };
}

export interface ShippedManifest {
  version: 1;
  config: PipelineConfig;
  stages: Record<TrainStage, ShippedStage>;
}

/** Little-endian bytes of a Float32Array, independent of the machine's byte order. */
export function float32ToBytes(values: Float32Array): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return bytes;
}

export function bytesToFloat32(bytes: ArrayBuffer): Float32Array {
  const view = new DataView(bytes);
  const out = new Float32Array(bytes.byteLength / 4);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}
