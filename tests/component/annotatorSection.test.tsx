/**
 * "Be the annotator" on the Reward Model page: the student's clicks become labels, the
 * fit button opens at four labels, the study Worker receives exactly those labels, and
 * a result (computed by the core) renders its accuracy, its reveal and its chart; an
 * error from the Worker is shown as an alert.
 */
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  accuracyReading,
  calibrationReading,
  eceLive,
} from '../../src/pages/reward-model/annotatorReading';
import { AnnotatorSection } from '../../src/pages/reward-model/sections/AnnotatorSection';
import { DEFAULT_CONFIG, buildPreferencePairs } from '../../src/sim';
import {
  annotatorPairs,
  checkAnnotatorLabels,
  fitAnnotatorLabels,
  type AnnotatorFitResult,
  type AnnotatorLabel,
  type AnnotatorModelReport,
  type AnnotatorSet,
} from '../../src/sim/experiments/annotatorFit';
import type { PairFeatures } from '../../src/sim/experiments/rewardProbe';
import type { Checkpoint } from '../../src/sim/stages/types';
import { useStudiesStore, type StudyState } from '../../src/store/studies';
import { setStudyWorkerForTests } from '../../src/worker/client';
import type { StudyKind, WorkerRequest } from '../../src/worker/protocol';
import { makeRun, setRuns } from './runFixtures';

