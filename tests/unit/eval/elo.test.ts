import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/sim/core/rng';
import {
  ELO_PER_NAT,
  bradleyTerryRatings,
  eloExpectedScore,
  eloRatings,
  eloUpdate,
  type Comparison,
} from '../../../src/sim/eval/elo';

describe('eloExpectedScore and eloUpdate', () => {
  it('match hand-computed values', () => {
    expect(eloExpectedScore(1500, 1500)).toBe(0.5);
    // 400 points ahead: odds 10:1 → 10/11
    expect(eloExpectedScore(1900, 1500)).toBeCloseTo(10 / 11, 15);
    expect(eloUpdate(1500, 1500, 1, 32)).toEqual([1516, 1484]);
    expect(eloUpdate(1500, 1500, 0.5, 32)).toEqual([1500, 1500]);
    // Upset: the 1900 player loses to the 1500 player: 1900 − 32·10/11, 1500 + 32·10/11
    const [a, b] = eloUpdate(1900, 1500, 0, 32);
    expect(a).toBeCloseTo(1900 - 320 / 11, 12);
    expect(b).toBeCloseTo(1500 + 320 / 11, 12);
    expect(a + b).toBeCloseTo(3400, 12);
  });

  it("reproduces Wikipedia's worked example (player rated 1613, five games, K = 32 → 1601)", () => {
    const opponents = [1609, 1477, 1388, 1586, 1720];
    const expected = opponents.map((r) => eloExpectedScore(1613, r));
    expect(expected.map((e) => Math.round(e * 100) / 100)).toEqual([0.51, 0.69, 0.79, 0.54, 0.35]);
    const total = expected.reduce((s, e) => s + e, 0);
    expect(total).toBeCloseTo(2.867, 3);
    // Scores 0, ½, 1, 1, 0 = 2.5; the per-event update sums the per-game changes.
    expect(Math.round(1613 + 32 * (2.5 - total))).toBe(1601);
  });

  it('refuses bad input', () => {
    expect(() => eloUpdate(NaN, 1500, 1, 32)).toThrow(/ratingA/);
    expect(() => eloUpdate(1500, Infinity, 1, 32)).toThrow(/ratingB/);
    expect(() => eloUpdate(1500, 1500, 1.5, 32)).toThrow(/scoreA must lie in \[0, 1\]/);
    expect(() => eloUpdate(1500, 1500, -0.5, 32)).toThrow(/scoreA/);
    expect(() => eloUpdate(1500, 1500, 1, -1)).toThrow(/k must be ≥ 0/);
  });
});

function tournament(seed: number): Comparison[] {
  // Four models with true strengths; 60 games, outcomes drawn from Bradley–Terry.
  const strength: Record<string, number> = { base: -1, sft: 0, ppo: 0.8, dpo: 0.6 };
  const names = Object.keys(strength);
  const rng = createRng(seed);
  const out: Comparison[] = [];
  for (let g = 0; g < 60; g++) {
    const i = rng.int(4);
    const j = (i + 1 + rng.int(3)) % 4;
    const p = 1 / (1 + Math.exp(strength[names[j]] - strength[names[i]]));
    const u = rng.uniform();
    out.push({ a: names[i], b: names[j], scoreA: u < 0.1 ? 0.5 : u < 0.1 + 0.9 * p ? 1 : 0 });
  }
  return out;
}

