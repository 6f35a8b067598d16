/**
 * Worker failures end in a message with "Retry", never a spinner that never ends: an
 * error thrown in a stage (the Worker's 'error' message), a crash (the Worker's
 * `error` event) and a stall (no message for too long). The real client
 * (src/worker/client.ts) and runs store run against a fake `Worker` class.
 */
import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RunPanel } from '../../src/components/run/RunPanel';
import { DEFAULT_CONFIG, setConfigValue, type PipelineConfig } from '../../src/sim';
import type { Checkpoint } from '../../src/sim/stages/types';
import { useConfigStore } from '../../src/store/config';
import { useRunsStore } from '../../src/store/runs';
import { MIN_STALL_MS, stallLimitMs } from '../../src/store/stallLimit';
import {
  FIRST_MESSAGE_ALLOWANCE_MS,
  setTrainingWorkerForTests,
  STALL_CHECK_MS,
} from '../../src/worker/client';
import type { StageResponse, WorkerRequest } from '../../src/worker/protocol';
import { idleRun } from './runFixtures';

/** Stands in for the browser's Worker: records requests, lets the test answer or fail. */
class FakeWorker {
  static instances: FakeWorker[] = [];
  onmessage: ((event: MessageEvent) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  requests: WorkerRequest[] = [];
  terminated = false;

  constructor() {
    FakeWorker.instances.push(this);
  }

  postMessage(request: WorkerRequest) {
    this.requests.push(request);
  }

  terminate() {
    this.terminated = true;
  }

  /** A message from the Worker. */
  send(message: StageResponse) {
    act(() => this.onmessage?.({ data: message } as MessageEvent));
  }

  /** The Worker's `error` event: an uncaught exception, or a script that failed to load. */
  crash(message: string) {
    act(() => this.onerror?.({ message, preventDefault: () => {} } as unknown as ErrorEvent));
  }

  lastStart() {
    const start = this.requests.filter((r) => r.type === 'start').at(-1);
    if (!start || start.type !== 'start') throw new Error('no start request');
    return start;
  }

  /** Answers the last start with two steps and a completed run. */
  complete() {
    const { runId, stage } = this.lastStart();
    const step = (n: number) => ({
      step: n,
      loss: 5 - n,
      perplexity: Math.exp(5 - n),
      learningRate: 1e-3,
      gradNorm: 1,
      tokensSeen: n * 100,
    });
    this.send({ type: 'metrics', runId, stage, metrics: [step(1), step(2)] });
    this.send({ type: 'progress', runId, stage, step: 2, totalSteps: 2 });
    const checkpoint = { stage, config: SHORT, params: new Float32Array(1) } as Checkpoint;
    this.send({ type: 'checkpoint', runId, stage, checkpoint });
    this.send({
      type: 'done',
      runId,
      stage,
      status: 'completed',
      message: 'completed 2 steps',
      summary: {},
    });
  }
}

const SHORT: PipelineConfig = setConfigValue(DEFAULT_CONFIG, 'pretrain.steps', 2);
const panel = () => screen.getByRole('region', { name: 'Pretraining run' });
const status = () => panel().getAttribute('data-status');

beforeEach(() => {
  FakeWorker.instances = [];
  vi.stubGlobal('Worker', FakeWorker);
  setTrainingWorkerForTests(null); // the next run creates a (fake) Worker
  useRunsStore.setState({
    stages: {
      pretrain: idleRun(),
      sft: idleRun(),
      reward: idleRun(),
      ppo: idleRun(),
      dpo: idleRun(),
    },
    active: null,
  });
  useConfigStore.setState({ config: SHORT, notices: [] });
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  setTrainingWorkerForTests(null);
});

function startTraining(): FakeWorker {
  render(<RunPanel stage="pretrain" />);
  fireEvent.click(screen.getByRole('button', { name: 'Train live' }));
  expect(status()).toBe('running');
  const worker = FakeWorker.instances.at(-1);
  if (!worker) throw new Error('no Worker was created');
  return worker;
}

function expectRetryOffered(text: string) {
  expect(status()).toBe('error');
  expect(screen.getByRole('alert').textContent).toContain(text);
  expect(screen.queryByRole('progressbar')).toBeNull();
  expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
  // Retry replaces "Train it": one way to start again, not two.
  expect(screen.queryByRole('button', { name: 'Train it' })).toBeNull();
}

describe('Worker failures in the run panel', () => {
  it('an error thrown in the stage ends the run with its message and Retry', () => {
    const worker = startTraining();
    const { runId } = worker.lastStart();
    worker.send({ type: 'error', runId, stage: 'pretrain', message: 'matrix sizes differ' });
    expectRetryOffered('Pretraining failed: Matrix sizes differ.');

    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(status()).toBe('running');
    // The Worker itself is fine: the retry runs in it again.
    expect(FakeWorker.instances).toHaveLength(1);
    expect(worker.lastStart().runId).not.toBe(runId);
    worker.complete();
    expect(status()).toBe('completed');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('a crashed Worker is replaced: Retry trains in a fresh one', () => {
    const worker = startTraining();
    worker.crash('Uncaught RangeError: Array buffer allocation failed');
    expectRetryOffered(
      'Pretraining failed: The training worker stopped: Uncaught RangeError: Array buffer allocation failed.',
    );
    expect(worker.terminated).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(FakeWorker.instances).toHaveLength(2);
    const fresh = FakeWorker.instances[1];
    expect(fresh.lastStart().stage).toBe('pretrain');
    fresh.complete();
    expect(status()).toBe('completed');
  });

  it("on a later stage's page, says which earlier stage failed and retries from it", () => {
    render(<RunPanel stage="sft" />);
    fireEvent.click(screen.getByRole('button', { name: 'Train live' }));
    const worker = FakeWorker.instances[0];
    expect(worker.lastStart().stage).toBe('pretrain'); // SFT needs the pretrained model first
    worker.crash('out of memory');
    expect(screen.getByRole('alert').textContent).toContain(
      'Pretraining failed, so SFT could not start: The training worker stopped: out of memory.',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(FakeWorker.instances[1].lastStart().stage).toBe('pretrain');
  });

  it('a Worker that never loads (no message on its error event) is reported too', () => {
    const worker = startTraining();
    worker.crash('');
    expectRetryOffered('The training worker stopped: it crashed or could not be loaded.');
  });

  it('a stalled Worker is stopped after the limit, with Retry', () => {
    vi.useFakeTimers();
    const worker = startTraining();
    const { runId } = worker.lastStart();
    const limit = stallLimitMs('pretrain', SHORT);
    expect(limit).toBe(MIN_STALL_MS);
    // It prepares its data, then streams: never stopped while messages come.
    act(() => vi.advanceTimersByTime(FIRST_MESSAGE_ALLOWANCE_MS));
    for (let i = 1; i <= 20; i++) {
      worker.send({ type: 'progress', runId, stage: 'pretrain', step: i, totalSteps: 2 });
      act(() => vi.advanceTimersByTime(STALL_CHECK_MS));
    }
    expect(status()).toBe('running');
    // Then silence.
    act(() => vi.advanceTimersByTime(limit - STALL_CHECK_MS));
    expect(status()).toBe('running');
    act(() => vi.advanceTimersByTime(2 * STALL_CHECK_MS));
    expectRetryOffered('The training worker stopped responding (no message for');
    expect(worker.terminated).toBe(true);

    vi.useRealTimers();
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(FakeWorker.instances).toHaveLength(2);
    FakeWorker.instances[1].complete();
    expect(status()).toBe('completed');
  });

  it('silence while the tab slept (timers late) is not taken for a stall', () => {
    vi.useFakeTimers();
    const worker = startTraining();
    const { runId } = worker.lastStart();
    worker.send({ type: 'progress', runId, stage: 'pretrain', step: 1, totalSteps: 2 });
    // The laptop sleeps for ten minutes: the clock jumps, the watchdog's tick comes late.
    vi.setSystemTime(Date.now() + 10 * 60_000);
    act(() => vi.advanceTimersByTime(STALL_CHECK_MS));
    expect(status()).toBe('running');
    expect(worker.terminated).toBe(false);
  });

  it('a large configuration gets a longer limit: its steps are slow, not stalled', () => {
    const big = setConfigValue(
      setConfigValue(setConfigValue(DEFAULT_CONFIG, 'model.width', 256), 'model.layers', 8),
      'pretrain.batchSize',
      64,
    );
    expect(stallLimitMs('pretrain', big)).toBeGreaterThan(10 * MIN_STALL_MS);
    expect(stallLimitMs('ppo', DEFAULT_CONFIG)).toBeGreaterThanOrEqual(MIN_STALL_MS);
  });

  it('no watchdog runs while nothing trains', () => {
    vi.useFakeTimers();
    const worker = startTraining();
    worker.complete();
    expect(status()).toBe('completed');
    act(() => vi.advanceTimersByTime(10 * MIN_STALL_MS + FIRST_MESSAGE_ALLOWANCE_MS));
    expect(status()).toBe('completed');
    expect(worker.terminated).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });
});
