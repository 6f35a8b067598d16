/**
 * "Be the annotator" (src/sim/experiments/annotatorFit.ts): which pairs are shown and
 * how, how labels are checked, the calibration bins against hand computations, and the
 * fit on the shipped SFT model's features — expert labels generalise, flipped labels
 * drop the held-out accuracy below chance.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../src/sim/config';
import {
  buildPreferencePairs,
  splitPreferencePairs,
  type PreferencePair,
} from '../../../src/sim/data';
import { PREFERENCE_QUALITIES } from '../../../src/sim/data/preferences';
import {
  ANNOTATOR_MIN_LABELS,
  ANNOTATOR_PAIR_COUNT,
  annotatorFitSteps,
  annotatorPairs,
  calibrationBins,
  checkAnnotatorLabels,
  extractPairFeatures,
  fitAnnotatorLabels,
  type AnnotatorFitResult,
  type AnnotatorLabel,
  type AnnotatorSet,
  type PairFeatures,
} from '../../../src/sim/experiments';
import { Gpt } from '../../../src/sim/model/gpt';
import { DEFAULT_REWARD_CONFIG } from '../../../src/sim/stages/reward';
import { BpeTokenizer } from '../../../src/sim/text';
import { loadShippedCheckpoint } from '../helpers/shippedRun';

const pairs = buildPreferencePairs();
const SEED = DEFAULT_CONFIG.seed;

const expertLabels = (set: AnnotatorSet): AnnotatorLabel[] =>
  set.shown.map((p) => ({ pairId: p.id, preferred: p.expert }));
const flippedLabels = (set: AnnotatorSet): AnnotatorLabel[] =>
  set.shown.map((p) => ({ pairId: p.id, preferred: p.expert === 'A' ? 'B' : 'A' }));

/** Bins are contiguous, cover [0, 1], count every pair, and their means lie inside. */
function expectWellFormedBins(result: AnnotatorFitResult) {
  for (const report of [result.yours, result.experts]) {
    const bins = report.calibration;
    expect(bins).toHaveLength(5);
    expect(bins[0].from).toBe(0);
    expect(bins[bins.length - 1].to).toBe(1);
    bins.forEach((b, i) => {
      if (i > 0) expect(b.from).toBeCloseTo(bins[i - 1].to, 12);
      if (b.count === 0) {
        expect(b.predicted).toBeNull();
        expect(b.observed).toBeNull();
      } else {
        expect(b.predicted).toBeGreaterThanOrEqual(b.from);
        expect(b.predicted).toBeLessThanOrEqual(b.to);
        expect(b.observed).toBeGreaterThanOrEqual(0);
        expect(b.observed).toBeLessThanOrEqual(1);
      }
    });
    expect(bins.reduce((n, b) => n + b.count, 0)).toBe(result.pairs.heldOut);
  }
}

