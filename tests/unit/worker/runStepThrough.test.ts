/**
 * The PPO step-through, in Node: its runner runs exactly one iteration per slice and
 * posts that iteration's metrics and traced rollout, the same numbers a full run
 * yields, and ends after the last; the Worker entry runs one slice per `step` and none
 * in between. Starts from the shipped SFT and reward models with a tiny PPO setting
 * (2 rollouts per iteration), so it takes a few seconds.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PipelineConfig } from '../../../src/sim/config';
import { ppo, type PpoEvent } from '../../../src/sim/stages/ppo';
import type { StepResponse, WorkerRequest, WorkerResponse } from '../../../src/worker/protocol';
import { rewardModelFromCheckpoint } from '../../../src/worker/runStage';
import { createStepThroughRunner } from '../../../src/worker/runStepThrough';
import { loadShippedCheckpoint } from '../helpers/shippedRun';

const sft = loadShippedCheckpoint('sft');
const reward = loadShippedCheckpoint('reward');
const CONFIG: PipelineConfig = {
  ...sft.config,
  ppo: { ...sft.config.ppo, iterations: 3, rolloutsPerIteration: 2 },
};
const bases = { sft: sft.checkpoint, reward: reward.checkpoint };

type Iteration = Extract<StepResponse, { type: 'step-iteration' }>;

describe('createStepThroughRunner', () => {
  it('runs one iteration per slice, posts its metrics and trace, and ends after the last', () => {
    const posted: StepResponse[] = [];
    const runner = createStepThroughRunner(
      { type: 'step-start', runId: 's', config: CONFIG, bases },
      (m) => posted.push(m),
    );
    expect(posted).toEqual([]); // nothing runs before the first slice

    const kinds = () => posted.map((m) => m.type);
    expect(runner.slice()).toBe(true);
    expect(kinds()).toEqual(['step-iteration']);
    expect(runner.slice()).toBe(true);
    expect(kinds()).toEqual(['step-iteration', 'step-iteration']);
    expect(runner.slice()).toBe(false);
    expect(kinds()).toEqual(['step-iteration', 'step-iteration', 'step-iteration', 'step-end']);
    expect(posted[3]).toEqual({
      type: 'step-end',
      runId: 's',
      status: 'completed',
      message: 'completed 3 iterations',
    });
    expect(runner.slice()).toBe(false);
    expect(posted).toHaveLength(4);

    const iterations = posted.slice(0, 3) as Iteration[];
    expect(iterations.map((m) => [m.runId, m.metrics.iteration, m.totalIterations])).toEqual([
      ['s', 1, 3],
      ['s', 2, 3],
      ['s', 3, 3],
    ]);
    for (const { trace, elapsedMs } of iterations) {
      const n = trace.tokens.length;
      expect(n).toBeGreaterThan(0);
      for (const column of [trace.logProb, trace.refLogProb, trace.klPenalty, trace.value])
        expect(column).toHaveLength(n);
      expect(trace.advantage).toHaveLength(n);
      expect(elapsedMs).toBeGreaterThanOrEqual(0);
    }
    // Iteration 1 samples from the SFT model itself: no KL penalty, and the value head
    // starts at 0 (what the page says about it).
    expect(iterations[0].trace.logProb).toEqual(iterations[0].trace.refLogProb);
    expect(iterations[0].trace.klPenalty.every((p) => p === 0)).toBe(true);
    expect(iterations[0].trace.value.every((v) => v === 0)).toBe(true);
    // After an update the policy has moved.
    const moved = iterations[2].trace.logProb.some(
      (lp, t) => lp !== iterations[2].trace.refLogProb[t],
    );
    expect(moved).toBe(true);

    // The same numbers as a full run of the same configuration: nothing skipped or redone.
    const full: PpoEvent[] = [];
    const generator = ppo(CONFIG, sft.checkpoint, rewardModelFromCheckpoint(reward.checkpoint));
    for (let next = generator.next(); !next.done; next = generator.next()) full.push(next.value);
    expect(iterations.map((m) => m.metrics)).toEqual(full.map((e) => e.metrics));
    expect(iterations.map((m) => m.trace)).toEqual(full.map((e) => e.trace));
  });

  it('reports a missing model or a refused setting as an error, never a silent stop', () => {
    const missing: StepResponse[] = [];
    const none = createStepThroughRunner(
      { type: 'step-start', runId: 'm', config: CONFIG, bases: { sft: sft.checkpoint } },
      (m) => missing.push(m),
    );
    expect(none.slice()).toBe(false);
    expect(missing).toEqual([
      { type: 'step-error', runId: 'm', message: 'the step-through needs the reward checkpoint' },
    ]);

    // The stage checks its settings when the first iteration starts.
    const refused: StepResponse[] = [];
    const bad = { ...CONFIG, ppo: { ...CONFIG.ppo, rolloutsPerIteration: 0 } };
    const runner = createStepThroughRunner(
      { type: 'step-start', runId: 'b', config: bad, bases },
      (m) => refused.push(m),
    );
    expect(runner.slice()).toBe(false);
    expect(refused).toEqual([
      { type: 'step-error', runId: 'b', message: expect.stringMatching(/rolloutsPerIteration/) },
    ]);
  });
});

describe('the Worker entry with a step-through', () => {
  const posted: WorkerResponse[] = [];
  let send: (request: WorkerRequest) => void;

  beforeAll(async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    const scope: { postMessage: (m: WorkerResponse) => void; onmessage?: unknown } = {
      postMessage: (m) => posted.push(m),
    };
    vi.stubGlobal('self', scope);
    await import('../../../src/worker/pipeline.worker');
    const handler = scope.onmessage as (event: { data: WorkerRequest }) => void;
    send = (request) => handler({ data: request });
  });

  afterAll(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  const types = () => posted.map((m) => m.type);

  it('runs one iteration on start and one per step, none in between, and stops on cancel', () => {
    const config = { ...CONFIG, ppo: { ...CONFIG.ppo, iterations: 5 } };
    send({ type: 'step-start', runId: 'w', config, bases });
    vi.runAllTimers();
    expect(types()).toEqual(['step-iteration']);
    vi.runAllTimers(); // paused: nothing more until a step
    expect(types()).toEqual(['step-iteration']);

    send({ type: 'step', runId: 'w' });
    vi.runAllTimers();
    expect(types()).toEqual(['step-iteration', 'step-iteration']);
    expect((posted[1] as Iteration).metrics.iteration).toBe(2);

    send({ type: 'cancel', runId: 'w' });
    expect(posted[2]).toEqual({ type: 'step-cancelled', runId: 'w' });
    // A step for a run that is gone is answered, so the page never waits for it.
    send({ type: 'step', runId: 'w' });
    vi.runAllTimers();
    expect(posted[3]).toMatchObject({ type: 'step-error', runId: 'w' });
    expect(posted).toHaveLength(4);
  });
});
