import { fireEvent, render, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  annotationDescription,
  annotationLive,
  kappaFitReading,
  kappaThresholdReading,
  majorityReading,
} from '../../src/pages/challenges/annotationReading';
import { hours, money, num, pct, pointsDiff, signed } from '../../src/pages/challenges/format';
import {
  describeRun,
  hackingVerdict,
  klSolutionReading,
  readRun,
} from '../../src/pages/challenges/hackingReading';
import {
  buildAnnotationRequest,
  buildHackingRequest,
  buildLabelCostRequest,
  checkNumber,
  checkNumberList,
  NOISE_RULE,
} from '../../src/pages/challenges/inputs';
import {
  costLive,
  costReading,
  costRows,
  savingReading,
  uncertaintyReading,
} from '../../src/pages/challenges/labelCostReading';
import { progressText, secondsLeft } from '../../src/pages/challenges/progress';
import { AnnotationSection } from '../../src/pages/challenges/sections/AnnotationSection';
import { DistributionShiftSection } from '../../src/pages/challenges/sections/DistributionShiftSection';
import { LabelCostSection } from '../../src/pages/challenges/sections/LabelCostSection';
import { RewardHackingSection } from '../../src/pages/challenges/sections/RewardHackingSection';
import {
  activeLearningReading,
  changeReading,
  shiftReading,
  standardError,
  versusChance,
} from '../../src/pages/challenges/shiftReading';
import { DEFAULT_CONFIG } from '../../src/sim/config';
import type { AnnotationPoint, AnnotationStudyResult } from '../../src/sim/experiments/annotation';
import type { DistributionShiftResult } from '../../src/sim/experiments/distributionShift';
import { DEFAULT_LABEL_COST, type LabelCostResult } from '../../src/sim/experiments/labelCost';
import type { HackingRun, RewardHackingResult } from '../../src/sim/experiments/rewardHacking';
import { useConfigStore } from '../../src/store/config';
import { useStudiesStore, type Studies, type StudyState } from '../../src/store/studies';
import type { StudyKind } from '../../src/worker/protocol';
import { renderApp } from './renderApp';
import { setRuns } from './runFixtures';

