/**
 * Stage 2, supervised fine-tuning: the pretrained model continues training on expert
 * (instruction, response) pairs written in the chat template, with the loss on the
 * response tokens only (prompt and template targets are the ignore index).
 */
import { assertValidConfig, type PipelineConfig } from '../config';
import { createRng, type Rng } from '../core/rng';
import { KNOWLEDGE_BASE, buildSftPairs, splitSftPairs, type SftPair } from '../data';
import { Gpt } from '../model/gpt';
import { BpeTokenizer, SPECIAL_TOKENS, formatChat } from '../text';
import { meanLoss, runAsStage, trainLoop, type Batch } from './trainLoop';
import type { Checkpoint, StageEvent, StageResult } from './types';

export interface SftExample {
  pair: SftPair;
  /** Model inputs: ids[0..n-2]. */
  inputs: number[];
  /** Shifted targets with -1 on prompt and template positions. */
  targets: number[];
}

export interface SftData {
  train: SftExample[];
  heldOut: SftExample[];
  /** Pairs left out because prompt + response do not fit the context length. */
  tooLong: SftPair[];
}

/**
 * A student's pairs split at random (seeded): `heldOutFraction` of them held out, at
 * least one, never all. (The built-in split keeps every fact in training; a student's
 * pairs carry no facts.)
 */
export function splitUserSftPairs(
  pairs: readonly SftPair[],
  heldOutFraction: number,
  seed: number,
): { train: SftPair[]; heldOut: SftPair[] } {
  const count = Math.min(pairs.length - 1, Math.max(1, Math.round(heldOutFraction * pairs.length)));
  const held = new Set(
    createRng(seed)
      .stream('user-sft-split')
      .shuffle(pairs.map((_, i) => i))
      .slice(0, count),
  );
  return {
    train: pairs.filter((_, i) => !held.has(i)),
    heldOut: pairs.filter((_, i) => held.has(i)),
  };
}

/**
 * Chat-formatted training and held-out examples: the knowledge base's pairs, or a
 * student's own pairs when given (userData.ts).
 */
export function prepareSftData(
  config: PipelineConfig,
  tokenizer: BpeTokenizer,
  userPairs?: readonly { id: string; instruction: string; response: string }[],
): SftData {
  const split = userPairs
    ? splitUserSftPairs(
        userPairs.map((p) => ({ ...p, factId: null, source: 'user' as const })),
        config.data.heldOutFraction,
        config.seed,
      )
    : splitSftPairs(buildSftPairs(KNOWLEDGE_BASE), config.data.heldOutFraction, config.seed);
  const tooLong: SftPair[] = [];
  const format = (list: SftPair[]): SftExample[] =>
    list.flatMap((pair) => {
      const chat = formatChat(tokenizer, pair.instruction, pair.response);
      if (chat.ids.length - 1 > config.model.contextLength) {
        tooLong.push(pair);
        return [];
      }
      return [{ pair, inputs: chat.ids.slice(0, -1), targets: chat.targets }];
    });
  return { train: format(split.train), heldOut: format(split.heldOut), tooLong };
}

/** Pads examples to the longest in the batch (pad targets are ignored). */
export function collate(examples: SftExample[]): Batch {
  const B = examples.length;
  const T = Math.max(...examples.map((e) => e.inputs.length));
  const tokens = new Int32Array(B * T).fill(SPECIAL_TOKENS.endOfText);
  const targets = new Int32Array(B * T).fill(-1);
  examples.forEach((e, b) => {
    tokens.set(e.inputs, b * T);
    targets.set(e.targets, b * T);
  });
  return { tokens, targets, B, T };
}

/** Batches that walk through shuffled epochs of the training examples. */
function epochSampler(examples: SftExample[], batchSize: number, rng: Rng): () => Batch {
  let order: number[] = [];
  return () => {
    const picked: SftExample[] = [];
    while (picked.length < batchSize) {
      if (order.length === 0) order = rng.shuffle(examples.map((_, i) => i));
      picked.push(examples[order.pop()!]);
    }
    return collate(picked);
  };
}

export interface SftResult extends StageResult {
  data: SftData;
}

export function* sft(
  config: PipelineConfig,
  base: Checkpoint,
  data?: SftData,
): Generator<StageEvent, SftResult> {
  assertValidConfig(config);
  if (JSON.stringify(config.model) !== JSON.stringify(base.config.model)) {
    throw new RangeError('sft: config.model must match the pretrained checkpoint it starts from');
  }
  const tokenizer = BpeTokenizer.fromJSON(base.tokenizer);
  const sftData = data ?? prepareSftData(config, tokenizer);
  if (sftData.train.length === 0)
    throw new RangeError('sft: no training pair fits the context window');
  const model = new Gpt(base.config.model, Float32Array.from(base.params));
  const rng = createRng(config.seed);
  const nextBatch = epochSampler(sftData.train, config.sft.batchSize, rng.stream('sft/batches'));
  const evalBatches: Batch[] = [];
  for (let i = 0; i < sftData.heldOut.length; i += 8)
    evalBatches.push(collate(sftData.heldOut.slice(i, i + 8)));

  const loop = trainLoop({
    model,
    train: config.sft,
    nextBatch,
    evaluate: evalBatches.length > 0 ? () => meanLoss(model, evalBatches) : undefined,
  });
  const result = yield* runAsStage('sft', config, base.tokenizer, loop);
  return { ...result, data: sftData };
}
