/**
 * The default run the app ships (`npm run checkpoints` → public/default-run/), built
 * by the same code path the Worker uses, so what a student sees on landing is exactly
 * what "train live" reproduces. A unit test rebuilds it and compares byte for byte.
 *
 * Wall-clock timing is dropped from shipped metrics: it is the one thing that is not
 * deterministic.
 */
import type { PipelineConfig } from '../sim/config';
import type { Checkpoint } from '../sim/stages/types';
import {
  STAGE_INPUTS,
  TRAIN_STAGES,
  type AnyStageMetrics,
  type TrainStage,
  type WorkerResponse,
} from './protocol';
import { createStageRunner } from './runStage';
import type { ShippedManifest, ShippedStage } from './shippedFormat';

export {
  bytesToFloat32,
  float32ToBytes,
  type ShippedManifest,
  type ShippedStage,
} from './shippedFormat';

export interface BuiltDefaultRun {
  manifest: ShippedManifest;
  params: Record<TrainStage, Float32Array>;
}

/** Runs one stage to the end in this thread, collecting what the Worker would post. */
export function runStageToEnd(
  stage: TrainStage,
  config: PipelineConfig,
  bases: Partial<Record<TrainStage, Checkpoint>> = {},
): {
  metrics: AnyStageMetrics[];
  checkpoint: Checkpoint;
  done: Extract<WorkerResponse, { type: 'done' }>;
} {
  const metrics: AnyStageMetrics[] = [];
  let checkpoint: Checkpoint | null = null;
  let done: Extract<WorkerResponse, { type: 'done' }> | null = null;
  let failure: string | null = null;
  const runner = createStageRunner(
    { type: 'start', runId: 'default', stage, config, bases },
    (m) => {
      if (m.type === 'metrics') metrics.push(...m.metrics);
      else if (m.type === 'checkpoint') checkpoint = m.checkpoint;
      else if (m.type === 'done') done = m;
      else if (m.type === 'error') failure = m.message;
    },
  );
  while (runner.slice()) {
    /* keep going */
  }
  if (failure) throw new Error(`${stage}: ${failure}`);
  if (!checkpoint || !done) throw new Error(`${stage}: the stage ended without a checkpoint`);
  return { metrics, checkpoint, done };
}

/** Runs every stage in pipeline order, each from the checkpoints it starts from. */
export function buildDefaultRun(
  config: PipelineConfig,
  stages: readonly TrainStage[] = TRAIN_STAGES,
): BuiltDefaultRun {
  const checkpoints: Partial<Record<TrainStage, Checkpoint>> = {};
  const entries: Partial<Record<TrainStage, ShippedStage>> = {};
  const params: Partial<Record<TrainStage, Float32Array>> = {};
  for (const stage of stages) {
    const bases = Object.fromEntries(STAGE_INPUTS[stage].map((s) => [s, checkpoints[s]]));
    const r = runStageToEnd(stage, config, bases);
    checkpoints[stage] = r.checkpoint;
    params[stage] = r.checkpoint.params;
    const head = r.checkpoint.head;
    entries[stage] = {
      status: r.done.status,
      message: r.done.message,
      metrics: r.metrics.map((m) => {
        if (!('timing' in m)) return m;
        const { timing: _timing, ...rest } = m;
        return rest;
      }),
      summary: r.done.summary,
      tokenizer: r.checkpoint.tokenizer,
      paramsFile: `${stage}.bin`,
      paramCount: r.checkpoint.params.length,
      ...(head ? { head: { w: Array.from(head.w), b: head.b, offset: head.offset } } : {}),
    };
  }
  return {
    manifest: { version: 1, config, stages: entries as Record<TrainStage, ShippedStage> },
    params: params as Record<TrainStage, Float32Array>,
  };
}
