import { describe, expect, it } from 'vitest';
import {
  KNOWLEDGE_BASE,
  VERDICT_LABELS,
  startsWithVerdict,
  type PharmaFact,
} from '../../../src/sim/data';
import {
  PREFERENCE_LIMITS,
  PREFERENCE_QUALITIES,
  SEED_PREFERENCE_PAIRS,
  buildPreferencePairs,
  splitPreferencePairs,
  type PreferencePair,
} from '../../../src/sim/data/preferences';
import { gradeAnswer } from '../../../src/sim/eval/grader';

const pairs = buildPreferencePairs(KNOWLEDGE_BASE);
const factById = new Map<string, PharmaFact>(KNOWLEDGE_BASE.map((f) => [f.id, f]));

function count(list: readonly PreferencePair[], test: (p: PreferencePair) => boolean): number {
  return list.filter(test).length;
}

describe('buildPreferencePairs', () => {
  it('builds at least 120 pairs (about 200) with unique ids', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(120);
    expect(pairs.length).toBeLessThanOrEqual(260);
    expect(new Set(pairs.map((p) => p.id)).size).toBe(pairs.length);
  });

  it('represents every quality with at least 15 pairs', () => {
    for (const quality of PREFERENCE_QUALITIES) {
      expect(
        count(pairs, (p) => p.quality === quality),
        quality,
      ).toBeGreaterThanOrEqual(15);
    }
  });

  it("contains every seed pair, first, with source 'seed'", () => {
    expect(SEED_PREFERENCE_PAIRS.length).toBeGreaterThanOrEqual(10);
    SEED_PREFERENCE_PAIRS.forEach((seed, i) => {
      expect(pairs[i].id).toBe(seed.id);
      expect(pairs[i].source).toBe('seed');
      expect(pairs[i].chosen).toBe(seed.chosen);
      expect(pairs[i].rejected).toBe(seed.rejected);
    });
    expect(count(pairs, (p) => p.source === 'seed')).toBe(SEED_PREFERENCE_PAIRS.length);
    // Seed facts exist; the seed's wrong "preferred" answers are recorded.
    for (const seed of SEED_PREFERENCE_PAIRS) {
      if (seed.factId !== null) expect(factById.has(seed.factId), seed.id).toBe(true);
      expect(seed.origin.length).toBeGreaterThan(0);
    }
    expect(
      SEED_PREFERENCE_PAIRS.find((p) => p.id === 'seed-pref-renal-fixed-bands')?.rejected,
    ).toBe(
      SEED_PREFERENCE_PAIRS.find((p) => p.id === 'seed-pref-renal-fixed-bands')?.seedPreferred,
    );
  });

  it('keeps prompts and answers within the length limits; chosen differs from rejected', () => {
    expect(PREFERENCE_LIMITS).toEqual({ prompt: 90, answer: 170 });
    for (const p of pairs) {
      expect(p.prompt.trim().length, p.id).toBeGreaterThan(0);
      expect(p.prompt.length, p.prompt).toBeLessThanOrEqual(90);
      expect(p.chosen.length, p.chosen).toBeLessThanOrEqual(170);
      expect(p.rejected.length, p.rejected).toBeLessThanOrEqual(170);
      expect(p.rejected.trim().length, p.id).toBeGreaterThan(0);
      expect(p.chosen, p.id).not.toBe(p.rejected);
    }
  });

  it("starts every chosen answer with its fact's verdict label", () => {
    for (const p of pairs) {
      const verdict = startsWithVerdict(p.chosen);
      expect(verdict, p.chosen).not.toBeNull();
      if (p.factId !== null) {
        const fact = factById.get(p.factId);
        expect(fact, p.id).toBeDefined();
        expect(verdict, p.id).toBe(fact?.verdict);
      }
    }
  });

  it('agrees with the gold grader: chosen scores higher for at least 90% of pairs', () => {
    // Pairs without a fact (general seed pairs) cannot be graded against a fact.
    const graded = pairs.filter((p) => p.factId !== null);
    expect(graded.length).toBeGreaterThanOrEqual(pairs.length - 5);
    let agree = 0;
    const perQuality = new Map<string, [number, number]>();
    for (const p of graded) {
      const fact = factById.get(p.factId as string) as PharmaFact;
      const ok = gradeAnswer(p.chosen, fact).score > gradeAnswer(p.rejected, fact).score;
      if (ok) agree++;
      const key = p.quality ?? 'none';
      const q = perQuality.get(key) ?? [0, 0];
      perQuality.set(key, [q[0] + (ok ? 1 : 0), q[1] + 1]);
    }
    expect(agree / graded.length).toBeGreaterThanOrEqual(0.9);
    for (const [quality, [ok, n]] of perQuality) {
      expect(ok / n, quality).toBeGreaterThanOrEqual(0.8);
    }
  });

  it('is not separable by one surface feature: rejected answers are sometimes longer, usually labelled', () => {
    const longer = count(pairs, (p) => p.rejected.length > p.chosen.length);
    expect(longer).toBeGreaterThanOrEqual(Math.ceil(0.15 * pairs.length));
    // "Pick the longer answer" must stay well below what a real reward model should reach.
    expect(longer / pairs.length).toBeLessThan(0.5);
    const qualitiesWithLonger = new Set(
      pairs.filter((p) => p.rejected.length > p.chosen.length).map((p) => p.quality),
    );
    expect(qualitiesWithLonger.size).toBeGreaterThanOrEqual(4);
    // Most rejected answers carry a verdict label too, so "has a label" is no shortcut.
    const labelled = count(pairs, (p) => startsWithVerdict(p.rejected) !== null);
    expect(labelled / pairs.length).toBeGreaterThanOrEqual(0.75);
    // The unsafe answers flip the verdict: their label differs from the chosen one.
    for (const p of pairs.filter((x) => x.quality === 'safe-vs-unsafe' && x.source !== 'seed')) {
      expect(startsWithVerdict(p.rejected), p.id).not.toBe(startsWithVerdict(p.chosen));
    }
  });

  it('writes humble answers only for uncertain facts, with a hedge the rejected one lacks', () => {
    for (const p of pairs.filter(
      (x) => x.quality === 'humble-vs-overconfident' && x.source !== 'seed',
    )) {
      expect(factById.get(p.factId as string)?.uncertain, p.id).toBe(true);
      expect(p.rejected, p.id).toMatch(/always|never|definitely|no exceptions/i);
    }
  });

  it('is deterministic and follows the knowledge base it is given', () => {
    expect(buildPreferencePairs(KNOWLEDGE_BASE)).toEqual(pairs);
    const subset = KNOWLEDGE_BASE.slice(0, 8);
    const ids = new Set(subset.map((f) => f.id));
    const small = buildPreferencePairs(subset);
    expect(small.length).toBeGreaterThan(8);
    for (const p of small) {
      if (p.factId !== null) expect(ids.has(p.factId), p.id).toBe(true);
    }
    expect(VERDICT_LABELS.avoid).toBe('AVOID');
  });
});

