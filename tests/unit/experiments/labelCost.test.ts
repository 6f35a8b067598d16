/**
 * The label-cost study on the shipped SFT checkpoint's probe features: accuracy grows
 * with labels, the cost model is exact arithmetic on the seeds' figures, uncertainty
 * sampling is measured at the same label counts, determinism, refusal of bad inputs.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../../src/sim/core/rng';
import { buildPreferencePairs } from '../../../src/sim/data';
import {
  DEFAULT_LABEL_COST,
  labellingCost,
  runLabelCostStudy,
  type LabelCostResult,
} from '../../../src/sim/experiments';
import { loadShippedFeatures, toyFeatures, type ShippedFeatures } from './shippedFeatures';

describe('label-cost study', () => {
  let shipped: ShippedFeatures;
  let study: LabelCostResult;
  beforeAll(() => {
    shipped = loadShippedFeatures();
    const start = performance.now();
    study = runLabelCostStudy(shipped.pairs, shipped.features, 1);
    const seconds = (performance.now() - start) / 1000;
    const f = (x: number) => x.toFixed(3);
    console.log(
      `label-cost study: features ${shipped.extractSeconds.toFixed(1)} s, study ` +
        `${seconds.toFixed(2)} s, ${study.pairs.train} train / ${study.pairs.heldOut} held-out, ` +
        `${study.repeats} repeats (mean ± SD), ${study.costModel.minutesPerComparison} min/label, ` +
        `$${study.costModel.hourlyRate}/h\n labels | random        | uncertainty   | hours | cost\n` +
        study.points
          .map(
            (p) =>
              `  ${String(p.labels).padStart(4)}  | ${f(p.accuracyRandom)} ± ${f(p.spread.accuracyRandom.std)} | ` +
              `${f(p.accuracyUncertainty)} ± ${f(p.spread.accuracyUncertainty.std)} | ${p.hours.toFixed(2)} | $${p.cost.toFixed(0)}`,
          )
          .join('\n'),
    );
  });

  it('measures both strategies at the default counts plus the whole training set', () => {
    expect(study.points.map((p) => p.labels)).toEqual([8, 16, 32, 64, 128, study.pairs.train]);
    for (const p of study.points) {
      expect(p.accuracyRandom).toBeGreaterThan(0);
      expect(p.accuracyUncertainty).toBeGreaterThan(0);
      expect(p.accuracyRandom).toBeLessThanOrEqual(1);
      expect(p.accuracyUncertainty).toBeLessThanOrEqual(1);
    }
    // Same seed set at 8 labels, same (whole) set at the end.
    const first = study.points[0];
    const last = study.points[study.points.length - 1];
    expect(first.accuracyUncertainty).toBe(first.accuracyRandom);
    expect(last.accuracyUncertainty).toBe(last.accuracyRandom);
  });

  it('more labels help: all labels beat 8 labels', () => {
    const first = study.points[0];
    const last = study.points[study.points.length - 1];
    expect(last.accuracyRandom).toBeGreaterThanOrEqual(first.accuracyRandom);
    expect(last.accuracyUncertainty).toBeGreaterThanOrEqual(first.accuracyUncertainty);
    // The whole set is one deterministic fit: no spread over repeats.
    expect(last.spread.accuracyRandom.std).toBe(0);
  });

  it('cost = labels × minutes / 60 × rate, on the seeds’ figures by default', () => {
    expect(DEFAULT_LABEL_COST).toEqual({ minutesPerComparison: 3, hourlyRate: 100 });
    for (const p of study.points) {
      expect(p.hours).toBe((p.labels * 3) / 60);
      expect(p.cost).toBe(((p.labels * 3) / 60) * 100);
    }
    // The seed's own arithmetic (003): 50k pairs → 2,500 hours → $250,000.
    expect(labellingCost(50_000)).toEqual({ hours: 2500, cost: 250_000 });
    const custom = runLabelCostStudy(shipped.pairs, shipped.features, 1, {
      minutesPerComparison: 1.5,
      hourlyRate: 42,
      labelCounts: [10, 20],
      repeats: 1,
    });
    expect(custom.points.map((p) => p.labels)).toEqual([10, 20, custom.pairs.train]);
    for (const p of custom.points) expect(p.cost).toBe(((p.labels * 1.5) / 60) * 42);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const options = { labelCounts: [8, 24], repeats: 2 };
    const a = runLabelCostStudy(shipped.pairs, shipped.features, 3, options);
    expect(runLabelCostStudy(shipped.pairs, shipped.features, 3, options)).toEqual(a);
    expect(runLabelCostStudy(shipped.pairs, shipped.features, 4, options)).not.toEqual(a);
  });
});

describe('label-cost study: input checks', () => {
  const pairs = buildPreferencePairs();
  const rng = createRng(2);
  const features = toyFeatures(pairs.length, 4, () => rng.normal());
  const run =
    (o: Parameters<typeof runLabelCostStudy>[3], f = features, p = pairs) =>
    () =>
      runLabelCostStudy(p, f, 1, { repeats: 1, ...o });

  it('drops counts above the training set and keeps the counts sorted', () => {
    const result = run({ labelCounts: [1000, 16, 4, 16] })();
    expect(result.points.map((p) => p.labels)).toEqual([4, 16, result.pairs.train]);
  });

  it('refuses non-positive or NaN costs, bad counts, empty or misaligned inputs', () => {
    expect(run({ minutesPerComparison: 0 })).toThrow(/minutesPerComparison must be/);
    expect(run({ minutesPerComparison: -3 })).toThrow(/minutesPerComparison must be/);
    expect(run({ minutesPerComparison: NaN })).toThrow(/minutesPerComparison must be/);
    expect(run({ hourlyRate: 0 })).toThrow(/hourlyRate must be/);
    expect(run({ hourlyRate: Infinity })).toThrow(/hourlyRate must be/);
    expect(run({ labelCounts: [] })).toThrow(/labelCounts must be a non-empty list/);
    expect(run({ labelCounts: [8, 0] })).toThrow(/labelCounts\[1\] must be a positive integer/);
    expect(run({ labelCounts: [2.5] })).toThrow(/labelCounts\[0\]/);
    expect(run({ initialLabels: 0 })).toThrow(/initialLabels/);
    expect(run({ acquisitionBatch: NaN })).toThrow(/acquisitionBatch/);
    expect(run({ repeats: -1 })).toThrow(/repeats/);
    expect(run({}, [], [])).toThrow(/pairs must be a non-empty list/);
    expect(run({}, features.slice(0, 10))).toThrow(/features must have one entry per pair/);
    expect(() => labellingCost(-1)).toThrow(/labels must be/);
    expect(() => labellingCost(10, { minutesPerComparison: 3, hourlyRate: -5 })).toThrow(
      /hourlyRate/,
    );
  });
});
