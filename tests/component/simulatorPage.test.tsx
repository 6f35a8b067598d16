import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import SimulatorPage from '../../src/pages/simulator/SimulatorPage';
import { configDifferences, checkEdit } from '../../src/pages/simulator/knobs';
import { observeRun } from '../../src/pages/simulator/observations';
import { OVERLAYS, overlayDescription } from '../../src/pages/simulator/overlays';
import {
  PRESETS,
  findPreset,
  matchingPreset,
  presetConfig,
  presetQuery,
} from '../../src/pages/simulator/presets';
import { plannedEstimates, stagesToTrain } from '../../src/pages/simulator/progress';
import { compactFigures, currentRun, KEPT_POINTS } from '../../src/pages/simulator/runFigures';
import { defaultRunName } from '../../src/pages/simulator/runName';
import {
  CONFIG_FIELDS,
  DEFAULT_CONFIG,
  setConfigValue,
  validateConfig,
  type PipelineConfig,
} from '../../src/sim/config';
import type { AnsweredPrompt, PpoIterationMetrics } from '../../src/sim/stages/ppo';
import type { DpoStepMetrics } from '../../src/sim/stages/dpo';
import type { RewardStepMetrics } from '../../src/sim/stages/reward';
import type { Checkpoint, StepMetrics } from '../../src/sim/stages/types';
import { useConfigStore } from '../../src/store/config';
import { stageKey, type StageRun, type StageRuns } from '../../src/store/runs';
import { MAX_SAVED_RUNS, useSavedRuns } from '../../src/store/savedRuns';
import type { StageSummary } from '../../src/worker/protocol';
import { renderApp } from './renderApp';
import { makeMetrics, setRuns } from './runFixtures';

// The page asks for the shipped default run; component tests never fetch it.
vi.mock('../../src/store/shippedRun', () => ({ loadShippedRun: () => Promise.resolve() }));

// ─── hand-made runs ───

/** Numbers a fixture run reports; the defaults describe a healthy run. */
interface RunNumbers {
  pretrainFrom: number;
  pretrainTo: number;
  unigram: number;
  rewardHeldOut: number;
  rewardTrain: number;
  /** PPO held-out greedy answers: [score before, after], [gold before, after]. */
  ppoScore: [number, number];
  ppoGold: [number, number];
  /** PPO KL per iteration goes linearly from 0 to this. */
  ppoKl: number;
  dpoHeldOut: number;
}

const HEALTHY: RunNumbers = {
  pretrainFrom: 6,
  pretrainTo: 2,
  unigram: 5.5,
  rewardHeldOut: 0.93,
  rewardTrain: 0.98,
  ppoScore: [0.3, 0.9],
  ppoGold: [0.3, 0.5],
  ppoKl: 6,
  dpoHeldOut: 0.9,
};

function run<S extends keyof StageRuns>(
  stage: S,
  config: PipelineConfig,
  metrics: StageRun<S>['metrics'],
  summary: StageSummary | null,
  patch: Partial<StageRun<S>> = {},
): StageRun<S> {
  return {
    status: 'completed',
    source: 'live',
    key: stageKey(stage, config),
    metrics,
    progress: 1,
    checkpoint: null,
    summary,
    message: 'completed',
    ...patch,
  };
}

function rewardMetrics(steps: number, heldOut: number): RewardStepMetrics[] {
  return Array.from({ length: steps }, (_, i) => ({
    step: i + 1,
    loss: 0.6,
    accuracy: 0.8,
    meanMargin: 1,
    learningRate: 1e-3,
    gradNorm: 1,
    ...((i + 1) % 10 === 0 ? { heldOutAccuracy: heldOut - (steps - i - 1) * 0.001 } : {}),
  }));
}

function ppoMetrics(iterations: number, kl: number): PpoIterationMetrics[] {
  return Array.from({ length: iterations }, (_, i) => {
    const t = i / Math.max(1, iterations - 1);
    return {
      iteration: i + 1,
      score: -0.5 + t,
      goldScore: 0.3 + 0.1 * t,
      klK1: kl * t,
      klK3: kl * t,
      nonScoreReward: 0,
      rlhfReward: 0,
      entropy: 1.4,
      policyLoss: 0,
      valueLoss: 0.5,
      clipFraction: 0.05,
      valueClipFraction: 0,
      approxKl: 0.01,
      ratio: 1,
      beta: 0.2,
      responseLength: 30,
      endedFraction: 0.9,
      gradNorm: 2,
    };
  });
}

