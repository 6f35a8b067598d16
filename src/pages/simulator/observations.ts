/**
 * Observations read off the current run: only statements that follow from its
 * numbers, each quoting them, with the knob to turn when something went wrong.
 * A stage is read only once it has finished (completed, or diverged), so the list
 * does not flicker while a run streams. Pure.
 */
import { fmt, fmtPercent } from '../../components/run/metrics';
import { STAGE_NAMES } from '../../components/run/runStatus';
import { getConfigValue } from '../../sim/config';
import { formatNumber } from '../../store/config';
import { TRAIN_STAGES, type TrainStage } from '../../worker/protocol';
import type { CurrentRun } from './runFigures';

export type Severity = 'problem' | 'caution' | 'fine';

export interface Observation {
  id: string;
  severity: Severity;
  text: string;
}

/** PPO's KL from the SFT model above this many nats (per response) is far from the start. */
export const KL_LIMIT = 10;
/** A reward model (or DPO's implicit one) ranking fewer held-out pairs than this is weak. */
export const ACCURACY_FLOOR = 0.7;
/** Train minus held-out accuracy above this: the reward model memorises its pairs. */
export const OVERFIT_GAP = 0.15;
/** Held-out loss less than this many nats below the unigram baseline: context barely used. */
export const UNIGRAM_MARGIN = 0.25;
/** Held-out loss this far (relative) above its best: it is rising again. */
export const LOSS_RISE = 0.02;
/** SFT answers following the format below this share. */
export const FORMAT_FLOOR = 0.5;
/** PPO's reward-model score must rise at least this much to count as a rise (normalised units). */
export const SCORE_RISE = 0.1;
/** The gold grade (0..1) must fall at least this much to count as a fall. */
export const GOLD_FALL = 0.02;
/** Entropy at the end below this share of the start: the policy is collapsing. */
export const ENTROPY_KEEP = 0.5;
/** Mean share of clipped updates above this: PPO's steps are too large. */
export const CLIP_LIMIT = 0.3;

const LEARNING_RATE_PATH: Record<TrainStage, string> = {
  pretrain: 'pretrain.learningRate',
  sft: 'sft.learningRate',
  reward: 'reward.learningRate',
  ppo: 'ppo.learningRate',
  dpo: 'dpo.learningRate',
};

/** "ppo.klCoef = 0.2": a knob and its value in this run. */
function knob(run: CurrentRun, path: string): string {
  const value = getConfigValue(run.config, path);
  return `${path} = ${typeof value === 'number' ? formatNumber(value) : String(value)}`;
}

const done = (run: CurrentRun, stage: TrainStage) => run.stages[stage].status === 'completed';

function stageFailures(run: CurrentRun): Observation[] {
  const out: Observation[] = [];
  for (const stage of TRAIN_STAGES) {
    const { status, message } = run.stages[stage];
    const detail = message ? ` (${message.replace(/\.$/, '')})` : '';
    if (status === 'diverged') {
      out.push({
        id: `${stage}-diverged`,
        severity: 'problem',
        text: `${STAGE_NAMES[stage]} diverged${detail}: lower its learning rate (${knob(run, LEARNING_RATE_PATH[stage])}).`,
      });
    } else if (status === 'error') {
      out.push({
        id: `${stage}-error`,
        severity: 'problem',
        text: `${STAGE_NAMES[stage]} stopped with an error${detail}.`,
      });
    }
  }
  return out;
}

