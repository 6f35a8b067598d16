/// <reference lib="webworker" />
/**
 * The training Worker: the main thread never trains. One stage or study runs at a
 * time; a new `start` or `study` replaces the current one, `cancel` stops it between
 * slices. (The app keeps one Worker for stages and one for studies: client.ts.)
 */
import type { WorkerRequest, WorkerResponse } from './protocol';
import { createStageRunner, type StageRunner } from './runStage';
import { createStudyRunner } from './runStudy';

const scope = self as unknown as DedicatedWorkerGlobalScope;
let current: { runId: string; cancelled: WorkerResponse; runner: StageRunner } | null = null;

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
      cancelled: { type: 'cancelled', runId: request.runId, stage: request.stage },
      runner: createStageRunner(request, post),
    };
    setTimeout(() => pump(request.runId), 0);
  } else if (request.type === 'study') {
    current = {
      runId: request.runId,
      cancelled: {
        type: 'study-error',
        runId: request.runId,
        kind: request.study.kind,
        message: 'Cancelled.',
      },
      runner: createStudyRunner(request, post),
    };
    setTimeout(() => pump(request.runId), 0);
  } else if (request.type === 'cancel') {
    if (current && current.runId === request.runId) {
      post(current.cancelled);
      current = null;
    }
  }
};
