/**
 * The linear-probe reward model: its Bradley–Terry gradient (finite differences), a
 * perfect fit of separable toy data, that its features are read where the full reward
 * model reads, its held-out accuracy on the shipped SFT checkpoint, determinism and
 * refusal of bad inputs.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../../src/sim/core/rng';
import {
  extractPairFeatures,
  fitRewardProbe,
  prepareProbeStudy,
  probeAccuracy,
  probeObjective,
  probeProbability,
  probeReward,
  type PairFeatures,
} from '../../../src/sim/experiments';
import { ScalarHead } from '../../../src/sim/model/scalarHead';
import { scoreResponse } from '../../../src/sim/stages/reward';
import { loadShippedFeatures, toyFeatures, type ShippedFeatures } from './shippedFeatures';

describe('probe fitting on toy features', () => {
  it('the BT objective gradient matches central finite differences', () => {
    const rng = createRng(3);
    const features = toyFeatures(7, 5, () => rng.normal());
    const labels = [1, 0, 1, 1, 0, 1, 0];
    const w = Float64Array.from({ length: 5 }, () => rng.normal());
    const l2 = 0.3;
    const { grad } = probeObjective(w, features, labels, l2);
    const h = 1e-6;
    for (let k = 0; k < w.length; k++) {
      const plus = Float64Array.from(w);
      const minus = Float64Array.from(w);
      plus[k] += h;
      minus[k] -= h;
      const numeric =
        (probeObjective(plus, features, labels, l2).loss -
          probeObjective(minus, features, labels, l2).loss) /
        (2 * h);
      expect(Math.abs(grad[k] - numeric) / Math.max(Math.abs(numeric), 1e-6)).toBeLessThan(1e-6);
    }
  });

  it('fits separable data perfectly and stops at the minimum (gradient ≈ 0)', () => {
    const rng = createRng(8);
    const dim = 4;
    const truth = Float64Array.from({ length: dim }, () => rng.normal());
    const features: PairFeatures[] = [];
    const labels: number[] = [];
    while (features.length < 40) {
      const [pair] = toyFeatures(1, dim, () => rng.normal());
      let m = 0;
      for (let k = 0; k < dim; k++) m += truth[k] * (pair.chosen[k] - pair.rejected[k]);
      if (Math.abs(m) < 0.2) continue; // a clear gap: separable with room to spare
      features.push(pair);
      labels.push(m > 0 ? 1 : 0);
    }
    expect(labels).toContain(0);
    const probe = fitRewardProbe(features, labels, { l2: 1e-3 });
    expect(probe.converged).toBe(true);
    expect(probeAccuracy(probe, features, labels)).toBe(1);
    const { grad } = probeObjective(probe.w, features, labels, 1e-3);
    expect(Math.hypot(...grad)).toBeLessThan(1e-6);
    // Fully separated: the BT training loss is near 0.
    expect(probe.trainLoss).toBeLessThan(0.05);
    // b makes the chosen answers average reward 0; probabilities are BT's σ(Δr).
    const meanChosen = features.reduce((a, f) => a + probeReward(probe, f.chosen), 0) / 40;
    expect(meanChosen).toBeCloseTo(0, 10);
    const f = features[0];
    expect(probeProbability(probe, f)).toBeCloseTo(
      1 / (1 + Math.exp(-(probeReward(probe, f.chosen) - probeReward(probe, f.rejected)))),
      12,
    );
  });

  it('is deterministic and refuses bad inputs', () => {
    const rng = createRng(5);
    const features = toyFeatures(10, 3, () => rng.normal());
    const labels = Array.from({ length: 10 }, (_, i) => i % 2);
    expect(fitRewardProbe(features, labels)).toEqual(fitRewardProbe(features, labels));
    expect(() => fitRewardProbe([], [])).toThrow(/features must be a non-empty/);
    expect(() => fitRewardProbe(features, labels.slice(1))).toThrow(/labels has length 9/);
    expect(() => fitRewardProbe(features, [...labels.slice(1), 2])).toThrow(/labels\[9\]/);
    expect(() => fitRewardProbe(features, labels, { l2: 0 })).toThrow(/l2 must be/);
    expect(() => fitRewardProbe(features, labels, { l2: NaN })).toThrow(/l2 must be/);
    const broken = features.map((f) => ({ ...f }));
    broken[4] = { chosen: Float32Array.of(1, NaN, 0), rejected: features[4].rejected };
    expect(() => fitRewardProbe(broken, labels)).toThrow(/features\[4\]\.chosen\[1\] is NaN/);
    broken[4] = { chosen: Float32Array.of(1, 2), rejected: features[4].rejected };
    expect(() => fitRewardProbe(broken, labels)).toThrow(
      /features\[4\]\.chosen must have length 3/,
    );
  });
});

describe('probe on the shipped SFT checkpoint', () => {
  let shipped: ShippedFeatures;
  beforeAll(() => {
    shipped = loadShippedFeatures();
    console.log(
      `probe features: ${shipped.features.length} pairs extracted in ${shipped.extractSeconds.toFixed(1)} s`,
    );
  });

  it('reads the hidden state exactly where the full reward model reads', () => {
    const { trunk, tokenizer, pairs, features } = shipped;
    const rng = createRng(2);
    const w = Float32Array.from({ length: trunk.config.width }, () => rng.normal());
    const model = { trunk, head: ScalarHead.fromWeights(w, 0), offset: 0 };
    for (const i of [0, 17, 100, pairs.length - 1]) {
      const p = pairs[i];
      let dotChosen = 0;
      let dotRejected = 0;
      for (let k = 0; k < w.length; k++) {
        dotChosen += w[k] * features[i].chosen[k];
        dotRejected += w[k] * features[i].rejected[k];
      }
      // scoreResponse runs one unpadded sequence: batching and padding change nothing.
      expect(dotChosen).toBeCloseTo(scoreResponse(model, tokenizer, p.prompt, p.chosen), 4);
      expect(dotRejected).toBeCloseTo(scoreResponse(model, tokenizer, p.prompt, p.rejected), 4);
    }
    // Same features whatever the batch size.
    const few = extractPairFeatures(trunk, tokenizer, pairs.slice(0, 5), { pairsPerForward: 2 });
    few.forEach((f, i) => {
      for (let k = 0; k < f.chosen.length; k++) {
        expect(f.chosen[k]).toBeCloseTo(features[i].chosen[k], 4);
        expect(f.rejected[k]).toBeCloseTo(features[i].rejected[k], 4);
      }
    });
    expect(() => extractPairFeatures(trunk, tokenizer, [])).toThrow(/pairs is empty/);
    expect(() => extractPairFeatures(trunk, tokenizer, pairs, { pairsPerForward: 0 })).toThrow(
      /pairsPerForward/,
    );
  });

  it('ranks held-out pairs (unseen facts) clearly above chance with clean labels', () => {
    const { pairs, features } = shipped;
    const lines: string[] = [];
    const accuracies: number[] = [];
    for (const seed of [1, 2, 3]) {
      // The Reward Model stage's split: 20 % held out, whole facts, seed 1 by default.
      const { train, heldOut } = prepareProbeStudy('test', pairs, features, 0.2, seed);
      const start = performance.now();
      const probe = fitRewardProbe(
        train.map((i) => features[i]),
        train.map(() => 1),
      );
      const ms = performance.now() - start;
      const acc = probeAccuracy(
        probe,
        heldOut.map((i) => features[i]),
      );
      accuracies.push(acc);
      lines.push(
        `split seed ${seed}: ${train.length} train / ${heldOut.length} held-out, ` +
          `held-out accuracy ${acc.toFixed(3)}, train loss ${probe.trainLoss.toFixed(3)}, ` +
          `${probe.iterations} Newton steps in ${ms.toFixed(1)} ms`,
      );
    }
    console.log(`probe reward model, clean labels (full RM: 0.935):\n  ${lines.join('\n  ')}`);
    // Measured 0.826 (seed 1, the stage's default split), 0.766 (2), 0.826 (3). With 46
    // held-out pairs chance gives 0.5 ± 0.074, so 0.7 is > 2.5 SD above chance and
    // leaves room for a retrained shipped checkpoint.
    expect(accuracies[0]).toBeGreaterThanOrEqual(0.7);
    expect(Math.min(...accuracies)).toBeGreaterThanOrEqual(0.65);
  });
});