function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const rng = createRng(seed);
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe('bradleyTerryRatings', () => {
  it('gives 400·log10(3) ≈ 190.85 points for a 3-to-1 record (maximum likelihood)', () => {
    const games: Comparison[] = [
      { a: 'x', b: 'y', scoreA: 1 },
      { a: 'x', b: 'y', scoreA: 1 },
      { a: 'y', b: 'x', scoreA: 0 },
      { a: 'x', b: 'y', scoreA: 0 },
    ];
    const fit = bradleyTerryRatings(games, { prior: 0 });
    expect(fit.converged).toBe(true);
    expect(fit.ratings.x - fit.ratings.y).toBeCloseTo(400 * Math.log10(3), 8);
    expect((fit.ratings.x + fit.ratings.y) / 2).toBeCloseTo(1000, 10);
    // The default tiny prior moves it by under a point.
    const shrunk = bradleyTerryRatings(games);
    expect(Math.abs(shrunk.ratings.x - shrunk.ratings.y - 190.848501887865)).toBeLessThan(1);
  });

  it('satisfies the likelihood equations: each player’s expected score equals its actual score', () => {
    const games = tournament(1);
    const { ratings } = bradleyTerryRatings(games, { prior: 0 });
    const actual = new Map<string, number>();
    const expected = new Map<string, number>();
    for (const { a, b, scoreA } of games) {
      const p = 1 / (1 + Math.exp(-(ratings[a] - ratings[b]) / ELO_PER_NAT));
      actual.set(a, (actual.get(a) ?? 0) + scoreA);
      actual.set(b, (actual.get(b) ?? 0) + 1 - scoreA);
      expected.set(a, (expected.get(a) ?? 0) + p);
      expected.set(b, (expected.get(b) ?? 0) + 1 - p);
    }
    for (const [name, s] of actual) expect(expected.get(name)).toBeCloseTo(s, 6);
  });

  it('is order-independent, whereas sequential Elo is not', () => {
    const games = tournament(2);
    const fit = bradleyTerryRatings(games);
    const again = bradleyTerryRatings(shuffled(games, 99));
    const elo = eloRatings(games);
    const eloShuffled = eloRatings(shuffled(games, 99));
    let eloGap = 0;
    for (const name of Object.keys(fit.ratings)) {
      expect(again.ratings[name]).toBeCloseTo(fit.ratings[name], 8);
      eloGap = Math.max(eloGap, Math.abs(elo[name] - eloShuffled[name]));
    }
    expect(eloGap).toBeGreaterThan(1);
    // And it ranks the models by their true strengths.
    const order = Object.entries(fit.ratings)
      .sort((x, y) => y[1] - x[1])
      .map(([n]) => n);
    expect(order[0]).toBe('ppo');
    expect(order[3]).toBe('base');
  });

  it('stays finite when a player never wins (prior), and refuses that case without one', () => {
    const games: Comparison[] = [
      { a: 'a', b: 'b', scoreA: 1 },
      { a: 'b', b: 'c', scoreA: 1 },
      { a: 'a', b: 'c', scoreA: 1 },
    ];
    const { ratings, converged } = bradleyTerryRatings(games);
    expect(converged).toBe(true);
    expect(Object.values(ratings).every(Number.isFinite)).toBe(true);
    expect(ratings.a).toBeGreaterThan(ratings.b);
    expect(ratings.b).toBeGreaterThan(ratings.c);
    expect(() => bradleyTerryRatings(games, { prior: 0 })).toThrow(/does not exist/);
  });

  it('converges in few iterations when only the common scale drifts (weak prior, many ties)', () => {
    // Four models on 62 items, mostly ties, one weak model: the Pharma page's case.
    const strength: Record<string, number> = { base: 0.05, sft: 0.3, ppo: 0.5, dpo: 0.3 };
    const names = Object.keys(strength);
    const games: Comparison[] = [];
    for (let item = 0; item < 62; item++) {
      names.forEach((a, i) =>
        names.slice(i + 1).forEach((b, j) => {
          const u = ((item * 7 + i * 3 + j) % 10) / 10;
          const p = strength[a] / (strength[a] + strength[b]);
          games.push({ a, b, scoreA: u < 0.4 * p ? 1 : u > 1 - 0.4 * (1 - p) ? 0 : 0.5 });
        }),
      );
    }
    const fit = bradleyTerryRatings(games);
    expect(fit.converged).toBe(true);
    expect(fit.iterations).toBeLessThan(200); // it ran all 100,000 before
    // A much longer run moves no rating by more than 0.001 Elo.
    const long = bradleyTerryRatings(games, { tolerance: 1e-14, maxIterations: 20_000 });
    for (const name of names)
      expect(Math.abs(fit.ratings[name] - long.ratings[name])).toBeLessThan(1e-3);
  });

  it('refuses bad input', () => {
    expect(() => bradleyTerryRatings([])).toThrow(/comparisons is empty/);
    expect(() => bradleyTerryRatings([{ a: 'x', b: 'x', scoreA: 1 }])).toThrow(/with itself/);
    expect(() => bradleyTerryRatings([{ a: '', b: 'x', scoreA: 1 }])).toThrow(/player names/);
    expect(() => bradleyTerryRatings([{ a: 'x', b: 'y', scoreA: NaN }])).toThrow(
      /comparisons\[0\]\.scoreA/,
    );
    expect(() => bradleyTerryRatings([{ a: 'x', b: 'y', scoreA: 2 }])).toThrow(/\[0, 1\]/);
    const ok: Comparison[] = [{ a: 'x', b: 'y', scoreA: 1 }];
    expect(() => bradleyTerryRatings(ok, { prior: -1 })).toThrow(/prior must be ≥ 0/);
    expect(() => bradleyTerryRatings(ok, { maxIterations: 0 })).toThrow(/maxIterations/);
    expect(() => eloRatings(ok, { k: -1 })).toThrow(/k must be ≥ 0/);
  });
});
