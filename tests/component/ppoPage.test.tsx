import { fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { ClipObjectiveSection } from '../../src/pages/ppo/sections/ClipObjectiveSection';
import { PpoCurvesSection } from '../../src/pages/ppo/sections/PpoCurvesSection';
import { PpoSettingsSection } from '../../src/pages/ppo/sections/PpoSettingsSection';
import { RolloutTraceSection } from '../../src/pages/ppo/sections/RolloutTraceSection';
import { SftVsPpoSection } from '../../src/pages/ppo/sections/SftVsPpoSection';
import { WatchForSection } from '../../src/pages/ppo/sections/WatchForSection';
import { ppoConfigFromKey, roundRange, trend } from '../../src/pages/ppo/ppoRun';
import {
  DEFAULT_CONFIG,
  SPECIAL_TOKENS,
  gae,
  setConfigValue,
  type AnsweredPrompt,
  type Checkpoint,
  type PpoIterationMetrics,
  type RolloutTrace,
} from '../../src/sim';
import { useConfigStore } from '../../src/store/config';
import { stageKey, type StageRun } from '../../src/store/runs';
import type { StageSummary } from '../../src/worker/protocol';
import { renderApp } from './renderApp';
import { setRuns } from './runFixtures';

// ─── fixtures: a finished 10-iteration PPO run ───

const ITERATIONS = 10;
const BETA = 0.2;

/**
 * Linear from iteration 1 to 10: score 0 → 1.4, gold 0.40 → 0.55, k1 0 → 4, k3 0.1 → 4.2,
 * entropy 1.9 → 1.2, clip fraction 2% → 12%. Held-out at 5 and 10.
 */
function ppoMetrics(n = ITERATIONS): PpoIterationMetrics[] {
  return Array.from({ length: n }, (_, i) => {
    const t = i / (n - 1);
    const score = 1.4 * t;
    const klK1 = 4 * t;
    const m: PpoIterationMetrics = {
      iteration: i + 1,
      score,
      goldScore: 0.4 + 0.15 * t,
      klK1,
      klK3: 0.1 + 4.1 * t,
      nonScoreReward: -BETA * klK1,
      rlhfReward: score - BETA * klK1,
      entropy: 1.9 - 0.7 * t,
      policyLoss: -0.01,
      valueLoss: 0.5 - 0.4 * t,
      clipFraction: 0.02 + 0.1 * t,
      valueClipFraction: 0,
      approxKl: 0.003,
      ratio: 1.01,
      beta: BETA,
      responseLength: 20,
      endedFraction: 0.9,
      gradNorm: 1,
    };
    if ((i + 1) % 5 === 0) {
      m.heldOutScore = (i + 1) / 10;
      m.heldOutGoldScore = 0.4 + (i + 1) / 100;
    }
    return m;
  });
}

const answer = (
  id: string,
  prompt: string,
  text: string,
  score: number,
  goldScore: number,
  verdictCorrect: boolean,
): AnsweredPrompt => ({ id, factId: id, prompt, answer: text, score, goldScore, verdictCorrect });

const WARFARIN = 'Can a patient on warfarin take ibuprofen?';
const METFORMIN = 'Can I use metformin if eGFR=28?';

/** Token ids: the bytes of "AVOID" and <|end|>. */
const TOKENS = [...'AVOID'].map((c) => c.charCodeAt(0)).concat(SPECIAL_TOKENS.endOfTurn);

function makeTrace(): RolloutTrace {
  const logProb = [-0.5, -0.2, -0.1, -0.3, -0.4, -0.05];
  const refLogProb = [-0.7, -0.4, -0.1, -0.6, -0.5, -0.1];
  const value = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6];
  const score = 1.3;
  const klPenalty = logProb.map((lp, t) => -BETA * (lp - refLogProb[t]));
  const reward = [...klPenalty];
  reward[reward.length - 1] += score;
  const { advantages, returns } = gae(reward, value, 1, 0.95);
  return {
    prompt: WARFARIN,
    factId: 'warfarin-nsaid',
    response: 'AVOID',
    tokens: TOKENS,
    logProb,
    refLogProb,
    klPenalty,
    value,
    reward,
    advantage: Array.from(advantages),
    returns: Array.from(returns),
    score,
    goldScore: 0.35,
  };
}