// jsdom cannot run Plotly: a stand-in records what the chart would draw.
interface PlotProps {
  data: { name: string; x: (number | string)[]; y: number[]; line?: { dash?: string } }[];
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

// ─── fixtures (hand-made results: no study runs in these tests) ───

const zero = { std: 0, min: 0, max: 0 };
const sd = (std: number) => ({ std, min: 0, max: 1 });

function hackingRun(
  beta: number,
  start: HackingRun['start'],
  end: HackingRun['end'],
  n = 6,
): HackingRun {
  const points = Array.from({ length: n }, (_, i) => {
    const t = i / (n - 1);
    return {
      iteration: i + 1,
      proxy: start.proxy + (end.proxy - start.proxy) * t,
      gold: start.gold + (end.gold - start.gold) * t,
      kl: start.kl + (end.kl - start.kl) * t,
    };
  });
  return { beta, points, start, end };
}

/** β = 0 hacked (proxy −0.39 → 1.14, gold 0.192 → 0.072, KL 16); β = 0.2 held (gold 0.170 → 0.217, KL 5.9). */
const HACKING: RewardHackingResult = {
  bias: 'permissive',
  flippedShare: 0.3,
  proxyAccuracy: { biased: 0.9, truth: 0.55 },
  runs: [
    hackingRun(0.2, { proxy: -0.35, gold: 0.17, kl: 0.3 }, { proxy: 0.4, gold: 0.217, kl: 5.9 }),
    hackingRun(0, { proxy: -0.39, gold: 0.192, kl: 0.5 }, { proxy: 1.14, gold: 0.072, kl: 16 }),
  ],
  options: {
    bias: 'permissive',
    betas: [0, 0.2],
    iterations: 6,
    rolloutsPerIteration: 12,
    learningRate: 3e-4,
    seed: 1,
  },
};

function annotationPoint(
  noise: number,
  kappa: number,
  expectedKappa: number,
  accuracySingle: number,
  accuracyMajority: number,
  singleErr: number,
  majorityErr: number,
  expectedMajorityErr: number,
): AnnotationPoint {
  return {
    noise,
    kappa,
    accuracySingle,
    accuracyMajority,
    singleLabelErrorRate: singleErr,
    majorityLabelErrorRate: majorityErr,
    expected: {
      singleLabelErrorRate: noise,
      majorityLabelErrorRate: expectedMajorityErr,
      kappa: expectedKappa,
    },
    spread: {
      kappa: sd(0.02),
      accuracySingle: sd(0.01),
      accuracyMajority: sd(0.01),
      singleLabelErrorRate: zero,
      majorityLabelErrorRate: zero,
    },
  };
}

const ANNOTATION: AnnotationStudyResult = {
  points: [
    annotationPoint(0, 1, 1, 0.83, 0.83, 0, 0, 0),
    annotationPoint(0.1, 0.65, 0.64, 0.8, 0.82, 0.1, 0.03, 0.028),
    annotationPoint(0.2, 0.35, 0.36, 0.74, 0.8, 0.2, 0.1, 0.104),
    annotationPoint(0.3, 0.15, 0.16, 0.66, 0.7, 0.3, 0.21, 0.216),
  ],
  pairs: { total: 250, train: 200, heldOut: 50 },
  annotators: 3,
  repeats: 5,
  seed: 1,
  heldOutFraction: 0.2,
  l2: 1,
};

const SHIFT: DistributionShiftResult = {
  rewardModel: { sft: 0.52, policy: 0.54 },
  activeLearning: {
    before: { sft: 0.7, policy: 0.56 },
    after: { sft: 0.7, policy: 0.72 },
    labelsAdded: 50,
  },
  counts: { sftTest: 50, policyTest: 50, policyPool: 50 },
  examples: [
    {
      id: 'ex-1',
      factId: null,
      prompt: 'Can a patient on warfarin take aspirin?',
      chosen: 'AVOID: <b>bleeding</b> risk rises.',
      rejected: 'SAFE: fine fine fine',
      quality: 'safe-vs-unsafe',
      source: 'model-output',
    },
  ],
  options: { pairsPerModel: 100, temperature: 1, maxNewTokens: 40, seed: 1 },
};

function costPoint(labels: number, random: number, uncertain: number) {
  return {
    labels,
    accuracyRandom: random,
    accuracyUncertainty: uncertain,
    hours: (labels * 3) / 60,
    cost: ((labels * 3) / 60) * 100,
    spread: { accuracyRandom: sd(0.03), accuracyUncertainty: sd(0.03) },
  };
}

const LABEL_COST: LabelCostResult = {
  points: [
    costPoint(8, 0.6, 0.6),
    costPoint(32, 0.7, 0.72),
    costPoint(128, 0.8, 0.81),
    costPoint(200, 0.83, 0.83),
  ],
  pairs: { total: 250, train: 200, heldOut: 50 },
  costModel: DEFAULT_LABEL_COST,
  initialLabels: 8,
  acquisitionBatch: 4,
  repeats: 5,
  seed: 1,
  heldOutFraction: 0.2,
  l2: 1,
};

const idle = <K extends StudyKind>(): StudyState<K> => ({
  status: 'idle',
  progress: null,
  result: null,
  message: null,
  request: null,
});

const done = <K extends StudyKind>(
  result: StudyState<K>['result'],
  request: StudyState<K>['request'] = null,
): StudyState<K> => ({ ...idle<K>(), status: 'done', result, request });

/** Puts studies into the store with spy actions (no Worker is ever started). */
function setStudies(
  studies: Partial<Studies> = {},
  active: { runId: string; kind: StudyKind } | null = null,
) {
  const run = vi.fn();
  const cancel = vi.fn();
  useStudiesStore.setState({
    studies: {
      annotation: idle(),
      labelCost: idle(),
      rewardHacking: idle(),
      distributionShift: idle(),
      annotator: idle(),
      ...studies,
    },
    active,
    run,
    cancel,
  });
  return { run, cancel };
}

const caption = (name: string | RegExp) =>
  screen.getByRole('figure', { name }).querySelector('.chart-description')?.textContent ?? '';

beforeEach(() => {
  plot.props.length = 0;
  setRuns({});
  setStudies();
});

// ─── pure helpers, against hand-computed values ───

describe('formats', () => {
  it('prints signs, percentages, points, hours and money', () => {
    expect(num(-0.39)).toBe('\u22120.39');
    expect(num(-0.0001)).toBe('0.00');
    expect(signed(1.14)).toBe('+1.14');
    expect(pct(0.834)).toBe('83%');
    expect(pct(Number.NaN)).toBe('—');
    expect(pointsDiff(0.025)).toBe('+2.5 points');
    expect(hours(2500)).toBe('2,500 h');
    expect(money(40)).toBe('$40');
    expect(money(12.5)).toBe('$12.50');
    expect(money(250_000)).toBe('$250,000');
  });
});

describe('checking the controls', () => {
  it('rejects text, fractions and out-of-range values with a message', () => {
    expect(checkNumber('abc', { name: 'Iterations', min: 3, max: 64, integer: true })).toEqual({
      ok: false,
      message: 'Iterations must be a number; “abc” is not one.',
    });
    expect(checkNumber('2.5', { name: 'Iterations', min: 3, max: 64, integer: true })).toEqual({
      ok: false,
      message: 'Iterations must be a whole number; 2.5 is not.',
    });
    expect(checkNumber('0', { name: 'Hourly rate', min: 0, max: 10, minExclusive: true })).toEqual({
      ok: false,
      message: 'Hourly rate must be more than 0 and at most 10; 0 is not.',
    });
    expect(checkNumberList('0.3, 0, 0.1 0.1', NOISE_RULE)).toEqual({
      ok: true,
      value: [0, 0.1, 0.3],
    });
    expect(checkNumberList('0, 0.7', NOISE_RULE)).toEqual({
      ok: false,
      message: 'Noise rates: Each value must be between 0 and 0.5; 0.7 is not.',
    });
    expect(checkNumberList(' , ', NOISE_RULE)).toEqual({
      ok: false,
      message: 'Noise rates: enter at least one value.',
    });
  });

  it('builds requests only from valid drafts', () => {
    expect(
      buildHackingRequest({ bias: 'length', betas: [0.2, 0], iterations: '10', seed: '7' }),
    ).toEqual({
      ok: true,
      request: {
        kind: 'rewardHacking',
        seed: 7,
        options: { bias: 'length', betas: [0, 0.2], iterations: 10 },
      },
    });
    expect(buildHackingRequest({ bias: 'length', betas: [], iterations: '2', seed: '1' })).toEqual({
      ok: false,
      errors: {
        betas: 'Select at least one β: the study compares PPO runs, one per β.',
        iterations: 'Iterations must be between 3 and 64; 2 is not.',
      },
    });
    expect(buildAnnotationRequest({ noiseRates: '0.6', repeats: '5', seed: '1' }).ok).toBe(false);
    const cost = buildLabelCostRequest({
      minutesPerComparison: '0',
      hourlyRate: '100',
      labelCounts: '8, 16',
      repeats: '5',
      seed: '1',
    });
    expect(cost.ok ? null : cost.errors.minutesPerComparison).toBe(
      'Minutes per comparison must be more than 0 and at most 10000; 0 is not.',
    );
  });
});

describe('progress line', () => {
  it('estimates the time left at the pace so far', () => {
    const p = { done: 4, total: 12, note: 'PPO at β = 0, iteration 4' };
    expect(secondsLeft(p, 10)).toBe(20);
    expect(secondsLeft({ ...p, done: 0 }, 10)).toBeNull();
    expect(progressText(p, 10)).toBe(
      'Step 4 of 12: PPO at β = 0, iteration 4 · 10 s so far, about 20 s left',
    );
    expect(progressText(null, null)).toBe('Starting…');
  });
});

describe('readings', () => {
  it('reads reward hacking per β and across β', () => {
    const [held, hacked] = HACKING.runs;
    expect(readRun(hacked)).toEqual({ beta: 0, proxyRose: true, goldFell: true, hacked: true });
    expect(readRun(held).hacked).toBe(false);
    expect(describeRun(hacked)).toBe(
      'β = 0: proxy reward rose from \u22120.39 to 1.14 while the gold grade fell from 0.192 to 0.072; KL to the SFT model ended at 16.0 nats.',
    );
    expect(hackingVerdict(HACKING)).toBe(
      'Over-optimisation at β = 0: the proxy reward rose while the gold grade fell — PPO learned what the biased reward model likes, not what is right. At β = 0.2 the gold grade did not fall (β = 0.2: rose from 0.170 to 0.217, KL 5.9 nats): the KL penalty kept the policy closer to the SFT model.',
    );
    expect(klSolutionReading(HACKING)).toBe(
      'Largest β (0.2): gold rose from 0.170 to 0.217, KL 5.9 nats. Smallest β (0): gold fell from 0.192 to 0.072, KL 16.0 nats. Here the larger β stopped the fall of the gold grade.',
    );
    expect(klSolutionReading({ ...HACKING, runs: [hacked] })).toBe(
      'Only one β was run: select two or more to compare.',
    );
  });

  it('reads annotation quality against the formulas and the seeds’ κ threshold', () => {
    expect(annotationDescription(ANNOTATION)).toBe(
      "From p = 0 to p = 0.3 (mean of 5 repeats): Fleiss' κ 1.00 to 0.15, expected 1.00 to 0.16. Held-out accuracy of the reward model trained on one annotator's labels 83% to 66%; on the majority of three 83% to 70%.",
    );
    expect(majorityReading(ANNOTATION)).toBe(
      "The majority of three beat one annotator at 3 of 3 noise rates above 0. The largest gain was at p = 0.2: 80% against 74% held-out accuracy (+6.0 points), because the majority's training labels were wrong 10% of the time instead of 20%.",
    );
    expect(kappaThresholdReading(ANNOTATION)).toBe(
      "κ stayed at or above the seeds' 0.60 up to p = 0.1 (κ = 0.65) and fell below it at p = 0.2 (κ = 0.35). At p = 0.1 a single annotator's labels were already wrong 10% of the time, and the reward model trained on them scored 80% held-out (83% with clean labels).",
    );
    expect(kappaFitReading(ANNOTATION)).toContain('Measured κ is within 0.01 of (1 − 2p)²');
    expect(annotationLive(ANNOTATION.points[2]).kappa.text).toBe(
      '(1 − 2 × 0.2)² = 0.36; measured κ = 0.35',
    );
  });

  it('reads distribution shift against sampling noise', () => {
    // √(0.25 / 50) = 0.0707: 52% and 54% are within 2 SE (14.1 points) of 50%.
    expect(standardError(50)).toBeCloseTo(0.0707, 4);
    expect(versusChance(0.54, 50)).toBe('chance');
    expect(versusChance(0.7, 50)).toBe('above');
    expect(changeReading(0.16, 50)).toBe('gain');
    expect(changeReading(-0.1, 50)).toBe('noise');
    expect(shiftReading(SHIFT)).toContain(
      'agrees with the gold grader on 52% of the pairs of SFT answers and 54% of the pairs of PPO answers (with 50 test pairs one standard error is about 7.1 points): both within sampling noise of a coin flip.',
    );
    expect(activeLearningReading(SHIFT)).toBe(
      'After labelling the 50 PPO pairs of the pool and refitting, the probe agrees with the gold grader on 72% of the other 50 PPO pairs, against 56% before (+16.0 points): a gain beyond sampling noise. On SFT pairs: 70% → 70%.',
    );
  });

  it('prices the budgets from the rates and reads the two sampling strategies', () => {
    const rows = costRows(LABEL_COST, { minutesPerComparison: 3, hourlyRate: 120 });
    // 200 × 3 / 60 = 10 h; 10 × $120 = $1,200.
    expect(rows.map((r) => [r.labels, r.hours, r.cost, r.all])).toEqual([
      [8, 0.4, 48, false],
      [32, 1.6, 192, false],
      [128, 6.4, 768, false],
      [200, 10, 1200, true],
    ]);
    expect(uncertaintyReading(LABEL_COST)).toBe(
      'Uncertainty sampling against random at the 2 budgets between 8 and 200 labels: ahead at 2, behind at 0, mean difference +1.5 points (spread between repeats about 3.0 points; one held-out pair is 2.0 points): about the same as random sampling here: the mean difference is no larger than the spread between repeats.',
    );
    // +1.5 points on average is within the 3-point spread: no saving is claimed.
    expect(savingReading(LABEL_COST, DEFAULT_LABEL_COST)).toBe(
      'No measurable saving: uncertainty sampling was not ahead of random sampling by more than the spread between repeats, so the labels it saved cannot be told from chance here (the seeds claim 60%).',
    );
    // With a spread of 0.5 points it is ahead: 128 labels reach 83% − 2 points, random needs 200.
    const tight: LabelCostResult = {
      ...LABEL_COST,
      points: LABEL_COST.points.map((p) => ({
        ...p,
        spread: { accuracyRandom: sd(0.005), accuracyUncertainty: sd(0.005) },
      })),
    };
    expect(savingReading(tight, DEFAULT_LABEL_COST)).toBe(
      'To come within 2 points of the accuracy with all 200 pairs (83%), random sampling needed 200 labels ($1,000) and uncertainty sampling 128 ($640), among the budgets measured: 36% fewer labels (the seeds claim 60%).',
    );
    expect(costReading(costRows(LABEL_COST, DEFAULT_LABEL_COST))).toBe(
      "From 8 labels ($40) to all 200 ($1,000), random sampling's accuracy went from 60% to 83%: +23.0 points for $960 more.",
    );
    // The seeds' 50,000 pairs: 50,000 × 3 / 60 = 2,500 h; × $100 = $250,000.
    expect(costLive(DEFAULT_LABEL_COST).text).toBe(
      '50,000 × 3 / 60 = 2,500 h; 2,500 × $100 = $250,000',
    );
  });
});

// ─── the sections, with fixture results in the studies store ───

describe('reward hacking section', () => {
  it('shows the result: chart text alternative, reading and table from the study', async () => {
    setStudies({ rewardHacking: done(HACKING) });
    render(<RewardHackingSection />);
    const description = caption(/Proxy reward \(solid/);
    expect(description).toContain(
      'β = 0: proxy reward rose from \u22120.39 to 1.14 while the gold grade fell from 0.192 to 0.072; KL to the SFT model ended at 16.0 nats.',
    );
    expect(description).toContain('β = 0.2: proxy reward rose from \u22120.35 to 0.40 and');
    expect(screen.getByText(/^Over-optimisation at β = 0:/).textContent).toContain(
      'At β = 0.2 the gold grade did not fall',
    );
    expect(screen.getByText(/flipped 30% of the built-in preference labels/)).toBeTruthy();
    const table = screen.getByRole('table', { name: /Start and end of each PPO run/ });
    const rows = within(table).getAllByRole('row');
    expect(rows[1].textContent).toContain('0.192 → 0.072');
    expect(rows[1].textContent).toContain('yes: proxy up, gold down');
    expect(rows[2].textContent).toContain('no: the gold grade did not fall');
    const solutions = screen.getByRole('table', { name: /Reward hacking: the seeds' solutions/ });
    expect(solutions.textContent).toContain(
      'Here the larger β stopped the fall of the gold grade.',
    );

    await within(screen.getByRole('figure', { name: /Proxy reward/ })).findByTestId('plotly');
    const names = plot.props.flatMap((p) => p.data.map((d) => d.name));
    expect(names).toContain('gold grade, β = 0');
    expect(names).toContain('proxy reward, β = 0.2');
  });

  it('sends the request built from the controls with the configuration', () => {
    useConfigStore.setState({ config: { ...DEFAULT_CONFIG, seed: 7 } });
    const { run } = setStudies();
    render(<RewardHackingSection />);
    expect(screen.getByText('No result yet: choose the settings and press Run.')).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: 'Length-biased' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'β = 0.05' }));
    fireEvent.change(screen.getByLabelText('Iterations'), { target: { value: '10' } });
    expect(screen.getByText('3 PPO runs × 10 iterations × 12 rollouts, from the SFT model.'));
    fireEvent.click(screen.getByRole('button', { name: 'Run the reward-hacking study' }));
    expect(run).toHaveBeenCalledTimes(1);
    expect(run).toHaveBeenCalledWith(
      {
        kind: 'rewardHacking',
        seed: 7,
        options: { bias: 'length', betas: [0, 0.05, 0.2], iterations: 10 },
      },
      { ...DEFAULT_CONFIG, seed: 7 },
    );
  });

  it('does not send a request without a β, and says why', () => {
    const { run } = setStudies();
    render(<RewardHackingSection />);
    fireEvent.click(screen.getByRole('checkbox', { name: 'β = 0' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'β = 0.2' }));
    fireEvent.click(screen.getByRole('button', { name: 'Run the reward-hacking study' }));
    expect(run).not.toHaveBeenCalled();
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain(
      'Not started:Select at least one β: the study compares PPO runs, one per β.',
    );
  });

  it('shows progress with a Cancel button while it runs', () => {
    const { cancel } = setStudies(
      {
        rewardHacking: {
          ...idle<'rewardHacking'>(),
          status: 'running',
          progress: { done: 3, total: 12, note: 'PPO at β = 0, iteration 3' },
        },
      },
      { runId: 'study-1', kind: 'rewardHacking' },
    );
    render(<RewardHackingSection />);
    const bar = screen.getByRole('progressbar', { name: 'reward-hacking study progress' });
    expect(bar.getAttribute('aria-valuenow')).toBe('25');
    expect(bar.getAttribute('aria-valuetext')).toBe('Step 3 of 12: PPO at β = 0, iteration 3');
    expect(screen.queryByRole('button', { name: /^Run/ })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel the reward-hacking study' }));
    expect(cancel).toHaveBeenCalledTimes(1);
  });

  it('says when a study was replaced by another, and shows a failure’s message', () => {
    setStudies(
      { rewardHacking: { ...idle<'rewardHacking'>(), status: 'running' } },
      { runId: 'study-2', kind: 'annotation' },
    );
    const { unmount } = render(<RewardHackingSection />);
    expect(
      screen.getByText('Stopped when another study started: run it again to see its result.'),
    ).toBeTruthy();
    expect(screen.getByText(/The annotation-quality study is running/)).toBeTruthy();
    expect(screen.queryByRole('progressbar')).toBeNull();
    unmount();

    setStudies({
      rewardHacking: {
        ...idle<'rewardHacking'>(),
        status: 'error',
        message: 'This study starts from the SFT model: load the default run or train it first.',
      },
    });
    render(<RewardHackingSection />);
    expect(screen.getByRole('alert').textContent).toContain(
      'This study starts from the SFT model: load the default run or train it first.',
    );
    expect(screen.getByText(/the run shown has none yet/)).toBeTruthy();
  });

  it('keeps its result and settings when the section is shown again', () => {
    setStudies({
      rewardHacking: done(HACKING, {
        kind: 'rewardHacking',
        seed: 3,
        options: { bias: 'length', betas: [0.5], iterations: 12 },
      }),
    });
    const first = render(<RewardHackingSection />);
    first.unmount();
    render(<RewardHackingSection />);
    expect(screen.getByRole('figure', { name: /Proxy reward/ })).toBeTruthy();
    expect((screen.getByRole('radio', { name: 'Length-biased' }) as HTMLInputElement).checked).toBe(
      true,
    );
    expect((screen.getByRole('checkbox', { name: 'β = 0.5' }) as HTMLInputElement).checked).toBe(
      true,
    );
    expect((screen.getByRole('checkbox', { name: 'β = 0' }) as HTMLInputElement).checked).toBe(
      false,
    );
    expect((screen.getByLabelText('Iterations') as HTMLInputElement).value).toBe('12');
    expect((screen.getByLabelText('Seed') as HTMLInputElement).value).toBe('3');
  });
});

describe('annotation quality section', () => {
  it('draws κ with its dashed expectation and both accuracies, and reads them', async () => {
    setStudies({ annotation: done(ANNOTATION) });
    render(<AnnotationSection />);
    expect(caption(/Agreement between annotators/)).toBe(annotationDescription(ANNOTATION));
    expect(document.querySelector('.study-reading')?.textContent).toBe(
      `Reading: ${majorityReading(ANNOTATION)} ${kappaFitReading(ANNOTATION)}`,
    );
    // The formula, worked out at the middle noise rate (p = 0.2).
    expect(
      screen.getByRole('img', {
        name: "At p = 0.2, with this result's κ: (1 − 2 × 0.2)² = 0.36; measured κ = 0.35",
      }),
    ).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Noise rate in the formulas'), {
      target: { value: '1' },
    });
    expect(
      screen.getByRole('img', {
        name: "At p = 0.1, with this result's κ: (1 − 2 × 0.1)² = 0.64; measured κ = 0.65",
      }),
    ).toBeTruthy();
    const solutions = screen.getByRole('table', { name: /Annotation quality: the seeds'/ });
    expect(solutions.textContent).toContain("κ stayed at or above the seeds' 0.60 up to p = 0.1");

    await within(screen.getByRole('figure', { name: /Agreement/ })).findByTestId('plotly');
    const expected = plot.props
      .flatMap((p) => p.data)
      .find((d) => d.name === 'expected κ = (1 − 2p)²');
    expect(expected?.line?.dash).toBe('dash');
    expect(expected?.y).toEqual([1, 0.64, 0.36, 0.16]);
  });

  it('rejects a noise rate outside [0, 0.5] and sends valid ones sorted', () => {
    const { run } = setStudies();
    render(<AnnotationSection />);
    const noise = screen.getByLabelText('Noise rates p');
    fireEvent.change(noise, { target: { value: '0, 0.7' } });
    expect(noise.getAttribute('aria-invalid')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: 'Run the annotation-quality study' }));
    expect(run).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toContain(
      'Noise rates: Each value must be between 0 and 0.5; 0.7 is not.',
    );

    fireEvent.change(noise, { target: { value: '0.4, 0, 0.2' } });
    fireEvent.change(screen.getByLabelText('Repeats'), { target: { value: '3' } });
    expect(screen.queryByRole('alert')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Run the annotation-quality study' }));
    expect(run).toHaveBeenCalledWith(
      {
        kind: 'annotation',
        seed: DEFAULT_CONFIG.seed,
        options: { noiseRates: [0, 0.2, 0.4], repeats: 3 },
      },
      DEFAULT_CONFIG,
    );
  });
});

describe('distribution shift section', () => {
  it('shows the accuracies, the active-learning change and the pairs as text', () => {
    setStudies({ distributionShift: done(SHIFT) });
    render(<DistributionShiftSection />);
    expect(caption('Does the reward model rank answers like the gold grader?')).toContain(
      'Reward model PPO used: 52% and 54%.',
    );
    expect(screen.getByText(/^The reward model PPO was trained against agrees/)).toBeTruthy();
    expect(screen.getAllByText(/\+16\.0 points\): a gain beyond sampling noise/).length).toBe(2);
    const examples = screen.getByRole('table', { name: /Some of the PPO test pairs/ });
    // Model text is shown as text, never as markup.
    expect(within(examples).getByText('AVOID: <b>bleeding</b> risk rises.')).toBeTruthy();
    expect(examples.querySelector('b')).toBeNull();
    expect(examples.textContent).toContain('safe vs unsafe verdict');
  });

  it('runs with the pairs asked for, and refuses a count out of range', () => {
    const { run } = setStudies();
    render(<DistributionShiftSection />);
    fireEvent.change(screen.getByLabelText('Pairs per model'), { target: { value: '2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Run the distribution-shift study' }));
    expect(run).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toContain(
      'Pairs per model must be between 4 and 200; 2 is not.',
    );
    fireEvent.change(screen.getByLabelText('Pairs per model'), { target: { value: '40' } });
    fireEvent.click(screen.getByRole('button', { name: 'Run the distribution-shift study' }));
    expect(run).toHaveBeenCalledWith(
      { kind: 'distributionShift', seed: DEFAULT_CONFIG.seed, options: { pairsPerModel: 40 } },
      DEFAULT_CONFIG,
    );
  });
});

