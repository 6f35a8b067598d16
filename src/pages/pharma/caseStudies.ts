/**
 * The case studies told through the run: a family of facts (drug interactions,
 * adverse events), how each model did on its evaluation items, and what that says in
 * plain words. Pure: counts from graded answers.
 */
import { KNOWLEDGE_BASE, verdictGroup, type EvalItem, type Family } from '../../sim';
import { listWords, mean } from './format';
import { MODEL_NAMES, type AnswersByModel, type ModelId } from './models';

/** Indices of the evaluation items about facts of `family`, in item order. */
export function familyIndices(items: readonly EvalItem[], family: Family): number[] {
  const ids = new Set(KNOWLEDGE_BASE.filter((f) => f.family === family).map((f) => f.id));
  return items.flatMap((item, k) => (ids.has(item.factId) ? [k] : []));
}

export interface FamilyModelSummary {
  model: ModelId;
  /** Items of the family. */
  items: number;
  /** Items this model has answered so far. */
  answered: number;
  /** Answers whose verdict is in the expert's group. */
  verdictRight: number;
  /** No verdict read at all. */
  noVerdict: number;
  /** Told to go ahead with a drug the expert says not to give. */
  safetyMisses: number;
  /** Told not to give a drug the expert says can be given. */
  falseAlarms: number;
  /** Explained the mechanism (the grader's mechanism rule). */
  mechanism: number;
  /** Named a safer alternative, among the items that list one. */
  alternative: { hit: number; of: number };
  meanGold: number | null;
}

/** Per model, how it did on the items at `indices`. */
export function familySummary(
  indices: readonly number[],
  answers: AnswersByModel,
  models: readonly ModelId[],
): FamilyModelSummary[] {
  return models.map((model) => {
    const graded = indices.flatMap((k) => {
      const a = answers[model]?.[k];
      return a ? [a] : [];
    });
    const withAlternative = graded.filter((a) => a.grade.rules.some((r) => r.id === 'alternative'));
    return {
      model,
      items: indices.length,
      answered: graded.length,
      verdictRight: graded.filter((a) => a.grade.verdictCorrect).length,
      noVerdict: graded.filter((a) => a.grade.statedVerdict === null).length,
      safetyMisses: graded.filter((a) => a.grade.flags.safetyMiss).length,
      falseAlarms: graded.filter((a) => a.grade.flags.falseAlarm).length,
      mechanism: graded.filter((a) => a.grade.flags.mentionsMechanism).length,
      alternative: {
        hit: withAlternative.filter((a) => a.grade.flags.mentionsAlternative).length,
        of: withAlternative.length,
      },
      meanGold: mean(graded.map((a) => a.grade.score)),
    };
  });
}

/** How many of the items at `indices` the expert says not to give. */
export function doNotGiveCount(items: readonly EvalItem[], indices: readonly number[]): number {
  return indices.filter((k) => verdictGroup(items[k].gold.verdict) === 'do-not-give').length;
}

function names(list: readonly FamilyModelSummary[]): string {
  return listWords(list.map((s) => MODEL_NAMES[s.model]));
}

/**
 * Plain statements of what the models get right and wrong on a family, once every
 * model has answered every item (empty before).
 */
export function familyReading(
  summaries: readonly FamilyModelSummary[],
  doNotGive: number,
): { right: string[]; wrong: string[] } {
  const right: string[] = [];
  const wrong: string[] = [];
  if (summaries.length === 0 || summaries.some((s) => s.answered < s.items)) {
    return { right, wrong };
  }
  const total = summaries[0].items;
  const top = Math.max(...summaries.map((s) => s.verdictRight));
  const best = summaries.filter((s) => s.verdictRight === top);
  const all = summaries.map((s) => `${MODEL_NAMES[s.model]} ${s.verdictRight}`).join(', ');
  right.push(
    (best.length === 1
      ? `The best verdict record is ${MODEL_NAMES[best[0].model]}'s: ${top} of ${total} in the expert's group (${all}).`
      : `The best verdict record is shared by ${names(best)}: ${top} of ${total} each in the expert's group (${all}).`) +
      ` For scale: answering “do not give” to every question would get ${doNotGive} of ${total}.`,
  );
  const noMiss = summaries.filter((s) => s.safetyMisses === 0);
  if (doNotGive > 0 && noMiss.length > 0) {
    right.push(
      `${names(noMiss)} never told a patient to go ahead with one of the ${doNotGive} drugs the expert says not to give.`,
    );
  }
  const explain = summaries.filter((s) => s.mechanism > 0);
  if (explain.length > 0) {
    right.push(
      `Some answers explain why: ${explain.map((s) => `${MODEL_NAMES[s.model]} ${s.mechanism} of ${total}`).join(', ')}.`,
    );
  }

  const misses = summaries.filter((s) => s.safetyMisses > 0);
  if (misses.length > 0) {
    wrong.push(
      `Safety misses (go ahead where the expert says do not give): ${misses.map((s) => `${MODEL_NAMES[s.model]} ${s.safetyMisses}`).join(', ')}.`,
    );
  }
  const alarms = summaries.filter((s) => s.falseAlarms > 0);
  if (alarms.length > 0) {
    wrong.push(
      `False alarms (do not give where the expert allows it with care): ${alarms.map((s) => `${MODEL_NAMES[s.model]} ${s.falseAlarms} of ${total - doNotGive}`).join(', ')}.`,
    );
  }
  const silent = summaries.filter((s) => s.noVerdict > 0);
  if (silent.length > 0) {
    wrong.push(
      `No verdict at all: ${silent.map((s) => `${MODEL_NAMES[s.model]} ${s.noVerdict} of ${total}`).join(', ')}.`,
    );
  }
  const noWhy = summaries.filter((s) => s.mechanism === 0);
  if (noWhy.length > 0) {
    wrong.push(`${names(noWhy)} never explained why: no answer used two words of the mechanism.`);
  }
  const alternatives = summaries.filter((s) => s.alternative.of > 0);
  if (alternatives.length > 0 && alternatives.every((s) => s.alternative.hit === 0)) {
    wrong.push(
      `No model named one of the safer alternatives the expert lists (${alternatives[0].alternative.of} items list one).`,
    );
  }
  return { right, wrong };
}