function pretraining(run: CurrentRun): Observation[] {
  if (!done(run, 'pretrain')) return [];
  const out: Observation[] = [];
  const { pretrainHeldOutLoss: held, unigramLoss: unigram } = run.figures.finals;
  if (held !== null && unigram !== null) {
    const more = `Train more steps (${knob(run, 'pretrain.steps')}) or use a smaller learning rate (${knob(run, 'pretrain.learningRate')}).`;
    if (held >= unigram) {
      out.push({
        id: 'pretrain-unigram',
        severity: 'problem',
        text: `Pretraining’s held-out loss, ${fmt(held)} nats, is not below the unigram baseline of ${fmt(unigram)}: the model has not learnt to use the context. ${more}`,
      });
    } else if (unigram - held < UNIGRAM_MARGIN) {
      out.push({
        id: 'pretrain-unigram',
        severity: 'caution',
        text: `Pretraining’s held-out loss, ${fmt(held)} nats, is only ${fmt(unigram - held)} below the unigram baseline of ${fmt(unigram)}: the model barely uses the context. ${more}`,
      });
    } else {
      out.push({
        id: 'pretrain-unigram',
        severity: 'fine',
        text: `Pretraining’s held-out loss, ${fmt(held)} nats, is ${fmt(unigram - held)} below the unigram baseline of ${fmt(unigram)}: reading the context pays.`,
      });
    }
  }
  const series = run.figures.series.pretrainHeldOutLoss;
  if (series.y.length >= 2) {
    let best = 0;
    for (let i = 1; i < series.y.length; i++) if (series.y[i] < series.y[best]) best = i;
    const last = series.y.length - 1;
    if (best < last && series.y[last] > series.y[best] * (1 + LOSS_RISE)) {
      out.push({
        id: 'pretrain-overfit',
        severity: 'caution',
        text: `Pretraining’s held-out loss rose from its best, ${fmt(series.y[best])} at step ${series.x[best]}, to ${fmt(series.y[last])} at step ${series.x[last]}: the model is memorising its training text. Use more data (${knob(run, 'data.phrasingsPerFact')}) or fewer steps (${knob(run, 'pretrain.steps')}).`,
      });
    }
  }
  return out;
}

function sft(run: CurrentRun): Observation[] {
  const rate = run.figures.finals.sftFormatRate;
  if (!done(run, 'sft') || rate === null || rate >= FORMAT_FLOOR) return [];
  return [
    {
      id: 'sft-format',
      severity: 'caution',
      text: `Only ${fmtPercent(rate)} of SFT’s held-out answers follow the answer format: train SFT for more steps (${knob(run, 'sft.steps')}).`,
    },
  ];
}

function rewardModel(run: CurrentRun): Observation[] {
  if (!done(run, 'reward')) return [];
  const out: Observation[] = [];
  const { rewardHeldOutAccuracy: held, rewardTrainAccuracy: train } = run.figures.finals;
  if (held !== null) {
    if (held < ACCURACY_FLOOR) {
      const noise = run.config.reward.labelNoise;
      const remedy =
        noise > 0
          ? `fewer noisy labels (${knob(run, 'reward.labelNoise')})`
          : `more steps (${knob(run, 'reward.steps')})`;
      out.push({
        id: 'reward-accuracy',
        severity: 'problem',
        text: `The reward model ranks only ${fmtPercent(held)} of held-out pairs correctly, below ${fmtPercent(ACCURACY_FLOOR)}: PPO will optimise a poor judge. Use ${remedy}.`,
      });
    } else {
      out.push({
        id: 'reward-accuracy',
        severity: 'fine',
        text: `The reward model ranks ${fmtPercent(held)} of held-out pairs correctly.`,
      });
    }
  }
  if (held !== null && train !== null && train - held > OVERFIT_GAP) {
    out.push({
      id: 'reward-overfit',
      severity: 'caution',
      text: `The reward model is right on ${fmtPercent(train)} of its training pairs but ${fmtPercent(held)} of held-out pairs: it memorises its training data. Fewer steps (${knob(run, 'reward.steps')}) would generalise better.`,
    });
  }
  return out;
}

/** PPO's start and end: held-out greedy answers when measured, else the rollouts. */
function ppoEnds(run: CurrentRun) {
  const f = run.figures.finals;
  if (
    f.ppoHeldOutScoreBefore !== null &&
    f.ppoHeldOutScoreAfter !== null &&
    f.ppoHeldOutGoldBefore !== null &&
    f.ppoHeldOutGoldAfter !== null
  ) {
    return {
      where: 'on held-out prompts (before and after PPO)',
      score: [f.ppoHeldOutScoreBefore, f.ppoHeldOutScoreAfter] as const,
      gold: [f.ppoHeldOutGoldBefore, f.ppoHeldOutGoldAfter] as const,
    };
  }
  if (
    f.ppoScoreStart !== null &&
    f.ppoScoreEnd !== null &&
    f.ppoGoldStart !== null &&
    f.ppoGoldEnd !== null
  ) {
    return {
      where: `in the rollouts (first and last ${run.ppoWindow} iterations)`,
      score: [f.ppoScoreStart, f.ppoScoreEnd] as const,
      gold: [f.ppoGoldStart, f.ppoGoldEnd] as const,
    };
  }
  return null;
}