describe('splitPreferencePairs', () => {
  const key = (p: PreferencePair) =>
    p.factId !== null ? `fact:${p.factId}` : `prompt:${p.prompt}`;

  it('is disjoint, complete and deterministic', () => {
    const a = splitPreferencePairs(pairs, 0.2, 7);
    const b = splitPreferencePairs(pairs, 0.2, 7);
    expect(a).toEqual(b);
    const trainIds = new Set(a.train.map((p) => p.id));
    for (const p of a.heldOut) expect(trainIds.has(p.id), p.id).toBe(false);
    expect(a.train.length + a.heldOut.length).toBe(pairs.length);
    const c = splitPreferencePairs(pairs, 0.2, 8);
    expect(c.heldOut.map((p) => p.id)).not.toEqual(a.heldOut.map((p) => p.id));
  });

  it('holds out whole facts: no held-out fact or prompt appears in training', () => {
    for (const seed of [1, 2, 3]) {
      const { train, heldOut } = splitPreferencePairs(pairs, 0.2, seed);
      const trainKeys = new Set(train.map(key));
      const trainPrompts = new Set(train.map((p) => p.prompt));
      for (const p of heldOut) {
        expect(trainKeys.has(key(p)), p.id).toBe(false);
        expect(trainPrompts.has(p.prompt), p.prompt).toBe(false);
      }
      // About the requested fraction, and every quality on both sides.
      expect(heldOut.length / pairs.length).toBeGreaterThan(0.14);
      expect(heldOut.length / pairs.length).toBeLessThan(0.26);
      for (const quality of PREFERENCE_QUALITIES) {
        expect(
          count(heldOut, (p) => p.quality === quality),
          `${seed} ${quality}`,
        ).toBeGreaterThan(0);
        expect(
          count(train, (p) => p.quality === quality),
          `${seed} ${quality}`,
        ).toBeGreaterThan(0);
      }
    }
  });

  it('holds out nothing at fraction 0 and refuses bad input', () => {
    expect(splitPreferencePairs(pairs, 0, 1).heldOut).toEqual([]);
    expect(() => splitPreferencePairs(pairs, 1, 1)).toThrow(/heldOutFraction/);
    expect(() => splitPreferencePairs(pairs, -0.1, 1)).toThrow(/heldOutFraction/);
    expect(() => splitPreferencePairs(pairs, Number.NaN, 1)).toThrow(/heldOutFraction/);
    expect(() => splitPreferencePairs([], 0.2, 1)).toThrow(/no preference pairs/);
  });
});
