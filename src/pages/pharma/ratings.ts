/**
 * Elo-scale ratings from per-item gold comparisons, as the core's compareModels does:
 * on every item, every pair of models is a game won by the higher gold grade (a tie
 * when equal), and the Bradley–Terry maximum-likelihood fit turns the games into
 * ratings (mean 1000; 400 points = 10:1 odds).
 */
import { bradleyTerryRatings, type Comparison, type Scorecard } from '../../sim';
import type { ModelId } from './models';

/** Per item, per pair of models (pipeline order), the game decided by the gold grade. */
export function goldComparisons(
  scorecards: Partial<Record<ModelId, Scorecard>>,
  models: readonly ModelId[],
): Comparison[] {
  const present = models.filter((m) => scorecards[m] !== undefined);
  if (present.length < 2) return [];
  const grades = present.map((m) => (scorecards[m] as Scorecard).entries.map((e) => e.grade.score));
  const n = Math.min(...grades.map((g) => g.length));
  const out: Comparison[] = [];
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < present.length; i++) {
      for (let j = i + 1; j < present.length; j++) {
        const a = grades[i][k];
        const b = grades[j][k];
        out.push({ a: present[i], b: present[j], scoreA: a > b ? 1 : a < b ? 0 : 0.5 });
      }
    }
  }
  return out;
}

export interface Record3 {
  wins: number;
  ties: number;
  losses: number;
}

/** Wins, ties and losses of `a` against `b`, for every pair that played. */
export function headToHead(comparisons: readonly Comparison[]): Map<string, Record3> {
  const table = new Map<string, Record3>();
  const add = (a: string, b: string, score: number) => {
    const key = `${a}|${b}`;
    const r = table.get(key) ?? { wins: 0, ties: 0, losses: 0 };
    if (score === 1) r.wins += 1;
    else if (score === 0) r.losses += 1;
    else r.ties += 1;
    table.set(key, r);
  };
  for (const { a, b, scoreA } of comparisons) {
    add(a, b, scoreA);
    add(b, a, 1 - scoreA);
  }
  return table;
}

/** A model's record against all the others together. */
export function totalRecord(table: Map<string, Record3>, model: string): Record3 {
  const total = { wins: 0, ties: 0, losses: 0 };
  for (const [key, r] of table) {
    if (key.split('|')[0] !== model) continue;
    total.wins += r.wins;
    total.ties += r.ties;
    total.losses += r.losses;
  }
  return total;
}

/** Elo-scale Bradley–Terry ratings (mean 1000), or null with fewer than two models. */
export function goldRatings(comparisons: readonly Comparison[]): Record<string, number> | null {
  if (comparisons.length === 0) return null;
  return bradleyTerryRatings(comparisons).ratings;
}

export interface RankedModel<M extends string = string> {
  model: M;
  rating: number;
  /** 1-based; models whose whole-point ratings are equal share a rank. */
  rank: number;
  tied: boolean;
}

/** Models by rating, best first (pipeline order among equals), with shared ranks for ties. */
export function rankRatings<M extends string>(
  ratings: Readonly<Record<string, number>>,
  models: readonly M[],
): RankedModel<M>[] {
  const rounded = (m: M) => Math.round(ratings[m] ?? Number.NaN);
  const sorted = models
    .filter((m) => Number.isFinite(ratings[m]))
    .map((model, order) => ({ model, order }))
    .sort((a, b) => rounded(b.model) - rounded(a.model) || a.order - b.order)
    .map(({ model }) => model);
  return sorted.map((model) => {
    const first = sorted.findIndex((m) => rounded(m) === rounded(model));
    const tied = sorted.filter((m) => rounded(m) === rounded(model)).length > 1;
    return { model, rating: ratings[model], rank: first + 1, tied };
  });
}
