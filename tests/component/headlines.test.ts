import { describe, expect, it } from 'vitest';
import { pretrainHeadlines, sftHeadlines } from '../../src/pages/home/useRunHeadlines';
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
});
