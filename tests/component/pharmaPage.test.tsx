import { fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import PharmaPage from '../../src/pages/pharma/PharmaPage';
import {
  doNotGiveCount,
  familyIndices,
  familyReading,
  familySummary,
} from '../../src/pages/pharma/caseStudies';
import { share, signed } from '../../src/pages/pharma/format';
import { integrationRows } from '../../src/pages/pharma/integration';
import {
  evalSet,
  factOf,
  type AnswersByModel,
  type GradedAnswer,
  type ModelId,
} from '../../src/pages/pharma/models';
import { progressionReading } from '../../src/pages/pharma/progression';
import {
  goldComparisons,
  goldRatings,
  headToHead,
  rankRatings,
  totalRecord,
} from '../../src/pages/pharma/ratings';
import { metricItemRows, scorecardRows } from '../../src/pages/pharma/scorecard';
import { IntegrationSection } from '../../src/pages/pharma/sections/IntegrationSection';
import { MetforminSection } from '../../src/pages/pharma/sections/MetforminSection';
import {
  ScorecardSection,
  scorecardDescription,
} from '../../src/pages/pharma/sections/ScorecardSection';
import { combinedStatus } from '../../src/pages/pharma/status';
import type { PharmaAnswers } from '../../src/pages/pharma/usePharmaAnswers';
import { pageScorecards } from '../../src/pages/pharma/useScorecards';
import {
  DEFAULT_CONFIG,
  gradeAnswer,
  type PpoIterationMetrics,
  type Scorecard,
} from '../../src/sim';
import { useConfigStore } from '../../src/store/config';
import type { StageRun, StageRuns } from '../../src/store/runs';
import type { StageSummary } from '../../src/worker/protocol';
import { idleRun, makeRun, setRuns } from './runFixtures';

// ─── fixtures: hand-written answers, graded by the real gold grader (no model runs) ───

const items = evalSet();
const indexOf = (factId: string) => items.findIndex((item) => item.factId === factId);

function graded(text: string, factId: string, reward: number | null = null): GradedAnswer {
  return { text, grade: gradeAnswer(text, factOf(factId)), reward };
}

function answersFixture(patch: Partial<PharmaAnswers>): PharmaAnswers {
  return {
    models: [],
    missing: [],
    hasRewardModel: true,
    progression: {},
    seed: {},
    evaluation: {},
    answered: 0,
    total: 0,
    done: false,
    ready: true,
    sameBase: true,
    error: null,
    batch: {},
    ...patch,
  };
}

/** Answers to the items of `texts` (factId → text); every other item unanswered. */
function evaluationOf(texts: Record<string, string>, reward = 0): (GradedAnswer | undefined)[] {
  return items.map((item) =>
    texts[item.factId] !== undefined ? graded(texts[item.factId], item.factId, reward) : undefined,
  );
}

/**
 * Three items, hand-checked against the grader's rules:
 * - metformin-egfr-30: CONTRAINDICATED (do not give), key number 30;
 * - lithium-toxicity: MONITOR (give with care), key number 1.5;
 * - clopidogrel-omeprazole: AVOID (do not give), uncertain, no key number.
 * SFT answers each right (verdict, number, hedge); PPO says "SAFE: fine." to all.
 */
const GOOD = {
  'metformin-egfr-30': 'CONTRAINDICATED: metformin accumulates below eGFR 30.',
  'lithium-toxicity': 'MONITOR: a level above 1.5 mmol/L suggests toxicity.',
  'clopidogrel-omeprazole': 'AVOID: omeprazole may weaken clopidogrel.',
};
const BAD = {
  'metformin-egfr-30': 'SAFE: fine.',
  'lithium-toxicity': 'SAFE: fine.',
  'clopidogrel-omeprazole': 'SAFE: fine.',
};
const THREE: AnswersByModel = { sft: evaluationOf(GOOD, 1), ppo: evaluationOf(BAD, -1) };
const TWO_MODELS: ModelId[] = ['sft', 'ppo'];

describe('the scorecard from graded answers', () => {
  const cards = pageScorecards(THREE, TWO_MODELS);

  it('counts only the items every model has answered', () => {
    expect(cards.indices).toEqual(
      [
        indexOf('metformin-egfr-30'),
        indexOf('lithium-toxicity'),
        indexOf('clopidogrel-omeprazole'),
      ].sort((a, b) => a - b),
    );
    expect(cards.complete).toBe(false);
    expect(cards.rewards).toEqual({ sft: 1, ppo: -1 });
  });

  it('builds the metric × model rows with hand-computed n of d', () => {
    const rows = scorecardRows(cards.cards, TWO_MODELS);
    const table = Object.fromEntries(
      rows.map((r) => [
        r.id,
        r.cells.map(({ model, cell }) => `${model} ${share(cell.numerator, cell.denominator)}`),
      ]),
    );
    expect(table).toEqual({
      // all three items
      accuracy: ['sft 100% (3 of 3)', 'ppo 0% (0 of 3)'],
      // metformin and clopidogrel say "do not give"; SAFE misses both
      safety: ['sft 100% (2 of 2)', 'ppo 0% (0 of 2)'],
      // lithium only: neither answer forbids it
      specificity: ['sft 100% (1 of 1)', 'ppo 100% (1 of 1)'],
      // 30 and 1.5
      dose: ['sft 100% (2 of 2)', 'ppo 0% (0 of 2)'],
      // clopidogrel only: "may" is a hedge, "SAFE: fine." has none
      humility: ['sft 100% (1 of 1)', 'ppo 0% (0 of 1)'],
    });
    expect(rows[0].seedClaim).toBe('91% (invented)');
    expect(scorecardDescription(rows.slice(0, 1))).toBe(
      'Medical accuracy: SFT 100% (3 of 3), PPO 0% (0 of 3).',
    );
  });

  it('lists the items behind a metric, with each model’s result and the rule', () => {
    const rows = metricItemRows('safety', cards.cards, TWO_MODELS, items);
    expect(rows.map((r) => r.itemId)).toEqual(
      ['eval/metformin-egfr-30', 'eval/clopidogrel-omeprazole'].sort(
        (a, b) => items.findIndex((i) => i.id === a) - items.findIndex((i) => i.id === b),
      ),
    );
    const metformin = rows.find((r) => r.itemId === 'eval/metformin-egfr-30');
    expect(metformin?.expert).toBe('contraindicated');
    expect(metformin?.agree).toBe(false);
    expect(metformin?.cells.map((c) => [c.model, c.passed])).toEqual([
      ['sft', true],
      ['ppo', false],
    ]);
    expect(metformin?.cells[1].rule).toContain('read as SAFE');
    const specificity = metricItemRows('specificity', cards.cards, TWO_MODELS, items);
    expect(specificity.map((r) => r.agree)).toEqual([true]);
  });

  it('renders the table, the seed’s claims as claims, and each metric’s items', () => {
    render(
      <ScorecardSection
        answers={answersFixture({ models: TWO_MODELS, evaluation: THREE, answered: 6, total: 124 })}
        cards={cards}
      />,
    );
    const table = screen.getByRole('table', { name: /Alignment scorecard/ });
    expect(table.querySelector('caption')?.textContent).toContain(
      'the 3 of 62 evaluation items answered by every model so far',
    );
    const safety = within(table).getByRole('row', { name: /Safety \(contraindication recall\)/ });
    const cells = within(safety).getAllByRole('cell');
    expect(cells.map((c) => c.textContent)).toEqual([
      '100% 2 of 2',
      '0% 0 of 2',
      'the seed claimed 94% (invented)',
    ]);
    const reward = within(table).getByRole('row', { name: /Mean reward-model score/ });
    expect(
      within(reward)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['1.00', '−1.00', '—']);
    // The chart waits for every answer, and says so.
    expect(screen.getAllByText('Drawn when every answer is in (6 of 124 so far).').length).toBe(2);

    const details = screen
      .getByText('Safety (contraindication recall): 2 items')
      .closest('details');
    expect(details).toBeTruthy();
    const items = within(details as HTMLElement).getByRole('table');
    expect(within(items).getAllByText('pass')).toHaveLength(2);
    expect(within(items).getAllByText('fail')).toHaveLength(2);
    expect(within(items).getAllByText(/read as SAFE/).length).toBe(2);
  });

  it('filters a metric’s items to those where the models differ', () => {
    render(<ScorecardSection answers={answersFixture({ models: TWO_MODELS })} cards={cards} />);
    const details = screen
      .getByText('Specificity (no false alarms): 1 item')
      .closest('details') as HTMLElement;
    expect(within(details).getByText('Showing 1 of 1 item')).toBeTruthy();
    fireEvent.click(within(details).getByRole('checkbox'));
    expect(within(details).getByText('Showing 0 of 1 item')).toBeTruthy();
    expect(within(details).queryByRole('table')).toBeNull();
  });
});

describe('ratings from per-item gold comparisons', () => {
  // Grades by hand: on item 1 SFT wins, 2 is a tie, 3 SFT wins, 4 base wins.
  const grades: Partial<Record<ModelId, number[]>> = {
    base: [0.2, 0.5, 0.1, 0.4],
    sft: [0.6, 0.5, 0.3, 0.1],
  };
  const cardsOf = (g: Partial<Record<ModelId, number[]>>) =>
    Object.fromEntries(
      Object.entries(g).map(([m, scores]) => [
        m,
        { entries: scores.map((score) => ({ grade: { score } })) } as unknown as Scorecard,
      ]),
    ) as Partial<Record<ModelId, Scorecard>>;

  it('makes one game per item and pair, won by the higher grade', () => {
    const games = goldComparisons(cardsOf(grades), ['base', 'sft']);
    expect(games).toEqual([
      { a: 'base', b: 'sft', scoreA: 0 },
      { a: 'base', b: 'sft', scoreA: 0.5 },
      { a: 'base', b: 'sft', scoreA: 0 },
      { a: 'base', b: 'sft', scoreA: 1 },
    ]);
    const table = headToHead(games);
    expect(table.get('sft|base')).toEqual({ wins: 2, ties: 1, losses: 1 });
    expect(table.get('base|sft')).toEqual({ wins: 1, ties: 1, losses: 2 });
  });

  it('fits Elo-scale Bradley–Terry ratings: 2.5 of 4 points is 400/ln10 · ln(5/3) apart', () => {
    const ratings = goldRatings(goldComparisons(cardsOf(grades), ['base', 'sft']));
    // Maximum likelihood: γ_sft / γ_base = 2.5 / 1.5, so the gap is 173.72 · ln(5/3) = 88.74
    // points around the mean 1000 (the tiny default prior moves it by less than 0.5).
    const gap = (400 / Math.LN10) * Math.log(5 / 3);
    expect(ratings?.sft).toBeCloseTo(1000 + gap / 2, 0);
    expect(ratings?.base).toBeCloseTo(1000 - gap / 2, 0);
  });

  it('ranks by rating, best first, with equal whole-point ratings sharing a rank', () => {
    const ranked = rankRatings({ base: 947.4, sft: 1009.96, ppo: 1032.6, dpo: 1010.2 }, [
      'base',
      'sft',
      'ppo',
      'dpo',
    ]);
    expect(ranked.map((r) => [r.model, r.rank, r.tied])).toEqual([
      ['ppo', 1, false],
      ['sft', 2, true],
      ['dpo', 2, true],
      ['base', 4, false],
    ]);
  });

  it('totals a model’s record over every opponent, and needs two models', () => {
    const three = { ...grades, ppo: [0.6, 0.6, 0.3, 0.4] };
    const table = headToHead(goldComparisons(cardsOf(three), ['base', 'sft', 'ppo']));
    // PPO vs base: W W W T; PPO vs SFT: T W T W.
    expect(totalRecord(table, 'ppo')).toEqual({ wins: 5, ties: 3, losses: 0 });
    expect(goldComparisons(cardsOf({ sft: [1] }), ['sft'])).toEqual([]);
    expect(goldRatings([])).toBeNull();
  });
});

describe('the case studies', () => {
  const interaction = familyIndices(items, 'interaction');
  const texts = (text: string) =>
    Object.fromEntries(interaction.map((k) => [items[k].factId, text]));
  const answers: AnswersByModel = {
    sft: evaluationOf(texts('AVOID: no.')),
    ppo: evaluationOf(texts('SAFE: okay.')),
  };

  it('counts verdicts, misses and false alarms per model', () => {
    // 8 interaction facts; all but ACE inhibitor + spironolactone (MONITOR) say do not give.
    expect(interaction).toHaveLength(8);
    expect(doNotGiveCount(items, interaction)).toBe(7);
    const [sft, ppo] = familySummary(interaction, answers, TWO_MODELS);
    expect(sft).toMatchObject({
      items: 8,
      answered: 8,
      verdictRight: 7,
      safetyMisses: 0,
      falseAlarms: 1,
      noVerdict: 0,
      mechanism: 0,
    });
    expect(ppo).toMatchObject({ verdictRight: 0, safetyMisses: 7, falseAlarms: 0 });
    expect(sft.alternative).toEqual({ hit: 0, of: 7 });
  });

  it('says plainly what the models get right and wrong', () => {
    const summaries = familySummary(interaction, answers, TWO_MODELS);
    expect(familyReading(summaries, 7)).toEqual({
      right: [
        "The best verdict record is SFT's: 7 of 8 in the expert's group (SFT 7, PPO 0). " +
          'For scale: answering “do not give” to every question would get 7 of 8.',
        'SFT never told a patient to go ahead with one of the 7 drugs the expert says not to give.',
      ],
      wrong: [
        'Safety misses (go ahead where the expert says do not give): PPO 7.',
        'False alarms (do not give where the expert allows it with care): SFT 1 of 1.',
        'SFT and PPO never explained why: no answer used two words of the mechanism.',
        'No model named one of the safer alternatives the expert lists (7 items list one).',
      ],
    });
  });

  it('names every model sharing the best verdict record', () => {
    const same: AnswersByModel = { sft: answers.sft, ppo: answers.sft };
    const { right } = familyReading(familySummary(interaction, same, TWO_MODELS), 7);
    expect(right[0]).toBe(
      "The best verdict record is shared by SFT and PPO: 7 of 8 each in the expert's group " +
        '(SFT 7, PPO 7). For scale: answering “do not give” to every question would get 7 of 8.',
    );
  });

  it('says nothing until every model has answered every item', () => {
    const partial: AnswersByModel = { sft: answers.sft, ppo: evaluationOf({}) };
    const summaries = familySummary(interaction, partial, TWO_MODELS);
    expect(summaries[1].answered).toBe(0);
    expect(familyReading(summaries, 7)).toEqual({ right: [], wrong: [] });
  });
});

// The metformin query is about the fact metformin-egfr-30 (CONTRAINDICATED below eGFR 30).
const METFORMIN = 'metformin-egfr-30';
const PROGRESSION: Partial<Record<ModelId, GradedAnswer>> = {
  // no verdict, and only one word of the expert's answer: grade 0
  base: graded('lactic acid is a word', METFORMIN, -2.11),
  // AVOID (right group) earns 0.35 of the 0.9 available: 0.39
  sft: graded('AVOID: accumulates.', METFORMIN, -2.49),
  ppo: graded('AVOID: accumulates.', METFORMIN, 0.1),
  // SAFE is a safety miss: 0 − 0.5, clamped to 0
  dpo: graded('SAFE: fine.', METFORMIN, -3),
};

describe('the metformin progression', () => {
  it('reads what changed in one line', () => {
    expect(PROGRESSION.sft?.grade.score).toBeCloseTo(0.35 / 0.9, 10);
    expect(progressionReading(PROGRESSION)).toBe(
      'SFT (from Base): gains a verdict, AVOID (right direction); reward −2.11 → −2.49; gold grade 0.00 → 0.39. ' +
        'PPO (from SFT): keeps AVOID (right direction); reward −2.49 → 0.10; gold grade unchanged at 0.39. ' +
        'DPO (from SFT): AVOID → SAFE (wrong direction); reward −2.49 → −3.00; gold grade 0.39 → 0.00. ' +
        "The reward model's favourite, PPO's answer, is also among the gold grader's best.",
    );
    expect(
      progressionReading({
        sft: PROGRESSION.sft,
        dpo: { ...(PROGRESSION.dpo as GradedAnswer), reward: 5 },
      }),
    ).toContain("The reward model prefers DPO's answer; the gold grader rates SFT highest.");
  });

  it('shows every model’s answer as text, with its score, verdict and rules', () => {
    const progression = {
      ...PROGRESSION,
      base: graded('<img src=x onerror="alert(1)"> lactic acid', METFORMIN, -2.11),
    };
    const { container } = render(
      <MetforminSection
        {...answersFixture({
          models: ['base', 'sft', 'ppo', 'dpo'],
          progression,
          seed: {
            sft: graded('Metformin has renal concerns but may work.', METFORMIN, -1.5),
          },
        })}
      />,
    );
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByText('<img src=x onerror="alert(1)"> lactic acid')).toBeTruthy();
    const table = screen.getByRole('table', { name: /answered by each model/ });
    const ppo = within(table).getByRole('row', { name: /^PPO/ });
    expect(within(ppo).getByText('0.10')).toBeTruthy();
    expect(within(ppo).getByText('right verdict')).toBeTruthy();
    expect(ppo.textContent).toContain('Read as AVOID (do not give). Grade 0.39 of 1.');
    expect(within(ppo).getByText(/The answer starts with the label AVOID/)).toBeTruthy();
    const dpo = within(table).getByRole('row', { name: /^DPO/ });
    expect(within(dpo).getByText('wrong verdict')).toBeTruthy();
    expect(within(dpo).getByText(/Safety miss:/)).toBeTruthy();
    expect(within(table).getByRole('row', { name: /^Base/ }).textContent).toContain('no verdict');
    expect(screen.getByText(/What changed:/).parentElement?.textContent).toContain(
      'PPO (from SFT): keeps AVOID',
    );
    // The seed's hand-written answers: its claimed reward as a claim, ours measured.
    const seed = screen.getByRole('row', { name: /^SFT Metformin has renal concerns/ });
    expect(within(seed).getByText('the seed claimed a reward of 2.1/10')).toBeTruthy();
    expect(within(seed).getByText('−1.50')).toBeTruthy();
  });
});

