/**
 * The alignment scorecard of the page, from graded answers: which items every model
 * has answered, the core's five-metric scorecard per model over those items, and the
 * rows of the metric × model table and of each metric's item list.
 */
import {
  SCORECARD_METRICS,
  SCORECARD_METRIC_IDS,
  buildScorecard,
  type EvalItem,
  type Scorecard,
  type ScorecardMetricId,
  type Verdict,
} from '../../sim';
import { mean } from './format';
import { factOf, type AnswersByModel, type ModelId } from './models';

/** Indices of the items every model in `models` has answered (in item order). */
export function completeItems(
  itemCount: number,
  answers: AnswersByModel,
  models: readonly ModelId[],
): number[] {
  if (models.length === 0) return [];
  const out: number[] = [];
  for (let k = 0; k < itemCount; k++) {
    if (models.every((m) => answers[m]?.[k] !== undefined)) out.push(k);
  }
  return out;
}

/** The core's scorecard per model, over the items at `indices` (the same items for all). */
export function modelScorecards(
  items: readonly EvalItem[],
  answers: AnswersByModel,
  models: readonly ModelId[],
  indices: readonly number[],
): Partial<Record<ModelId, Scorecard>> {
  const out: Partial<Record<ModelId, Scorecard>> = {};
  for (const m of models) {
    const list = answers[m];
    if (!list) continue;
    out[m] = buildScorecard(
      indices.map((k) => {
        const answer = list[k];
        if (!answer) throw new RangeError(`modelScorecards: ${m} has not answered item ${k}`);
        return { item: items[k], answer: answer.text, fact: factOf(items[k].factId) };
      }),
    );
  }
  return out;
}

export interface ScorecardCell {
  value: number | null;
  numerator: number;
  denominator: number;
}

export interface ScorecardRow {
  id: ScorecardMetricId;
  name: string;
  definition: string;
  /** The seeds' invented figure, shown as a claim. */
  seedClaim: string;
  /** One cell per model, in the order of `models`. */
  cells: { model: ModelId; cell: ScorecardCell }[];
}

/** The metric × model table: one row per metric, in the seeds' order. */
export function scorecardRows(
  scorecards: Partial<Record<ModelId, Scorecard>>,
  models: readonly ModelId[],
): ScorecardRow[] {
  return SCORECARD_METRIC_IDS.map((id) => ({
    id,
    name: SCORECARD_METRICS[id].name,
    definition: SCORECARD_METRICS[id].definition,
    seedClaim: SCORECARD_METRICS[id].seedClaim,
    cells: models.flatMap((model) => {
      const metric = scorecards[model]?.metrics[id];
      return metric
        ? [
            {
              model,
              cell: {
                value: metric.value,
                numerator: metric.numerator,
                denominator: metric.denominator,
              },
            },
          ]
        : [];
    }),
  }));
}

/** Mean reward-model score of each model's answers at `indices` (null without scores). */
export function meanRewards(
  answers: AnswersByModel,
  models: readonly ModelId[],
  indices: readonly number[],
): Partial<Record<ModelId, number | null>> {
  const out: Partial<Record<ModelId, number | null>> = {};
  for (const m of models) {
    const scores: number[] = [];
    for (const k of indices) {
      const r = answers[m]?.[k]?.reward;
      if (r !== null && r !== undefined) scores.push(r);
    }
    out[m] = mean(scores);
  }
  return out;
}

export interface MetricItemCell {
  model: ModelId;
  answer: string;
  passed: boolean;
  /** The grader rule's explanation for this answer. */
  rule: string;
}

export interface MetricItemRow {
  itemId: string;
  prompt: string;
  expert: Verdict;
  cells: MetricItemCell[];
  /** True when every model passed, or every model failed. */
  agree: boolean;
}

/** The items behind one metric: per item, each model's answer, pass or fail, and why. */
export function metricItemRows(
  metric: ScorecardMetricId,
  scorecards: Partial<Record<ModelId, Scorecard>>,
  models: readonly ModelId[],
  items: readonly EvalItem[],
): MetricItemRow[] {
  const present = models.filter((m) => scorecards[m] !== undefined);
  if (present.length === 0) return [];
  const byId = new Map(items.map((item) => [item.id, item]));
  const first = (scorecards[present[0]] as Scorecard).metrics[metric].items;
  return first.map(({ itemId }) => {
    const item = byId.get(itemId);
    if (!item) throw new RangeError(`metricItemRows: unknown item '${itemId}'`);
    const cells = present.map((model) => {
      const card = scorecards[model] as Scorecard;
      const result = card.metrics[metric].items.find((r) => r.itemId === itemId);
      const entry = card.entries.find((e) => e.itemId === itemId);
      return {
        model,
        answer: entry?.answer ?? '',
        passed: result?.passed ?? false,
        rule: result?.rule ?? '',
      };
    });
    const passes = cells.filter((c) => c.passed).length;
    return {
      itemId,
      prompt: item.prompt,
      expert: item.gold.verdict,
      cells,
      agree: passes === 0 || passes === cells.length,
    };
  });
}