describe('annotatorPairs', () => {
  const set = annotatorPairs(pairs, SEED);
  const split = splitPreferencePairs(pairs, DEFAULT_REWARD_CONFIG.heldOutFraction, SEED);
  const byId = new Map(pairs.map((p) => [p.id, p]));

  it('shows 16 training pairs, every quality, no prompt twice, half with the expert as A', () => {
    expect(set.shown).toHaveLength(ANNOTATOR_PAIR_COUNT);
    const train = new Set(split.train.map((p) => p.id));
    for (const p of set.shown) expect(train.has(p.id)).toBe(true);
    expect(new Set(set.shown.map((p) => p.prompt)).size).toBe(ANNOTATOR_PAIR_COUNT);
    expect(new Set(set.shown.map((p) => p.quality))).toEqual(new Set(PREFERENCE_QUALITIES));
    expect(set.shown.filter((p) => p.expert === 'A')).toHaveLength(ANNOTATOR_PAIR_COUNT / 2);
    // The expert's answer is where `expert` says, the other one is the rejected answer.
    for (const p of set.shown) {
      const source = byId.get(p.id) as PreferencePair;
      expect(p.expert === 'A' ? p.a : p.b).toBe(source.chosen);
      expect(p.expert === 'A' ? p.b : p.a).toBe(source.rejected);
    }
  });

  it('tests on exactly the held-out split, oriented half and half', () => {
    expect(set.heldOut.map((p) => p.id)).toEqual(split.heldOut.map((p) => p.id));
    const asA = set.heldOut.filter((p) => p.expert === 'A').length;
    expect(Math.abs(asA - set.heldOut.length / 2)).toBeLessThanOrEqual(0.5);
  });

  it('is the same for a seed and differs between seeds', () => {
    expect(annotatorPairs(pairs, SEED)).toEqual(set);
    const other = annotatorPairs(pairs, SEED + 1);
    expect(other.shown.map((p) => p.id)).not.toEqual(set.shown.map((p) => p.id));
  });

  it('refuses impossible settings', () => {
    expect(() => annotatorPairs(pairs, SEED, { count: 0 })).toThrow(/count must be/);
    expect(() => annotatorPairs(pairs, SEED, { count: 500 })).toThrow(/fewer than the 500/);
    expect(() => annotatorPairs(pairs, Number.NaN)).toThrow(/seed/);
  });
});

describe('checkAnnotatorLabels', () => {
  const set = annotatorPairs(pairs, SEED);
  const good = expertLabels(set).slice(0, ANNOTATOR_MIN_LABELS);

  it('maps each label to its pair', () => {
    const rows = checkAnnotatorLabels(set, [...good].reverse());
    expect(rows).toEqual([3, 2, 1, 0]);
  });

  it('rejects malformed labels with a message naming the problem', () => {
    expect(() => checkAnnotatorLabels(set, 'A')).toThrow(/labels must be a list/);
    expect(() =>
      checkAnnotatorLabels(set, [...good, { pairId: 'pref/nope', preferred: 'A' }]),
    ).toThrow(/label 5: unknown pair 'pref\/nope', not one of the 16 pairs to label for seed 1/);
    const held = set.heldOut[0].id;
    expect(() => checkAnnotatorLabels(set, [...good, { pairId: held, preferred: 'A' }])).toThrow(
      `label 5: pair '${held}' is a held-out pair`,
    );
    expect(() =>
      checkAnnotatorLabels(set, [...good.slice(1), { pairId: good[0].pairId, preferred: 'C' }]),
    ).toThrow(
      `label 4 (pair '${good[0].pairId}'): the preferred answer must be 'A' or 'B', got "C"`,
    );
    expect(() => checkAnnotatorLabels(set, [...good, good[1]])).toThrow(
      `pair '${good[1].pairId}' is labelled twice (labels 2 and 5)`,
    );
    expect(() => checkAnnotatorLabels(set, [...good, { preferred: 'A' }])).toThrow(
      /label 5 has no pair id/,
    );
    expect(() => checkAnnotatorLabels(set, good.slice(0, 3))).toThrow(
      'label at least 4 of the 16 pairs before fitting; got 3',
    );
  });
});

