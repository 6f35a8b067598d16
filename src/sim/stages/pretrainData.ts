/**
 * Pretraining data: the corpus built from the knowledge base, split into train and
 * held-out documents, a BPE tokenizer trained on the TRAIN documents only (so the
 * held-out loss is honest), and both splits as token streams with an end-of-text
 * token between documents. Also the unigram baseline: the cross-entropy on held-out
 * tokens of a model that ignores context and predicts train-set token frequencies.
 */
import type { PipelineConfig } from '../config';
import { createRng, type Rng } from '../core/rng';
import {
  KNOWLEDGE_BASE,
  buildCorpus,
  keyFactSentence,
  splitCorpus,
  type CorpusDocument,
} from '../data';
import { BpeTokenizer, SPECIAL_TOKENS } from '../text';
import type { Batch } from './trainLoop';

export interface PretrainData {
  tokenizer: BpeTokenizer;
  trainDocuments: CorpusDocument[];
  heldOutDocuments: CorpusDocument[];
  trainTokens: Int32Array;
  /**
   * The key-fact sentences of the training documents, as one stream: a small curated
   * source that pretraining upsamples (config.data.factUpsampling), the way real
   * pretraining mixtures weight encyclopedic text above its share of the web.
   */
  factTokens: Int32Array;
  heldOutTokens: Int32Array;
  /** Characters per token on the training text. */
  compression: number;
  /** Held-out cross-entropy (nats/token) of the add-one-smoothed unigram model. */
  unigramLoss: number;
}

function toStream(tokenizer: BpeTokenizer, docs: CorpusDocument[]): Int32Array {
  const ids: number[] = [];
  for (const doc of docs) {
    for (const id of tokenizer.encode(doc.text)) ids.push(id);
    ids.push(SPECIAL_TOKENS.endOfText);
  }
  return Int32Array.from(ids);
}

export function unigramCrossEntropy(
  train: Int32Array,
  heldOut: Int32Array,
  vocabSize: number,
): number {
  const counts = new Float64Array(vocabSize).fill(1); // add-one smoothing
  for (const t of train) counts[t] += 1;
  const total = train.length + vocabSize;
  let loss = 0;
  for (const t of heldOut) loss -= Math.log(counts[t] / total);
  return loss / heldOut.length;
}

/**
 * A student's corpus split into training and held-out documents: documents are held
 * out in a seeded order until the held-out text is at least `heldOutFraction` of all
 * characters and long enough for two evaluation windows (at ~4 characters per token),
 * always leaving most of the text for training.
 */
export function splitUserCorpus(
  documents: readonly { id: string; text: string }[],
  config: PipelineConfig,
): { train: CorpusDocument[]; heldOut: CorpusDocument[] } {
  const docs: CorpusDocument[] = documents.map((d) => ({
    id: d.id,
    factId: null,
    text: d.text,
    carriesKeyFact: false,
  }));
  const total = docs.reduce((n, d) => n + d.text.length, 0);
  const want = Math.max(
    config.data.heldOutFraction * total,
    2 * (config.model.contextLength + 1) * 4,
  );
  const order = createRng(config.seed)
    .stream('user-corpus-split')
    .shuffle(docs.map((_, i) => i));
  const held = new Set<number>();
  let heldChars = 0;
  for (const i of order) {
    if (heldChars >= want || held.size >= docs.length - 1) break;
    if (heldChars + docs[i].text.length > total / 2) continue;
    held.add(i);
    heldChars += docs[i].text.length;
  }
  return {
    train: docs.filter((_, i) => !held.has(i)),
    heldOut: docs.filter((_, i) => held.has(i)),
  };
}

/**
 * The tokenizer, token streams and baselines pretraining needs: from the knowledge
 * base's corpus, or from a student's own documents when given (userData.ts).
 */
