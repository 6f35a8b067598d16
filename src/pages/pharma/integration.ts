/**
 * The integration table: what each stage adds, what it still lacks, and the measured
 * figure that shows it, read from the runs store (run summaries and metrics) and, for
 * the answering models, from this page's evaluation.
 */
import { fmt, fmtPercent, lastHeldOut } from '../../components/run/metrics';
import type { StageRun } from '../../store/runs';
import type { TrainStage } from '../../worker/protocol';
import { countOf, mean, signed } from './format';
import type { ScorecardCell } from './scorecard';

export type IntegrationRuns = {
  [S in TrainStage]: Pick<StageRun<S>, 'status' | 'metrics' | 'summary'>;
};

export interface IntegrationRow {
  stage: TrainStage;
  name: string;
  adds: string;
  lacks: string;
  /** Measured figures, one statement each (a status line when there is no run). */
  measured: string[];
}

const TEXT: Record<TrainStage, { name: string; adds: string; lacks: string }> = {
  pretrain: {
    name: 'Pretraining',
    adds: "The corpus's vocabulary, facts and style: it can complete a fact's sentence.",
    lacks:
      'Answers nothing: it continues text, with no verdict, no format and no notion of safety.',
  },
  sft: {
    name: 'SFT',
    adds: "Answers in the experts' format: a verdict label, the reason, one action.",
    lacks:
      'Copies its demonstrations, errors included; cannot tell a better answer from a worse one; knows facts only as well as pretraining stored them.',
  },
  reward: {
    name: 'Reward model',
    adds: 'A learned judge: scores which of two answers an expert would prefer.',
    lacks:
      'Writes nothing; only approximates the expert, and can be fooled by answers unlike its training pairs.',
  },
  ppo: {
    name: 'PPO',
    adds: 'Trains the SFT model to write answers the reward model scores higher, held near SFT by a KL penalty.',
    lacks:
      "Optimises the reward model, not the truth: where the two differ it learns the reward model's mistakes.",
  },
  dpo: {
    name: 'DPO',
    adds: 'Learns the preferences straight from the pairs: no reward model, no sampling.',
    lacks:
      'Limited to the pairs it sees; it drifts from SFT too (KL below), and no judge checks its new answers.',
  },
};

const ORDER: readonly TrainStage[] = ['pretrain', 'sft', 'reward', 'ppo', 'dpo'];

function statusLine(status: StageRun['status']): string | null {
  switch (status) {
    case 'completed':
      return null;
    case 'running':
      return 'Training… figures appear when the run finishes.';
    case 'loading':
      return 'Loading the default run…';
    case 'diverged':
      return 'The run diverged: its figures are from the last good step.';
    case 'cancelled':
      return 'The run was cancelled.';
    case 'error':
      return 'The run failed.';
    default:
      return 'No run yet.';
  }
}

function figures(stage: TrainStage, runs: IntegrationRuns): string[] {
  const out: string[] = [];
  switch (stage) {
    case 'pretrain': {
      const { metrics, summary } = runs.pretrain;
      const held = lastHeldOut(metrics);
      if (held) {
        const unigram = summary?.unigramLoss;
        out.push(
          `Held-out loss ${fmt(held.loss)} nats per token` +
            (unigram !== undefined ? ` (unigram baseline ${fmt(unigram)})` : ''),
        );
      }
      const probes = summary?.probes ?? [];
      if (probes.length > 0) {
        out.push(
          `Facts recalled: ${countOf(probes.filter((p) => p.correct).length, probes.length, 'probes')}`,
        );
      }
      break;
    }
    case 'sft': {
      const answers = runs.sft.summary?.answers ?? [];
      const rate = runs.sft.summary?.formatRate;
      if (answers.length === 0 && rate !== undefined) {
        out.push(`Expert format: ${fmtPercent(rate)} of held-out answers`);
      }
      if (answers.length > 0) {
        out.push(
          `Expert format: ${countOf(answers.filter((a) => a.followsFormat).length, answers.length, 'held-out answers')}`,
        );
      }
      break;
    }
    case 'reward': {
      const reward = runs.reward.summary?.reward;
      const held = reward?.finalHeldOut;
      if (held) {
        out.push(
          `Held-out accuracy ${fmtPercent(held.accuracy)} on ${reward.data.heldOut} pairs about unseen facts (chance 50%)`,
        );
        out.push(`Mean margin r(chosen) − r(rejected): ${signed(held.meanMargin)}`);
      }
      break;
    }
    case 'ppo': {
      const held = runs.ppo.summary?.ppo?.heldOut;
      if (held && held.before.length > 0) {
        const n = held.before.length;
        out.push(
          `${n} held-out prompts, SFT → PPO: reward ${signed(mean(held.before.map((a) => a.score)))} → ${signed(mean(held.after.map((a) => a.score)))}`,
        );
        out.push(
          `Gold grade ${fmt(mean(held.before.map((a) => a.goldScore)))} → ${fmt(mean(held.after.map((a) => a.goldScore)))}; right verdict ${held.before.filter((a) => a.verdictCorrect).length} → ${held.after.filter((a) => a.verdictCorrect).length} of ${n}`,
        );
      }
      const metrics = runs.ppo.metrics;
      const last = metrics[metrics.length - 1];
      if (last) out.push(`KL to SFT at the end: ${fmt(last.klK3)} nats per answer`);
      break;
    }
    case 'dpo': {
      const dpo = runs.dpo.summary?.dpo;
      if (dpo?.finalHeldOut) {
        out.push(
          `Held-out implicit-reward accuracy ${fmtPercent(dpo.finalHeldOut.rewardAccuracy)} on ${dpo.data.heldOut} pairs (chance 50%)`,
        );
      }
      if (dpo) {
        out.push(
          `KL to SFT: ${fmt(dpo.finalKl.sequence)} nats per answer (${fmt(dpo.finalKl.perToken, 3)} per token, ${dpo.finalKl.measuredOn} chosen answers)`,
        );
      }
      break;
    }
  }
  return out;
}

/** The five rows, in pipeline order. `evaluation`: right-verdict share per answering stage. */
export function integrationRows(
  runs: IntegrationRuns,
  evaluation: Partial<Record<TrainStage, ScorecardCell>> = {},
): IntegrationRow[] {
  return ORDER.map((stage) => {
    const status = statusLine(runs[stage].status);
    const measured = [...(status ? [status] : []), ...figures(stage, runs)];
    const cell = evaluation[stage];
    if (cell && cell.denominator > 0) {
      measured.push(
        `This page's evaluation set: right verdict on ${countOf(cell.numerator, cell.denominator, 'questions')}`,
      );
    }
    return { stage, ...TEXT[stage], measured };
  });
}
