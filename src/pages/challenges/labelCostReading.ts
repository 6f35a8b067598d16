/**
 * What the label-cost study's result says (pure). Hours and money are recomputed from
 * the cost model typed on the page (`labellingCost`), so editing the rates updates
 * them without running the study again.
 */
import type { ChartSeries } from '../../components/chart';
import {
  labellingCost,
  type LabelCostModel,
  type LabelCostResult,
} from '../../sim/experiments/labelCost';
import { count, hours, listText, money, num, pct, pointsDiff, tex } from './format';

/** The seeds' data set size (003, Challenge 4: "Collecting 50k preference pairs"). */
export const SEED_PAIRS = 50_000;
/** The seeds' claimed saving of "focus on high-value data" (003, Challenge 4). */
export const SEED_SAVING = 0.6;
/** "Close to the accuracy with every pair": within this many (fraction) of it. */
export const NEAR_FULL = 0.02;

export interface CostRow {
  labels: number;
  /** The whole training set. */
  all: boolean;
  hours: number;
  cost: number;
  accuracyRandom: number;
  accuracyUncertainty: number;
  /** Uncertainty minus random. */
  difference: number;
  /** Spread (SD over repeats) of each strategy. */
  stdRandom: number;
  stdUncertainty: number;
}

/** One row per measured budget, priced with `model`. */
export function costRows(result: LabelCostResult, model: LabelCostModel): CostRow[] {
  return result.points.map((p) => ({
    labels: p.labels,
    all: p.labels === result.pairs.train,
    ...labellingCost(p.labels, model),
    accuracyRandom: p.accuracyRandom,
    accuracyUncertainty: p.accuracyUncertainty,
    difference: p.accuracyUncertainty - p.accuracyRandom,
    stdRandom: p.spread.accuracyRandom.std,
    stdUncertainty: p.spread.accuracyUncertainty.std,
  }));
}

/** The x label of a budget: its size and its price ("32 · $160", "312 (all) · $1,560"). */
export function budgetLabel(row: CostRow): string {
  return `${count(row.labels)}${row.all ? ' (all)' : ''} · ${money(row.cost)}`;
}

/** Accuracy per budget, one line per strategy; the budgets as categories, priced. */
export function labelCostSeries(rows: readonly CostRow[]): ChartSeries[] {
  const x = rows.map(budgetLabel);
  return [
    {
      name: 'random sampling',
      x,
      y: rows.map((r) => r.accuracyRandom * 100),
      paletteIndex: 0,
    },
    {
      name: 'uncertainty sampling',
      x,
      y: rows.map((r) => r.accuracyUncertainty * 100),
      dashed: true,
      paletteIndex: 1,
    },
  ];
}

export function labelCostDescription(rows: readonly CostRow[]): string {
  if (rows.length === 0) return 'No budget in this result.';
  const a = rows[0];
  const b = rows[rows.length - 1];
  const at = (r: CostRow) => `${count(r.labels)} labels (${hours(r.hours)}, ${money(r.cost)})`;
  return `Held-out accuracy of the probe reward model from ${at(a)} to ${at(b)}: random sampling ${pct(a.accuracyRandom)} to ${pct(b.accuracyRandom)}, uncertainty sampling ${pct(a.accuracyUncertainty)} to ${pct(b.accuracyUncertainty)}.`;
}

/** What the labels bought: accuracy and price from the smallest budget to every pair. */
export function costReading(rows: readonly CostRow[]): string {
  if (rows.length < 2) return '';
  const a = rows[0];
  const b = rows[rows.length - 1];
  return `From ${count(a.labels)} labels (${money(a.cost)}) to ${b.all ? 'all ' : ''}${count(b.labels)} (${money(b.cost)}), random sampling's accuracy went from ${pct(a.accuracyRandom)} to ${pct(b.accuracyRandom)}: ${pointsDiff(b.accuracyRandom - a.accuracyRandom)} for ${money(b.cost - a.cost)} more.`;
}

export interface StrategyComparison {
  /** Budgets where the strategies can differ (above the random start, below all pairs). */
  budgets: number;
  ahead: number;
  behind: number;
  /** Mean of uncertainty minus random over those budgets. */
  mean: number;
  /** Mean SD between repeats over those budgets (both strategies averaged). */
  spread: number;
  /** 'same': the mean difference is no larger than the spread. */
  verdict: 'ahead' | 'same' | 'behind';
}

/** Uncertainty against random sampling where they can differ; null where they cannot. */
export function compareStrategies(result: LabelCostResult): StrategyComparison | null {
  const { initialLabels, pairs } = result;
  // At or below the random seed set, and with every pair, both label the same pairs.
  const compared = result.points.filter((p) => p.labels > initialLabels && p.labels < pairs.train);
  if (compared.length === 0) return null;
  const diffs = compared.map((p) => p.accuracyUncertainty - p.accuracyRandom);
  const mean = diffs.reduce((a, d) => a + d, 0) / diffs.length;
  const spread =
    compared.reduce(
      (a, p) => a + (p.spread.accuracyRandom.std + p.spread.accuracyUncertainty.std) / 2,
      0,
    ) / compared.length;
  return {
    budgets: compared.length,
    ahead: diffs.filter((d) => d > 0).length,
    behind: diffs.filter((d) => d < 0).length,
    mean,
    spread,
    verdict: Math.abs(mean) <= spread ? 'same' : mean > 0 ? 'ahead' : 'behind',
  };
}