describe('calibrationBins', () => {
  it('bins, averages and scores predictions as worked out by hand', () => {
    // Bins of 0.2: [0.1, 0.15] → bin 0; [0.5] → bin 2; [0.9, 1] → bin 4 (1 in the last).
    const { bins, ece, brier } = calibrationBins([0.1, 0.15, 0.5, 0.9, 1], [0, 1, 1, 1, 1]);
    expect(bins.map((b) => b.count)).toEqual([2, 0, 1, 0, 2]);
    expect(bins[0].predicted).toBeCloseTo(0.125, 12);
    expect(bins[0].observed).toBe(0.5);
    expect(bins[1].predicted).toBeNull();
    expect(bins[1].observed).toBeNull();
    expect(bins[4].predicted).toBeCloseTo(0.95, 12);
    expect(bins[4].observed).toBe(1);
    // ECE = 2/5·|0.5 − 0.125| + 1/5·|1 − 0.5| + 2/5·|1 − 0.95| = 0.15 + 0.1 + 0.02.
    expect(ece).toBeCloseTo(0.27, 12);
    // Brier = (0.01 + 0.7225 + 0.25 + 0.01 + 0) / 5.
    expect(brier).toBeCloseTo(0.9925 / 5, 12);
  });

  it('refuses mismatched or impossible inputs', () => {
    expect(() => calibrationBins([0.5], [1, 0])).toThrow(/1 predictions but 2 observations/);
    expect(() => calibrationBins([1.5], [1])).toThrow(/not in \[0, 1\]/);
    expect(() => calibrationBins([0.5], [0.5])).toThrow(/must be 0 or 1/);
    expect(() => calibrationBins([], [])).toThrow(/no predictions/);
  });
});

describe('fitAnnotatorLabels on synthetic features', () => {
  // Every pair's expert answer lies +1 along the first axis, the rejected one −1, plus
  // a small pair-specific wobble: a reward model that learns the axis ranks all right.
  const set = annotatorPairs(pairs, SEED);
  const features = (n: number, offset: number): PairFeatures[] =>
    Array.from({ length: n }, (_, i) => {
      const wobble = Math.sin(i + offset) * 0.3;
      return {
        chosen: Float32Array.from([1, wobble, 0.5]),
        rejected: Float32Array.from([-1, -wobble, 0.5]),
      };
    });
  const heldOut = features(set.heldOut.length, 100);

  it('gets every held-out pair right from expert labels and every one wrong from flipped ones', () => {
    const labels = expertLabels(set);
    const right = fitAnnotatorLabels(
      set,
      { labelled: features(labels.length, 0), heldOut },
      { labels },
    );
    expect(right.agreement).toEqual({ agree: 16, labelled: 16, rate: 1 });
    expect(right.yours.accuracy).toBe(1);
    expect(right.experts.accuracy).toBe(1);
    expect(right.yours.fitAgreement).toBe(1);
    // P(A ≻ B) is high where the expert's answer is A and low where it is B: the bins
    // above ½ hold only pairs where the experts chose A, those below only B, and both
    // sides are filled (half the held-out pairs have the expert's answer as A).
    const bins = right.yours.calibration;
    expect(bins.filter((b) => b.from >= 0.5 && b.count > 0).map((b) => b.observed)).toEqual(
      bins.filter((b) => b.from >= 0.5 && b.count > 0).map(() => 1),
    );
    expect(bins.filter((b) => b.to <= 0.5 && b.count > 0).map((b) => b.observed)).toEqual(
      bins.filter((b) => b.to <= 0.5 && b.count > 0).map(() => 0),
    );
    const upper = bins.filter((b) => b.from >= 0.5).reduce((n, b) => n + b.count, 0);
    expect(upper).toBe(set.heldOut.filter((p) => p.expert === 'A').length);
    for (const o of right.outcomes) expect(o.yours > 0.5).toBe(o.expert === 'A');
    expectWellFormedBins(right);
    const flipped = flippedLabels(set);
    const wrong = fitAnnotatorLabels(
      set,
      { labelled: features(flipped.length, 0), heldOut },
      { labels: flipped },
    );
    expect(wrong.agreement.agree).toBe(0);
    expect(wrong.yours.accuracy).toBe(0);
    expect(wrong.experts.accuracy).toBe(1);
    // The flipped model puts A's chance low exactly where the experts chose A.
    const surest = wrong.yours.calibration[4];
    if (surest.count > 0) expect(surest.observed).toBe(0);
    expectWellFormedBins(wrong);
  });

  it('refuses features that do not match the labels', () => {
    const labels = expertLabels(set).slice(0, 5);
    expect(() =>
      fitAnnotatorLabels(set, { labelled: features(4, 0), heldOut }, { labels }),
    ).toThrow(/4 labelled features for 5 labels/);
    expect(() =>
      fitAnnotatorLabels(set, { labelled: features(5, 0), heldOut: heldOut.slice(1) }, { labels }),
    ).toThrow(/held-out features for/);
  });
});