function dpoMetrics(steps: number): DpoStepMetrics[] {
  return Array.from({ length: steps }, (_, i) => ({
    step: i + 1,
    loss: 0.5,
    rewardsChosen: 0.1,
    rewardsRejected: -0.1,
    rewardAccuracy: 0.8,
    rewardMargin: 0.2,
    logpsChosen: -20,
    logpsRejected: -25,
    learningRate: 3e-4,
    gradNorm: 1,
  }));
}

const answers = (score: number, gold: number): AnsweredPrompt[] =>
  [0, 1].map((i) => ({
    id: `q${i}`,
    factId: `f${i}`,
    prompt: 'Maximum daily dose?',
    answer: '4 g',
    score,
    goldScore: gold,
    verdictCorrect: true,
  }));

/** Every stage of `config`, completed, with the numbers given. */
function fullRun(config: PipelineConfig, n: Partial<RunNumbers> = {}): StageRuns {
  const v = { ...HEALTHY, ...n };
  return {
    pretrain: run('pretrain', config, makeMetrics(40, 10, v.pretrainFrom, v.pretrainTo), {
      unigramLoss: v.unigram,
    }),
    sft: run('sft', config, makeMetrics(20, 5, 3, 1), { formatRate: 0.9 }),
    reward: run('reward', config, rewardMetrics(60, v.rewardHeldOut), {
      reward: {
        finalTrain: { loss: 0.2, accuracy: v.rewardTrain, meanMargin: 2 },
        finalHeldOut: { loss: 0.3, accuracy: v.rewardHeldOut, meanMargin: 1.5 },
        scoreDistribution: { chosen: [], rejected: [] },
        data: { train: 100, heldOut: 20, tooLong: 0 },
        normalisation: { offset: 0 },
      },
    }),
    ppo: run('ppo', config, ppoMetrics(30, v.ppoKl), {
      ppo: {
        snapshots: [],
        heldOut: {
          before: answers(v.ppoScore[0], v.ppoGold[0]),
          after: answers(v.ppoScore[1], v.ppoGold[1]),
        },
        lastTrace: null,
      },
    }),
    dpo: run('dpo', config, dpoMetrics(60), {
      dpo: {
        finalTrain: { loss: 0.3, rewardAccuracy: 0.95, rewardMargin: 1 },
        finalHeldOut: { loss: 0.4, rewardAccuracy: v.dpoHeldOut, rewardMargin: 0.8 },
        finalKl: { sequence: 3.1, perToken: 0.06, measuredOn: 'held-out' },
        data: { train: 100, heldOut: 20, tooLong: 0 },
      },
    }),
  };
}

function renderPage() {
  return render(
    <MemoryRouter initialEntries={['/simulator']}>
      <SimulatorPage />
    </MemoryRouter>,
  );
}

const config = () => useConfigStore.getState().config;
const group = (legend: string) => screen.getByRole('group', { name: legend });

beforeEach(() => {
  useSavedRuns.getState().reload();
  setRuns({});
});

// ─── knobs ───