function ppo(run: CurrentRun): Observation[] {
  if (!done(run, 'ppo')) return [];
  const out: Observation[] = [];
  const f = run.figures.finals;
  const beta = knob(run, 'ppo.klCoef');
  const adaptive =
    run.config.ppo.klTarget > 0 ? ` or a lower KL target (${knob(run, 'ppo.klTarget')})` : '';

  if (f.ppoKlEnd !== null && f.ppoKlEnd > KL_LIMIT) {
    out.push({
      id: 'ppo-kl',
      severity: 'problem',
      text: `PPO ended ${fmt(f.ppoKlEnd, 1)} nats from the SFT model (KL per response, mean of the last ${run.ppoWindow} iterations), above ${KL_LIMIT}: raise β (${beta})${adaptive}.`,
    });
  }

  const ends = ppoEnds(run);
  if (ends) {
    const [s0, s1] = ends.score;
    const [g0, g1] = ends.gold;
    const rose = s1 - s0 >= SCORE_RISE;
    const scores = `${fmt(s0)} to ${fmt(s1)}`;
    const grades = `${fmt(g0)} to ${fmt(g1)}`;
    if (rose && g0 - g1 >= GOLD_FALL) {
      out.push({
        id: 'ppo-hacking',
        severity: 'problem',
        text: `Reward hacking: ${ends.where}, the reward-model score rose from ${scores} but the gold grade fell from ${grades}. The policy exploits the reward model’s mistakes; raise β (${beta})${adaptive}.`,
      });
    } else if (rose && g1 - g0 >= GOLD_FALL) {
      out.push({
        id: 'ppo-gain',
        severity: 'fine',
        text: `PPO helped: ${ends.where}, the reward-model score rose from ${scores} and the gold grade from ${grades}.`,
      });
    } else if (rose) {
      out.push({
        id: 'ppo-gold-flat',
        severity: 'caution',
        text: `PPO raised the reward-model score ${ends.where} (${scores}) but the gold grade hardly changed (${grades}): the reward model’s gains are not the grader’s.`,
      });
    } else if (s0 - s1 >= SCORE_RISE) {
      out.push({
        id: 'ppo-score-fell',
        severity: 'problem',
        text: `The reward-model score fell ${ends.where}, from ${scores}: PPO is not optimising it. Lower the learning rate (${knob(run, 'ppo.learningRate')}).`,
      });
    } else {
      out.push({
        id: 'ppo-flat',
        severity: 'caution',
        text: `PPO barely moved the reward-model score ${ends.where}: ${scores} (gold grade ${grades}). Run more iterations (${knob(run, 'ppo.iterations')}).`,
      });
    }
  }

  const { ppoEntropyStart: e0, ppoEntropyEnd: e1 } = f;
  if (e0 !== null && e1 !== null && e0 > 0 && e1 < e0 * ENTROPY_KEEP) {
    out.push({
      id: 'ppo-entropy',
      severity: 'caution',
      text: `The policy’s entropy fell from ${fmt(e0)} to ${fmt(e1)} nats per token (first and last ${run.ppoWindow} iterations): it is collapsing onto a few answers. Raise β (${beta}).`,
    });
  }
  if (f.ppoClipFraction !== null && f.ppoClipFraction > CLIP_LIMIT) {
    out.push({
      id: 'ppo-clip',
      severity: 'caution',
      text: `On average ${fmtPercent(f.ppoClipFraction)} of PPO’s token updates were clipped, above ${fmtPercent(CLIP_LIMIT)}: its steps are too large. Lower the learning rate (${knob(run, 'ppo.learningRate')}).`,
    });
  }
  return out;
}

function dpo(run: CurrentRun): Observation[] {
  const held = run.figures.finals.dpoHeldOutAccuracy;
  if (!done(run, 'dpo') || held === null || held >= ACCURACY_FLOOR) return [];
  return [
    {
      id: 'dpo-accuracy',
      severity: 'caution',
      text: `DPO’s implicit reward ranks only ${fmtPercent(held)} of held-out pairs correctly, below ${fmtPercent(ACCURACY_FLOOR)}: train DPO for more steps (${knob(run, 'dpo.steps')}).`,
    },
  ];
}

/** Everything the current run's numbers say, problems first. */
export function observeRun(run: CurrentRun): Observation[] {
  const all = [
    ...stageFailures(run),
    ...pretraining(run),
    ...sft(run),
    ...rewardModel(run),
    ...ppo(run),
    ...dpo(run),
  ];
  const order: Record<Severity, number> = { problem: 0, caution: 1, fine: 2 };
  return all
    .map((o, i) => ({ o, i }))
    .sort((a, b) => order[a.o.severity] - order[b.o.severity] || a.i - b.i)
    .map(({ o }) => o);
}
