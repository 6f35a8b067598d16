/**
 * PPO one iteration at a time, for the PPO page's step-through (its own Worker, see
 * client.ts). Kept apart from the Worker entry so it can be tested in Node.
 *
 * Design decisions (why):
 * - The same `ppo` generator as a full run, with the same configuration and
 *   checkpoints: iteration k here is iteration k of a full run with those settings,
 *   bit for bit (the core is deterministic). Nothing is re-implemented for teaching.
 * - One slice is exactly one iteration, whatever it costs (about a second at the
 *   default settings; the first also calibrates the reward and answers the held-out
 *   prompts). The Worker serves only this, so nothing waits behind it, and `cancel`
 *   is read between iterations. The Worker entry pumps the next slice only when a
 *   `step` arrives.
 * - After the last iteration the runner reports the end itself and drops the
 *   generator instead of letting it finish: the epilogue answers the held-out prompts
 *   again and builds a checkpoint, neither of which the step-through shows.
 */
import { ppo, type PpoEvent } from '../sim/stages/ppo';
import type { Checkpoint } from '../sim/stages/types';
import type { StepResponse, TrainStage, WorkerRequest } from './protocol';
import { rewardModelFromCheckpoint, type StageRunner } from './runStage';

type StepStart = Extract<WorkerRequest, { type: 'step-start' }>;

function need(request: StepStart, stage: TrainStage): Checkpoint {
  const base = request.bases[stage];
  if (!base) throw new Error(`the step-through needs the ${stage} checkpoint`);
  return base;
}

/**
 * A runner whose every `slice()` runs one PPO iteration and posts its metrics and
 * traced rollout; it returns false once the run has ended (last iteration, divergence
 * or an error), after posting why.
 */
export function createStepThroughRunner(
  request: StepStart,
  post: (message: StepResponse) => void,
  now: () => number = () => performance.now(),
): StageRunner {
  const { runId, config } = request;
  const total = config.ppo.iterations;
  let generator: Generator<PpoEvent, { status: 'completed' | 'diverged'; message: string }> | null;
  try {
    const rm = rewardModelFromCheckpoint(need(request, 'reward'));
    generator = ppo(config, need(request, 'sft'), rm);
  } catch (error) {
    post({ type: 'step-error', runId, message: (error as Error).message });
    return { slice: () => false };
  }

  return {
    slice() {
      if (!generator) return false;
      const start = now();
      try {
        const next = generator.next();
        if (next.done) {
          // Only a diverged run returns before its last iteration is posted.
          generator = null;
          post({ type: 'step-end', runId, status: next.value.status, message: next.value.message });
          return false;
        }
        const { metrics, trace } = next.value;
        post({
          type: 'step-iteration',
          runId,
          totalIterations: total,
          metrics,
          trace,
          elapsedMs: now() - start,
        });
        if (metrics.iteration >= total) {
          generator = null;
          post({
            type: 'step-end',
            runId,
            status: 'completed',
            message: `completed ${total} iterations`,
          });
          return false;
        }
        return true;
      } catch (error) {
        generator = null;
        post({ type: 'step-error', runId, message: (error as Error).message });
        return false;
      }
    },
  };
}
