/**
 * Drives one stage generator in time slices and reports through `post`. Kept apart
 * from the Worker entry so it can be tested in Node without a Worker.
 *
 * Each stage has an adapter (below): how to start its generator from the request's
 * checkpoints, how to read one event's metrics, and what its result leaves behind (a
 * checkpoint and a summary of measured facts for the pages).
 */
import type { PipelineConfig } from '../sim/config';
import { KNOWLEDGE_BASE, buildFactProbes } from '../sim/data';
import { runFactProbes, runFormatCheck } from '../sim/eval/probes';
import { Gpt } from '../sim/model/gpt';
import { ScalarHead } from '../sim/model/scalarHead';
import { dpo, type DpoResult } from '../sim/stages/dpo';
import { ppo, type PpoEvent, type PpoResult, type RolloutTrace } from '../sim/stages/ppo';
import { pretrain, type PretrainResult } from '../sim/stages/pretrain';
import { trainRewardModel, type RewardModel, type RewardResult } from '../sim/stages/reward';
import { prepareSftData, sft, type SftResult } from '../sim/stages/sft';
import { preparePretrainData } from '../sim/stages/pretrainData';
import type { PreferencePair } from '../sim/data/preferences';
import type { Checkpoint } from '../sim/stages/types';
import { BpeTokenizer } from '../sim/text';
import {
  metricStep,
  plannedSteps,
  type AnyStageMetrics,
  type StageDatasets,
  type StageSummary,
  type TrainStage,
  type WorkerRequest,
  type WorkerResponse,
} from './protocol';

/** Longest a slice of training may hold the Worker before it reports and yields. */
export const SLICE_MS = 40;

type StartRequest = Extract<WorkerRequest, { type: 'start' }>;

export interface StageRunner {
  /** Runs one slice; returns false when the stage has finished (or failed). */
  slice(): boolean;
}

interface Finished {
  status: 'completed' | 'diverged';
  message: string;
  checkpoint: Checkpoint;
  summary: StageSummary;
}

/** One stage behind a uniform face: events in, metrics out, a result at the end. */
interface StageAdapter {
  generator: Generator<unknown, unknown>;
  metricsOf(event: unknown): AnyStageMetrics;
  finish(result: unknown): Finished;
}

function needBase(request: StartRequest, stage: TrainStage): Checkpoint {
  const base = request.bases?.[stage];
  if (!base) throw new Error(`${request.stage} needs the ${stage} checkpoint`);
  return base;
}

/** The reward model a 'reward' checkpoint holds (trunk, head, offset). */
export function rewardModelFromCheckpoint(checkpoint: Checkpoint): RewardModel {
  if (!checkpoint.head) throw new Error('the reward checkpoint has no scalar head');
  return {
    trunk: new Gpt(checkpoint.config.model, checkpoint.params),
    head: ScalarHead.fromWeights(checkpoint.head.w, checkpoint.head.b),
    offset: checkpoint.head.offset,
  };
}

/** A student's preference pairs in the core's shape (no fact, maybe no quality). */
function userPreferencePairs(request: StartRequest): PreferencePair[] | undefined {
  return request.datasets?.preferences?.map((p) => ({
    id: p.id,
    factId: null,
    prompt: p.prompt,
    chosen: p.chosen,
    rejected: p.rejected,
    quality: p.quality,
    source: 'user' as const,
  }));
}

function adapterFor(request: StartRequest): StageAdapter {
  const { stage, config } = request;
  const datasets = request.datasets ?? {};
  switch (stage) {
    case 'pretrain':
    case 'sft': {
      const generator =
        stage === 'pretrain'
          ? pretrain(config, preparePretrainData(config, datasets.corpus))
          : sftFrom(config, needBase(request, 'pretrain'), datasets.sft);
      return {
        generator,
        metricsOf: (e) => (e as { metrics: AnyStageMetrics }).metrics,
        finish: (r) => finishLanguageModel(r as PretrainResult | SftResult),
      };
    }
    case 'reward': {
      const sftBase = needBase(request, 'sft');
      return {
        generator: trainRewardModel(config, sftBase, { pairs: userPreferencePairs(request) }),
        metricsOf: (e) => e as AnyStageMetrics,
        finish: (r) => finishReward(r as RewardResult, sftBase, config),
      };
    }
    case 'ppo': {
      const sftBase = needBase(request, 'sft');
      const rm = rewardModelFromCheckpoint(needBase(request, 'reward'));
      let lastTrace: RolloutTrace | null = null;
      return {
        generator: ppo(config, sftBase, rm),
        metricsOf: (e) => {
          lastTrace = (e as PpoEvent).trace;
          return (e as PpoEvent).metrics;
        },
        finish: (r) => {
          const result = r as PpoResult;
          return {
            status: result.status,
            message: result.message,
            checkpoint: result.checkpoint,
            summary: {
              ppo: { snapshots: result.snapshots, heldOut: result.heldOut, lastTrace },
            },
          };
        },
      };
    }
    case 'dpo': {
      return {
        generator: dpo(config, needBase(request, 'sft'), { pairs: userPreferencePairs(request) }),
        metricsOf: (e) => e as AnyStageMetrics,
        finish: (r) => {
          const { status, message, checkpoint, finalTrain, finalHeldOut, finalKl, data } =
            r as DpoResult;
          return {
            status,
            message,
            checkpoint,
            summary: { dpo: { finalTrain, finalHeldOut, finalKl, data } },
          };
        },
      };
    }
  }
}