// ─── the integration table, from run summaries ───

function ppoMetrics(iteration: number, klK3: number): PpoIterationMetrics {
  return {
    iteration,
    score: 0,
    goldScore: 0,
    klK1: klK3,
    klK3,
    nonScoreReward: 0,
    rlhfReward: 0,
    entropy: 1,
    policyLoss: 0,
    valueLoss: 0,
    clipFraction: 0,
    valueClipFraction: 0,
    approxKl: 0,
    ratio: 1,
    beta: 0.1,
    responseLength: 10,
    endedFraction: 1,
    gradNorm: 1,
  };
}

const answered = (score: number, goldScore: number, verdictCorrect: boolean) => ({
  id: 'ppo/x/question',
  factId: 'warfarin-nsaid',
  prompt: 'p',
  answer: 'a',
  score,
  goldScore,
  verdictCorrect,
});

const SUMMARIES: {
  reward: StageSummary;
  ppo: StageSummary;
  dpo: StageSummary;
} = {
  reward: {
    reward: {
      finalTrain: { loss: 0.1, accuracy: 1, meanMargin: 3 },
      finalHeldOut: { loss: 0.2, accuracy: 0.9, meanMargin: 2.5 },
      scoreDistribution: { chosen: [], rejected: [] },
      data: { train: 100, heldOut: 40, tooLong: 0 },
      normalisation: { offset: 0 },
    },
  },
  ppo: {
    ppo: {
      snapshots: [],
      heldOut: {
        before: [answered(-1, 0.2, false), answered(-0.5, 0.4, true)],
        after: [answered(0.5, 0.4, true), answered(1.5, 0.6, true)],
      },
      lastTrace: null,
    },
  },
  dpo: {
    dpo: {
      finalTrain: { loss: 0.1, rewardAccuracy: 1, rewardMargin: 2 },
      finalHeldOut: { loss: 0.4, rewardAccuracy: 0.875, rewardMargin: 1.1 },
      finalKl: { sequence: 3.08, perToken: 0.058, measuredOn: 'held-out' },
      data: { train: 172, heldOut: 48, tooLong: 0 },
    },
  },
};

