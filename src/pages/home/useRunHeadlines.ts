/**
 * The headline numbers of the current run, per stage, for Home: computed from the
 * runs store (shipped default run or a live one), never typed in. Stages without a
 * finished run show nothing ("No run yet"), or their progress while they train.
 */
import type { PageId } from '../../app/pages';
import { fmt, fmtPercent, fmtPerplexity, lastHeldOut } from '../../components/run/metrics';
import type { StageRun } from '../../store/runs';
import { metricStep } from '../../worker/protocol';
import { useRunsView } from '../../store/runsView';

export interface HeadlineMetric {
  label: string;
  /** Already formatted for display, e.g. "2.31" or "87%". */
  value: string;
  /** Optional context, e.g. "held-out, step 300". */
  detail?: string;
}

export type RunHeadlines = Partial<Record<PageId, readonly HeadlineMetric[]>>;

/** A stage without a completed run: its progress, its divergence, or nothing. */
function statusHeadline(run: StageRun): readonly HeadlineMetric[] {
  if (run.status === 'running') {
    return [{ label: 'Training', value: fmtPercent(run.progress), detail: 'live in your browser' }];
  }
  if (run.status === 'diverged') {
    const step = run.metrics.length > 0 ? metricStep(run.metrics[run.metrics.length - 1]) : 0;
    return [{ label: 'Diverged', value: `step ${step}`, detail: 'see the stage page' }];
  }
  return [];
}

export function pretrainHeadlines(run: StageRun<'pretrain'>): readonly HeadlineMetric[] {
  if (run.status !== 'completed') return statusHeadline(run);
  const heldOut = lastHeldOut(run.metrics);
  const unigram = run.summary?.unigramLoss;
  const probes = run.summary?.probes ?? [];
  const out: HeadlineMetric[] = [];
  if (heldOut) {
    out.push({
      label: 'Held-out loss',
      value: fmt(heldOut.loss),
      detail: unigram !== undefined ? `nats (unigram ${fmt(unigram)})` : 'nats',
    });
    out.push({
      label: 'Perplexity',
      value: fmtPerplexity(Math.exp(heldOut.loss)),
      detail: unigram !== undefined ? `(unigram ${fmtPerplexity(Math.exp(unigram))})` : undefined,
    });
  }
  if (probes.length > 0) {
    out.push({
      label: 'Facts recalled',
      value: `${probes.filter((p) => p.correct).length} / ${probes.length}`,
      detail: 'probes',
    });
  }
  return out;
}

export function sftHeadlines(run: StageRun<'sft'>): readonly HeadlineMetric[] {
  if (run.status !== 'completed') return statusHeadline(run);
  const heldOut = lastHeldOut(run.metrics);
  const answers = run.summary?.answers ?? [];
  const out: HeadlineMetric[] = [];
  if (heldOut) {
    out.push({ label: 'Held-out masked loss', value: fmt(heldOut.loss), detail: 'nats' });
  }
  if (answers.length > 0) {
    const ok = answers.filter((a) => a.followsFormat).length;
    out.push({
      label: 'Expert format',
      value: fmtPercent(ok / answers.length),
      detail: `(${ok} of ${answers.length} held-out answers)`,
    });
  }
  return out;
}

export function rewardHeadlines(run: StageRun<'reward'>): readonly HeadlineMetric[] {
  if (run.status !== 'completed') return statusHeadline(run);
  const held = run.summary?.reward?.finalHeldOut;
  const data = run.summary?.reward?.data;
  if (!held) return [];
  return [
    {
      label: 'Held-out accuracy',
      value: fmtPercent(held.accuracy),
      detail: data ? `(${data.heldOut} pairs about unseen facts; chance 50%)` : '(chance 50%)',
    },
    { label: 'Mean margin', value: fmt(held.meanMargin), detail: 'r(chosen) − r(rejected)' },
  ];
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

export function ppoHeadlines(run: StageRun<'ppo'>): readonly HeadlineMetric[] {
  if (run.status !== 'completed') return statusHeadline(run);
  const held = run.summary?.ppo?.heldOut;
  const last = run.metrics[run.metrics.length - 1];
  const out: HeadlineMetric[] = [];
  if (held && held.before.length > 0) {
    const before = mean(held.before.map((a) => a.score));
    const after = mean(held.after.map((a) => a.score));
    out.push({
      label: 'Held-out reward',
      value: `${fmt(before)} → ${fmt(after)}`,
      detail: 'SFT → PPO',
    });
    const goldBefore = mean(held.before.map((a) => a.goldScore));
    const goldAfter = mean(held.after.map((a) => a.goldScore));
    out.push({
      label: 'Gold grade',
      value: `${fmt(goldBefore)} → ${fmt(goldAfter)}`,
      detail: 'rule-based, 0–1',
    });
  }
  if (last) out.push({ label: 'KL to SFT', value: fmt(last.klK3), detail: 'nats per answer' });
  return out;
}

export function useRunHeadlines(): RunHeadlines {
  const stages = useRunsView((state) => state.stages);
  return {
    pretraining: pretrainHeadlines(stages.pretrain),
    sft: sftHeadlines(stages.sft),
    'reward-model': rewardHeadlines(stages.reward),
    ppo: ppoHeadlines(stages.ppo),
  };
}
