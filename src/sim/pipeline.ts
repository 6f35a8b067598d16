/**
 * runPipeline: the stages in order, each starting from the previous checkpoint, as
 * one generator of events (for the CLI, the Worker and tests), ending with the
 * measured summary. Part 1 covers pretraining and SFT.
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
import { BpeTokenizer } from './text';

export type PipelineStage = 'pretrain' | 'sft';

export type PipelineEvent =
  | { type: 'stage-start'; stage: PipelineStage; description: string }
  | { type: 'metrics'; stage: PipelineStage; metrics: StepMetrics }
  | { type: 'stage-end'; stage: PipelineStage; result: { status: string; message: string } };

export interface PipelineSample {
  instruction: string;
  base: string;
  sft?: string;
}

export interface PipelineResult {
  pretrain?: PretrainResult;
  sft?: SftResult;
  probes?: { outcomes: ProbeOutcome[]; accuracy: number };
  format?: { outcomes: AnswerOutcome[]; formatRate: number; verdictAgreement: number };
  samples: PipelineSample[];
  summary: { label: string; value: string }[];
  /** Everything measured, without the weights: what the CLI writes with --out. */
  json: Record<string, unknown>;
}

const DESCRIPTIONS: Record<PipelineStage, string> = {
  pretrain: 'next-token prediction on the pharmaceutical corpus',
  sft: 'fine-tuning on expert (instruction, response) pairs, loss on responses only',
};

const last = (metrics: StepMetrics[]) => metrics[metrics.length - 1];
const lastHeldOut = (metrics: StepMetrics[]) =>
  [...metrics].reverse().find((m) => m.heldOutLoss !== undefined);

export function* runPipeline(
  config: PipelineConfig,
  options: { stages?: PipelineStage[] } = {},
): Generator<PipelineEvent, PipelineResult> {
  const stages = options.stages ?? ['pretrain', 'sft'];
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

  result.json = {
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
    summary: result.summary,
  };
  return result;
}

/** Re-yields a stage's metric events tagged with the stage name; returns its result. */
function* forward<R>(
  stage: PipelineStage,
  gen: Generator<{ type: 'metrics'; metrics: StepMetrics }, R>,
): Generator<PipelineEvent, R> {
  let next = gen.next();
  while (!next.done) {
    yield { type: 'metrics', stage, metrics: next.value.metrics };
    next = gen.next();
  }
  return next.value;
}