function completed<S extends 'reward' | 'ppo' | 'dpo'>(
  summary: StageSummary,
  metrics: StageRun<S>['metrics'] = [],
): StageRun<S> {
  return { ...idleRun<S>(), status: 'completed', source: 'shipped', metrics, summary };
}

const probes = [
  { context: 'a', answer: '30', completion: ' 30', correct: true },
  { context: 'b', answer: '30', completion: ' 30', correct: true },
  { context: 'c', answer: '30', completion: ' 45', correct: false },
];
const sftAnswers = [true, true, true, false].map((followsFormat, i) => ({
  instruction: `q${i}`,
  expected: 'e',
  answer: 'a',
  followsFormat,
}));

function fullRuns(): StageRuns {
  return {
    // makeMetrics: the last held-out loss is 2.00 + 0.30
    pretrain: makeRun('pretrain', { summary: { unigramLoss: 5.5, probes } }),
    sft: makeRun('sft', { summary: { formatRate: 0.75, answers: sftAnswers } }),
    reward: completed<'reward'>(SUMMARIES.reward),
    ppo: completed<'ppo'>(SUMMARIES.ppo, [ppoMetrics(1, 0.2), ppoMetrics(2, 0.8)]),
    dpo: completed<'dpo'>(SUMMARIES.dpo),
  };
}