/** SFT from a pretrained checkpoint, on the student's pairs when given. */
function sftFrom(
  config: PipelineConfig,
  base: Checkpoint,
  pairs: StageDatasets['sft'],
): ReturnType<typeof sft> {
  if (!pairs) return sft(config, base);
  return sft(config, base, prepareSftData(config, BpeTokenizer.fromJSON(base.tokenizer), pairs));
}

function finishReward(r: RewardResult, sftBase: Checkpoint, config: PipelineConfig): Finished {
  return {
    status: r.status,
    message: r.message,
    checkpoint: {
      stage: 'reward',
      config,
      params: r.trunkParams,
      tokenizer: sftBase.tokenizer,
      head: { w: r.head.w, b: r.head.b, offset: r.normalisation.offset },
    },
    summary: {
      reward: {
        finalTrain: r.finalTrain,
        finalHeldOut: r.finalHeldOut,
        scoreDistribution: r.scoreDistribution,
        data: r.data,
        normalisation: r.normalisation,
      },
    },
  };
}

/** Pretraining and SFT: the probes or held-out answers the pages quote. */
function finishLanguageModel(result: PretrainResult | SftResult): Finished {
  const summary: StageSummary = {};
  const tokenizer = BpeTokenizer.fromJSON(result.checkpoint.tokenizer);
  const model = new Gpt(result.checkpoint.config.model, result.checkpoint.params);
  if ('unigramLoss' in result.data) {
    const data = result.data;
    summary.unigramLoss = data.unigramLoss;
    summary.compression = data.compression;
    summary.trainTokens = data.trainTokens.length;
    summary.heldOutTokens = data.heldOutTokens.length;
    summary.probes = runFactProbes(model, tokenizer, buildFactProbes(KNOWLEDGE_BASE)).outcomes.map(
      (o) => ({
        context: o.probe.context,
        answer: o.probe.answer,
        completion: o.completion,
        correct: o.correct,
      }),
    );
  } else {
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
  return {
    status: result.status,
    message: result.message,
    checkpoint: result.checkpoint,
    summary,
  };
}

export function createStageRunner(
  request: StartRequest,
  post: (message: WorkerResponse, transfer?: Transferable[]) => void,
  now: () => number = () => performance.now(),
): StageRunner {
  const { runId, stage, config } = request;
  let adapter: StageAdapter;
  try {
    adapter = adapterFor(request);
  } catch (error) {
    post({ type: 'error', runId, stage, message: (error as Error).message });
    return { slice: () => false };
  }
  const totalSteps = plannedSteps(config, stage);

  return {
    slice() {
      const start = now();
      const batch: AnyStageMetrics[] = [];
      try {
        while (now() - start < SLICE_MS) {
          const next = adapter.generator.next();
          if (next.done) {
            if (batch.length > 0) post({ type: 'metrics', runId, stage, metrics: batch });
            const done = adapter.finish(next.value);
            post({ type: 'checkpoint', runId, stage, checkpoint: done.checkpoint });
            post({
              type: 'done',
              runId,
              stage,
              status: done.status,
              message: done.message,
              summary: done.summary,
            });
            return false;
          }
          batch.push(adapter.metricsOf(next.value));
        }
      } catch (error) {
        post({ type: 'error', runId, stage, message: (error as Error).message });
        return false;
      }
      if (batch.length > 0) {
        post({ type: 'metrics', runId, stage, metrics: batch });
        post({
          type: 'progress',
          runId,
          stage,
          step: metricStep(batch[batch.length - 1]),
          totalSteps,
        });
      }
      return true;
    },
  };
}
