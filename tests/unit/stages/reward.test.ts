/**
 * The reward model: its gradient (finite differences), that it learns to rank unseen
 * preference pairs starting from the shipped SFT checkpoint, determinism, and refusal
 * of bad inputs.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PipelineConfig } from '../../../src/sim/config';
import { gradCheck } from '../../../src/sim/core/gradcheck';
import { createRng } from '../../../src/sim/core/rng';
import { buildPreferencePairs, splitPreferencePairs } from '../../../src/sim/data';
import { Gpt, initParams } from '../../../src/sim/model/gpt';
import { ScalarHead } from '../../../src/sim/model/scalarHead';
import {
  DEFAULT_REWARD_CONFIG,
  rewardLossAndGrad,
  rewardModelFromResult,
  scoreResponse,
  scoreResponseSteps,
  trainRewardModel,
  type RewardOptions,
  type RewardResult,
  type RewardStepMetrics,
} from '../../../src/sim/stages/reward';
import type { Checkpoint } from '../../../src/sim/stages/types';
import { BpeTokenizer } from '../../../src/sim/text';
import { bytesToFloat32 } from '../../../src/worker/shippedFormat';

const RUN_DIR = new URL('../../../public/default-run/', import.meta.url);

interface Manifest {
  config: PipelineConfig;
  stages: { sft: { tokenizer: Checkpoint['tokenizer'] } };
}

function loadSft(): { config: PipelineConfig; checkpoint: Checkpoint } {
  const manifest = JSON.parse(readFileSync(new URL('manifest.json', RUN_DIR), 'utf8')) as Manifest;
  const bytes = readFileSync(new URL('sft.bin', RUN_DIR));
  const params = bytesToFloat32(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
  );
  return {
    config: manifest.config,
    checkpoint: {
      stage: 'sft',
      config: manifest.config,
      params,
      tokenizer: manifest.stages.sft.tokenizer,
    },
  };
}

function run(
  config: PipelineConfig,
  checkpoint: Checkpoint,
  options: RewardOptions,
): { metrics: RewardStepMetrics[]; result: RewardResult } {
  const gen = trainRewardModel(config, checkpoint, options);
  const metrics: RewardStepMetrics[] = [];
  let next = gen.next();
  while (!next.done) {
    metrics.push(next.value);
    next = gen.next();
  }
  return { metrics, result: next.value };
}

describe('reward model gradient', () => {
  it('the whole Bradley–Terry loss gradient matches central finite differences', () => {
    const cfg = { vocabSize: 13, contextLength: 7, width: 8, heads: 2, layers: 2 };
    const rng = createRng(4);
    const params = initParams(cfg, rng.stream('init'));
    // Larger-than-GPT-2 weights so every path carries a visible gradient.
    for (let i = 0; i < params.length; i++) params[i] += rng.normal() * 0.3;
    const trunk = new Gpt(cfg, params);
    // A random head (not zeros), so the trunk's gradient w·dr is not trivially 0.
    const head = ScalarHead.init(cfg.width, rng.stream('head'));
    head.params[cfg.width] = 0.3;
    // Pairs of different lengths, so padding and last-token reading are exercised.
    const batch = [
      { chosen: [1, 2, 3, 4, 5], rejected: [1, 2, 6] },
      { chosen: [7, 8], rejected: [7, 9, 10, 11, 12, 3, 2] },
      { chosen: [4, 4, 4, 1], rejected: [4, 5, 4, 1] },
    ];
    const f = () => rewardLossAndGrad(trunk, head, batch).figures.loss;
    rewardLossAndGrad(trunk, head, batch);
    const trunkGrad = Float32Array.from(trunk.grads);
    const headGrad = Float32Array.from(head.grads);
    expect(headGrad.some((g) => g !== 0)).toBe(true);

    const onHead = gradCheck(f, head.params, headGrad, { step: 1e-2 });
    expect(onHead.checked).toBe(cfg.width + 1);
    expect(onHead.maxRelativeError, JSON.stringify(onHead.worst)).toBeLessThan(2e-2);

    const onTrunk = gradCheck(f, trunk.params, trunkGrad, {
      samples: 300,
      rng: createRng(11),
      step: 1e-2,
      floor: 1e-2,
    });
    expect(onTrunk.checked).toBe(300);
    expect(onTrunk.maxRelativeError, JSON.stringify(onTrunk.worst)).toBeLessThan(3e-2);
  });

  it('the head reads only the last real token: padding after it changes nothing', () => {
    const cfg = { vocabSize: 13, contextLength: 8, width: 8, heads: 2, layers: 1 };
    const trunk = new Gpt(cfg, initParams(cfg, createRng(1)));
    const head = ScalarHead.init(cfg.width, createRng(2));
    const alone = rewardLossAndGrad(trunk, head, [{ chosen: [1, 2], rejected: [3, 4] }]).scores;
    const padded = rewardLossAndGrad(trunk, head, [
      { chosen: [1, 2], rejected: [3, 4, 5, 6, 7, 8] },
    ]).scores;
    expect(padded[0]).toBeCloseTo(alone[0], 5);
  });
});

describe('reward model training from the shipped SFT checkpoint', () => {
  it('ranks held-out preference pairs (unseen facts) with accuracy ≥ 0.8', () => {
    const { config, checkpoint } = loadSft();
    const start = performance.now();
    const { metrics, result } = run(config, checkpoint, { ...DEFAULT_REWARD_CONFIG, seed: 1 });
    const seconds = (performance.now() - start) / 1000;
    const first = metrics[0];
    const train = result.finalTrain;
    const held = result.finalHeldOut!;
    console.log(
      `reward model, ${result.config.steps} steps of ${result.config.batchSize} pairs in ` +
        `${seconds.toFixed(1)} s (${result.data.train} train / ${result.data.heldOut} held-out pairs)\n` +
        `  step 1 held-out: loss ${first.heldOutLoss!.toFixed(3)}, accuracy ${first.heldOutAccuracy!.toFixed(3)}\n` +
        `  final train:     loss ${train.loss.toFixed(3)}, accuracy ${train.accuracy.toFixed(3)}, margin ${train.meanMargin.toFixed(2)}\n` +
        `  final held-out:  loss ${held.loss.toFixed(3)}, accuracy ${held.accuracy.toFixed(3)}, margin ${held.meanMargin.toFixed(2)}\n` +
        `  offset ${result.normalisation.offset.toFixed(3)}`,
    );
    expect(result.status).toBe('completed');
    expect(result.data.heldOut).toBeGreaterThanOrEqual(20);
    // Threshold: issue 3 asks ≥ 0.8; measured 0.93 (seed 1) and 0.91 (seed 2).
    expect(held.accuracy).toBeGreaterThanOrEqual(0.8);
    expect(held.meanMargin).toBeGreaterThan(0.5);
    expect(held.loss).toBeLessThan(Math.log(2) - 0.2);
    // Every metric finite, the learning rate follows warmup then decay.
    for (const m of metrics) {
      expect(Number.isFinite(m.loss) && Number.isFinite(m.gradNorm)).toBe(true);
    }
    expect(metrics[0].learningRate).toBeLessThan(
      metrics[DEFAULT_REWARD_CONFIG.warmupSteps].learningRate,
    );

    // Normalisation: the training pairs' chosen (SFT-format) answers average 0.
    const model = rewardModelFromResult(result, config.model);
    const tokenizer = BpeTokenizer.fromJSON(checkpoint.tokenizer);
    const pairs = buildPreferencePairs();
    const heldChosen = result.scoreDistribution.chosen;
    const heldRejected = result.scoreDistribution.rejected;
    expect(heldChosen.length).toBe(result.data.heldOut);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    console.log(
      `  held-out normalised scores: chosen mean ${mean(heldChosen).toFixed(2)}, ` +
        `rejected mean ${mean(heldRejected).toFixed(2)}`,
    );
    expect(mean(heldChosen)).toBeGreaterThan(mean(heldRejected));
    // scoreResponse agrees with the scores the trainer measured (same offset).
    const firstHeld = splitPreferencePairs(pairs, result.config.heldOutFraction, 1).heldOut[0];
    expect(result.data.tooLong).toBe(0);
    expect(scoreResponse(model, tokenizer, firstHeld.prompt, firstHeld.chosen)).toBeCloseTo(
      heldChosen[0],
      4,
    );
    const p = pairs[0];
    const longText = 'very long answer '.repeat(100);
    expect(Number.isFinite(scoreResponse(model, tokenizer, p.prompt, longText))).toBe(true);
    // The step-wise score the pages use (one KV-cache position per step) is the same
    // number, for a short answer and for one cut at the context length.
    for (const text of [firstHeld.chosen, longText]) {
      const steps = scoreResponseSteps(model, tokenizer, p.prompt, text);
      let yields = 0;
      let next = steps.next();
      while (!next.done) {
        yields += 1;
        next = steps.next();
      }
      expect(yields).toBeGreaterThan(1);
      expect(next.value).toBeCloseTo(scoreResponse(model, tokenizer, p.prompt, text), 4);
    }
  });

  it('is deterministic: the same seed gives identical metrics and weights', () => {
    const { config, checkpoint } = loadSft();
    const options: RewardOptions = { steps: 3, batchSize: 2, evalEvery: 2, seed: 5 };
    const pairs = buildPreferencePairs().slice(0, 40);
    const a = run(config, checkpoint, { ...options, pairs });
    const b = run(config, checkpoint, { ...options, pairs });
    expect(a.metrics).toEqual(b.metrics);
    expect(a.metrics).toHaveLength(3);
    expect(a.result.head.w).toEqual(b.result.head.w);
    expect(a.result.trunkParams).toEqual(b.result.trunkParams);
    expect(a.result.normalisation.offset).toBe(b.result.normalisation.offset);
    const c = run(config, checkpoint, { ...options, pairs, seed: 6 });
    expect(c.metrics).not.toEqual(a.metrics);
  });
});

describe('reward model refuses bad inputs', () => {
  const { config, checkpoint } = loadSft();
  const start = (options: RewardOptions) => () =>
    trainRewardModel(config, checkpoint, options).next();

  it('an empty preference set', () => {
    expect(start({ pairs: [] })).toThrow(/no preference pairs/);
  });

  it('batchSize 0 or not an integer', () => {
    expect(start({ batchSize: 0 })).toThrow(/batchSize must be a positive integer, got 0/);
    expect(start({ batchSize: 1.5 })).toThrow(/batchSize/);
  });

  it('a learning rate ≤ 0 or not finite', () => {
    expect(start({ learningRate: 0 })).toThrow(/learningRate must be a finite number > 0, got 0/);
    expect(start({ learningRate: -1e-3 })).toThrow(/learningRate/);
    expect(start({ learningRate: NaN })).toThrow(/learningRate/);
  });

  it('label noise outside [0, 0.5]', () => {
    expect(start({ labelNoise: 0.6 })).toThrow(/labelNoise must be in \[0, 0.5\], got 0.6/);
    expect(start({ labelNoise: -0.1 })).toThrow(/labelNoise/);
    expect(start({ labelNoise: NaN })).toThrow(/labelNoise/);
  });

  it('steps 0, a held-out fraction of 1, and a checkpoint of another shape', () => {
    expect(start({ steps: 0 })).toThrow(/steps/);
    expect(start({ heldOutFraction: 1 })).toThrow(/heldOutFraction/);
    const other = { ...config, model: { ...config.model, width: 32 } };
    expect(() => trainRewardModel(other, checkpoint).next()).toThrow(/must match/);
  });
});

describe('reward model label noise', () => {
  it('half the training labels flipped (noise 0.5): held-out loss near chance, margins collapse', () => {
    const { config, checkpoint } = loadSft();
    const options: RewardOptions = { steps: 20, labelNoise: 0.5, evalEvery: 20 };
    const noisy = run(config, checkpoint, options).result.finalHeldOut!;
    const clean = run(config, checkpoint, { ...options, labelNoise: 0 }).result.finalHeldOut!;
    console.log(
      `reward model, 20 steps, held-out: clean loss ${clean.loss.toFixed(3)} margin ${clean.meanMargin.toFixed(2)} ` +
        `accuracy ${clean.accuracy.toFixed(3)}; noise 0.5 loss ${noisy.loss.toFixed(3)} margin ` +
        `${noisy.meanMargin.toFixed(2)} accuracy ${noisy.accuracy.toFixed(3)}`,
    );
    expect(noisy.loss).toBeGreaterThan(clean.loss + 0.1);
    expect(noisy.loss).toBeGreaterThan(Math.log(2) - 0.05);
    expect(clean.meanMargin).toBeGreaterThan(3 * noisy.meanMargin);
  }, 120_000);
});
