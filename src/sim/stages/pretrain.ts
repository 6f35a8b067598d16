/**
 * Stage 1, pretraining: next-token prediction on the pharmaceutical corpus, from a
 * randomly initialised tiny GPT. Yields metrics every step; returns the checkpoint.
 */
import { assertValidConfig, type PipelineConfig } from '../config';
import { createRng } from '../core/rng';
import { Gpt, initParams } from '../model/gpt';
import {
  fixedWindows,
  preparePretrainData,
  sampleMixture,
  type PretrainData,
} from './pretrainData';
import { meanLoss, runAsStage, trainLoop } from './trainLoop';
import type { StageEvent, StageResult } from './types';

/** How many held-out windows the evaluation reads (bounded so evaluation stays cheap). */
const HELD_OUT_WINDOWS = 24;

export interface PretrainResult extends StageResult {
  data: PretrainData;
}

export function* pretrain(
  config: PipelineConfig,
  data: PretrainData = preparePretrainData(config),
): Generator<StageEvent, PretrainResult> {
  assertValidConfig(config);
  const rng = createRng(config.seed);
  const model = new Gpt(config.model, initParams(config.model, rng.stream('pretrain/init')));
  const batchRng = rng.stream('pretrain/batches');
  const T = config.model.contextLength;
  const evalBatches = fixedWindows(data.heldOutTokens, T, HELD_OUT_WINDOWS);
  if (evalBatches.length === 0)
    throw new RangeError('pretrain: the held-out split is smaller than one context window');

  const loop = trainLoop({
    model,
    train: config.pretrain,
    nextBatch: () =>
      sampleMixture(data, config.data.factUpsampling, config.pretrain.batchSize, T, batchRng),
    evaluate: () => meanLoss(model, evalBatches),
  });
  const result = yield* runAsStage('pretrain', config, data.tokenizer.toJSON(), loop);
  return { ...result, data: data };
}
