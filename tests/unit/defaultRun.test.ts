/**
 * The default run, trained once here exactly as `npm run checkpoints` and the Worker
 * train it: does it learn what the pages claim, and is the shipped copy in
 * public/default-run/ byte for byte what the core produces now?
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/sim/config';
import { buildDefaultRun, float32ToBytes, type BuiltDefaultRun } from '../../src/worker/defaultRun';

let run: BuiltDefaultRun;

beforeAll(() => {
  run = buildDefaultRun(DEFAULT_CONFIG);
}, 600_000);

describe('default pretraining', () => {
  it('ends with a held-out loss well below the unigram baseline (by at least 1 nat)', () => {
    const { metrics, summary } = run.manifest.stages.pretrain;
    const heldOut = [...metrics].reverse().find((m) => m.heldOutLoss !== undefined)!.heldOutLoss!;
    console.log(
      `pretraining held-out loss ${heldOut.toFixed(3)} vs unigram baseline ${summary.unigramLoss!.toFixed(3)}`,
    );
    expect(run.manifest.stages.pretrain.status).toBe('completed');
    expect(heldOut).toBeLessThan(summary.unigramLoss! - 1);
    // The BPE tokenizer trained on the corpus compresses it (bytes → merged tokens).
    console.log(`tokenizer: ${summary.compression!.toFixed(2)} characters per token`);
    expect(summary.compression!).toBeGreaterThan(2.5);
    expect(metrics[metrics.length - 1].loss).toBeLessThan(metrics[0].loss - 2);
  });

  it('completes most factual probes from the knowledge base (greedy, more than half)', () => {
    const probes = run.manifest.stages.pretrain.summary.probes!;
    const correct = probes.filter((p) => p.correct).length;
    console.log(`factual probes completed: ${correct}/${probes.length}`);
    for (const p of probes.slice(0, 5))
      console.log(`  ${p.context} → ${JSON.stringify(p.completion)} (${p.answer})`);
    expect(probes.length).toBeGreaterThanOrEqual(20);
    expect(correct / probes.length).toBeGreaterThan(0.5);
  });
});

describe('default SFT', () => {
  it('held-out answers follow the expert format (start with a verdict) for at least 70%', () => {
    const { summary, metrics } = run.manifest.stages.sft;
    console.log(
      `SFT: ${Math.round(summary.formatRate! * 100)}% of ${summary.answers!.length} held-out answers start with a verdict`,
    );
    for (const a of summary.answers!.slice(0, 3))
      console.log(`  ${a.instruction} → ${JSON.stringify(a.answer)}`);
    expect(summary.formatRate!).toBeGreaterThanOrEqual(0.7);
    expect(metrics[metrics.length - 1].loss).toBeLessThan(metrics[0].loss);
  });
});

describe('the shipped default run (public/default-run/)', () => {
  it('is exactly what the core produces now (run `npm run checkpoints` after changing it)', () => {
    const shipped = JSON.parse(readFileSync('public/default-run/manifest.json', 'utf8'));
    expect(shipped).toEqual(JSON.parse(JSON.stringify(run.manifest)));
    for (const stage of ['pretrain', 'sft'] as const) {
      const bytes = new Uint8Array(readFileSync(`public/default-run/${stage}.bin`));
      expect(
        Buffer.compare(Buffer.from(bytes), Buffer.from(float32ToBytes(run.params[stage]))),
      ).toBe(0);
    }
  });
});