// jsdom cannot run Plotly: a stand-in records what the chart would draw.
interface PlotProps {
  data: { name: string; x: number[]; y: number[] }[];
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

const checkpoint: Checkpoint = {
  stage: 'sft',
  config: DEFAULT_CONFIG,
  params: new Float32Array(1),
  tokenizer: { version: 1, merges: [] },
};

const idle = <K extends StudyKind>(): StudyState<K> => ({
  status: 'idle',
  progress: null,
  result: null,
  message: null,
  request: null,
});

let sent: WorkerRequest[];

beforeEach(() => {
  plot.props.length = 0;
  sent = [];
  setStudyWorkerForTests({ post: (r) => sent.push(r) });
  setRuns({ sft: makeRun('sft', { checkpoint }) });
  useStudiesStore.setState({
    studies: {
      annotation: idle(),
      labelCost: idle(),
      rewardHacking: idle(),
      distributionShift: idle(),
      annotator: idle(),
    },
    active: null,
  });
});

afterEach(() => setStudyWorkerForTests(null));

/** Synthetic features: the expert's answer +1 on the first axis, the rejected one −1. */
function features(n: number, offset: number): PairFeatures[] {
  return Array.from({ length: n }, (_, i) => ({
    chosen: Float32Array.from([1, Math.sin(i + offset) * 0.3]),
    rejected: Float32Array.from([-1, -Math.sin(i + offset) * 0.3]),
  }));
}

function fitFor(set: AnnotatorSet, labels: AnnotatorLabel[]) {
  const rows = checkAnnotatorLabels(set, labels);
  return fitAnnotatorLabels(
    set,
    { labelled: features(rows.length, 0), heldOut: features(set.heldOut.length, 50) },
    { labels },
  );
}

const pairGroups = () =>
  within(screen.getByRole('list', { name: 'Pairs to label' })).getAllByRole('group');
const fitButton = () => screen.getByRole('button', { name: 'Fit a reward model on my labels' });

describe('Be the annotator', () => {
  const set = annotatorPairs(buildPreferencePairs(), DEFAULT_CONFIG.seed);

  it('turns clicks into labels, opens the fit at four, and sends exactly those labels', () => {
    render(<AnnotatorSection />);
    const groups = pairGroups();
    expect(groups).toHaveLength(16);
    // The pair is shown as A/B in the seeded order; the quality is not given away.
    expect(groups[0].textContent).toContain(set.shown[0].a);
    expect(groups[0].textContent).toContain(set.shown[0].b);
    expect(screen.queryByText(/The pair contrasts/)).toBeNull();
    expect(screen.getByText('0 of 16 labelled')).toBeTruthy();
    expect(fitButton()).toHaveProperty('disabled', true);
    expect(screen.getByText(/Label at least 4 pairs to fit \(0 so far\)/)).toBeTruthy();

    const press = (k: number, side: 'A' | 'B') =>
      fireEvent.click(within(groups[k]).getByRole('button', { name: `${side} is better` }));
    press(0, 'A');
    press(1, 'B');
    press(2, 'A');
    expect(screen.getByText('3 of 16 labelled')).toBeTruthy();
    expect(fitButton()).toHaveProperty('disabled', true);
    press(3, 'B');
    expect(screen.getByText('4 of 16 labelled')).toBeTruthy();
    expect(fitButton()).toHaveProperty('disabled', false);
    // A change of mind: pair 1 becomes B; pressing pair 3's B again takes its label back.
    press(0, 'B');
    const a0 = within(groups[0]).getByRole('button', { name: 'A is better' });
    const b0 = within(groups[0]).getByRole('button', { name: 'B is better' });
    expect(a0.getAttribute('aria-pressed')).toBe('false');
    expect(b0.getAttribute('aria-pressed')).toBe('true');
    expect(within(groups[0]).getByText('your choice')).toBeTruthy();
    press(3, 'B');
    expect(screen.getByText('3 of 16 labelled')).toBeTruthy();
    press(5, 'A');

    fireEvent.click(fitButton());
    expect(sent).toHaveLength(1);
    const start = sent[0];
    expect(start.type).toBe('study');
    if (start.type !== 'study') return;
    expect(start.bases.sft).toBe(checkpoint);
    expect(start.study).toEqual({
      kind: 'annotator',
      seed: DEFAULT_CONFIG.seed,
      options: {
        labels: [
          { pairId: set.shown[0].id, preferred: 'B' },
          { pairId: set.shown[1].id, preferred: 'B' },
          { pairId: set.shown[2].id, preferred: 'A' },
          { pairId: set.shown[5].id, preferred: 'A' },
        ],
      },
    });

    // Progress, then the result.
    act(() =>
      useStudiesStore.getState().handle({
        type: 'study-progress',
        runId: start.runId,
        kind: 'annotator',
        done: 3,
        total: 28,
        note: 'reading the 46 held-out pairs with the SFT model',
      }),
    );
    expect(screen.getByRole('button', { name: 'Cancel the fit' })).toBeTruthy();
    expect(screen.getByRole('progressbar').getAttribute('aria-valuetext')).toContain(
      'Step 3 of 28: reading the 46 held-out pairs',
    );

    if (start.study.kind !== 'annotator') return;
    const result = fitFor(set, [...start.study.options.labels]);
    act(() =>
      useStudiesStore.getState().handle({
        type: 'study-done',
        runId: start.runId,
        kind: 'annotator',
        result,
      }),
    );
    const agree = result.agreement.agree;
    expect(
      screen.getByText(`Your labels agree with the experts’ on ${agree} of 4 pairs`, {
        exact: false,
      }),
    ).toBeTruthy();
    const table = screen.getByRole('table', { name: /Two reward models on/ });
    const yourRow = within(table).getByRole('row', { name: /Fitted on your labels/ });
    expect(yourRow.textContent).toContain(`${(result.yours.accuracy * 100).toFixed(1)}%`);
    const expertRow = within(table).getByRole('row', { name: /experts’ labels of the same 4/ });
    // Synthetic features that separate perfectly: the experts' labels rank every held-out pair right.
    expect(expertRow.textContent).toContain('100.0%');

    // Each labelled pair now says what the experts chose; the others stay hidden.
    const reveals = screen.getAllByText(/The pair contrasts/);
    expect(reveals).toHaveLength(4);
    expect(within(groups[4]).queryByText(/The pair contrasts/)).toBeNull();
    const expert0 = set.shown[0].expert;
    expect(groups[0].textContent).toContain(`you chose B, the experts chose ${expert0}`);
    expect(groups[0].textContent).toContain(
      expert0 === 'B' ? 'you agreed with the experts' : 'you disagreed with the experts',
    );

    // The calibration chart: its text alternative counts every held-out pair.
    const figure = screen.getByRole('figure', { name: /Calibration on held-out pairs/ });
    const description = figure.querySelector('.chart-description')?.textContent ?? '';
    expect(description).toContain(`${set.heldOut.length} held-out pairs`);
    for (const b of result.yours.calibration) {
      expect(description).toContain(b.count === 0 ? 'no pairs' : `${b.count} pair`);
    }
    return within(figure)
      .findByTestId('plotly')
      .then(() => {
        const drawn = plot.props[plot.props.length - 1].data;
        expect(drawn.map((d) => d.name)).toEqual([
          'perfectly calibrated',
          'fitted on your labels',
          'fitted on the experts’ labels',
        ]);
        const filled = result.experts.calibration.filter((b) => b.count > 0);
        expect(drawn[2].y).toEqual(filled.map((b) => b.observed));
      });
  });

  it('says when the labels changed since the fit, clears them, and shows a Worker error', () => {
    render(<AnnotatorSection />);
    const groups = pairGroups();
    for (let k = 0; k < 4; k++) {
      fireEvent.click(within(groups[k]).getByRole('button', { name: 'A is better' }));
    }
    fireEvent.click(fitButton());
    const start = sent[0];
    if (start.type !== 'study' || start.study.kind !== 'annotator') throw new Error('no study');
    const result = fitFor(set, [...start.study.options.labels]);
    act(() =>
      useStudiesStore
        .getState()
        .handle({ type: 'study-done', runId: start.runId, kind: 'annotator', result }),
    );
    expect(screen.queryByText(/Your labels have changed since this fit/)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Flip all my labels' }));
    expect(
      within(groups[0]).getByRole('button', { name: 'B is better' }).getAttribute('aria-pressed'),
    ).toBe('true');
    expect(screen.getByText(/Your labels have changed since this fit/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Clear my labels' }));
    expect(screen.getByText('0 of 16 labelled')).toBeTruthy();

    for (let k = 0; k < 4; k++) {
      fireEvent.click(within(groups[k]).getByRole('button', { name: 'B is better' }));
    }
    fireEvent.click(fitButton());
    const again = sent[1];
    act(() =>
      useStudiesStore.getState().handle({
        type: 'study-error',
        runId: again.runId,
        kind: 'annotator',
        message: "label 5: unknown pair 'pref/nope', not one of the 16 pairs to label for seed 1",
      }),
    );
    expect(screen.getByRole('alert').textContent).toContain("label 5: unknown pair 'pref/nope'");
  });
});

describe('the readings of a fit', () => {
  const bins = (counts: number[], predicted: number[], observed: number[]) =>
    counts.map((count, i) => ({
      from: i / 5,
      to: (i + 1) / 5,
      count,
      predicted: count > 0 ? predicted[i] : null,
      observed: count > 0 ? observed[i] : null,
    }));
  const report = (patch: Partial<AnnotatorModelReport>): AnnotatorModelReport => ({
    accuracy: 0.6,
    calibration: bins([10, 10, 6, 10, 10], [0.1, 0.3, 0.5, 0.7, 0.9], [0.2, 0.3, 0.5, 0.6, 0.8]),
    ece: 0.1,
    brier: 0.2,
    meanConfidence: 0.7,
    fitAgreement: 1,
    iterations: 5,
    converged: true,
    ...patch,
  });
  const result = (
    agree: number,
    yours: Partial<AnnotatorModelReport>,
    experts: Partial<AnnotatorModelReport> = {},
  ): AnnotatorFitResult => ({
    seed: 1,
    l2: 3,
    heldOutFraction: 0.2,
    pairs: { shown: 16, labelled: 10, heldOut: 46 },
    agreement: { agree, labelled: 10, rate: agree / 10 },
    yours: report(yours),
    experts: report(experts),
    outcomes: [],
  });

  it('says what disagreements cost, and when the model learned the opposite', () => {
    expect(accuracyReading(result(7, { accuracy: 0.5 }, { accuracy: 0.65 }))).toBe(
      'Your 3 disagreements cost 15.0 points of held-out accuracy: 50.0% of the 46 held-out pairs ranked the experts’ way, against 65.0% with the experts’ labels of the same 10 pairs.',
    );
    expect(accuracyReading(result(0, { accuracy: 0.3 }, { accuracy: 0.7 }))).toContain(
      'Below 50%, the score of guessing: the model learned to prefer what the experts reject.',
    );
    expect(accuracyReading(result(10, { accuracy: 0.6 }))).toContain(
      'the two reward models are the same: 60.0% of the 46 held-out pairs',
    );
    expect(accuracyReading(result(9, { accuracy: 0.63 }, { accuracy: 0.6 }))).toContain(
      'one held-out pair is 2.2 points), so this is luck, not better labels',
    );
  });

  it('reads the surest bins, and warns when the better-calibrated model is the less accurate', () => {
    const r = result(5, { ece: 0.05, brier: 0.26, accuracy: 0.5 }, { ece: 0.15, accuracy: 0.6 });
    const text = calibrationReading(r);
    expect(text).toContain(
      'Where it gives A the highest chance (0.8–1.0, 10 pairs) the experts chose A in 80%; where it gives A the lowest (0.0–0.2, 10 pairs), in 20%.',
    );
    expect(text).toContain('ECE 0.05 against 0.15');
    expect(calibrationReading(result(10, {}))).not.toContain('Calibration is not accuracy');
    // The ECE worked out term by term: 10/46·0.1 + 10/46·0 + 6/46·0 + 10/46·0.1 + 10/46·0.1.
    const live = eceLive(result(10, { ece: 3 / 46 }));
    expect(live.tex).toContain(String.raw`\tfrac{10}{46}\,|0.20 - 0.10|`);
    expect(live.text).toMatch(/which is 0\.07$/);
  });
});
