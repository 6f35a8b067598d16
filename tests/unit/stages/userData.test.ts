import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type PipelineConfig } from '../../../src/sim/config';
import { parseCorpus, parseSftPairs } from '../../../src/sim/data/userData';
import { pretrain } from '../../../src/sim/stages/pretrain';
import { preparePretrainData, splitUserCorpus } from '../../../src/sim/stages/pretrainData';
import { prepareSftData, sft } from '../../../src/sim/stages/sft';
import type { StepMetrics } from '../../../src/sim/stages/types';

/** A small, fast configuration: what is tested does not depend on size. */
function small(): PipelineConfig {
  const c = structuredClone(DEFAULT_CONFIG);
  c.model = { vocabSize: 300, contextLength: 64, width: 16, heads: 2, layers: 1 };
  c.pretrain = { ...c.pretrain, steps: 30, batchSize: 4, evalEvery: 10, warmupSteps: 2 };
  c.sft = { ...c.sft, steps: 6, batchSize: 2, evalEvery: 3, warmupSteps: 1 };
  return c;
}

function drain<R>(gen: Generator<{ metrics: StepMetrics }, R>): {
  metrics: StepMetrics[];
  result: R;
} {
  const metrics: StepMetrics[] = [];
  let next = gen.next();
  while (!next.done) {
    metrics.push(next.value.metrics);
    next = gen.next();
  }
  return { metrics, result: next.value };
}

// A student's notes: twelve short documents about tea, nothing from the knowledge base.
const TEA = Array.from(
  { length: 12 },
  (_, k) =>
    `Note ${k + 1}. Green tea is steeped at eighty degrees for two minutes; black tea at ` +
    `boiling for four. Oolong sits between them. Tea number ${k + 1} was ${k % 2 ? 'bitter' : 'sweet'}. ` +
    'Steeping longer draws more tannin, and tannin makes tea bitter. '.repeat(3),
).join('\n\n');

const corpus = () => {
  const parsed = parseCorpus(TEA);
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('; '));
  return parsed.value;
};

describe('training on a student’s own data', () => {
  it('holds out whole documents, enough for evaluation windows, and keeps most for training', () => {
    const config = small();
    const { train, heldOut } = splitUserCorpus(corpus(), config);
    expect(heldOut.length).toBeGreaterThan(0);
    const chars = (docs: { text: string }[]) => docs.reduce((n, d) => n + d.text.length, 0);
    expect(chars(heldOut)).toBeGreaterThanOrEqual(2 * (config.model.contextLength + 1) * 4);
    expect(chars(train)).toBeGreaterThan(chars(heldOut));
    expect(new Set([...train, ...heldOut].map((d) => d.id)).size).toBe(12);
  });

  it('pretrains on the corpus: the tokenizer learns its words and the loss falls', () => {
    const config = small();
    const data = preparePretrainData(config, corpus());
    expect(data.trainDocuments.every((d) => d.id.startsWith('user-doc-'))).toBe(true);
    // "tea" is frequent in the student's text, so the tokenizer gives it one token.
    expect(data.tokenizer.encode(' tea')).toHaveLength(1);
    const { metrics, result } = drain(pretrain(config, data));
    expect(result.status).toBe('completed');
    const held = metrics.filter((m) => m.heldOutLoss !== undefined);
    expect(held.at(-1)!.heldOutLoss!).toBeLessThan(held[0].heldOutLoss!);
    expect(held.at(-1)!.heldOutLoss!).toBeLessThan(data.unigramLoss + 1);
  });

  it('refuses a corpus too short to hold out an evaluation window, saying what to do', () => {
    const config = small();
    config.model.contextLength = 128;
    const short = corpus()
      .slice(0, 4)
      .map((d) => ({ ...d, text: d.text.slice(0, 100) }));
    expect(() => preparePretrainData(config, short)).toThrow(/add text to the corpus/);
  });

  it('fine-tunes on the student’s pairs, holding some out', () => {
    const config = small();
    const base = drain(pretrain(config, preparePretrainData(config, corpus())));
    const lines = Array.from({ length: 10 }, (_, k) =>
      JSON.stringify({ instruction: `How long for tea ${k}?`, response: `${k + 2} minutes.` }),
    );
    const parsed = parseSftPairs(lines.join('\n'), 'jsonl');
    if (!parsed.ok) throw new Error('parse failed');
    const tokenizer = preparePretrainData(config, corpus()).tokenizer;
    const data = prepareSftData(config, tokenizer, parsed.value);
    expect(data.heldOut.length).toBe(1);
    expect(data.train.length).toBe(9);
    expect(data.heldOut[0].pair.source).toBe('user');
    const { result } = drain(sft(config, base.result.checkpoint, data));
    expect(result.status).toBe('completed');
  });
});
