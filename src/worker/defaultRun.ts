/**
 * The default run the app ships (`npm run checkpoints` → public/default-run/), built
 * by the same code path the Worker uses, so what a student sees on landing is exactly
 * what "train live" reproduces. A unit test rebuilds it and compares byte for byte.
 *
 * Wall-clock timing is dropped from shipped metrics: it is the one thing that is not
 * deterministic.
 */
import type { PipelineConfig } from '../sim/config';
import type { Checkpoint, StepMetrics } from '../sim/stages/types';
import type { TrainStage, WorkerResponse } from './protocol';
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
  base?: Checkpoint,
): {
  metrics: StepMetrics[];
  checkpoint: Checkpoint;
  done: Extract<WorkerResponse, { type: 'done' }>;
} {
  const metrics: StepMetrics[] = [];
  let checkpoint: Checkpoint | null = null;
  let done: Extract<WorkerResponse, { type: 'done' }> | null = null;
  let failure: string | null = null;
  const runner = createStageRunner(
    { type: 'start', runId: 'default', stage, config, base },
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

export function buildDefaultRun(config: PipelineConfig): BuiltDefaultRun {
  const pre = runStageToEnd('pretrain', config);
  const tuned = runStageToEnd('sft', config, pre.checkpoint);
  const entry = (stage: TrainStage, r: typeof pre): ShippedStage => ({
    status: r.done.status,
    message: r.done.message,
    metrics: r.metrics.map(({ timing: _timing, ...rest }) => rest),
    summary: r.done.summary,
    tokenizer: r.checkpoint.tokenizer,
    paramsFile: `${stage}.bin`,
    paramCount: r.checkpoint.params.length,
  });
  return {
    manifest: {
      version: 1,
      config,
      stages: { pretrain: entry('pretrain', pre), sft: entry('sft', tuned) },
    },
    params: { pretrain: pre.checkpoint.params, sft: tuned.checkpoint.params },
  };
}