describe('label cost section', () => {
  it('recomputes hours and cost from the rates typed in', () => {
    setStudies({ labelCost: done(LABEL_COST) });
    render(<LabelCostSection />);
    const table = () => screen.getByRole('table', { name: /Accuracy and cost per budget/ });
    const lastRow = () => within(table()).getAllByRole('row').at(-1)?.textContent ?? '';
    expect(lastRow()).toContain('200 (all)');
    expect(lastRow()).toContain('10 h');
    expect(lastRow()).toContain('$1,000');
    expect(screen.getByText(/the seeds’ 50,000 preference pairs take/).textContent).toContain(
      '2,500 h of expert time and cost $250,000',
    );

    fireEvent.change(screen.getByLabelText('Hourly rate ($)'), { target: { value: '120' } });
    expect(lastRow()).toContain('$1,200');
    expect(screen.getByText(/the seeds’ 50,000 preference pairs take/).textContent).toContain(
      'cost $300,000',
    );
    expect(caption('Reward-model accuracy against the labels paid for')).toContain(
      'to 200 labels (10 h, $1,200)',
    );
    fireEvent.change(screen.getByLabelText('Minutes per comparison'), { target: { value: '6' } });
    expect(lastRow()).toContain('20 h');
    expect(lastRow()).toContain('$2,400');
  });

  it('keeps the last valid rate and refuses to run with an invalid one', () => {
    const { run } = setStudies({ labelCost: done(LABEL_COST) });
    render(<LabelCostSection />);
    fireEvent.change(screen.getByLabelText('Hourly rate ($)'), { target: { value: '-5' } });
    expect(
      screen.getByText(
        'Hourly rate must be more than 0 and at most 1000000; -5 is not. Not applied: still 100.',
      ),
    ).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Run the label-cost study' }));
    expect(run).not.toHaveBeenCalled();

    fireEvent.change(screen.getByLabelText('Hourly rate ($)'), { target: { value: '80' } });
    fireEvent.change(screen.getByLabelText('Label counts'), { target: { value: '64, 16' } });
    fireEvent.click(screen.getByRole('button', { name: 'Run the label-cost study' }));
    expect(run).toHaveBeenCalledWith(
      {
        kind: 'labelCost',
        seed: DEFAULT_CONFIG.seed,
        options: { minutesPerComparison: 3, hourlyRate: 80, labelCounts: [16, 64], repeats: 5 },
      },
      DEFAULT_CONFIG,
    );
  });
});

describe('the page', () => {
  it('renders its four studies in order', async () => {
    setStudies({ annotation: done(ANNOTATION) });
    renderApp('/challenges');
    expect(
      await screen.findByRole(
        'heading',
        { level: 1, name: 'Challenges and solutions' },
        {
          timeout: 10_000,
        },
      ),
    ).toBeTruthy();
    const titles = screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
    expect(titles).toEqual([
      'Reward hacking: the proxy rises, the truth falls',
      'Annotation quality: noisy annotators and the majority vote',
      'Distribution shift: judging answers it never saw',
      'Scalability: what each label costs, and what it buys',
    ]);
    expect(screen.queryByText('What this page will teach')).toBeNull();
    expect(screen.getByRole('figure', { name: /Agreement between annotators/ })).toBeTruthy();
  });
});