const summary: StageSummary = {
  ppo: {
    snapshots: [
      {
        iteration: 0,
        answers: [
          answer('q1', WARFARIN, 'CAUTION: maybe fine.', -0.3, 0.2, false),
          answer('q2', METFORMIN, 'SAFE: yes.', 0.1, 0, false),
        ],
      },
      {
        iteration: ITERATIONS,
        answers: [
          answer('q1', WARFARIN, 'AVOID: bleeding risk. Use paracetamol instead.', 1.6, 0.9, true),
          answer('q2', METFORMIN, 'CONTRAINDICATED: risk of lactic acidosis.', 1.2, 0.7, true),
        ],
      },
    ],
    heldOut: {
      before: [
        answer('h1', 'Is codeine safe when breastfeeding?', 'SAFE.', 0.2, 0.3, false),
        answer('h2', 'Lithium with ibuprofen?', 'MONITOR.', -0.2, 0.5, true),
      ],
      after: [
        answer('h1', 'Is codeine safe when breastfeeding?', 'AVOID.', 0.9, 0.6, true),
        answer('h2', 'Lithium with ibuprofen?', 'AVOID.', 0.7, 0.4, false),
      ],
    },
    lastTrace: makeTrace(),
  },
};

/** A byte-level tokenizer is enough for the token labels. */
const checkpoint: Checkpoint = {
  stage: 'ppo',
  config: DEFAULT_CONFIG,
  params: new Float32Array(0),
  tokenizer: { version: 1, merges: [] },
};

function ppoRun(patch: Partial<StageRun<'ppo'>> = {}): StageRun<'ppo'> {
  return {
    status: 'completed',
    source: 'live',
    key: stageKey('ppo', DEFAULT_CONFIG),
    metrics: ppoMetrics(),
    progress: 1,
    checkpoint,
    summary,
    message: `completed ${ITERATIONS} iterations`,
    ...patch,
  };
}

const figure = (name: string | RegExp) => screen.getByRole('figure', { name });

// ─── tests ───

describe('PPO page helpers', () => {
  it('reads the PPO settings of a run from its configuration key', () => {
    const config = setConfigValue(DEFAULT_CONFIG, 'ppo.klCoef', 0.05);
    expect(ppoConfigFromKey(stageKey('ppo', config))).toEqual(config.ppo);
    expect(ppoConfigFromKey(null)).toBeNull();
    expect(ppoConfigFromKey('not json')).toBeNull();
    expect(ppoConfigFromKey(stageKey('sft', config))).toBeNull();
  });

  it('rounds axis ranges outward and describes trends in words', () => {
    expect(roundRange([[0.3, 1.37]])).toEqual([0, 1.5]);
    expect(roundRange([[-0.42, 2.1]])).toEqual([-0.5, 2.5]);
    expect(roundRange([[]])).toEqual([0, 1]);
    expect(trend(0.1, 4.2, 2, ' nats')).toBe('rose from 0.10 to 4.20 nats');
    expect(trend(1.9, 1.2)).toBe('fell from 1.90 to 1.20');
    expect(trend(-0.001, 0.001)).toBe('stayed at 0.00');
  });
});