export function preparePretrainData(
  config: PipelineConfig,
  userDocuments?: readonly { id: string; text: string }[],
): PretrainData {
  const { train, heldOut } = userDocuments
    ? splitUserCorpus(userDocuments, config)
    : splitCorpus(
        buildCorpus(KNOWLEDGE_BASE, {
          phrasingsPerFact: config.data.phrasingsPerFact,
          seed: config.seed,
        }),
        config.data.heldOutFraction,
        config.seed,
      );
  const trainText = train.map((d) => d.text).join('\n');
  const tokenizer = BpeTokenizer.train(trainText, config.model.vocabSize);
  const trainTokens = toStream(tokenizer, train);
  const heldOutTokens = toStream(tokenizer, heldOut);
  if (heldOutTokens.length < config.model.contextLength + 1) {
    throw new RangeError(
      `The held-out text is ${heldOutTokens.length} tokens, shorter than the context + 1 (${config.model.contextLength + 1}): add text to the corpus.`,
    );
  }
  // The curated subset: each training document's key-fact sentence, on its own.
  const factById = new Map(KNOWLEDGE_BASE.map((f) => [f.id, f]));
  const factTokens = toStream(
    tokenizer,
    train
      .filter((d) => d.carriesKeyFact && d.factId !== null)
      .map((d) => ({ ...d, text: keyFactSentence(factById.get(d.factId!)!) })),
  );
  return {
    factTokens,
    tokenizer,
    trainDocuments: train,
    heldOutDocuments: heldOut,
    trainTokens,
    heldOutTokens,
    compression: tokenizer.compression(trainText),
    unigramLoss: unigramCrossEntropy(trainTokens, heldOutTokens, config.model.vocabSize),
  };
}

/** B random windows of T+1 tokens: inputs are the first T, targets the last T. */
export function sampleWindows(stream: Int32Array, B: number, T: number, rng: Rng): Batch {
  if (stream.length < T + 1) {
    throw new RangeError(
      `the token stream (${stream.length}) is shorter than the context + 1 (${T + 1})`,
    );
  }
  const tokens = new Int32Array(B * T);
  const targets = new Int32Array(B * T);
  for (let b = 0; b < B; b++) {
    const start = rng.int(stream.length - T);
    tokens.set(stream.subarray(start, start + T), b * T);
    targets.set(stream.subarray(start + 1, start + T + 1), b * T);
  }
  return { tokens, targets, B, T };
}

/** Consecutive non-overlapping windows from the start of a stream (a fixed eval set). */
export function fixedWindows(stream: Int32Array, T: number, maxWindows: number, B = 8): Batch[] {
  const batches: Batch[] = [];
  const count = Math.min(maxWindows, Math.floor((stream.length - 1) / T));
  for (let w0 = 0; w0 < count; w0 += B) {
    const nb = Math.min(B, count - w0);
    const tokens = new Int32Array(nb * T);
    const targets = new Int32Array(nb * T);
    for (let b = 0; b < nb; b++) {
      const start = (w0 + b) * T;
      tokens.set(stream.subarray(start, start + T), b * T);
      targets.set(stream.subarray(start + 1, start + T + 1), b * T);
    }
    batches.push({ tokens, targets, B: nb, T });
  }
  return batches;
}

/**
 * A batch whose windows come from the fact documents with probability `upsampling`
 * and from the whole training stream otherwise (one draw per window).
 */
export function sampleMixture(
  data: Pick<PretrainData, 'trainTokens' | 'factTokens'>,
  upsampling: number,
  B: number,
  T: number,
  rng: Rng,
): Batch {
  const tokens = new Int32Array(B * T);
  const targets = new Int32Array(B * T);
  const factsUsable = data.factTokens.length > T;
  for (let b = 0; b < B; b++) {
    const stream = factsUsable && rng.uniform() < upsampling ? data.factTokens : data.trainTokens;
    const one = sampleWindows(stream, 1, T, rng);
    tokens.set(one.tokens, b * T);
    targets.set(one.targets, b * T);
  }
  return { tokens, targets, B, T };
}
