/**
 * The PPO page's step-through with a faked step Worker: Start sends the models of the
 * run shown and the page's settings, an iteration's message draws its numbers, its
 * words and its rollout table, "Next iteration" asks for exactly one more, Stop and
 * errors end it with a message (never a spinner that never ends).
 */
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StepThroughSection } from '../../src/pages/ppo/sections/StepThroughSection';
import {
  DEFAULT_CONFIG,
  SPECIAL_TOKENS,
  gae,
  type Checkpoint,
  type PpoIterationMetrics,
  type RolloutTrace,
} from '../../src/sim';
import { useConfigStore } from '../../src/store/config';
import { usePpoStepThrough } from '../../src/store/ppoStepThrough';
import { stageKey, useRunsStore, type StageRun } from '../../src/store/runs';
import { setStepWorkerForTests } from '../../src/worker/client';
import type { StepResponse, WorkerRequest } from '../../src/worker/protocol';
import { makeRun, setRuns } from './runFixtures';

const tokenizer = { version: 1 as const, merges: [] as [number, number][] };
const sftCheckpoint: Checkpoint = {
  stage: 'sft',
  config: DEFAULT_CONFIG,
  params: new Float32Array(1),
  tokenizer,
};
const rewardCheckpoint: Checkpoint = {
  stage: 'reward',
  config: DEFAULT_CONFIG,
  params: new Float32Array(1),
  tokenizer,
  head: { w: new Float32Array(1), b: 0, offset: 0 },
};

/** Byte tokens of "SAFE" and <|end|>. */
const TOKENS = [...'SAFE'].map((c) => c.charCodeAt(0)).concat(SPECIAL_TOKENS.endOfTurn);

function trace(logProb: number[], refLogProb: number[], value: number[], beta: number) {
  const score = 0.8;
  const klPenalty = logProb.map((lp, t) => -beta * (lp - refLogProb[t]));
  const reward = [...klPenalty];
  reward[reward.length - 1] += score;
  const { advantages, returns } = gae(reward, value, 1, 0.95);
  const out: RolloutTrace = {
    prompt: 'Is paracetamol safe in pregnancy?',
    factId: 'paracetamol-pregnancy',
    response: 'SAFE',
    tokens: TOKENS,
    logProb,
    refLogProb,
    klPenalty,
    value,
    reward,
    advantage: Array.from(advantages),
    returns: Array.from(returns),
    score,
    goldScore: 0.6,
  };
  return out;
}

function metrics(iteration: number, patch: Partial<PpoIterationMetrics>): PpoIterationMetrics {
  return {
    iteration,
    score: 0.1,
    goldScore: 0.4,
    klK1: 0,
    klK3: 0,
    nonScoreReward: 0,
    rlhfReward: 0.1,
    entropy: 1.5,
    policyLoss: -0.01,
    valueLoss: 0.4,
    clipFraction: 0.02,
    valueClipFraction: 0,
    approxKl: 0.001,
    ratio: 1,
    beta: 0.05,
    responseLength: 5,
    endedFraction: 1,
    gradNorm: 1,
    ...patch,
  };
}

const FIRST = trace(
  [-0.5, -0.2, -0.1, -0.3, -0.4],
  [-0.5, -0.2, -0.1, -0.3, -0.4],
  [0, 0, 0, 0, 0],
  0.05,
);
const SECOND = trace(
  [-0.4, -0.1, -0.1, -0.2, -0.3],
  [-0.5, -0.2, -0.1, -0.3, -0.4],
  [0.1, 0.2, 0.3, 0.4, 0.5],
  0.05,
);

const initial = usePpoStepThrough.getState();
let sent: WorkerRequest[];

beforeEach(() => {
  sent = [];
  setStepWorkerForTests({ post: (request) => sent.push(request) });
  usePpoStepThrough.setState(initial, true);
  setRuns({
    sft: makeRun('sft', { checkpoint: sftCheckpoint }),
    reward: {
      ...(makeRun('sft') as unknown as StageRun<'reward'>),
      key: stageKey('reward', DEFAULT_CONFIG),
      metrics: [],
      checkpoint: rewardCheckpoint,
    },
  });
});