const VERDICT_WORDS: Record<StrategyComparison['verdict'], string> = {
  same: 'about the same as random sampling here: the mean difference is no larger than the spread between repeats',
  ahead: 'ahead of random sampling by more than the spread between repeats',
  behind: 'behind random sampling by more than the spread between repeats',
};

/** Does uncertainty sampling beat random, where the two can differ? */
export function uncertaintyReading(result: LabelCostResult): string {
  const { initialLabels, pairs } = result;
  const c = compareStrategies(result);
  if (!c) {
    return `No budget lies between the ${initialLabels} random starting labels and all ${pairs.train} pairs, where the strategies can differ: add label counts in between.`;
  }
  return `Uncertainty sampling against random at the ${c.budgets} budgets between ${initialLabels} and ${pairs.train} labels: ahead at ${c.ahead}, behind at ${c.behind}, mean difference ${pointsDiff(c.mean)} (spread between repeats about ${num(c.spread * 100, 1)} points; one held-out pair is ${num(100 / pairs.heldOut, 1)} points): ${VERDICT_WORDS[c.verdict]}.`;
}

/**
 * The seeds' "saves 60% of labelling effort", measured: the labels each strategy needed
 * to come within NEAR_FULL of the accuracy with every pair. Only read as a saving when
 * uncertainty sampling is ahead beyond the spread between repeats; otherwise a
 * threshold crossed a budget earlier by chance would read as a saving.
 */
export function savingReading(result: LabelCostResult, model: LabelCostModel): string {
  const rows = costRows(result, model);
  const full = rows.find((r) => r.all);
  if (!full) return '';
  const c = compareStrategies(result);
  if (!c || c.verdict !== 'ahead') {
    return `No measurable saving: uncertainty sampling was not ahead of random sampling by more than the spread between repeats, so the labels it saved cannot be told from chance here (the seeds claim ${pct(SEED_SAVING)}).`;
  }
  const target = full.accuracyRandom - NEAR_FULL;
  const first = (f: (r: CostRow) => number) => rows.find((r) => f(r) >= target) ?? full;
  const random = first((r) => r.accuracyRandom);
  const uncertain = first((r) => r.accuracyUncertainty);
  const head = `To come within ${num(NEAR_FULL * 100, 0)} points of the accuracy with all ${full.labels} pairs (${pct(full.accuracyRandom)}), random sampling needed ${count(random.labels)} labels (${money(random.cost)}) and uncertainty sampling ${count(uncertain.labels)} (${money(uncertain.cost)}), among the budgets measured`;
  if (uncertain.labels < random.labels) {
    return `${head}: ${pct(1 - uncertain.labels / random.labels)} fewer labels (the seeds claim ${pct(SEED_SAVING)}).`;
  }
  if (uncertain.labels === random.labels) {
    return `${head}: no saving (the seeds claim ${pct(SEED_SAVING)}).`;
  }
  return `${head}: more labels, not fewer (the seeds claim ${pct(SEED_SAVING)} fewer).`;
}

/** The rates in words: "3 minutes per comparison and $100 per hour". */
export function ratesText(model: LabelCostModel): string {
  return `${model.minutesPerComparison} minutes per comparison and ${money(model.hourlyRate)} per hour`;
}

/** The seeds' 50,000 pairs at the rates typed in. */
export function seedScale(model: LabelCostModel): { hours: number; cost: number } {
  return labellingCost(SEED_PAIRS, model);
}

export const COST_TEX = String.raw`\text{hours} = \frac{n \times \text{minutes per comparison}}{60}, \qquad \text{cost} = \text{hours} \times \text{hourly rate}`;
export const COST_TEXT =
  'Hours = n × minutes per comparison / 60; cost = hours × hourly rate, for n labelled comparisons.';

/** The cost formula with the seeds' 50,000 pairs and the rates typed in. */
export function costLive(model: LabelCostModel): { tex: string; text: string } {
  const s = seedScale(model);
  const n = tex(SEED_PAIRS, 0);
  const m = tex(model.minutesPerComparison, 2, false);
  const h = tex(s.hours, 1, false);
  const rate = tex(model.hourlyRate, 2, false);
  const cost = tex(s.cost, 2, false);
  return {
    tex: String.raw`\frac{${n} \times ${m}}{60} = ${h}\ \text{h}, \qquad ${h} \times \$${rate} = \$${cost}`,
    text: `${count(SEED_PAIRS)} × ${model.minutesPerComparison} / 60 = ${hours(s.hours)}; ${hours(s.hours).replace(' h', '')} × ${money(model.hourlyRate)} = ${money(s.cost)}`,
  };
}

/** The budgets measured, in words ("8, 16 and 312 (all)"). */
export function budgetsText(rows: readonly CostRow[]): string {
  return listText(rows.map((r) => `${count(r.labels)}${r.all ? ' (all)' : ''}`));
}