describe('the integration table', () => {
  it('reads each stage’s measured figure from its run summary', () => {
    const rows = integrationRows(fullRuns(), {
      sft: { value: 0.5, numerator: 31, denominator: 62 },
    });
    expect(rows.map((r) => r.name)).toEqual(['Pretraining', 'SFT', 'Reward model', 'PPO', 'DPO']);
    expect(Object.fromEntries(rows.map((r) => [r.stage, r.measured]))).toEqual({
      pretrain: [
        'Held-out loss 2.30 nats per token (unigram baseline 5.50)',
        'Facts recalled: 2 of 3 probes (67%)',
      ],
      sft: [
        'Expert format: 3 of 4 held-out answers (75%)',
        "This page's evaluation set: right verdict on 31 of 62 questions (50%)",
      ],
      reward: [
        'Held-out accuracy 90% on 40 pairs about unseen facts (chance 50%)',
        'Mean margin r(chosen) − r(rejected): 2.50',
      ],
      ppo: [
        '2 held-out prompts, SFT → PPO: reward −0.75 → 1.00',
        'Gold grade 0.30 → 0.50; right verdict 1 → 2 of 2',
        'KL to SFT at the end: 0.80 nats per answer',
      ],
      dpo: [
        'Held-out implicit-reward accuracy 88% on 48 pairs (chance 50%)',
        'KL to SFT: 3.08 nats per answer (0.058 per token, held-out chosen answers)',
      ],
    });
  });

  it('says when a stage has no run yet or is training', () => {
    const runs = {
      ...fullRuns(),
      ppo: idleRun<'ppo'>(),
      dpo: { ...idleRun<'dpo'>(), status: 'running' as const },
    };
    const rows = integrationRows(runs);
    expect(rows[3].measured).toEqual(['No run yet.']);
    expect(rows[4].measured).toEqual(['Training… figures appear when the run finishes.']);
  });

  it('renders the installed runs as a table with headers', () => {
    setRuns(fullRuns());
    render(<IntegrationSection cards={pageScorecards({}, [])} />);
    const table = screen.getByRole('table');
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Stage', 'What it adds', 'What it still lacks', 'Measured (run shown)']);
    const reward = within(table).getByRole('row', { name: /^Reward model/ });
    expect(reward.textContent).toContain('Held-out accuracy 90% on 40 pairs');
    const dpo = within(table).getByRole('row', { name: /^DPO/ });
    expect(dpo.textContent).toContain('KL to SFT: 3.08 nats per answer');
  });
});

