/**
 * The app's Workers, each created on first use: one trains the pipeline's stages (its
 * messages go to the runs store), one runs the Challenges page's studies (to the
 * studies store), one steps through PPO an iteration at a time (to the ppoStepThrough
 * store), so neither a study nor a step-through interrupts a training run. A Worker
 * that crashes reports an error for what it was doing instead of leaving a spinner.
 */
import type { StageResponse, StepResponse, StudyResponse, WorkerRequest } from './protocol';

export interface TrainingWorker {
  post(request: WorkerRequest): void;
}

interface Channel<R> {
  instance: TrainingWorker | null;
  listener: ((message: R) => void) | null;
  onCrash: ((message: string) => void) | null;
}

function channel<R>(): Channel<R> {
  return { instance: null, listener: null, onCrash: null };
}

const training = channel<StageResponse>();
const studies = channel<StudyResponse>();
/** The PPO page's step-through: its own Worker, so it never stops the page's run. */
const stepThrough = channel<StepResponse>();

function connect<R>(c: Channel<R>, what: string): TrainingWorker {
  if (c.instance) return c.instance;
  const worker = new Worker(new URL('./pipeline.worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (event: MessageEvent<R>) => c.listener?.(event.data);
  worker.onerror = (event) => {
    event.preventDefault();
    c.instance = null; // the next run starts a fresh Worker
    worker.terminate();
    c.onCrash?.(`The ${what} worker stopped: ${event.message || 'unknown error'}`);
  };
  c.instance = { post: (request) => worker.postMessage(request) };
  return c.instance;
}

/** Where training-Worker messages go (the runs store registers itself). */
export function setWorkerListener(
  handle: (message: StageResponse) => void,
  crash: (message: string) => void,
): void {
  training.listener = handle;
  training.onCrash = crash;
}

/** Where study-Worker messages go (the studies store registers itself). */
export function setStudyListener(
  handle: (message: StudyResponse) => void,
  crash: (message: string) => void,
): void {
  studies.listener = handle;
  studies.onCrash = crash;
}

/** Where step-through messages go (the ppoStepThrough store registers itself). */
export function setStepListener(
  handle: (message: StepResponse) => void,
  crash: (message: string) => void,
): void {
  stepThrough.listener = handle;
  stepThrough.onCrash = crash;
}

export function getTrainingWorker(): TrainingWorker {
  return connect(training, 'training');
}

export function getStudyWorker(): TrainingWorker {
  return connect(studies, 'study');
}

export function getStepWorker(): TrainingWorker {
  return connect(stepThrough, 'step-through');
}

/** For tests: replace the Workers with in-process fakes. */
export function setTrainingWorkerForTests(fake: TrainingWorker | null): void {
  training.instance = fake;
}

export function setStudyWorkerForTests(fake: TrainingWorker | null): void {
  studies.instance = fake;
}

export function setStepWorkerForTests(fake: TrainingWorker | null): void {
  stepThrough.instance = fake;
}
