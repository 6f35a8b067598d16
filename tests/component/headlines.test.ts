import { describe, expect, it } from 'vitest';
import type { AnsweredPrompt, PpoIterationMetrics } from '../../src/sim';
import {
  ppoHeadlines,
  pretrainHeadlines,
  rewardHeadlines,
  sftHeadlines,
} from '../../src/pages/home/useRunHeadlines';
import type { StageRun } from '../../src/store/runs';
import { makeMetrics, makeRun } from './runFixtures';

describe('Home headline numbers', () => {
  it('computes the pretraining numbers from the run', () => {
    const run = makeRun('pretrain', {
      metrics: makeMetrics(10, 5, 6, 2),
      summary: {
        unigramLoss: 5,
        probes: [
          { context: 'a', answer: '30', completion: ' 30', correct: true },
          { context: 'b', answer: '45', completion: ' 30', correct: false },
        ],
      },
    });
    expect(pretrainHeadlines(run)).toEqual([
      { label: 'Held-out loss', value: '2.30', detail: 'nats (unigram 5.00)' },
      { label: 'Perplexity', value: '9.97', detail: '(unigram 148)' },
      { label: 'Facts recalled', value: '1 / 2', detail: 'probes' },
    ]);
  });

  it('computes the SFT numbers from the run', () => {
    const run = makeRun('sft', {
      metrics: makeMetrics(4, 2, 3, 1),
      summary: {
        formatRate: 0.5,
        answers: [
          { instruction: 'q', expected: 'AVOID: x', answer: 'AVOID: y', followsFormat: true },
          { instruction: 'r', expected: 'SAFE: x', answer: 'maybe', followsFormat: false },
        ],
      },
    });
    expect(sftHeadlines(run)).toEqual([
      { label: 'Held-out masked loss', value: '1.30', detail: 'nats' },
      { label: 'Expert format', value: '50%', detail: '(1 of 2 held-out answers)' },
    ]);
  });

  it('shows progress while training, and nothing for a stage without a run', () => {
    expect(pretrainHeadlines(makeRun('pretrain', { status: 'running', progress: 0.42 }))).toEqual([
      { label: 'Training', value: '42%', detail: 'live in your browser' },
    ]);
    expect(sftHeadlines(makeRun('sft', { status: 'idle', metrics: [] }))).toEqual([]);
  });

  it('computes the reward-model and PPO numbers from the runs', () => {
    const reward: StageRun<'reward'> = {
      ...makeRun('pretrain'),
      metrics: [],
      summary: {
        reward: {
          finalTrain: { loss: 0.1, accuracy: 1, meanMargin: 3 },
          finalHeldOut: { loss: 0.2, accuracy: 0.935, meanMargin: 2.56 },
          scoreDistribution: { chosen: [], rejected: [] },
          data: { train: 172, heldOut: 46, tooLong: 0 },
          normalisation: { offset: 1.7 },
        },
      },
    };
    expect(rewardHeadlines(reward)).toEqual([
      {
        label: 'Held-out accuracy',
        value: '94%',
        detail: '(46 pairs about unseen facts; chance 50%)',
      },
      { label: 'Mean margin', value: '2.56', detail: 'r(chosen) − r(rejected)' },
    ]);
    const answer = (score: number, goldScore: number): AnsweredPrompt => ({
      id: 'p',
      factId: 'f',
      prompt: 'q',
      answer: 'a',
      score,
      goldScore,
      verdictCorrect: true,
    });
    const ppo: StageRun<'ppo'> = {
      ...makeRun('pretrain'),
      metrics: [{ iteration: 1, klK3: 8.02 } as PpoIterationMetrics],
      summary: {
        ppo: {
          snapshots: [],
          heldOut: {
            before: [answer(0, 0.2), answer(1, 0.4)],
            after: [answer(1, 0.3), answer(2, 0.4)],
          },
          lastTrace: null,
        },
      },
    };
    expect(ppoHeadlines(ppo)).toEqual([
      { label: 'Held-out reward', value: '0.50 → 1.50', detail: 'SFT → PPO' },
      { label: 'Gold grade', value: '0.30 → 0.35', detail: 'rule-based, 0–1' },
      { label: 'KL to SFT', value: '8.02', detail: 'nats per answer' },
    ]);
  });
});
