import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import {
  btFigures,
  fmtSigned,
  histogram,
  tailMean,
  texNumber,
} from '../../src/pages/reward-model/figures';
import { BradleyTerrySection } from '../../src/pages/reward-model/sections/BradleyTerrySection';
import { PreferencePairsSection } from '../../src/pages/reward-model/sections/PreferencePairsSection';
import { RewardCurvesSection } from '../../src/pages/reward-model/sections/RewardCurvesSection';
import { ScoreDistributionSection } from '../../src/pages/reward-model/sections/ScoreDistributionSection';
import {
  EMPTY_ANSWER_MESSAGE,
  ScoreYourOwnSection,
} from '../../src/pages/reward-model/sections/ScoreYourOwnSection';
import {
  BpeTokenizer,
  DEFAULT_CONFIG,
  DEFAULT_REWARD_CONFIG,
  PREFERENCE_QUALITY_LABELS,
  buildPreferencePairs,
  createRng,
  initParams,
  scoreResponse,
  splitPreferencePairs,
  type Checkpoint,
  type ModelConfig,
  type PipelineConfig,
  type RewardStepMetrics,
} from '../../src/sim';
import { stageKey, type StageRun } from '../../src/store/runs';
import type { StageSummary } from '../../src/worker/protocol';
import { rewardModelFromCheckpoint } from '../../src/worker/runStage';
import { renderApp } from './renderApp';
import { setRuns } from './runFixtures';

// jsdom cannot run Plotly: a stand-in records what the chart would draw.
interface PlotProps {
  data: { name: string; x: number[]; y: number[] }[];
  layout: { datarevision?: number };
}
const plot = vi.hoisted(() => ({ props: [] as PlotProps[] }));
vi.mock('../../src/components/chart/PlotlyPlot', async () => {
  const { createElement } = await import('react');
  return {
    default: (props: PlotProps) => {
      plot.props.push(props);
      return createElement('div', { 'data-testid': 'plotly' });
    },
  };
});

// ─── fixtures ───

/** Held-out evaluations at steps 1, 20, 40 and 60: [loss, accuracy, margin]. */
const HELD_OUT: Record<number, [number, number, number]> = {
  1: [0.69, 0.5, 0],
  20: [0.45, 0.8, 1.5],
  40: [0.3, 0.9, 2.5],
  60: [0.25, 0.935, 3.1],
};

/** 60 steps: train loss 0.69 → 0.19, accuracy 50% → 100%, margin 0 → 4, linearly. */
function rewardMetrics(steps = 60): RewardStepMetrics[] {
  return Array.from({ length: steps }, (_, i) => {
    const t = i / (steps - 1);
    const m: RewardStepMetrics = {
      step: i + 1,
      loss: 0.69 - 0.5 * t,
      accuracy: 0.5 + 0.5 * t,
      meanMargin: 4 * t,
      learningRate: 1e-3,
      gradNorm: 1,
    };
    const held = HELD_OUT[i + 1];
    if (held) [m.heldOutLoss, m.heldOutAccuracy, m.heldOutMargin] = held;
    return m;
  });
}

function rewardRun(patch: Partial<StageRun<'reward'>> = {}): StageRun<'reward'> {
  return {
    status: 'completed',
    source: 'shipped',
    key: stageKey('reward', DEFAULT_CONFIG),
    metrics: rewardMetrics(),
    progress: 1,
    checkpoint: null,
    summary: null,
    message: 'completed 60 steps',
    ...patch,
  };
}

// Bytes-only tokens: 288 positions hold the longest prompt and answer (90 + 170 characters).
const TINY: ModelConfig = { vocabSize: 260, contextLength: 288, width: 8, heads: 2, layers: 1 };

/** A small random reward model (bytes-only tokenizer), scored for real in the tests. */
function tinyRewardCheckpoint(): Checkpoint {
  const config: PipelineConfig = { ...DEFAULT_CONFIG, model: TINY };
  const rng = createRng(3);
  const w = Float32Array.from({ length: TINY.width }, () => rng.normal());
  return {
    stage: 'reward',
    config,
    params: initParams(TINY, rng.stream('init')),
    tokenizer: { version: 1, merges: [] },
    head: { w, b: 0.25, offset: 0.1 },
  };
}

function score(checkpoint: Checkpoint, prompt: string, response: string): number {
  return scoreResponse(
    rewardModelFromCheckpoint(checkpoint),
    BpeTokenizer.fromJSON(checkpoint.tokenizer),
    prompt,
    response,
  );
}