describe('Simulator settings', () => {
  it('shows every knob, grouped by stage, with its range and description', () => {
    renderPage();
    for (const legend of [
      'General',
      'Model',
      'Data',
      'Pretraining',
      'SFT',
      'Reward model',
      'PPO',
      'DPO',
    ]) {
      expect(group(legend)).toBeTruthy();
    }
    expect(screen.getAllByRole('textbox', { name: /./ }).length).toBeGreaterThanOrEqual(
      CONFIG_FIELDS.length,
    );
    const lr = within(group('Pretraining')).getByRole('textbox', { name: 'Learning rate' });
    expect(lr).toHaveProperty('value', '0.005');
    const hint = document.getElementById(lr.getAttribute('aria-describedby')!.split(' ')[0]);
    expect(hint?.textContent).toBe('1e-6 to 1. Peak learning rate after warmup.');
  });

  it('applies a valid edit to the config store', () => {
    renderPage();
    const lr = within(group('Pretraining')).getByRole('textbox', { name: 'Learning rate' });
    fireEvent.change(lr, { target: { value: '0.01' } });
    expect(config().pretrain.learningRate).toBe(0.01);
    expect(lr.getAttribute('aria-invalid')).toBe('false');
    // A changed knob says so, with its default.
    const hint = document.getElementById(lr.getAttribute('aria-describedby')!.split(' ')[0]);
    expect(hint?.textContent).toBe('1e-6 to 1. Peak learning rate after warmup. Default: 0.005.');
  });

  it('refuses an invalid value with its message next to the field', () => {
    renderPage();
    const field = within(group('Pretraining'));
    const lr = field.getByRole('textbox', { name: 'Learning rate' });
    fireEvent.change(lr, { target: { value: '5' } });
    expect(config().pretrain.learningRate).toBe(DEFAULT_CONFIG.pretrain.learningRate);
    expect(lr.getAttribute('aria-invalid')).toBe('true');
    expect(lr).toHaveProperty('value', '5');
    const error = document.getElementById(lr.getAttribute('aria-describedby')!.split(' ')[1]);
    expect(error?.textContent).toBe(
      'Not applied: pretrain.learningRate must be between 0.000001 and 1 (got 5)',
    );

    // Not a number at all.
    fireEvent.change(lr, { target: { value: 'fast' } });
    expect(error?.textContent).toContain('“fast” is not a number');
    expect(config().pretrain.learningRate).toBe(DEFAULT_CONFIG.pretrain.learningRate);

    // Corrected: applied, and the message goes.
    fireEvent.change(lr, { target: { value: '1e-3' } });
    expect(config().pretrain.learningRate).toBe(0.001);
    expect(error?.textContent).toBe('');
    expect(lr).toHaveProperty('value', '1e-3');
  });

  it('refuses an edit that breaks another rule (heads must divide the width)', () => {
    renderPage();
    const width = within(group('Model')).getByRole('textbox', { name: 'Width' });
    fireEvent.change(width, { target: { value: '30' } });
    expect(config().model.width).toBe(64);
    expect(document.body.textContent).toContain('model.heads (4) must divide model.width (30)');
  });

  it('resets to the defaults, clearing refused input', () => {
    renderPage();
    const seed = within(group('General')).getByRole('textbox', { name: 'Seed' });
    fireEvent.change(seed, { target: { value: '7' } });
    expect(config().seed).toBe(7);
    const steps = within(group('PPO')).getByRole('textbox', { name: 'Iterations' });
    fireEvent.change(steps, { target: { value: '9999' } });
    fireEvent.click(screen.getByRole('button', { name: 'Reset to defaults' }));
    expect(config()).toEqual(DEFAULT_CONFIG);
    expect(within(group('General')).getByRole('textbox', { name: 'Seed' })).toHaveProperty(
      'value',
      '1',
    );
    expect(within(group('PPO')).getByRole('textbox', { name: 'Iterations' })).toHaveProperty(
      'value',
      '30',
    );
  });

  it('checks edits purely, and names differences from the defaults', () => {
    expect(checkEdit(DEFAULT_CONFIG, 'seed', ' 12 ')).toEqual({ ok: true, value: 12 });
    expect(checkEdit(DEFAULT_CONFIG, 'seed', '1.5')).toEqual({
      ok: false,
      messages: ['seed must be a whole number (got 1.5)'],
    });
    expect(checkEdit(DEFAULT_CONFIG, 'seed', '')).toEqual({
      ok: false,
      messages: ['seed needs a value.'],
    });
    let c = setConfigValue(DEFAULT_CONFIG, 'seed', 2);
    c = setConfigValue(c, 'ppo.klCoef', 0);
    expect(configDifferences(c)).toEqual(['seed 2', 'β 0']);
    expect(defaultRunName(c, [])).toBe('seed 2, β 0');
    expect(defaultRunName(c, ['Seed 2, β 0'])).toBe('seed 2, β 0 (2)');
    expect(defaultRunName(DEFAULT_CONFIG, [])).toBe('Default');
    // Exactly a scenario: named after it.
    expect(defaultRunName(setConfigValue(DEFAULT_CONFIG, 'seed', 2), [])).toBe('Another seed');
  });
});

// ─── presets ───

