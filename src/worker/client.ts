/**
 * The app's one training Worker, created on first use. Messages from it go to the
 * runs store; a Worker that crashes reports an error for the active run instead of
 * leaving a spinner.
 */
import type { WorkerRequest, WorkerResponse } from './protocol';

export interface TrainingWorker {
  post(request: WorkerRequest): void;
}

let instance: TrainingWorker | null = null;
let listener: ((message: WorkerResponse) => void) | null = null;
let onCrash: ((message: string) => void) | null = null;

/** Where Worker messages go (the runs store registers itself). */
export function setWorkerListener(
  handle: (message: WorkerResponse) => void,
  crash: (message: string) => void,
): void {
  listener = handle;
  onCrash = crash;
}

export function getTrainingWorker(): TrainingWorker {
  if (instance) return instance;
  const worker = new Worker(new URL('./pipeline.worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (event: MessageEvent<WorkerResponse>) => listener?.(event.data);
  worker.onerror = (event) => {
    event.preventDefault();
    instance = null; // the next run starts a fresh Worker
    worker.terminate();
    onCrash?.(`The training worker stopped: ${event.message || 'unknown error'}`);
  };
  instance = { post: (request) => worker.postMessage(request) };
  return instance;
}

/** For tests: replace the Worker with an in-process fake. */
export function setTrainingWorkerForTests(fake: TrainingWorker | null): void {
  instance = fake;
}