const heldOutPairs = () =>
  splitPreferencePairs(
    buildPreferencePairs(),
    DEFAULT_REWARD_CONFIG.heldOutFraction,
    DEFAULT_CONFIG.seed,
  ).heldOut;

// ─── tests ───

describe('reward-model figures', () => {
  it('works out the Bradley–Terry figures of a pair', () => {
    // m = 1.5: σ(1.5) = 1 / (1 + e^−1.5) = 0.817574…, −ln of it = 0.201413…
    const f = btFigures(2, 0.5);
    expect(f?.margin).toBe(1.5);
    expect(f?.probability).toBeCloseTo(0.8175744762, 9);
    expect(f?.loss).toBeCloseTo(0.2014132779, 9);
    expect(f?.gradient).toBeCloseTo(-0.1824255238, 9);
    // Equal scores: a coin toss, loss ln 2.
    expect(btFigures(0.3, 0.3)?.loss).toBeCloseTo(Math.LN2, 12);
    // The wrong way round: m = −3, loss = ln(1 + e^3) = 3.048587…
    expect(btFigures(-1, 2)?.loss).toBeCloseTo(3.0485873516, 9);
    expect(btFigures(Number.NaN, 1)).toBeNull();
  });

  it('formats signed scores and TeX numbers', () => {
    expect(fmtSigned(1.234)).toBe('+1.23');
    expect(fmtSigned(-0.456)).toBe('\u22120.46');
    expect(fmtSigned(-0.001)).toBe('0.00');
    expect(fmtSigned(undefined)).toBe('—');
    expect(texNumber(-0.456)).toBe('(-0.46)');
    expect(texNumber(0.456)).toBe('0.46');
  });

  it('bins several lists on shared round bins and averages the last steps', () => {
    const h = histogram(
      [
        [0, 0.1, 0.9],
        [1.9, 2],
      ],
      4,
    );
    expect(h.width).toBe(0.5);
    expect(h.centres).toEqual([0.25, 0.75, 1.25, 1.75, 2.25]);
    expect(h.counts).toEqual([
      [2, 1, 0, 0, 0],
      [0, 0, 0, 1, 1],
    ]);
    expect(tailMean(rewardMetrics(), 'loss', 2)).toBeCloseTo(0.69 - (0.5 * 58.5) / 59, 12);
  });
});

