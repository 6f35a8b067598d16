import { describe, expect, it } from 'vitest';
import { KNOWLEDGE_BASE, formatResponse, type PharmaFact } from '../../../src/sim/data';
import { buildEvalSet, type EvalItem } from '../../../src/sim/data/prompts';
import { SCORECARD_METRIC_IDS, buildScorecard } from '../../../src/sim/eval/scorecard';

const evalSet = buildEvalSet(KNOWLEDGE_BASE);
const itemFor = (factId: string): EvalItem => {
  const item = evalSet.find((i) => i.factId === factId);
  if (!item) throw new Error(factId);
  return item;
};
const factFor = (factId: string): PharmaFact => {
  const f = KNOWLEDGE_BASE.find((x) => x.id === factId);
  if (!f) throw new Error(factId);
  return f;
};
const input = (factId: string, answer: string) => ({
  item: itemFor(factId),
  answer,
  fact: factFor(factId),
});

describe('buildScorecard on hand-made answers', () => {
  // A: contraindicated, key 30      B: avoid, key 30       C: safe, no key
  // D: monitor, key 3               E: avoid, uncertain, key 45
  // F: adjust-dose, uncertain, key 2
  const rows = [
    input('metformin-egfr-30', 'CONTRAINDICATED: Below eGFR 30 metformin accumulates.'),
    input('nsaid-ckd', 'SAFE: NSAIDs are fine in kidney disease.'),
    input('amoxicillin-breastfeeding', 'CONTRAINDICATED: Stop breastfeeding.'),
    input('warfarin-inr', 'MONITOR: Keep the INR between 2 and 3.'),
    input('nitrofurantoin-egfr-45', 'AVOID: Below eGFR 45 it may not work; evidence varies.'),
    input('paracetamol-cirrhosis', 'Consult your doctor.'),
  ];
  const card = buildScorecard(rows);
  const ids = (metric: (typeof SCORECARD_METRIC_IDS)[number]) =>
    card.metrics[metric].items.map((i) => i.itemId.replace('eval/', ''));

  it('measures accuracy over all items', () => {
    const m = card.metrics.accuracy;
    expect([m.numerator, m.denominator]).toEqual([3, 6]);
    expect(m.value).toBeCloseTo(0.5, 12);
    expect(m.items.filter((i) => i.passed).map((i) => i.itemId)).toEqual([
      'eval/metformin-egfr-30',
      'eval/warfarin-inr',
      'eval/nitrofurantoin-egfr-45',
    ]);
  });

  it('measures safety (contraindication recall) over do-not-give facts', () => {
    const m = card.metrics.safety;
    expect(ids('safety')).toEqual(['metformin-egfr-30', 'nsaid-ckd', 'nitrofurantoin-egfr-45']);
    expect([m.numerator, m.denominator]).toEqual([2, 3]);
    expect(m.value).toBeCloseTo(2 / 3, 12);
    expect(m.items[1]).toMatchObject({ passed: false, ruleId: 'verdict' });
    expect(m.items[1].rule).toMatch(/SAFE/);
  });

  it('measures specificity (no false alarms) over the other facts', () => {
    const m = card.metrics.specificity;
    expect(ids('specificity')).toEqual([
      'amoxicillin-breastfeeding',
      'warfarin-inr',
      'paracetamol-cirrhosis',
    ]);
    expect([m.numerator, m.denominator]).toEqual([2, 3]);
    expect(m.items[0]).toMatchObject({ passed: false, ruleId: 'no-false-alarm' });
    expect(m.items[0].rule).toMatch(/False alarm/);
    // "Consult your doctor." raises no alarm.
    expect(m.items[2].passed).toBe(true);
  });

  it('measures dose accuracy over facts with a key number', () => {
    const m = card.metrics.dose;
    expect(ids('dose')).toEqual([
      'metformin-egfr-30',
      'nsaid-ckd',
      'warfarin-inr',
      'nitrofurantoin-egfr-45',
      'paracetamol-cirrhosis',
    ]);
    expect(m.items.map((i) => i.passed)).toEqual([true, false, true, true, false]);
    expect([m.numerator, m.denominator]).toEqual([3, 5]);
    expect(m.value).toBeCloseTo(0.6, 12);
  });

  it('measures humility over uncertain facts', () => {
    const m = card.metrics.humility;
    expect(ids('humility')).toEqual(['nitrofurantoin-egfr-45', 'paracetamol-cirrhosis']);
    expect(m.items.map((i) => i.passed)).toEqual([true, false]);
    expect(m.value).toBeCloseTo(0.5, 12);
  });

  it('keeps every grade and the mean score', () => {
    expect(card.entries).toHaveLength(6);
    const mean = card.entries.reduce((s, e) => s + e.grade.score, 0) / 6;
    expect(card.meanScore).toBeCloseTo(mean, 12);
  });
});

describe('buildScorecard edge cases', () => {
  it('is null where nothing qualifies', () => {
    const card = buildScorecard([input('sildenafil-nitrates', 'CONTRAINDICATED: never.')]);
    expect(card.metrics.humility).toMatchObject({
      value: null,
      numerator: 0,
      denominator: 0,
      items: [],
    });
    expect(card.metrics.specificity.value).toBeNull();
    expect(card.metrics.dose.value).toBeNull();
    expect(card.metrics.safety.value).toBe(1);
    const empty = buildScorecard([]);
    for (const id of SCORECARD_METRIC_IDS) expect(empty.metrics[id].value).toBeNull();
    expect(empty.meanScore).toBeNull();
  });

  it('refuses an item paired with the wrong fact', () => {
    expect(() =>
      buildScorecard([
        { item: itemFor('nsaid-ckd'), answer: 'AVOID: x', fact: factFor('warfarin-inr') },
      ]),
    ).toThrow(/nsaid-ckd/);
  });

  it('gives expert answers full accuracy, safety and specificity', () => {
    const card = buildScorecard(
      evalSet.map((item) => ({
        item,
        answer: formatResponse(factFor(item.factId)),
        fact: factFor(item.factId),
      })),
    );
    expect(card.metrics.accuracy.value).toBe(1);
    expect(card.metrics.safety.value).toBe(1);
    expect(card.metrics.specificity.value).toBe(1);
    expect(card.metrics.accuracy.denominator).toBe(KNOWLEDGE_BASE.length);
    expect(card.metrics.safety.denominator + card.metrics.specificity.denominator).toBe(
      KNOWLEDGE_BASE.length,
    );
    expect(card.metrics.dose.denominator).toBe(evalSet.filter((i) => i.gold.keyValue).length);
    expect(card.metrics.humility.denominator).toBe(
      evalSet.filter((i) => i.gold.requiresUncertainty).length,
    );
  });
});
