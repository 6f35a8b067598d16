/**
 * The annotation-quality study on the shipped SFT checkpoint's probe features: kappa
 * falls from 1 to about 0 as annotators get noisier, majority-of-three labels are
 * cleaner than one annotator's, the reward model suffers from noise, determinism, and
 * refusal of bad inputs.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../../src/sim/core/rng';
import { buildPreferencePairs } from '../../../src/sim/data';
import {
  expectedKappa,
  majorityErrorRate,
  runAnnotationStudy,
  type AnnotationStudyResult,
} from '../../../src/sim/experiments';
import { loadShippedFeatures, toyFeatures, type ShippedFeatures } from './shippedFeatures';

describe('annotation-quality study', () => {
  let shipped: ShippedFeatures;
  let study: AnnotationStudyResult;
  let studySeconds: number;
  beforeAll(() => {
    shipped = loadShippedFeatures();
    const start = performance.now();
    study = runAnnotationStudy(shipped.pairs, shipped.features, 1);
    studySeconds = (performance.now() - start) / 1000;
    const f = (x: number) => x.toFixed(3);
    console.log(
      `annotation study: features ${shipped.extractSeconds.toFixed(1)} s, study ` +
        `${studySeconds.toFixed(2)} s, ${study.pairs.train} train / ${study.pairs.heldOut} ` +
        `held-out pairs, ${study.repeats} repeats (mean ± SD)\n` +
        ' noise | kappa (expected)   | label error 1 / 3 (3p²−2p³) | accuracy 1 annotator | majority of 3\n' +
        study.points
          .map(
            (p) =>
              `  ${p.noise.toFixed(1)}  | ${f(p.kappa)} ± ${f(p.spread.kappa.std)} (${f(p.expected.kappa)}) | ` +
              `${f(p.singleLabelErrorRate)} / ${f(p.majorityLabelErrorRate)} (${f(p.expected.majorityLabelErrorRate)}) | ` +
              `${f(p.accuracySingle)} ± ${f(p.spread.accuracySingle.std)} | ` +
              `${f(p.accuracyMajority)} ± ${f(p.spread.accuracyMajority.std)}`,
          )
          .join('\n'),
    );
  });

  it('returns one point per default noise rate, with the data sizes', () => {
    expect(study.points.map((p) => p.noise)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(study.pairs.total).toBe(shipped.pairs.length);
    expect(study.pairs.train + study.pairs.heldOut).toBe(shipped.pairs.length);
    expect(study.annotators).toBe(3);
  });

  it('kappa is 1 without noise, falls with noise and is about 0 at noise 0.5', () => {
    const kappas = study.points.map((p) => p.kappa);
    expect(kappas[0]).toBe(1);
    for (let i = 1; i < kappas.length; i++) expect(kappas[i]).toBeLessThan(kappas[i - 1]);
    expect(Math.abs(kappas[kappas.length - 1])).toBeLessThan(0.1);
    // Near the closed form (1 − 2p)² (5 repeats of ~172 pairs: SD ≈ 0.05).
    for (const p of study.points) expect(Math.abs(p.kappa - p.expected.kappa)).toBeLessThan(0.1);
    expect(expectedKappa(0)).toBe(1);
    expect(expectedKappa(0.5)).toBe(0);
  });

  it('majority-of-three labels are cleaner than one annotator, measured and by formula', () => {
    for (const p of study.points) {
      expect(Math.abs(p.singleLabelErrorRate - p.noise)).toBeLessThan(0.04);
      expect(Math.abs(p.majorityLabelErrorRate - majorityErrorRate(p.noise))).toBeLessThan(0.04);
      if (p.noise > 0 && p.noise < 0.5) {
        expect(p.majorityLabelErrorRate).toBeLessThan(p.singleLabelErrorRate);
        expect(majorityErrorRate(p.noise)).toBeLessThan(p.noise);
      }
    }
    // 3p² − 2p³ < p on the whole open interval, equal at both ends.
    for (let p = 0.01; p < 0.5; p += 0.01) expect(majorityErrorRate(p)).toBeLessThan(p);
    expect(majorityErrorRate(0)).toBe(0);
    expect(majorityErrorRate(0.5)).toBe(0.5);
  });

  it('noise hurts the reward model; the majority vote helps on average', () => {
    const first = study.points[0];
    const last = study.points[study.points.length - 1];
    expect(first.accuracySingle).toBe(first.accuracyMajority); // identical clean labels
    expect(first.accuracySingle).toBeGreaterThan(last.accuracySingle + 0.15);
    expect(first.accuracyMajority).toBeGreaterThan(last.accuracyMajority + 0.15);
    // Random labels: chance, within the spread of 46 held-out pairs.
    expect(Math.abs(last.accuracySingle - 0.5)).toBeLessThan(0.15);
    expect(Math.abs(last.accuracyMajority - 0.5)).toBeLessThan(0.15);
    const middle = study.points.filter((p) => p.noise > 0 && p.noise < 0.5);
    const gain = middle.reduce((a, p) => a + p.accuracyMajority - p.accuracySingle, 0);
    expect(gain / middle.length).toBeGreaterThan(0);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const options = { noiseRates: [0.2, 0.4], repeats: 2 };
    const a = runAnnotationStudy(shipped.pairs, shipped.features, 7, options);
    expect(runAnnotationStudy(shipped.pairs, shipped.features, 7, options)).toEqual(a);
    expect(runAnnotationStudy(shipped.pairs, shipped.features, 8, options)).not.toEqual(a);
  });
});

describe('annotation-quality study: input checks', () => {
  // Toy features for the built-in pairs: validation needs no trunk.
  const rng = createRng(1);
  const pairs = buildPreferencePairs();
  const features = toyFeatures(pairs.length, 4, () => rng.normal());
  const run =
    (o: Parameters<typeof runAnnotationStudy>[3], f = features, p = pairs) =>
    () =>
      runAnnotationStudy(p, f, 1, { repeats: 1, ...o });

  it('runs on any features aligned with the pairs', () => {
    expect(run({ noiseRates: [0, 0.5] })().points).toHaveLength(2);
  });

  it('refuses noise outside [0, 0.5], NaN, empty or misaligned inputs', () => {
    expect(run({ noiseRates: [0.6] })).toThrow(/noiseRates\[0\] must be a number in \[0, 0.5\]/);
    expect(run({ noiseRates: [0.1, -0.1] })).toThrow(/noiseRates\[1\]/);
    expect(run({ noiseRates: [NaN] })).toThrow(/noiseRates\[0\]/);
    expect(run({ noiseRates: [] })).toThrow(/noiseRates must be a non-empty list/);
    expect(run({ repeats: 0 })).toThrow(/repeats must be a positive integer/);
    expect(run({ l2: -1 })).toThrow(/l2 must be/);
    expect(run({ heldOutFraction: 1 })).toThrow(/heldOutFraction/);
    expect(run({}, [], [])).toThrow(/pairs must be a non-empty list/);
    expect(run({}, features.slice(1))).toThrow(
      `features must have one entry per pair (${pairs.length}), got ${pairs.length - 1}`,
    );
    const broken = [...features];
    broken[3] = { chosen: Float32Array.of(NaN, 0, 0, 0), rejected: features[3].rejected };
    expect(run({}, broken)).toThrow(/features\[3\]\.chosen\[0\] is NaN/);
    expect(() => runAnnotationStudy(pairs, features, NaN)).toThrow(/seed must be a finite/);
  });
});
