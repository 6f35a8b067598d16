/**
 * runPipeline: the stages in order, each starting from the previous checkpoint, as
 * one generator of events (for the CLI, the Worker and tests), ending with the
 * measured summary: pretraining → SFT → reward model → PPO, and DPO from the same SFT
 * checkpoint as the modern comparison. After the last stage, every trained model
 * answers the evaluation set and is graded (scorecard, gold score, Elo).
 */
import type { PipelineConfig } from './config';
import { buildFactProbes, KNOWLEDGE_BASE } from './data';
import {
  runFactProbes,
  runFormatCheck,
  answer,
  type ProbeOutcome,
  type AnswerOutcome,
} from './eval/probes';
import { Gpt } from './model/gpt';
import { pretrain, type PretrainResult } from './stages/pretrain';
import { sft, type SftResult } from './stages/sft';
import type { StepMetrics } from './stages/types';
import { BpeTokenizer, formatChat } from './text';
import { buildPreferencePairs, splitPreferencePairs } from './data';
import {
  rewardModelFromResult,
  trainRewardModel,
  type RewardResult,
  type RewardStepMetrics,
} from './stages/reward';
import { ppo, type AnsweredPrompt, type PpoIterationMetrics, type PpoResult } from './stages/ppo';
import { dpo, responseKl, type DpoResult, type DpoStepMetrics } from './stages/dpo';
import { compareModels, type ModelComparison } from './eval/compareModels';
import { RUN_FILE_FORMAT, RUN_FILE_VERSION } from './runFormat';

export type PipelineStage = 'pretrain' | 'sft' | 'reward' | 'ppo' | 'dpo';

export const PIPELINE_STAGES: readonly PipelineStage[] = [
  'pretrain',
  'sft',
  'reward',
  'ppo',
  'dpo',
];

export type PipelineEvent =
  | { type: 'stage-start'; stage: PipelineStage; description: string }
  | { type: 'metrics'; stage: 'pretrain' | 'sft'; metrics: StepMetrics }
  | { type: 'reward-metrics'; stage: 'reward'; metrics: RewardStepMetrics }
  | { type: 'ppo-metrics'; stage: 'ppo'; metrics: PpoIterationMetrics }
  | { type: 'dpo-metrics'; stage: 'dpo'; metrics: DpoStepMetrics }
  | { type: 'stage-end'; stage: PipelineStage; result: { status: string; message: string } };

export interface PipelineSample {
  instruction: string;
  base: string;
  sft?: string;
}

/** The seed queries answered by SFT and by PPO, with their rewards (Program 2's table). */
export interface SftVsPpoRow {
  prompt: string;
  sft: AnsweredPrompt;
  ppo: AnsweredPrompt;
}

export interface PipelineResult {
  pretrain?: PretrainResult;
  sft?: SftResult;
  probes?: { outcomes: ProbeOutcome[]; accuracy: number };
  format?: { outcomes: AnswerOutcome[]; formatRate: number; verdictAgreement: number };
  reward?: RewardResult;
  ppo?: PpoResult;
  dpo?: DpoResult;
  /** KL to the SFT model on the held-out chosen responses (nats per response), PPO and DPO. */
  klOnHeldOut?: { ppo?: number; dpo?: number };
  sftVsPpo?: SftVsPpoRow[];
  comparison?: ModelComparison;
  samples: PipelineSample[];
  summary: { label: string; value: string }[];
  /** Everything measured, without the weights: what the CLI writes with --out. */
  json: Record<string, unknown>;
}

const DESCRIPTIONS: Record<PipelineStage, string> = {
  pretrain: 'next-token prediction on the pharmaceutical corpus',
  sft: 'fine-tuning on expert (instruction, response) pairs, loss on responses only',
  reward: 'Bradley–Terry reward model: a scalar head on the SFT trunk, trained on preference pairs',
  ppo: 'RLHF: PPO against the reward model with a KL penalty to the frozen SFT model',
  dpo: 'DPO: the preference pairs optimised directly, no reward model, no sampling',
};

const last = (metrics: StepMetrics[]) => metrics[metrics.length - 1];
const lastHeldOut = (metrics: StepMetrics[]) =>
  [...metrics].reverse().find((m) => m.heldOutLoss !== undefined);

