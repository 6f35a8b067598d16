/**
 * The default run, trained once here exactly as `npm run checkpoints` and the Worker
 * train it — all five stages: does it learn what the pages claim, and is the shipped
 * copy in public/default-run/ byte for byte what the core produces now? (Other tests
 * read the shipped checkpoints instead of training them again.)
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/sim/config';
import type { DpoStepMetrics } from '../../src/sim/stages/dpo';
import type { PpoIterationMetrics } from '../../src/sim/stages/ppo';
import type { StepMetrics } from '../../src/sim/stages/types';
import { buildDefaultRun, float32ToBytes, type BuiltDefaultRun } from '../../src/worker/defaultRun';
import { TRAIN_STAGES } from '../../src/worker/protocol';

let run: BuiltDefaultRun;

beforeAll(() => {
  run = buildDefaultRun(DEFAULT_CONFIG);
}, 900_000);

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('default pretraining', () => {
  it('ends with a held-out loss well below the unigram baseline (by at least 1 nat)', () => {
    const { summary } = run.manifest.stages.pretrain;
    const metrics = run.manifest.stages.pretrain.metrics as StepMetrics[];
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
    const { summary } = run.manifest.stages.sft;
    const metrics = run.manifest.stages.sft.metrics as StepMetrics[];
    console.log(
      `SFT: ${Math.round(summary.formatRate! * 100)}% of ${summary.answers!.length} held-out answers start with a verdict`,
    );
    for (const a of summary.answers!.slice(0, 3))
      console.log(`  ${a.instruction} → ${JSON.stringify(a.answer)}`);
    expect(summary.formatRate!).toBeGreaterThanOrEqual(0.7);
    expect(metrics[metrics.length - 1].loss).toBeLessThan(metrics[0].loss);
  });
});

describe('default reward model, PPO and DPO', () => {
  it('the reward model ranks held-out pairs (unseen facts) with accuracy ≥ 0.8', () => {
    const { reward } = run.manifest.stages.reward.summary;
    console.log(
      `reward model held-out accuracy ${reward!.finalHeldOut!.accuracy.toFixed(3)}, margin ${reward!.finalHeldOut!.meanMargin.toFixed(2)}`,
    );
    expect(run.manifest.stages.reward.head?.w.length).toBe(DEFAULT_CONFIG.model.width);
    expect(reward!.finalHeldOut!.accuracy).toBeGreaterThanOrEqual(0.8);
  });

  it('PPO raises the reward and the gold grade on held-out prompts over SFT, KL bounded', () => {
    const { ppo } = run.manifest.stages.ppo.summary;
    const metrics = run.manifest.stages.ppo.metrics as PpoIterationMetrics[];
    const { before, after } = ppo!.heldOut;
    const rm = [mean(before.map((a) => a.score)), mean(after.map((a) => a.score))];
    const gold = [mean(before.map((a) => a.goldScore)), mean(after.map((a) => a.goldScore))];
    const last = metrics[metrics.length - 1];
    console.log(
      `PPO held-out (${before.length} prompts about facts PPO never trains on): reward ` +
        `${rm[0].toFixed(3)} → ${rm[1].toFixed(3)}, gold ${gold[0].toFixed(3)} → ${gold[1].toFixed(3)}; ` +
        `final KL k1 ${last.klK1.toFixed(2)}, k3 ${last.klK3.toFixed(2)} nats per response`,
    );
    expect(run.manifest.stages.ppo.status).toBe('completed');
    expect(rm[1]).toBeGreaterThan(rm[0] + 0.2);
    expect(gold[1]).toBeGreaterThan(gold[0]);
    // Rewards are re-centred on the SFT policy: the first rollouts score about 0.
    expect(Math.abs(metrics[0].score)).toBeLessThan(1.5);
    // Bounded: with β = 0 the KL passes 15 nats (tests/unit/experiments/rewardHacking.test.ts).
    for (const m of metrics) {
      expect(m.klK3).toBeGreaterThanOrEqual(0);
      expect(m.klK3).toBeLessThan(12);
      for (const v of Object.values(m)) expect(Number.isFinite(v)).toBe(true);
    }
    expect(ppo!.snapshots[0].iteration).toBe(0);
    expect(ppo!.lastTrace?.tokens.length).toBeGreaterThan(0);
  });

  it('DPO: held-out implicit-reward accuracy well above chance; KL finite and positive', () => {
    const { dpo } = run.manifest.stages.dpo.summary;
    const metrics = run.manifest.stages.dpo.metrics as DpoStepMetrics[];
    console.log(
      `DPO held-out implicit-reward accuracy ${dpo!.finalHeldOut!.rewardAccuracy.toFixed(3)}, ` +
        `KL ${dpo!.finalKl.sequence.toFixed(2)} nats per held-out chosen response`,
    );
    expect(dpo!.finalHeldOut!.rewardAccuracy).toBeGreaterThan(0.75);
    expect(dpo!.finalKl.sequence).toBeGreaterThan(0);
    expect(metrics[metrics.length - 1].loss).toBeLessThan(Math.log(2));
  });
});

describe('the shipped default run (public/default-run/)', () => {
  it('is exactly what the core produces now (run `npm run checkpoints` after changing it)', () => {
    const shipped = JSON.parse(readFileSync('public/default-run/manifest.json', 'utf8'));
    expect(shipped).toEqual(JSON.parse(JSON.stringify(run.manifest)));
    for (const stage of TRAIN_STAGES) {
      const bytes = new Uint8Array(readFileSync(`public/default-run/${stage}.bin`));
      expect(
        Buffer.compare(Buffer.from(bytes), Buffer.from(float32ToBytes(run.params[stage]))),
      ).toBe(0);
    }
  });
});