describe('PPO page', () => {
  it('describes the run’s reward, KL, entropy and losses in the charts’ text alternatives', () => {
    setRuns({ ppo: ppoRun() });
    render(<PpoCurvesSection />);
    expect(figure(/^Reward/).textContent).toContain(
      'Over iterations 1 to 10, the reward-model score of the rollouts (mean of 16 each) rose from 0.00 to 1.40 and their gold score (0 to 1) rose from 0.40 to 0.55. Score − β·KL, what PPO maximises, ended at 0.60.',
    );
    // Held-out: the SFT model's answers (iteration 0, means 0.00 and 0.40), then iteration 10.
    expect(figure(/^Reward/).textContent).toContain(
      'Held-out prompts (greedy answers), iteration 0 to 10: score rose from 0.00 to 1.00, gold rose from 0.40 to 0.50.',
    );
    expect(figure('KL from the SFT reference (β fixed at 0.2)').textContent).toContain(
      'the KL from the SFT model (k3 estimate, summed over each response, mean over the rollouts) rose from 0.10 to 4.20 nats; the k1 estimator ended at 4.00 nats. β fixed at 0.2.',
    );
    expect(figure('Entropy and clipping').textContent).toContain(
      'Entropy of the policy per response token fell from 1.90 to 1.20 nats. Share of tokens whose update was clipped (ε = 0.2): 2% at iteration 1, 12% at iteration 10.',
    );
    expect(figure('Policy and value loss').textContent).toContain(
      'value loss (½ × squared error of the value head) fell from 0.500 to 0.100',
    );
    const live = screen.getByRole('img', { name: /Iteration 10 of this run/ });
    expect(live.getAttribute('aria-label')).toContain(
      'mean score 1.40 minus beta 0.200 times the k1 estimate 4.00 nats equals 0.60',
    );
  });

  it('draws β and says how it moved when it adapts toward a KL target', () => {
    const adaptive = setConfigValue(DEFAULT_CONFIG, 'ppo.klTarget', 6);
    const metrics = ppoMetrics().map((m, i) => ({ ...m, beta: 0.2 + i / 100 }));
    setRuns({ ppo: ppoRun({ key: stageKey('ppo', adaptive), metrics }) });
    render(<PpoCurvesSection />);
    expect(
      figure('KL from the SFT reference, and the adaptive KL coefficient β').textContent,
    ).toContain('β adapted toward a target of 6 nats per response: rose from 0.200 to 0.290.');
  });

  it('reads the run’s own numbers into what to watch for, reward hacking included', () => {
    setRuns({ ppo: ppoRun() });
    const { unmount } = render(<WatchForSection />, { wrapper: MemoryRouter });
    // Means of iterations 1–5 and 6–10: score 1.4 × 10/45 = 0.31 and 1.4 × 35/45 = 1.09.
    const first = screen.getAllByRole('listitem')[0].textContent;
    expect(first).toContain(
      'In this run the score of the rollouts rose from 0.31 to 1.09 and their gold score rose from 0.43 to 0.52 (means of iterations 1–5 and iterations 6–10). Here both rose',
    );
    expect(screen.getByRole('link', { name: 'Challenges: reward hacking' })).toBeTruthy();
    unmount();

    // The gold score falls while the reward model's score rises.
    const hacked = ppoMetrics().map((m, i) => ({ ...m, goldScore: 0.5 - i / 50 }));
    setRuns({ ppo: ppoRun({ metrics: hacked }) });
    render(<WatchForSection />, { wrapper: MemoryRouter });
    expect(screen.getAllByRole('listitem')[0].textContent).toContain(
      'The reward model’s score rose while the gold score fell: this is what reward hacking looks like.',
    );
  });

  it('says what to do before there is a PPO run', () => {
    setRuns({});
    render(
      <>
        <PpoCurvesSection />
        <RolloutTraceSection />
        <SftVsPpoSection />
      </>,
    );
    expect(screen.getAllByText('No PPO run yet: press “Train live” above.').length).toBe(4);
    expect(
      screen.getByText(
        "No trained model yet: press “Train live” above and the rollout's numbers appear here.",
      ),
    ).toBeTruthy();
    expect(
      screen.getByText(
        'No trained model yet: press “Train live” above and the answers before and after PPO appear here.',
      ),
    ).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('computes the clipped objective for the inputs, and marks the clipped case', () => {
    setRuns({});
    render(<ClipObjectiveSection />);
    const set = (label: string, value: string) =>
      fireEvent.change(screen.getByLabelText(label), { target: { value } });
    set('Clip range ε', '0.2');
    set('Advantage A', '1');
    set('Ratio r', '1.5');
    const result = () => screen.getByText(/^L/, { selector: '.ppo-clip-result-value' });
    expect(result().textContent).toBe('LCLIP = min(1.50 × 1.00, 1.20 × 1.00) = 1.20Clipped');
    expect(screen.getByText(/gradient with respect to r is 0/)).toBeTruthy();
    expect(figure('The clipped objective against the ratio r').textContent).toContain(
      'At r = 1.50 it is 1.20, on the flat (clipped) part.',
    );

    // A wider clip range: the same point is no longer clipped.
    set('Clip range ε', '0.5');
    expect(result().textContent).toBe('LCLIP = min(1.50 × 1.00, 1.50 × 1.00) = 1.50Not clipped');

    // A negative advantage below 1 − ε is clipped too.
    set('Clip range ε', '0.2');
    set('Advantage A', '-1');
    set('Ratio r', '0.5');
    expect(result().textContent).toBe('LCLIP = min(0.50 × -1.00, 0.80 × -1.00) = -0.80Clipped');
  });

  it('rejects an ε out of range with a message and keeps the last value', () => {
    setRuns({});
    render(<ClipObjectiveSection />);
    fireEvent.change(screen.getByLabelText('Advantage A'), { target: { value: '1' } });
    fireEvent.change(screen.getByLabelText('Ratio r'), { target: { value: '1.5' } });
    const epsilon = screen.getByLabelText('Clip range ε');
    fireEvent.change(epsilon, { target: { value: '0.7' } });
    expect(
      screen.getByText('ε must be between 0.05 and 0.5; 0.7 is outside. Not applied: still 0.2.'),
    ).toBeTruthy();
    expect(epsilon.getAttribute('aria-invalid')).toBe('true');
    const result = screen.getByText(/^L/, { selector: '.ppo-clip-result-value' });
    expect(result.textContent).toContain('= 1.20');

    fireEvent.change(epsilon, { target: { value: '0.01' } });
    expect(screen.getByText(/0\.01 is outside\. Not applied: still 0\.2\./)).toBeTruthy();
    fireEvent.change(epsilon, { target: { value: '0.3' } });
    expect(epsilon.getAttribute('aria-invalid')).toBe('false');
    expect(result.textContent).toContain('= 1.30');
  });

  it('lists the traced rollout with one row per token, and adds up its rewards', () => {
    setRuns({ ppo: ppoRun() });
    render(<RolloutTraceSection />);
    const table = screen.getByRole('table');
    const body = within(table).getAllByRole('rowgroup')[1];
    const rows = within(body).getAllByRole('row');
    expect(rows).toHaveLength(TOKENS.length);
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual([
      'A',
      'V',
      'O',
      'I',
      'D',
      '<|end|>',
    ]);
    // Token 1: log π −0.5, log π_ref −0.7, penalty −0.2 × 0.2 = −0.04.
    const first = within(rows[0])
      .getAllByRole('cell')
      .map((c) => c.textContent);
    expect(first.slice(0, 4)).toEqual(['1', '-0.500', '-0.700', '-0.040']);
    // The last token's reward holds the score.
    expect(rows[5].textContent).toContain('1.290= -0.010 + score 1.300');
    // Penalties −0.04 −0.04 +0 −0.06 −0.02 −0.01 = −0.17; plus the score 1.3 = 1.13.
    expect(screen.getByText(/Rewards add up to/).textContent).toBe(
      '6 tokens. Rewards add up to 1.130 = KL penalties -0.170 + score 1.300.',
    );
    expect(screen.getByText(/Recomputed on this page/).textContent).toContain(
      "the largest difference from the run's advantages is below 0.001",
    );
  });

  it('shows the seed queries answered by SFT and by PPO, with their scores', () => {
    setRuns({ ppo: ppoRun() });
    render(<SftVsPpoSection />);
    const [seeds, means] = screen.getAllByRole('table');
    const headers = within(seeds)
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers).toEqual(['Seed query', 'SFT model (before PPO)', 'PPO policy (iteration 10)']);
    const warfarin = within(seeds).getByRole('rowheader', { name: WARFARIN }).closest('tr');
    const cells = within(warfarin as HTMLElement).getAllByRole('cell');
    expect(cells[0].textContent).toBe(
      'CAUTION: maybe fine.reward model -0.30 · gold 0.20✗ wrong verdict',
    );
    expect(cells[1].textContent).toBe(
      'AVOID: bleeding risk. Use paracetamol instead.reward model 1.60 · gold 0.90✓ right verdict',
    );
    const mean = within(seeds).getByRole('rowheader', { name: /^Mean/ }).closest('tr');
    expect(mean?.textContent).toBe(
      'Mean over 2 queries' +
        'reward model -0.10 · gold 0.10 · right verdicts 0 of 2' +
        'reward model 1.40 · gold 0.80 · right verdicts 2 of 2',
    );

    const score = within(means)
      .getByRole('rowheader', { name: 'Reward-model score' })
      .closest('tr');
    expect(score?.textContent).toBe('Reward-model score0.000.80+0.80');
    const gold = within(means).getByRole('rowheader', { name: 'Gold score (0–1)' }).closest('tr');
    expect(gold?.textContent).toBe('Gold score (0–1)0.400.50+0.10');
    expect(screen.getByText(/Right verdicts: 1 of 2 before, 1 of 2 after\./)).toBeTruthy();
  });

  it('changes the next run’s β only when the value is in range', () => {
    setRuns({});
    render(<PpoSettingsSection />);
    const beta = screen.getByLabelText('KL coefficient β');
    fireEvent.change(beta, { target: { value: '0.05' } });
    expect(useConfigStore.getState().config.ppo.klCoef).toBe(0.05);
    fireEvent.change(beta, { target: { value: '9' } });
    expect(
      screen.getByText('β must be between 0 and 5; 9 is outside. Not applied: still 0.05.'),
    ).toBeTruthy();
    expect(useConfigStore.getState().config.ppo.klCoef).toBe(0.05);
    fireEvent.change(screen.getByLabelText('Iterations'), { target: { value: '2.5' } });
    expect(screen.getByText(/Iterations must be a whole number\./)).toBeTruthy();
    expect(useConfigStore.getState().config.ppo.iterations).toBe(DEFAULT_CONFIG.ppo.iterations);
  });

  it('renders the whole page with its sections in order', async () => {
    setRuns({ ppo: ppoRun() });
    renderApp('/ppo');
    // A lazy route's first load transforms the whole page in jsdom: seconds on a busy machine.
    const heading = screen.findByRole(
      'heading',
      { level: 1, name: 'RLHF with PPO' },
      { timeout: 10_000 },
    );
    expect(await heading).toBeTruthy();
    const titles = screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
    expect(titles).toEqual([
      'Reward and KL, iteration by iteration',
      'Try another β or ε',
      'The loop',
      'The clipped objective, with your numbers',
      'One rollout, token by token',
      'Step through one iteration at a time',
      'Before and after: SFT model vs PPO policy',
      'What PPO cannot fix, and what to watch for',
    ]);
    expect(screen.queryByText('What this page will teach')).toBeNull();
    expect(screen.getByRole('region', { name: 'PPO run' })).toBeTruthy();
    const loop = screen.getByRole('list', { name: 'One PPO iteration' });
    expect(within(loop).getAllByRole('listitem')).toHaveLength(6);
    expect(loop.textContent).toContain(
      'β = 0.2, fixed (iteration 10: β 0.200, KL 4.20 nats per response)',
    );
    expect(loop.textContent).toContain('ratio clipped to 1 ± ε with ε = 0.2');
    expect(screen.getByRole('link', { name: 'Challenges: reward hacking' })).toBeTruthy();
  });
});