export function* runPipeline(
  config: PipelineConfig,
  options: { stages?: PipelineStage[] } = {},
): Generator<PipelineEvent, PipelineResult> {
  const stages = options.stages ?? [...PIPELINE_STAGES];
  for (const s of stages) {
    if (!PIPELINE_STAGES.includes(s)) throw new RangeError(`runPipeline: unknown stage "${s}"`);
  }
  const result: PipelineResult = { samples: [], summary: [], json: {} };
  const started = performance.now();

  yield { type: 'stage-start', stage: 'pretrain', description: DESCRIPTIONS.pretrain };
  const pre = yield* forward('pretrain', pretrain(config));
  result.pretrain = pre;
  yield { type: 'stage-end', stage: 'pretrain', result: pre };
  const tokenizer = BpeTokenizer.fromJSON(pre.checkpoint.tokenizer);
  const baseModel = new Gpt(config.model, pre.checkpoint.params);
  result.probes = runFactProbes(baseModel, tokenizer, buildFactProbes(KNOWLEDGE_BASE));
  const pretrainMs = performance.now() - started;

  const s = pre.metrics.length > 0 ? last(pre.metrics) : undefined;
  const h = lastHeldOut(pre.metrics);
  result.summary.push(
    {
      label: 'Corpus (train / held-out tokens)',
      value: `${pre.data.trainTokens.length} / ${pre.data.heldOutTokens.length}`,
    },
    { label: 'Tokenizer compression (chars per token)', value: pre.data.compression.toFixed(2) },
    { label: 'Pretraining final train loss', value: s ? s.loss.toFixed(3) : '—' },
    {
      label: 'Pretraining held-out loss (perplexity)',
      value: h ? `${h.heldOutLoss!.toFixed(3)} (${h.heldOutPerplexity!.toFixed(1)})` : '—',
    },
    { label: 'Unigram baseline held-out loss', value: pre.data.unigramLoss.toFixed(3) },
    {
      label: 'Factual probes completed (greedy)',
      value: `${result.probes.outcomes.filter((o) => o.correct).length}/${result.probes.outcomes.length}`,
    },
    { label: 'Pretraining wall time', value: `${(pretrainMs / 1000).toFixed(1)} s` },
  );

  let sftModel: Gpt | undefined;
  if (stages.includes('sft') && pre.status === 'completed') {
    const sftStart = performance.now();
    yield { type: 'stage-start', stage: 'sft', description: DESCRIPTIONS.sft };
    const tuned = yield* forward('sft', sft(config, pre.checkpoint));
    result.sft = tuned;
    yield { type: 'stage-end', stage: 'sft', result: tuned };
    sftModel = new Gpt(config.model, tuned.checkpoint.params);
    const heldOutPairs = tuned.data.heldOut.map((e) => e.pair);
    const check = runFormatCheck(sftModel, tokenizer, heldOutPairs);
    const byId = new Map(KNOWLEDGE_BASE.map((f) => [f.id, f]));
    const agree = check.outcomes.filter(
      (o) => o.pair.factId && o.verdict === byId.get(o.pair.factId)?.verdict,
    ).length;
    result.format = { ...check, verdictAgreement: agree / Math.max(1, check.outcomes.length) };
    const st = last(tuned.metrics);
    const sh = lastHeldOut(tuned.metrics);
    result.summary.push(
      {
        label: 'SFT pairs (train / held-out / too long)',
        value: `${tuned.data.train.length} / ${tuned.data.heldOut.length} / ${tuned.data.tooLong.length}`,
      },
      { label: 'SFT final train loss (response tokens)', value: st ? st.loss.toFixed(3) : '—' },
      { label: 'SFT held-out loss', value: sh ? sh.heldOutLoss!.toFixed(3) : '—' },
      {
        label: 'Held-out answers starting with a verdict',
        value: `${Math.round(check.formatRate * 100)}%`,
      },
      {
        label: 'Held-out answers with the correct verdict',
        value: `${Math.round(result.format.verdictAgreement * 100)}%`,
      },
      { label: 'SFT wall time', value: `${((performance.now() - sftStart) / 1000).toFixed(1)} s` },
    );
    for (const pair of heldOutPairs.slice(0, 3)) {
      result.samples.push({
        instruction: pair.instruction,
        base: answer(baseModel, tokenizer, pair.instruction, 24),
        sft: answer(sftModel, tokenizer, pair.instruction),
      });
    }
  }

  const sftCheckpoint = result.sft?.status === 'completed' ? result.sft.checkpoint : undefined;
  const secs = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
  let rewardModel: ReturnType<typeof rewardModelFromResult> | undefined;
  if (sftCheckpoint && stages.includes('reward')) {
    const t = performance.now();
    yield { type: 'stage-start', stage: 'reward', description: DESCRIPTIONS.reward };
    const rm = yield* forwardAs(
      'reward-metrics',
      'reward',
      trainRewardModel(config, sftCheckpoint),
    );
    result.reward = rm;
    yield { type: 'stage-end', stage: 'reward', result: rm };
    rewardModel = rewardModelFromResult(rm, config.model);
    result.summary.push(
      {
        label: 'Preference pairs (train / held-out)',
        value: `${rm.data.train} / ${rm.data.heldOut}`,
      },
      {
        label: 'Reward model held-out accuracy (margin)',
        value: rm.finalHeldOut
          ? `${(rm.finalHeldOut.accuracy * 100).toFixed(1)}% (${rm.finalHeldOut.meanMargin.toFixed(2)})`
          : '—',
      },
      { label: 'Reward model wall time', value: secs(t) },
    );
  }
  if (sftCheckpoint && rewardModel && stages.includes('ppo')) {
    const t = performance.now();
    yield { type: 'stage-start', stage: 'ppo', description: DESCRIPTIONS.ppo };
    const events = ppo(config, sftCheckpoint, rewardModel);
    let next = events.next();
    while (!next.done) {
      yield { type: 'ppo-metrics', stage: 'ppo', metrics: next.value.metrics };
      next = events.next();
    }
    const run = next.value;
    result.ppo = run;
    yield { type: 'stage-end', stage: 'ppo', result: run };
    const first = run.snapshots[0];
    const last = run.snapshots[run.snapshots.length - 1];
    if (first && last && last !== first) {
      result.sftVsPpo = first.answers.map((a, i) => ({
        prompt: a.prompt,
        sft: a,
        ppo: last.answers[i],
      }));
    }
    const avg = (xs: AnsweredPrompt[], f: (a: AnsweredPrompt) => number) =>
      xs.reduce((s, a) => s + f(a), 0) / Math.max(1, xs.length);
    const lastM = run.metrics[run.metrics.length - 1];
    result.summary.push(
      {
        label: 'PPO held-out reward: SFT → PPO',
        value: `${avg(run.heldOut.before, (a) => a.score).toFixed(2)} → ${avg(run.heldOut.after, (a) => a.score).toFixed(2)}`,
      },
      {
        label: 'PPO held-out gold score: SFT → PPO',
        value: `${avg(run.heldOut.before, (a) => a.goldScore).toFixed(3)} → ${avg(run.heldOut.after, (a) => a.goldScore).toFixed(3)}`,
      },
      {
        label: 'PPO final KL per response (k1 / k3, nats)',
        value: lastM ? `${lastM.klK1.toFixed(2)} / ${lastM.klK3.toFixed(2)}` : '—',
      },
      { label: 'PPO wall time', value: secs(t) },
    );
  }
  if (sftCheckpoint && stages.includes('dpo')) {
    const t = performance.now();
    yield { type: 'stage-start', stage: 'dpo', description: DESCRIPTIONS.dpo };
    const run = yield* forwardAs('dpo-metrics', 'dpo', dpo(config, sftCheckpoint));
    result.dpo = run;
    yield { type: 'stage-end', stage: 'dpo', result: run };
    result.summary.push(
      {
        label: 'DPO held-out implicit-reward accuracy',
        value: run.finalHeldOut ? `${(run.finalHeldOut.rewardAccuracy * 100).toFixed(1)}%` : '—',
      },
      { label: 'DPO wall time', value: secs(t) },
    );
  }

  // Every model on the same yardsticks.
  if (sftModel && sftCheckpoint) {
    const reference = sftModel;
    const models: Record<string, Gpt> = { base: baseModel, sft: sftModel };
    if (result.ppo) models.ppo = new Gpt(config.model, result.ppo.checkpoint.params);
    if (result.dpo) models.dpo = new Gpt(config.model, result.dpo.checkpoint.params);
    result.comparison = compareModels(models, tokenizer, { rewardModel });
    // KL to SFT measured the same way for PPO and DPO: on the held-out chosen responses.
    const pairs = buildPreferencePairs();
    const heldOut = splitPreferencePairs(pairs, 0.2, config.seed)
      .heldOut.map((p) => formatChat(tokenizer, p.prompt, p.chosen))
      .filter((c) => c.ids.length <= config.model.contextLength);
    result.klOnHeldOut = {};
    for (const name of ['ppo', 'dpo'] as const) {
      const m = models[name];
      if (m) result.klOnHeldOut[name] = responseKl(m, reference, heldOut).sequence;
    }
    for (const name of Object.keys(models)) {
      const c = result.comparison.models[name];
      result.summary.push({
        label: `Eval set (${c.items} facts): ${name} gold / verdict right / Elo`,
        value: `${c.meanGold.toFixed(3)} / ${Math.round(c.scorecard.metrics.accuracy.value! * 100)}% / ${Math.round(result.comparison.elo[name])}`,
      });
    }
  }
  result.summary.push({ label: 'Total wall time', value: secs(started) });

  result.json = {
    // A run file (src/sim/runFormat.ts): the app's "Import a run (JSON)" reads it.
    format: RUN_FILE_FORMAT,
    version: RUN_FILE_VERSION,
    config,
    stages,
    pretrain: {
      status: pre.status,
      message: pre.message,
      metrics: pre.metrics,
      unigramLoss: pre.data.unigramLoss,
      compression: pre.data.compression,
      trainTokens: pre.data.trainTokens.length,
      heldOutTokens: pre.data.heldOutTokens.length,
      probes: result.probes.outcomes.map((o) => ({
        context: o.probe.context,
        answer: o.probe.answer,
        completion: o.completion,
        correct: o.correct,
      })),
    },
    sft: result.sft && {
      status: result.sft.status,
      message: result.sft.message,
      metrics: result.sft.metrics,
      formatRate: result.format?.formatRate,
      verdictAgreement: result.format?.verdictAgreement,
      answers: result.format?.outcomes.map((o) => ({
        instruction: o.pair.instruction,
        expected: o.pair.response,
        answer: o.answer,
      })),
    },
    reward: result.reward && {
      status: result.reward.status,
      message: result.reward.message,
      metrics: result.reward.metrics,
      finalTrain: result.reward.finalTrain,
      finalHeldOut: result.reward.finalHeldOut,
      scoreDistribution: result.reward.scoreDistribution,
      data: result.reward.data,
    },
    ppo: result.ppo && {
      status: result.ppo.status,
      message: result.ppo.message,
      metrics: result.ppo.metrics,
      snapshots: result.ppo.snapshots,
      heldOut: result.ppo.heldOut,
      config: result.ppo.config,
    },
    dpo: result.dpo && {
      status: result.dpo.status,
      message: result.dpo.message,
      metrics: result.dpo.metrics,
      finalTrain: result.dpo.finalTrain,
      finalHeldOut: result.dpo.finalHeldOut,
      finalKl: result.dpo.finalKl,
    },
    klOnHeldOut: result.klOnHeldOut,
    sftVsPpo: result.sftVsPpo,
    comparison: result.comparison && {
      elo: result.comparison.elo,
      models: Object.fromEntries(
        Object.entries(result.comparison.models).map(([k, v]) => [
          k,
          { meanGold: v.meanGold, meanReward: v.meanReward, scorecard: scorecardFigures(v) },
        ]),
      ),
    },
    summary: result.summary,
  };
  return result;
}

function scorecardFigures(m: ModelComparison['models'][string]) {
  return Object.fromEntries(
    Object.entries(m.scorecard.metrics).map(([k, v]) => [
      k,
      { value: v.value, numerator: v.numerator, denominator: v.denominator },
    ]),
  );
}

/** Re-yields a stage's per-step metrics as events of one type; returns its result. */
function* forwardAs<T extends 'reward-metrics' | 'dpo-metrics', M, R>(
  type: T,
  stage: T extends 'reward-metrics' ? 'reward' : 'dpo',
  gen: Generator<M, R>,
): Generator<PipelineEvent, R> {
  let next = gen.next();
  while (!next.done) {
    yield { type, stage, metrics: next.value } as unknown as PipelineEvent;
    next = gen.next();
  }
  return next.value;
}

/** Re-yields a stage's metric events tagged with the stage name; returns its result. */
function* forward<R>(
  stage: 'pretrain' | 'sft',
  gen: Generator<{ type: 'metrics'; metrics: StepMetrics }, R>,
): Generator<PipelineEvent, R> {
  let next = gen.next();
  while (!next.done) {
    yield { type: 'metrics', stage, metrics: next.value.metrics };
    next = gen.next();
  }
  return next.value;
}
