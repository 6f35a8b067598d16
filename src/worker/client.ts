/**
 * The app's Workers, each created on first use: one trains the pipeline's stages (its
 * messages go to the runs store), one runs the Challenges page's studies (to the
 * studies store), one steps through PPO an iteration at a time (to the ppoStepThrough
 * store), so neither a study nor a step-through interrupts a training run.
 *
 * Failures never leave a spinner: a Worker that crashes or cannot load (onerror), or
 * whose message cannot be read, and one that stays silent too long while its owner
 * says it is busy (a stall: see `stallLimit`, the training channel's is in
 * src/store/stallLimit.ts), is terminated and reported to its owner's `onCrash`; the
 * next request starts a fresh Worker.
 */
import type { StageResponse, StepResponse, StudyResponse, WorkerRequest } from './protocol';

export interface TrainingWorker {
  post(request: WorkerRequest): void;
}

interface Channel<R> {
  instance: TrainingWorker | null;
  listener: ((message: R) => void) | null;
  onCrash: ((message: string) => void) | null;
  /**
   * How long (ms) the Worker may go without a message while its owner is waiting on
   * it; null when nothing is running (no watchdog then). Unset: no watchdog at all.
   */
  stallLimit: (() => number | null) | null;
}

function channel<R>(): Channel<R> {
  return { instance: null, listener: null, onCrash: null, stallLimit: null };
}

/** How often the watchdog looks at a busy Worker. */
export const STALL_CHECK_MS = 5_000;
/**
 * Extra silence allowed before a stage's first message: it prepares its data first
 * (tokenizer training, datasets; 2–4 s at the default size on the development machine).
 */
export const FIRST_MESSAGE_ALLOWANCE_MS = 90_000;

const training = channel<StageResponse>();
const studies = channel<StudyResponse>();
/** The PPO page's step-through: its own Worker, so it never stops the page's run. */
const stepThrough = channel<StepResponse>();

function connect<R>(c: Channel<R>, what: string): TrainingWorker {
  if (c.instance) return c.instance;
  let worker: Worker;
  try {
    worker = new Worker(new URL('./pipeline.worker.ts', import.meta.url), { type: 'module' });
  } catch (error) {
    // Refused outright (e.g. by the browser's policy): report it for the request, keep nothing.
    const message = `The ${what} worker could not start: ${(error as Error).message}`;
    return { post: () => queueMicrotask(() => c.onCrash?.(message)) };
  }
  let lastHeard = Date.now();
  let awaitingFirst = false;
  let timer: ReturnType<typeof setInterval> | null = null;

  const stop = (message: string) => {
    if (timer !== null) clearInterval(timer);
    timer = null;
    if (c.instance === instance) c.instance = null; // the next run starts a fresh Worker
    worker.terminate();
    c.onCrash?.(message);
  };

  const watch = () => {
    if (timer !== null || !c.stallLimit) return;
    let lastTick = Date.now();
    timer = setInterval(() => {
      const now = Date.now();
      // The tab slept or was throttled in the background: that silence says nothing.
      if (now - lastTick > 3 * STALL_CHECK_MS) lastHeard = now;
      lastTick = now;
      const limit = c.stallLimit?.() ?? null;
      if (limit === null) {
        if (timer !== null) clearInterval(timer);
        timer = null;
        return;
      }
      if (now - lastHeard > limit + (awaitingFirst ? FIRST_MESSAGE_ALLOWANCE_MS : 0)) {
        stop(
          `The ${what} worker stopped responding (no message for ${Math.round((now - lastHeard) / 1000)} s), so it was stopped`,
        );
      }
    }, STALL_CHECK_MS);
  };

  worker.onmessage = (event: MessageEvent<R>) => {
    lastHeard = Date.now();
    awaitingFirst = false;
    c.listener?.(event.data);
  };
  worker.onmessageerror = () => stop(`A message from the ${what} worker could not be read`);
  worker.onerror = (event) => {
    event.preventDefault();
    // A failed load (network, HTTP error) has no message; a thrown error has one.
    stop(`The ${what} worker stopped: ${event.message || 'it crashed or could not be loaded'}`);
  };
  const instance: TrainingWorker = {
    post: (request) => {
      lastHeard = Date.now();
      if (request.type !== 'cancel') awaitingFirst = true;
      worker.postMessage(request);
      watch();
    },
  };
  c.instance = instance;
  return instance;
}

/** Where training-Worker messages go (the runs store registers itself). */
export function setWorkerListener(
  handle: (message: StageResponse) => void,
  crash: (message: string) => void,
  stallLimit: (() => number | null) | null = null,
): void {
  training.listener = handle;
  training.onCrash = crash;
  training.stallLimit = stallLimit;
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
