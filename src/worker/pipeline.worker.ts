/// <reference lib="webworker" />
/**
 * The training Worker: the main thread never trains. One stage or study runs at a
 * time; a new `start` or `study` replaces the current one, `cancel` stops it between
 * slices. (The app keeps one Worker for stages, one for studies and one for the PPO
 * step-through: client.ts.)
 */
import type { WorkerRequest, WorkerResponse } from './protocol';
import { createStageRunner, type StageRunner } from './runStage';
import { createStepThroughRunner } from './runStepThrough';
import { createStudyRunner } from './runStudy';

const scope = self as unknown as DedicatedWorkerGlobalScope;
let current: {
  runId: string;
  cancelled: WorkerResponse;
  runner: StageRunner;
  /** A step-through: one slice (one PPO iteration) per `step` request, no pumping. */
  stepwise?: boolean;
} | null = null;

function post(message: WorkerResponse, transfer: Transferable[] = []): void {
  scope.postMessage(message, transfer);
}

function pump(runId: string): void {
  if (!current || current.runId !== runId) return;
  const more = current.runner.slice();
  if (more && current.stepwise) return; // paused until the next 'step'
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
  } else if (request.type === 'step-start') {
    current = {
      runId: request.runId,
      cancelled: { type: 'step-cancelled', runId: request.runId },
      runner: createStepThroughRunner(request, post),
      stepwise: true,
    };
    setTimeout(() => pump(request.runId), 0);
  } else if (request.type === 'step') {
    if (current && current.runId === request.runId && current.stepwise) {
      setTimeout(() => pump(request.runId), 0);
    } else {
      // Never leave the page waiting: say that there is nothing to step.
      post({
        type: 'step-error',
        runId: request.runId,
        message: 'this step-through is no longer running in the Worker; start it again',
      });
    }
  } else if (request.type === 'cancel') {
    if (current && current.runId === request.runId) {
      post(current.cancelled);
      current = null;
    }
  }
};
