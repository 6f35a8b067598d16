/// <reference lib="webworker" />
/**
 * The training Worker: the main thread never trains. One stage runs at a time; a
 * new `start` replaces the current run, `cancel` stops it between slices.
 */
import type { TrainStage, WorkerRequest, WorkerResponse } from './protocol';
import { createStageRunner, type StageRunner } from './runStage';

const scope = self as unknown as DedicatedWorkerGlobalScope;
let current: { runId: string; stage: TrainStage; runner: StageRunner } | null = null;

function post(message: WorkerResponse, transfer: Transferable[] = []): void {
  scope.postMessage(message, transfer);
}

function pump(runId: string): void {
  if (!current || current.runId !== runId) return;
  const more = current.runner.slice();
  if (more) setTimeout(() => pump(runId), 0);
  else if (current.runId === runId) current = null;
}

scope.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  if (request.type === 'start') {
    current = {
      runId: request.runId,
      stage: request.stage,
      runner: createStageRunner(request, post),
    };
    setTimeout(() => pump(request.runId), 0);
  } else if (request.type === 'cancel') {
    if (current && current.runId === request.runId) {
      post({ type: 'cancelled', runId: request.runId, stage: current.stage });
      current = null;
    }
  }
};