describe('Reward-model page', () => {
  it('renders the curves with their text alternatives, from the run in the store', async () => {
    const summary: StageSummary = {
      reward: {
        finalTrain: { loss: 0.1, accuracy: 0.981, meanMargin: 4.2 },
        finalHeldOut: { loss: 0.25, accuracy: 0.935, meanMargin: 3.1 },
        scoreDistribution: { chosen: [], rejected: [] },
        data: { train: 172, heldOut: 46, tooLong: 0 },
        normalisation: { offset: 0.5 },
      },
    };
    setRuns({ reward: rewardRun({ summary }) });
    plot.props.length = 0;
    render(<RewardCurvesSection />);

    const loss = screen.getByRole('figure', { name: 'Bradley–Terry loss' });
    // Last 10 steps: i = 50…59, mean loss 0.69 − 0.5 · 54.5 / 59 = 0.228.
    expect(loss.textContent).toContain(
      'Training loss went from 0.69 to 0.23 (mean of the last 10 steps) over 60 steps; held-out loss fell from 0.69 to 0.25 (steps 1 to 60); a model that cannot tell the answers apart scores ln 2 = 0.69.',
    );
    const accuracy = screen.getByRole('figure', { name: /Accuracy/ });
    // Mean train accuracy of the last 10 steps: 0.5 + 0.5 · 54.5 / 59 = 96.2%.
    expect(accuracy.textContent).toContain(
      'Held-out accuracy rose from 50.0% to 93.5% (steps 1 to 60); training batches average 96.2% over the last 10 steps; guessing scores 50%.',
    );
    const margin = screen.getByRole('figure', { name: 'Mean margin' });
    expect(margin.textContent).toContain(
      'held-out pairs rose from 0.00 to +3.10 (steps 1 to 60); on the training batches +3.69',
    );
    expect(
      screen.getByText(/Held-out accuracy 93.5% on 46 pairs/).parentElement?.textContent,
    ).toContain('against 98.1% on its 172 training pairs');

    await within(loss).findByTestId('plotly');
    const names = plot.props.map((p) => p.data.map((d) => d.name).join(','));
    expect(names).toContain('train (batch),held-out,chance: ln 2');
    await within(accuracy).findByTestId('plotly');
    const accuracyTraces = plot.props
      .map((p) => p.data)
      .find((data) => data.some((d) => d.name === 'chance: 50%'));
    expect(accuracyTraces?.find((d) => d.name === 'held-out')?.y).toEqual([50, 80, 90, 93.5]);
  });

  it('says what to do before there is a reward run', () => {
    setRuns({});
    render(
      <>
        <RewardCurvesSection />
        <BradleyTerrySection />
        <ScoreDistributionSection />
      </>,
    );
    expect(screen.getAllByText('No reward-model run yet: press “Train live” above.')).toHaveLength(
      3,
    );
    expect(
      screen.getByText(
        "No trained model yet: press “Train live” above and a pair's scores and its loss appear here.",
      ),
    ).toBeTruthy();
    expect(
      screen.getByText(
        'No trained model yet: press “Train live” above and the score distributions appear here.',
      ),
    ).toBeTruthy();
  });

  it('filters the preference pairs by quality and by split', () => {
    setRuns({});
    render(<PreferencePairsSection />);
    const all = buildPreferencePairs();
    const held = new Set(heldOutPairs().map((p) => p.id));
    expect(screen.getByText(`${all.length} pairs`)).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Quality'), { target: { value: 'safe-vs-unsafe' } });
    const unsafe = all.filter((p) => p.quality === 'safe-vs-unsafe');
    expect(screen.getByText(`${unsafe.length} pairs`)).toBeTruthy();
    const list = screen.getByRole('list', { name: 'Preference pairs' });
    const cards = within(list).getAllByRole('listitem');
    expect(cards).toHaveLength(6);
    for (const card of cards) {
      expect(card.textContent).toContain(PREFERENCE_QUALITY_LABELS['safe-vs-unsafe']);
      expect(card.textContent).not.toContain(PREFERENCE_QUALITY_LABELS['specific-vs-vague']);
    }

    fireEvent.change(screen.getByLabelText('Show'), { target: { value: 'held-out' } });
    const heldUnsafe = unsafe.filter((p) => held.has(p.id));
    expect(screen.getByText(`${heldUnsafe.length} pairs`)).toBeTruthy();
    for (const card of within(list).getAllByRole('listitem')) {
      expect(card.textContent).toContain('Held out');
    }
    expect(list.textContent).toContain(heldUnsafe[0].chosen);
    expect(list.textContent).toContain(heldUnsafe[0].rejected);
  });

  it('marks the seed pairs with what the seed said and the correction', () => {
    setRuns({});
    render(<PreferencePairsSection />);
    fireEvent.change(screen.getByLabelText('Show'), { target: { value: 'seed' } });
    const list = screen.getByRole('list', { name: 'Preference pairs' });
    const first = within(list).getAllByRole('listitem')[0];
    expect(within(first).getByText('Seed')).toBeTruthy();
    expect(within(first).getByText('Seed said / corrected')).toBeTruthy();
    expect(first.textContent).toContain('invents universal 100/75/50% bands');
  });

  it('works out the Bradley–Terry loss from the reward model’s scores of the chosen pair', async () => {
    const checkpoint = tinyRewardCheckpoint();
    setRuns({ reward: rewardRun({ checkpoint }) });
    plot.props.length = 0;
    render(<BradleyTerrySection />);

    const check = async (prompt: string, chosen: string, rejected: string) => {
      const m = score(checkpoint, prompt, chosen) - score(checkpoint, prompt, rejected);
      // The two answers must score apart, or the check could not tell them apart.
      expect(Math.abs(m)).toBeGreaterThan(0.01);
      const p = 1 / (1 + Math.exp(-m));
      const loss = Math.log(1 + Math.exp(-m));
      const live = await screen.findByRole('img', {
        name: new RegExp(`minus log ${p.toFixed(3)}, which is ${loss.toFixed(3)}`),
      });
      expect(live.getAttribute('aria-label')).toContain(`which is ${fmtSigned(m)}`);
      expect(
        screen.getByText(m > 0 ? "ranked the experts' way" : 'ranked the wrong way round'),
      ).toBeTruthy();
    };

    // The first held-out pair is shown first.
    const [first] = heldOutPairs();
    await check(first.prompt, first.chosen, first.rejected);

    const other = buildPreferencePairs()[5];
    fireEvent.change(screen.getByLabelText('Pair'), { target: { value: other.id } });
    await check(other.prompt, other.chosen, other.rejected);

    // The loss curve marks the new pair, with a new data revision: Plotly redraws it.
    const m =
      score(checkpoint, other.prompt, other.chosen) -
      score(checkpoint, other.prompt, other.rejected);
    await waitFor(() => {
      const marks = plot.props.filter((p) => p.data.some((d) => d.name === 'this pair'));
      const last = marks[marks.length - 1];
      expect(last?.data.find((d) => d.name === 'this pair')?.x[0]).toBeCloseTo(m, 9);
      expect(last?.layout.datarevision).toBeGreaterThan(plot.props[0].layout.datarevision ?? 0);
    });
  });

  it('summarises the held-out score distributions with their means', () => {
    const summary: StageSummary = {
      reward: {
        finalTrain: { loss: 0.1, accuracy: 1, meanMargin: 4 },
        finalHeldOut: { loss: 0.4, accuracy: 0.75, meanMargin: 1.9 },
        scoreDistribution: { chosen: [1, 2, 3, -1], rejected: [-1, 0, -2, 0.4] },
        data: { train: 10, heldOut: 4, tooLong: 0 },
        normalisation: { offset: 0.5 },
      },
    };
    setRuns({ reward: rewardRun({ summary }) });
    render(<ScoreDistributionSection />);
    const figure = screen.getByRole('figure', { name: 'Scores of held-out answers' });
    expect(figure.textContent).toContain(
      'On the 4 held-out pairs, chosen answers score +1.25 on average (median +1.50), rejected answers \u22120.65 (median \u22120.50): a gap of 1.90. In 3 of 4 pairs the chosen answer scores higher than its own rejected answer.',
    );
    expect(document.body.textContent).toContain('2 of 4 rejected answers score above');
  });

  it('scores your own answer, and asks for one when the box is empty', async () => {
    const checkpoint = tinyRewardCheckpoint();
    setRuns({ reward: rewardRun({ checkpoint }) });
    render(<ScoreYourOwnSection />);
    const button = screen.getByRole('button', { name: 'Score this answer' });
    const box = screen.getByLabelText('Your answer');

    fireEvent.click(button);
    expect(screen.getByRole('alert').textContent).toBe(EMPTY_ANSWER_MESSAGE);
    fireEvent.change(box, { target: { value: '   \n ' } });
    fireEvent.click(button);
    expect(screen.getByRole('alert').textContent).toBe(EMPTY_ANSWER_MESSAGE);
    expect(box.getAttribute('aria-invalid')).toBe('true');

    // Typed text is shown as text, never as HTML.
    const typed = 'AVOID: <b>bleeding</b> risk.';
    fireEvent.change(box, { target: { value: typed } });
    fireEvent.click(button);
    expect(screen.queryByRole('alert')).toBeNull();
    const prompt = heldOutPairs()[0].prompt;
    const expected = fmtSigned(score(checkpoint, prompt, typed));
    const headline = await screen.findByText(/Your answer scores/);
    expect(headline.textContent).toContain(`Your answer scores ${expected}`);
    const table = screen.getByRole('table');
    expect(within(table).getByText(typed)).toBeTruthy();
    expect(table.querySelector('b')).toBeNull();
    expect(within(table).getByText('Highest-scoring answer in the pairs')).toBeTruthy();
    expect(within(table).getByText('Lowest-scoring answer in the pairs')).toBeTruthy();
  });

  it('renders the whole page with its sections in order', async () => {
    setRuns({ reward: rewardRun() });
    renderApp('/reward-model');
    expect(await screen.findByRole('heading', { level: 1, name: 'Reward model' })).toBeTruthy();
    const titles = screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
    expect(titles).toEqual([
      'Loss, accuracy and margin',
      'The preference pairs',
      'The loss: Bradley–Terry',
      'Scores of chosen and rejected answers',
      'Score your own answer',
      'Be the annotator',
      'Ratings from head-to-head comparisons',
      'What it cannot do',
    ]);
    expect(screen.queryByText('What this page will teach')).toBeNull();
    expect(screen.getByRole('region', { name: 'Reward model run' })).toBeTruthy();
  });
});