afterEach(() => setStepWorkerForTests(null));

const reply = (message: StepResponse) => act(() => usePpoStepThrough.getState().handle(message));
const button = (name: string | RegExp) => screen.getByRole('button', { name });
const counter = () => screen.getByText(/^Iteration/, { selector: '.ppo-step-counter' }).textContent;
const iterationMessage = (
  runId: string,
  k: number,
  total: number,
  m: Partial<PpoIterationMetrics>,
  t: RolloutTrace,
): StepResponse => ({
  type: 'step-iteration',
  runId,
  totalIterations: total,
  metrics: metrics(k, m),
  trace: t,
  elapsedMs: 1234,
});

describe('PPO step-through', () => {
  it('starts from the run’s models with the page’s settings, then steps one iteration per press', () => {
    // The settings section's β: the step-through must train with it, like "Train it" would.
    useConfigStore.getState().setField('ppo.klCoef', 0.05);
    render(<StepThroughSection />);
    expect(screen.queryByRole('table')).toBeNull();

    fireEvent.click(button('Start step-through'));
    expect(sent).toHaveLength(1);
    const start = sent[0];
    if (start.type !== 'step-start') throw new Error(`sent ${start.type}`);
    expect(start.bases.sft).toBe(sftCheckpoint);
    expect(start.bases.reward).toBe(rewardCheckpoint);
    expect(start.config.ppo).toEqual({ ...DEFAULT_CONFIG.ppo, klCoef: 0.05 });
    expect(start.config.seed).toBe(DEFAULT_CONFIG.seed);

    // Iteration 0 while the first one runs: a busy line, and the button does nothing.
    expect(counter()).toBe('Iteration 0 of 30');
    expect(screen.getByText(/Running iteration 1 of 30 in the worker/)).toBeTruthy();
    const next = button('Next iteration');
    expect(next.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(next);
    expect(sent).toHaveLength(1);

    reply(iterationMessage(start.runId, 1, 30, {}, FIRST));
    expect(counter()).toBe('Iteration 1 of 30');
    expect(screen.queryByText(/Running iteration/)).toBeNull();
    const table = screen.getByRole('table', { name: /Iteration 1's first rollout/ });
    const rows = within(within(table).getAllByRole('rowgroup')[1]).getAllByRole('row');
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual([
      'S',
      'A',
      'F',
      'E',
      '<|end|>',
    ]);
    expect(screen.getByRole('heading', { name: 'What is special about iteration 1' })).toBeTruthy();
    expect(screen.getByText(/sampled from the SFT model itself/)).toBeTruthy();
    expect(screen.getByText(/The value head starts at 0/)).toBeTruthy();

    fireEvent.click(button('Next iteration'));
    expect(sent[1]).toEqual({ type: 'step', runId: start.runId });
    expect(button('Next iteration').getAttribute('aria-disabled')).toBe('true');

    reply(
      iterationMessage(
        start.runId,
        2,
        30,
        { score: 0.35, goldScore: 0.45, klK1: 0.4, clipFraction: 0.07, valueLoss: 0.25 },
        SECOND,
      ),
    );
    expect(counter()).toBe('Iteration 2 of 30');
    expect(screen.getByRole('heading', { name: 'What changed since iteration 1' })).toBeTruthy();
    const changes = screen.getByRole('list');
    expect(changes.textContent).toContain(
      'The mean reward-model score of the 16 rollouts rose from 0.10 to 0.35; their gold score (0 to 1) rose from 0.40 to 0.45.',
    );
    expect(changes.textContent).toContain(
      'The KL from the SFT model (k1, summed over each response) rose from 0.00 to 0.40 nats.',
    );
    expect(changes.textContent).toContain('β stayed at 0.050.');
    expect(changes.textContent).toContain('The share of token updates clipped rose from 2% to 7%');
    const score = screen.getByText('Reward-model score').closest('div') as HTMLElement;
    expect(score.textContent).toBe('Reward-model score0.35+0.25 since iteration 1');
    const clipped = screen.getByText('Clipped token updates').closest('div') as HTMLElement;
    expect(clipped.textContent).toBe('Clipped token updates7%+5 points since iteration 1');
    // The rollout's row now carries the moved policy's numbers.
    const second = screen.getByRole('table', { name: /Iteration 2's first rollout/ });
    const firstRow = within(second).getAllByRole('row')[1];
    expect(
      within(firstRow)
        .getAllByRole('cell')
        .map((c) => c.textContent)
        .slice(0, 4),
    ).toEqual(['1', '-0.400', '-0.500', '-0.005']);

    fireEvent.click(button('Stop'));
    expect(sent[2]).toEqual({ type: 'cancel', runId: start.runId });
    expect(screen.getByText('Stopped after iteration 2 of 30.')).toBeTruthy();
    // A message still on its way from the stopped run changes nothing.
    reply(iterationMessage(start.runId, 3, 30, {}, SECOND));
    expect(counter()).toBe('Iteration 2 of 30');
    expect(button('Start again')).toBeTruthy();
  });

  it('says so when the run shown has the same settings and the same numbers', () => {
    const ppoRun: StageRun<'ppo'> = {
      status: 'completed',
      source: 'shipped',
      key: stageKey('ppo', DEFAULT_CONFIG),
      metrics: [metrics(1, { score: 0.1 }), metrics(2, { score: 0.3 })],
      progress: 1,
      checkpoint: null,
      summary: null,
      message: 'completed 2 iterations',
    };
    const { stages } = useRunsStore.getState();
    setRuns({ sft: stages.sft, reward: stages.reward, ppo: ppoRun });
    render(<StepThroughSection />);
    fireEvent.click(button('Start step-through'));
    reply(iterationMessage(sent[0].runId, 1, 30, { score: 0.1 }, FIRST));
    expect(screen.getByText(/took 1\.2 s in the worker/).textContent).toContain(
      'Same seed and settings as the run shown, and the same numbers: its iteration 1 also scored 0.10.',
    );

    // Other settings (β): no such claim.
    act(() => {
      usePpoStepThrough.getState().stop();
      useConfigStore.getState().setField('ppo.klCoef', 0.05);
    });
    fireEvent.click(button('Start again'));
    reply(iterationMessage(sent[2].runId, 1, 30, { score: 0.1 }, FIRST));
    expect(screen.getByText(/took 1\.2 s in the worker/).textContent).not.toContain('run shown');
  });

  it('says when the last iteration has run', () => {
    render(<StepThroughSection />);
    fireEvent.click(button('Start step-through'));
    const { runId } = sent[0];
    reply(iterationMessage(runId, 1, 1, {}, FIRST));
    reply({ type: 'step-end', runId, status: 'completed', message: 'completed 1 iterations' });
    expect(screen.getByText(/That was the last iteration, 1 of 1\./)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Next iteration' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Stop' })).toBeNull();
  });

  it('shows a Worker error with Try again, which starts afresh', () => {
    render(<StepThroughSection />);
    fireEvent.click(button('Start step-through'));
    reply({ type: 'step-error', runId: sent[0].runId, message: 'the worker ran out of memory' });
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('the worker ran out of memory');
    expect(screen.queryByText(/Running iteration/)).toBeNull();
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(sent.map((r) => r.type)).toEqual(['step-start', 'step-start']);
    expect(sent[1].runId).not.toBe(sent[0].runId);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says which models are missing and sends nothing without them', () => {
    setRuns({});
    render(<StepThroughSection />);
    fireEvent.click(button('Start step-through'));
    expect(sent).toEqual([]);
    expect(screen.getByRole('alert').textContent).toContain(
      'starts from the SFT and reward models of the run shown, and there are none yet',
    );
  });
});