describe('fitAnnotatorLabels on the shipped SFT model', () => {
  const set = annotatorPairs(pairs, SEED);
  let trunk: Gpt;
  let tokenizer: BpeTokenizer;
  let shown: PairFeatures[];
  let held: PairFeatures[];

  beforeAll(() => {
    const { checkpoint } = loadShippedCheckpoint('sft');
    trunk = new Gpt(checkpoint.config.model, Float32Array.from(checkpoint.params));
    tokenizer = BpeTokenizer.fromJSON(checkpoint.tokenizer);
    shown = extractPairFeatures(trunk, tokenizer, set.source.shown);
    held = extractPairFeatures(trunk, tokenizer, set.source.heldOut);
  }, 60_000);

  it('generalises from the expert labels and falls below chance on flipped ones', () => {
    const labels = expertLabels(set);
    const agree = fitAnnotatorLabels(set, { labelled: shown, heldOut: held }, { labels });
    expect(agree.agreement.rate).toBe(1);
    // The same labels: the same model.
    expect(agree.yours).toEqual(agree.experts);
    expect(agree.yours.accuracy).toBeGreaterThan(0.55);
    expectWellFormedBins(agree);

    const flipped = flippedLabels(set);
    const against = fitAnnotatorLabels(
      set,
      { labelled: shown, heldOut: held },
      { labels: flipped },
    );
    expect(against.agreement.rate).toBe(0);
    expect(against.experts.accuracy).toBe(agree.experts.accuracy);
    // Flipping every label mirrors the fit (w → −w): the ranking of every held-out pair flips.
    expect(against.yours.accuracy).toBeCloseTo(1 - agree.yours.accuracy, 12);
    expect(against.yours.accuracy).toBeLessThan(0.45);
    // It is as sure of itself as before, but wrong: worse calibration and Brier score.
    expect(against.yours.meanConfidence).toBeCloseTo(agree.yours.meanConfidence, 12);
    expect(against.yours.brier).toBeGreaterThan(agree.yours.brier);
    expect(against.yours.ece).toBeGreaterThan(agree.yours.ece);
    expectWellFormedBins(against);
    // In-sample, each model follows the labels it was given, the flipped one as closely.
    expect(agree.yours.fitAgreement).toBeGreaterThan(0.9);
    expect(against.yours.fitAgreement).toBe(agree.yours.fitAgreement);
  });

  it('runs step by step from the trunk, checking the labels before any work', () => {
    const labels = flippedLabels(set).slice(0, 6);
    const steps = annotatorFitSteps(trunk, tokenizer, pairs, SEED, { labels });
    const seen: number[] = [];
    let next = steps.next();
    while (!next.done) {
      seen.push(next.value.done);
      expect(next.value.total).toBe(Math.ceil((6 + set.heldOut.length) / 2) + 1);
      next = steps.next();
    }
    expect(seen).toEqual(seen.map((_, i) => i));
    const rows = checkAnnotatorLabels(set, labels);
    const direct = fitAnnotatorLabels(
      set,
      { labelled: rows.map((r) => shown[r]), heldOut: held },
      { labels },
    );
    expect(next.value).toEqual(direct);
    expect(next.value.outcomes.map((o) => o.id)).toEqual(set.shown.slice(0, 6).map((p) => p.id));

    const bad = annotatorFitSteps(trunk, tokenizer, pairs, SEED, {
      labels: [...labels, { pairId: 'pref/nope', preferred: 'A' }],
    });
    expect(() => bad.next()).toThrow(/label 7: unknown pair 'pref\/nope'/);
  });
});
