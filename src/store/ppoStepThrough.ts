/**
 * The PPO page's step-through: PPO one iteration at a time, in a Worker of its own
 * (client.ts), so it never stops or replaces the run the page shows.
 *
 * Design decisions (why):
 * - It starts from the SFT and reward models of the run the page shows, with the PPO
 *   settings the page would train next (the settings section). Seed, model and data
 *   come from those checkpoints' own configuration, so with unchanged settings
 *   iteration k here is exactly iteration k of the run in the charts above.
 * - Start runs iteration 1 at once (the first press already shows a rollout); each
 *   "Next iteration" asks for exactly one more. Only one iteration is ever in flight:
 *   `next` does nothing unless the step-through is paused.
 * - Stop cancels in the Worker and forgets the run id at once, so a message still on
 *   its way (the Worker finishes the iteration it is computing) changes nothing. What
 *   was stepped through stays on screen.
 * - Every path ends in a state with a message: a missing model, an error in the
 *   Worker, a Worker that crashed. Nothing waits forever.
 */
import { create } from 'zustand';
import { DEFAULT_CONFIG, type PipelineConfig, type PpoStageConfig } from '../sim/config';
import type { PpoIterationMetrics, RolloutTrace } from '../sim/stages/ppo';
import type { Checkpoint } from '../sim/stages/types';
import { getStepWorker, setStepListener } from '../worker/client';
import type { StepResponse } from '../worker/protocol';
import { useRunsStore } from './runs';

export type StepThroughStatus =
  /** Nothing started yet. */
  | 'idle'
  /** An iteration is being computed in the Worker. */
  | 'running'
  /** Waiting for "Next iteration". */
  | 'paused'
  /** The last iteration ran, or the run diverged (see `diverged`). */
  | 'finished'
  /** Stopped by the user. */
  | 'stopped'
  | 'error';

export interface StepIteration {
  metrics: PpoIterationMetrics;
  /** The first rollout of the iteration, token by token. */
  trace: RolloutTrace;
  /** Wall-clock milliseconds the iteration took in the Worker. */
  elapsedMs: number;
}

export interface StepThroughState {
  status: StepThroughStatus;
  /** The run in the Worker now; null when none (stale messages are ignored). */
  runId: string | null;
  /** Iterations the settings ask for. */
  total: number;
  /** Every iteration received, in order (one traced rollout each: small). */
  iterations: StepIteration[];
  /** Why it ended, stopped or failed, in words. */
  message: string | null;
  /** True when the run ended early because it diverged. */
  diverged: boolean;
  /** The configuration it was started with (its PPO settings are shown next to it). */
  config: PipelineConfig | null;
  /** The configuration key of the reward-model run it started from (to spot a newer run). */
  sourceKey: string | null;
  /** The tokenizer of the SFT checkpoint, for token labels. */
  tokenizer: Checkpoint['tokenizer'] | null;
  /** Starts a step-through with these PPO settings (stopping one in progress). */
  start(ppo: PpoStageConfig): void;
  /** Runs one more iteration (only when paused). */
  next(): void;
  stop(): void;
  handle(message: StepResponse): void;
}

let counter = 0;

/** Why the step-through cannot start from the runs shown, or null when it can. */
function missingModels(): string | null {
  const { sft, reward } = useRunsStore.getState().stages;
  if (sft.checkpoint && reward.checkpoint) return null;
  if ([sft.status, reward.status].includes('loading'))
    return 'The default run is still loading: try again in a moment.';
  if ([sft.status, reward.status].includes('running'))
    return 'The SFT or reward model is training now: start the step-through when it has finished.';
  return 'The step-through starts from the SFT and reward models of the run shown, and there are none yet: load the default run or train them first.';
}

export const usePpoStepThrough = create<StepThroughState>()((set, get) => ({
  status: 'idle',
  runId: null,
  total: 0,
  iterations: [],
  message: null,
  diverged: false,
  config: null,
  sourceKey: null,
  tokenizer: null,

  start(ppo) {
    if (get().runId) get().stop();
    const missing = missingModels();
    if (missing) {
      set({ status: 'error', message: missing, iterations: [], runId: null });
      return;
    }
    const { sft, reward } = useRunsStore.getState().stages;
    const sftCheckpoint = sft.checkpoint as Checkpoint;
    const rewardCheckpoint = reward.checkpoint as Checkpoint;
    // Sections added to the configuration after a run was shipped take their defaults.
    const config: PipelineConfig = { ...DEFAULT_CONFIG, ...rewardCheckpoint.config, ppo };
    const runId = `step-${++counter}`;
    set({
      status: 'running',
      runId,
      total: ppo.iterations,
      iterations: [],
      message: null,
      diverged: false,
      config,
      sourceKey: reward.key,
      tokenizer: sftCheckpoint.tokenizer,
    });
    getStepWorker().post({
      type: 'step-start',
      runId,
      config,
      bases: { sft: sftCheckpoint, reward: rewardCheckpoint },
    });
  },

  next() {
    const { status, runId } = get();
    if (status !== 'paused' || !runId) return;
    set({ status: 'running' });
    getStepWorker().post({ type: 'step', runId });
  },

  stop() {
    const { runId, iterations } = get();
    if (!runId) return;
    getStepWorker().post({ type: 'cancel', runId });
    const k = iterations.length;
    set({
      status: 'stopped',
      runId: null,
      message:
        k === 0
          ? 'Stopped before the first iteration finished.'
          : `Stopped after iteration ${k} of ${get().total}.`,
    });
  },

  handle(message) {
    if (!get().runId || message.runId !== get().runId) return; // stopped or replaced
    switch (message.type) {
      case 'step-iteration':
        set((s) => ({
          status: 'paused',
          total: message.totalIterations,
          iterations: [
            ...s.iterations,
            { metrics: message.metrics, trace: message.trace, elapsedMs: message.elapsedMs },
          ],
        }));
        break;
      case 'step-end':
        set({
          status: 'finished',
          runId: null,
          diverged: message.status === 'diverged',
          message: message.message,
        });
        break;
      case 'step-cancelled':
        set({ status: 'stopped', runId: null, message: 'Stopped.' });
        break;
      case 'step-error':
        set({ status: 'error', runId: null, message: message.message });
        break;
    }
  },
}));

setStepListener(
  (message) => usePpoStepThrough.getState().handle(message),
  (text) => {
    const runId = usePpoStepThrough.getState().runId;
    if (runId) usePpoStepThrough.getState().handle({ type: 'step-error', runId, message: text });
  },
);
