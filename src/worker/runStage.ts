/**
 * Drives one stage generator in time slices and reports through `post`. Kept apart
 * from the Worker entry so it can be tested in Node without a Worker.
 */
import { KNOWLEDGE_BASE, buildFactProbes } from '../sim/data';
import { runFactProbes, runFormatCheck } from '../sim/eval/probes';
import { Gpt } from '../sim/model/gpt';
import { pretrain, type PretrainResult } from '../sim/stages/pretrain';
import { sft, type SftResult } from '../sim/stages/sft';
import type { StageEvent, StepMetrics } from '../sim/stages/types';
import { BpeTokenizer } from '../sim/text';
import type { StageSummary, WorkerRequest, WorkerResponse } from './protocol';

/** Longest a slice of training may hold the Worker before it reports and yields. */
export const SLICE_MS = 40;

type StartRequest = Extract<WorkerRequest, { type: 'start' }>;

export interface StageRunner {
  /** Runs one slice; returns false when the stage has finished (or failed). */
  slice(): boolean;
}

export function createStageRunner(
  request: StartRequest,
  post: (message: WorkerResponse, transfer?: Transferable[]) => void,
  now: () => number = () => performance.now(),
): StageRunner {
  const { runId, stage, config } = request;
  let generator: Generator<StageEvent, PretrainResult | SftResult>;
  try {
    if (stage === 'pretrain') generator = pretrain(config);
    else {
      if (!request.base) throw new Error('SFT needs the pretrained checkpoint');
      generator = sft(config, request.base);
    }
  } catch (error) {
    post({ type: 'error', runId, stage, message: (error as Error).message });
    return { slice: () => false };
  }
  const totalSteps = config[stage].steps;

  return {
    slice() {
      const start = now();
      const batch: StepMetrics[] = [];
      try {
        while (now() - start < SLICE_MS) {
          const next = generator.next();
          if (next.done) {
            if (batch.length > 0) post({ type: 'metrics', runId, stage, metrics: batch });
            finish(next.value);
            return false;
          }
          batch.push(next.value.metrics);
        }
      } catch (error) {
        post({ type: 'error', runId, stage, message: (error as Error).message });
        return false;
      }
      post({ type: 'metrics', runId, stage, metrics: batch });
      post({ type: 'progress', runId, stage, step: batch[batch.length - 1].step, totalSteps });
      return true;
    },
  };

  function finish(result: PretrainResult | SftResult): void {
    const summary: StageSummary = {};
    const tokenizer = BpeTokenizer.fromJSON(result.checkpoint.tokenizer);
    const model = new Gpt(result.checkpoint.config.model, result.checkpoint.params);
    if ('data' in result && 'unigramLoss' in result.data) {
      const data = result.data;
      summary.unigramLoss = data.unigramLoss;
      summary.compression = data.compression;
      summary.trainTokens = data.trainTokens.length;
      summary.heldOutTokens = data.heldOutTokens.length;
      summary.probes = runFactProbes(
        model,
        tokenizer,
        buildFactProbes(KNOWLEDGE_BASE),
      ).outcomes.map((o) => ({
        context: o.probe.context,
        answer: o.probe.answer,
        completion: o.completion,
        correct: o.correct,
      }));
    } else if ('data' in result && 'heldOut' in result.data) {
      const check = runFormatCheck(
        model,
        tokenizer,
        result.data.heldOut.map((e) => e.pair),
      );
      summary.formatRate = check.formatRate;
      summary.answers = check.outcomes.map((o) => ({
        instruction: o.pair.instruction,
        expected: o.pair.response,
        answer: o.answer,
        followsFormat: o.followsFormat,
      }));
    }
    const checkpoint = result.checkpoint;
    post({ type: 'checkpoint', runId, stage, checkpoint });
    post({ type: 'done', runId, stage, status: result.status, message: result.message, summary });
  }
}