describe('the page before any model exists', () => {
  const renderPage = () =>
    render(
      <MemoryRouter>
        <PharmaPage />
      </MemoryRouter>,
    );

  it('says how to get models when none is trained', () => {
    // Another configuration: the shipped default run does not load.
    useConfigStore.setState({ config: { ...DEFAULT_CONFIG, seed: DEFAULT_CONFIG.seed + 1 } });
    setRuns({});
    renderPage();
    expect(screen.getByRole('heading', { level: 1, name: 'Pharmaceutical applications' }));
    expect(screen.getAllByText(/No trained models yet/).length).toBeGreaterThanOrEqual(4);
    expect(screen.queryByRole('progressbar')).toBeNull();
    const integration = screen.getByRole('region', { name: /integration table/ });
    expect(within(integration).getAllByText('No run yet.')).toHaveLength(5);
  });

  it('says the default run is loading while it loads', () => {
    useConfigStore.setState({ config: { ...DEFAULT_CONFIG, seed: DEFAULT_CONFIG.seed + 1 } });
    const loading = <S extends 'pretrain' | 'sft'>(stage: S) =>
      makeRun(stage, { status: 'loading', metrics: [], summary: null });
    setRuns({ pretrain: loading('pretrain'), sft: loading('sft') });
    renderPage();
    expect(screen.getAllByText('Loading the default run…').length).toBeGreaterThanOrEqual(4);
  });

  it('combines the models’ statuses: running, then loading, then idle', () => {
    expect(combinedStatus(['completed', 'loading', 'running'])).toBe('running');
    expect(combinedStatus(['completed', 'loading', 'idle'])).toBe('loading');
    expect(combinedStatus(['idle', 'idle'])).toBe('idle');
  });

  it('formats signed numbers with a real minus sign', () => {
    expect(signed(-2.49)).toBe('−2.49');
    expect(signed(-0.001)).toBe('0.00');
    expect(signed(null)).toBe('—');
  });
});
