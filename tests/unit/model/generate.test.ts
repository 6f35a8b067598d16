import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/sim/core/rng';
import { Gpt, initParams } from '../../../src/sim/model/gpt';
import {
  KvDecoder,
  continuationLogProbs,
  generate,
  nextTokenDistribution,
  nextTokenDistributionSteps,
  sampleToken,
  softmax,
  topKIndices,
} from '../../../src/sim/model/generate';

const cfg = { vocabSize: 40, contextLength: 12, width: 16, heads: 4, layers: 2 };

function model(seed = 1) {
  const rng = createRng(seed);
  const params = initParams(cfg, rng);
  for (let i = 0; i < params.length; i++) params[i] += rng.normal() * 0.2;
  return new Gpt(cfg, params);
}

describe('generation with a KV cache', () => {
  it('gives the same logits as the full forward pass at every position', () => {
    const m = model();
    const seq = [3, 17, 5, 5, 39, 0, 12, 8, 21, 2];
    const { logits } = m.forward(seq, 1, seq.length);
    const full = Float32Array.from(logits);
    const decoder = new KvDecoder(m);
    seq.forEach((token, t) => {
      const step = decoder.push(token);
      for (let v = 0; v < cfg.vocabSize; v++) {
        expect(step[v]).toBeCloseTo(full[t * cfg.vocabSize + v], 4);
      }
    });
    expect(() => {
      decoder.push(1);
      decoder.push(1);
      decoder.push(1);
    }).toThrow(/full/);
  });

  it('greedy decoding is deterministic and the log-probs agree with a forward pass', () => {
    const m = model(2);
    const opts = { temperature: 0, topK: 0, maxNewTokens: 6 };
    const a = generate(m, [1, 2, 3], opts, createRng(1));
    const b = generate(m, [1, 2, 3], opts, createRng(99));
    expect(a.tokens).toEqual(b.tokens);
    expect(a.tokens).toHaveLength(6);
    const lp = continuationLogProbs(m, [1, 2, 3], a.tokens);
    lp.forEach((x, i) => expect(x).toBeCloseTo(a.logProbs[i], 4));
  });

  it('sampling follows the seed, honours top-k and stops at a stop token or full context', () => {
    const m = model(3);
    const opts = { temperature: 1, topK: 5, maxNewTokens: 30 };
    const a = generate(m, [4], opts, createRng(7));
    const b = generate(m, [4], opts, createRng(7));
    const c = generate(m, [4], opts, createRng(8));
    expect(a).toEqual(b);
    expect(a.tokens).not.toEqual(c.tokens);
    expect(a.stoppedBy).toBe('context-full');
    expect(a.tokens.length).toBe(cfg.contextLength - 1 + 1);
    const stop = generate(m, [4], { ...opts, stopTokens: [a.tokens[2]] }, createRng(7));
    expect(stop.stoppedBy).toBe('stop-token');
    expect(stop.tokens.length).toBeLessThanOrEqual(3);
    // top-k = 1 is greedy
    const logits = Float32Array.from({ length: 10 }, (_, i) => Math.sin(i));
    const best = topKIndices(logits, 1)[0];
    const rng = createRng(5);
    for (let i = 0; i < 20; i++)
      expect(sampleToken(logits, { temperature: 2, topK: 1 }, rng)).toBe(best);
  });

  it('next-token distribution sums to at most 1 and is sorted', () => {
    const m = model(4);
    const dist = nextTokenDistribution(m, [1, 2], 5);
    expect(dist).toHaveLength(5);
    for (let i = 1; i < dist.length; i++)
      expect(dist[i - 1].probability).toBeGreaterThanOrEqual(dist[i].probability);
    expect(dist.reduce((s, d) => s + d.probability, 0)).toBeLessThanOrEqual(1 + 1e-9);
  });

  it('next-token distribution (KV cache, one position per step) matches the full forward pass', () => {
    const m = model(4);
    const context = [3, 1, 4, 1, 5, 9, 2, 6];
    const { logits } = m.forward(context, 1, context.length);
    const V = m.config.vocabSize;
    const full = softmax(logits.subarray((context.length - 1) * V));
    const steps = nextTokenDistributionSteps(m, context, 5);
    let yields = 0;
    let next = steps.next();
    while (!next.done) {
      yields += 1;
      next = steps.next();
    }
    expect(yields).toBe(context.length); // one step per context position
    expect(next.value.map((d) => d.token)).toEqual(topKIndices(full, 5));
    for (const d of next.value) expect(d.probability).toBeCloseTo(full[d.token], 5);
    expect(() => nextTokenDistribution(m, [], 3)).toThrow(/empty context/);
  });
});