describe('Simulator scenarios', () => {
  it('defines each preset as valid knob changes from the defaults', () => {
    const paths = new Set(CONFIG_FIELDS.map((f) => f.path));
    for (const preset of PRESETS) {
      for (const path of Object.keys(preset.changes)) expect(paths.has(path)).toBe(true);
      expect(validateConfig(presetConfig(preset))).toEqual([]);
      expect(preset.explanation.length).toBeGreaterThan(20);
      expect(matchingPreset(presetConfig(preset))?.id).toBe(preset.id);
    }
    expect(presetConfig(findPreset('default')!)).toEqual(DEFAULT_CONFIG);
    expect(findPreset('no-kl-penalty')?.changes).toEqual({ 'ppo.klCoef': 0 });
    expect(findPreset('noisy-annotators')?.changes).toEqual({ 'reward.labelNoise': 0.3 });
    expect(findPreset('tiny-data')?.changes).toEqual({ 'data.phrasingsPerFact': 1 });
    const hacking = presetConfig(findPreset('reward-hacking')!);
    expect(hacking.ppo.klCoef).toBe(0);
    expect(hacking.ppo.iterations).toBeGreaterThan(DEFAULT_CONFIG.ppo.iterations);
    expect(presetQuery(findPreset('reward-hacking')!)).toBe('ppo.iterations=120&ppo.klCoef=0');
    expect(new Set(PRESETS.map((p) => p.id)).size).toBe(PRESETS.length);
  });

  it('applies a preset’s changes to the config store', () => {
    useConfigStore.getState().setField('seed', 9);
    renderPage();
    const button = screen.getByRole('button', { name: 'Reward hacking' });
    expect(button.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(button);
    expect(config()).toEqual({
      ...DEFAULT_CONFIG,
      ppo: { ...DEFAULT_CONFIG.ppo, klCoef: 0, iterations: 120 },
    });
    expect(button.getAttribute('aria-pressed')).toBe('true');
    expect(within(group('PPO')).getByRole('textbox', { name: 'KL β' })).toHaveProperty(
      'value',
      '0',
    );

    fireEvent.click(screen.getByRole('button', { name: 'Noisy annotators' }));
    expect(config().reward.labelNoise).toBe(0.3);
    expect(config().ppo).toEqual(DEFAULT_CONFIG.ppo);
  });
  it('puts the scenario and knob edits in the address, for sharing', async () => {
    const { router } = renderApp('/simulator');
    fireEvent.click(
      await screen.findByRole('button', { name: 'Reward hacking' }, { timeout: 10_000 }),
    );
    await waitFor(() =>
      expect(router.state.location.search).toBe('?ppo.iterations=120&ppo.klCoef=0'),
    );
    const seed = within(group('General')).getByRole('textbox', { name: 'Seed' });
    fireEvent.change(seed, { target: { value: '4' } });
    await waitFor(() =>
      expect(router.state.location.search).toBe('?seed=4&ppo.iterations=120&ppo.klCoef=0'),
    );
    expect(router.state.location.pathname).toBe('/simulator');
  });
});

// ─── run all ───

describe('Simulator run all', () => {
  it('trains every stage for the current config', () => {
    useConfigStore.getState().setField('seed', 3);
    const { trainAll } = setRuns({});
    renderPage();
    expect(document.body.textContent).toContain(
      'To train for these settings: Pretraining, SFT, Reward model, PPO and DPO.',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Run all' }));
    expect(trainAll).toHaveBeenCalledTimes(1);
    expect(trainAll.mock.calls[0][0]).toEqual(config());
    expect(trainAll.mock.calls[0][0].seed).toBe(3);
  });

  it('shows a bar per stage while training, and cancels', () => {
    const stages = fullRun(DEFAULT_CONFIG);
    const pretrain: StageRun<'pretrain'> = {
      ...stages.pretrain,
      status: 'running',
      metrics: makeMetrics(100),
      progress: 0.25,
    };
    const { cancel } = setRuns(
      { pretrain },
      {
        runId: 'r1',
        stage: 'pretrain',
        queue: ['sft', 'reward', 'ppo', 'dpo'],
        config: DEFAULT_CONFIG,
      },
    );
    renderPage();
    const bar = screen.getByRole('progressbar', { name: 'Pretraining progress' });
    expect(bar.getAttribute('aria-valuenow')).toBe('25');
    expect(bar.getAttribute('aria-valuetext')).toBe('Training: step 100 of 400');
    expect(
      screen.getByRole('progressbar', { name: 'PPO progress' }).getAttribute('aria-valuetext'),
    ).toBe('Queued');
    // makeMetrics has no timings: no estimate is offered.
    expect(document.body.textContent).not.toMatch(/left at the measured|Measured in your last/);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(cancel).toHaveBeenCalledTimes(1);
  });

  it('shows done, diverged and not-trained stages in words', () => {
    const stages = fullRun(DEFAULT_CONFIG);
    setRuns({
      pretrain: stages.pretrain,
      sft: { ...stages.sft, status: 'diverged', message: 'the loss became NaN at step 12' },
    });
    renderPage();
    const text = (name: string) =>
      screen.getByRole('progressbar', { name: `${name} progress` }).getAttribute('aria-valuetext');
    expect(text('Pretraining')).toBe('Done: 40 steps');
    expect(text('SFT')).toBe('Diverged: the loss became NaN at step 12');
    expect(text('Reward model')).toBe('Not trained for these settings');
  });

  it('estimates time only from timings a run measured with the same work per step', () => {
    const timed: StepMetrics[] = makeMetrics(400).map((m) => ({
      ...m,
      timing: { tokensPerSecond: 1000, elapsedMs: m.step * 50 },
    }));
    const checkpoint = { config: DEFAULT_CONFIG } as Checkpoint;
    const stages = fullRun(DEFAULT_CONFIG);
    stages.pretrain = { ...stages.pretrain, metrics: timed, checkpoint };
    const seed2 = setConfigValue(DEFAULT_CONFIG, 'seed', 2);
    const queue = stagesToTrain(stages, seed2);
    expect(queue).toEqual(['pretrain', 'sft', 'reward', 'ppo', 'dpo']);
    expect(plannedEstimates(stages, seed2, queue)).toEqual([
      { stage: 'pretrain', seconds: 20, msPerStep: 50, steps: 400 },
    ]);
    // Another batch size does other work per step: no estimate.
    const bigger = setConfigValue(seed2, 'pretrain.batchSize', 8);
    expect(plannedEstimates(stages, bigger, queue)).toEqual([]);
    // Without timings (the shipped run), none either.
    stages.pretrain = { ...stages.pretrain, metrics: makeMetrics(400) };
    expect(plannedEstimates(stages, seed2, queue)).toEqual([]);
  });
});

// ─── observations ───

describe('Simulator observations', () => {
  const observe = (stages: StageRuns, c: PipelineConfig = DEFAULT_CONFIG) =>
    observeRun(currentRun(stages, c));

  it('reports a healthy run’s figures, and no problem', () => {
    const obs = observe(fullRun(DEFAULT_CONFIG));
    expect(obs.filter((o) => o.severity === 'problem')).toEqual([]);
    const texts = obs.map((o) => o.text).join('\n');
    expect(texts).toContain(
      'Pretraining’s held-out loss, 2.30 nats, is 3.20 below the unigram baseline of 5.50',
    );
    expect(texts).toContain('The reward model ranks 93% of held-out pairs correctly.');
    expect(texts).toContain(
      'on held-out prompts (before and after PPO), the reward-model score rose from 0.30 to 0.90 and the gold grade from 0.30 to 0.50',
    );
  });

  it('flags a held-out loss that is not below the unigram baseline', () => {
    const obs = observe(
      fullRun(DEFAULT_CONFIG, { pretrainFrom: 6, pretrainTo: 5.6, unigram: 5.5 }),
    );
    const problem = obs.find((o) => o.id === 'pretrain-unigram');
    expect(problem?.severity).toBe('problem');
    expect(problem?.text).toContain('5.90 nats, is not below the unigram baseline of 5.50');
    expect(problem?.text).toContain('pretrain.steps = 400');
    expect(problem?.text).toContain('pretrain.learningRate = 0.005');

    const barely = observe(fullRun(DEFAULT_CONFIG, { pretrainTo: 5.1, unigram: 5.5 }));
    expect(barely.find((o) => o.id === 'pretrain-unigram')).toMatchObject({
      severity: 'caution',
      text: expect.stringContaining('5.40 nats, is only 0.10 below the unigram baseline of 5.50'),
    });
  });

  it('blames noisy labels for a weak reward model only when there are some', () => {
    const noisy = setConfigValue(DEFAULT_CONFIG, 'reward.labelNoise', 0.3);
    const obs = observe(fullRun(noisy, { rewardHeldOut: 0.6, rewardTrain: 0.95 }), noisy);
    const weak = obs.find((o) => o.id === 'reward-accuracy');
    expect(weak?.severity).toBe('problem');
    expect(weak?.text).toContain('only 60% of held-out pairs');
    expect(weak?.text).toContain('fewer noisy labels (reward.labelNoise = 0.3)');
    expect(obs.find((o) => o.id === 'reward-overfit')?.text).toContain('95%');

    const clean = observe(fullRun(DEFAULT_CONFIG, { rewardHeldOut: 0.6, rewardTrain: 0.62 }));
    expect(clean.find((o) => o.id === 'reward-accuracy')?.text).toContain(
      'more steps (reward.steps = 60)',
    );
    expect(clean.find((o) => o.id === 'reward-overfit')).toBeUndefined();
  });

  it('recognises reward hacking and a KL far from the SFT model', () => {
    const noKl = setConfigValue(DEFAULT_CONFIG, 'ppo.klCoef', 0);
    const obs = observe(
      fullRun(noKl, { ppoScore: [0.3, 1.4], ppoGold: [0.3, 0.15], ppoKl: 20 }),
      noKl,
    );
    expect(obs[0].severity).toBe('problem');
    const hacking = obs.find((o) => o.id === 'ppo-hacking');
    expect(hacking?.text).toContain(
      'the reward-model score rose from 0.30 to 1.40 but the gold grade fell from 0.30 to 0.15',
    );
    expect(hacking?.text).toContain('raise β (ppo.klCoef = 0)');
    const kl = obs.find((o) => o.id === 'ppo-kl');
    // KL rises linearly 0 → 20 over 30 iterations: the last 5 average 18.6.
    expect(kl?.text).toContain('PPO ended 18.6 nats from the SFT model');
    expect(kl?.text).toContain('above 10');
  });

  it('says which stage diverged and which learning rate to lower', () => {
    const stages = fullRun(DEFAULT_CONFIG);
    stages.reward = {
      ...stages.reward,
      status: 'diverged',
      message: 'the loss became NaN at step 7.',
      summary: null,
    };
    const obs = observe(stages);
    expect(obs[0]).toEqual({
      id: 'reward-diverged',
      severity: 'problem',
      text: 'Reward model diverged (the loss became NaN at step 7): lower its learning rate (reward.learningRate = 0.001).',
    });
    // A diverged stage's other figures are not read.
    expect(obs.find((o) => o.id === 'reward-accuracy')).toBeUndefined();
  });

  it('reads nothing from runs of other settings', () => {
    const seed2 = setConfigValue(DEFAULT_CONFIG, 'seed', 2);
    expect(observe(fullRun(DEFAULT_CONFIG), seed2)).toEqual([]);
  });

  it('lists the observations on the page with their severity in words', () => {
    setRuns(fullRun(DEFAULT_CONFIG, { rewardHeldOut: 0.55, rewardTrain: 0.6 }));
    renderPage();
    const section = screen.getByRole('region', { name: 'What this run shows' });
    const items = within(section).getAllByRole('listitem');
    expect(items[0].textContent).toMatch(/^Problem: The reward model ranks only 55%/);
    expect(items.some((li) => li.textContent?.startsWith('Working:'))).toBe(true);
  });
});

// ─── keeping and comparing ───

describe('Simulator comparison', () => {
  it('keeps a finished run under its default name, with compact figures', () => {
    const seed3 = setConfigValue(DEFAULT_CONFIG, 'seed', 3);
    useConfigStore.getState().setField('seed', 3);
    setRuns(fullRun(seed3));
    renderPage();
    const name = screen.getByRole('textbox', { name: 'Name for this run' });
    expect(name).toHaveProperty('value', 'seed 3');
    fireEvent.change(name, { target: { value: 'Seed two' } });
    fireEvent.click(screen.getByRole('button', { name: 'Keep this run' }));
    const [kept] = useSavedRuns.getState().runs;
    expect(kept.name).toBe('Seed two');
    expect(kept.config).toEqual(seed3);
    expect(kept.finals.rewardHeldOutAccuracy).toBe(0.93);
    expect(kept.series.ppoKl.x).toHaveLength(30);
    expect(document.body.textContent).toContain('These settings are kept as “Seed two”');
  });

  it('offers to keep a run only when every stage has finished', () => {
    const stages = fullRun(DEFAULT_CONFIG);
    setRuns({ pretrain: stages.pretrain, sft: stages.sft });
    renderPage();
    expect(screen.queryByRole('button', { name: 'Keep this run' })).toBeNull();
    expect(document.body.textContent).toContain('(2 of 5 so far)');
  });

  it('says the cap is reached instead of offering to keep', () => {
    for (let i = 0; i < MAX_SAVED_RUNS; i++) {
      const c = setConfigValue(DEFAULT_CONFIG, 'seed', 100 + i);
      useSavedRuns.getState().keep(`run ${i}`, c, currentRun(fullRun(c), c).figures);
    }
    setRuns(fullRun(DEFAULT_CONFIG));
    renderPage();
    expect(screen.queryByRole('button', { name: 'Keep this run' })).toBeNull();
    expect(document.body.textContent).toContain(`You have kept ${MAX_SAVED_RUNS} runs`);
  });

  it('overlays kept runs and the current one, naming each in the text alternatives', () => {
    const noKl = setConfigValue(DEFAULT_CONFIG, 'ppo.klCoef', 0);
    const seed2 = setConfigValue(DEFAULT_CONFIG, 'seed', 2);
    const keep = (name: string, c: PipelineConfig, n: Partial<RunNumbers>) =>
      useSavedRuns.getState().keep(name, c, compactFigures(currentRun(fullRun(c, n), c).figures));
    keep('No KL', noKl, { ppoKl: 25 });
    keep('Seed 2', seed2, { ppoKl: 5 });
    setRuns(fullRun(DEFAULT_CONFIG, { ppoKl: 8 }));
    renderPage();

    for (const spec of OVERLAYS) {
      const figure = screen.getByRole('figure', { name: spec.title });
      expect(figure.textContent).toContain('Current settings (not kept)');
      expect(figure.textContent).toContain('No KL');
      expect(figure.textContent).toContain('Seed 2');
    }
    const kl = screen.getByRole('figure', { name: 'PPO: KL from the SFT model' });
    expect(kl.textContent).toContain('No KL: 25.00 nats at iteration 30');
    expect(kl.textContent).toContain('Seed 2: 5.00 nats at iteration 30');
    expect(kl.textContent).toContain('Current settings (not kept): 8.00 nats at iteration 30');

    const table = screen.getByRole('table');
    const rows = within(table).getAllByRole('row');
    expect(rows.map((r) => within(r).queryAllByRole('rowheader')[0]?.textContent)).toEqual([
      undefined,
      'Current settings (not kept)',
      'No KL',
      'Seed 2',
    ]);
    // The table's KL is the mean of the last 5 iterations (21.55 … 25.00).
    expect(rows[2].textContent).toContain('23.28 nats');
  });

  it('renames and deletes kept runs from the table', () => {
    const c = setConfigValue(DEFAULT_CONFIG, 'seed', 5);
    useSavedRuns.getState().keep('Old name', c, currentRun(fullRun(c), c).figures);
    renderPage();
    fireEvent.click(screen.getByRole('button', { name: 'Rename “Old name”' }));
    const input = screen.getByRole('textbox', { name: 'New name for “Old name”' });
    fireEvent.change(input, { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(document.body.textContent).toContain('Give the run a name.');
    fireEvent.change(input, { target: { value: 'Seed five' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(useSavedRuns.getState().runs[0].name).toBe('Seed five');
    expect(screen.getByRole('rowheader', { name: 'Seed five' })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Load settings of “Seed five”' }));
    expect(config().seed).toBe(5);

    fireEvent.click(screen.getByRole('button', { name: 'Delete “Seed five”' }));
    expect(useSavedRuns.getState().runs).toEqual([]);
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('shows the storage notice when kept runs could not be read', () => {
    localStorage.setItem('pipeline-lab:saved-runs', '{oops');
    useSavedRuns.getState().reload();
    renderPage();
    expect(screen.getByRole('alert').textContent).toContain('could not be read');
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('thins long series before keeping them', () => {
    const x = Array.from({ length: 1000 }, (_, i) => i + 1);
    const figures = currentRun(fullRun(DEFAULT_CONFIG), DEFAULT_CONFIG).figures;
    figures.series.ppoKl = { x, y: x.map((v) => Math.sqrt(v) + 1e-9) };
    const compact = compactFigures(figures);
    expect(compact.series.ppoKl.x).toHaveLength(KEPT_POINTS);
    expect(compact.series.ppoKl.x[KEPT_POINTS - 1]).toBe(1000);
    expect(compact.series.ppoKl.y[0]).toBe(1);
    expect(
      overlayDescription(
        [{ id: 'a', name: 'A', figures: compact, slot: 1 }],
        OVERLAYS.find((o) => o.key === 'ppoKl')!,
      ),
    ).toContain('A: 31.62 nats at iteration 1000');
  });
});
