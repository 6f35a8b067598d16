import { describe, expect, it } from 'vitest';
import {
  FACT_LIMITS,
  FAMILIES,
  KNOWLEDGE_BASE,
  TEACHING_DISCLAIMER,
  VERDICTS,
  keyFactPhrase,
  type PharmaFact,
} from '../../../src/sim/data';

const STRING_FIELDS = [
  'id',
  'situation',
  'question',
  'caseQuestion',
  'answer',
  'mechanism',
  'monitoring',
  'source',
] as const satisfies readonly (keyof PharmaFact)[];

describe('knowledge base', () => {
  it('has at least 44 facts and at least 4 in each of the 8 families', () => {
    expect(KNOWLEDGE_BASE.length).toBeGreaterThanOrEqual(44);
    expect(FAMILIES).toHaveLength(8);
    for (const family of FAMILIES) {
      const n = KNOWLEDGE_BASE.filter((f) => f.family === family).length;
      expect(n, family).toBeGreaterThanOrEqual(4);
    }
    for (const fact of KNOWLEDGE_BASE) expect(FAMILIES).toContain(fact.family);
  });

  it('has unique kebab-case ids', () => {
    const ids = KNOWLEDGE_BASE.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('fills every string field, within its length limit', () => {
    for (const fact of KNOWLEDGE_BASE) {
      for (const field of STRING_FIELDS) {
        expect(fact[field].trim().length, `${fact.id}.${field}`).toBeGreaterThan(0);
      }
      for (const [field, limit] of Object.entries(FACT_LIMITS)) {
        const value = fact[field as keyof typeof FACT_LIMITS];
        expect(value.length, `${fact.id}.${field}: ${value}`).toBeLessThanOrEqual(limit);
      }
      expect(fact.question.length).toBeLessThanOrEqual(80);
      expect(fact.answer.length).toBeLessThanOrEqual(110);
      expect(fact.mechanism.length).toBeLessThanOrEqual(110);
      if (fact.dose !== undefined) expect(fact.dose.trim().length).toBeGreaterThan(0);
      for (const alt of fact.alternatives) expect(alt.trim().length).toBeGreaterThan(0);
      const { subject, relation, value, unit } = fact.keyFact;
      for (const part of [subject, relation, value]) expect(part.trim()).toBe(part);
      expect(subject.length * relation.length * value.length).toBeGreaterThan(0);
      if (unit !== undefined) expect(unit.trim().length).toBeGreaterThan(0);
    }
  });

  it('uses lower-case generic drug names and known verdicts', () => {
    for (const fact of KNOWLEDGE_BASE) {
      expect(fact.drugs.length, fact.id).toBeGreaterThan(0);
      for (const drug of fact.drugs) expect(drug).toBe(drug.toLowerCase());
      expect(VERDICTS).toContain(fact.verdict);
      expect(typeof fact.uncertain).toBe('boolean');
    }
  });

  it('never starts an answer with a verdict word', () => {
    const verdictStart = /^(contraindicated|avoid|caution|adjust|monitor|safe)\b/i;
    for (const fact of KNOWLEDGE_BASE) expect(fact.answer, fact.id).not.toMatch(verdictStart);
  });

  it('keeps key-fact values short and sentences plain', () => {
    for (const fact of KNOWLEDGE_BASE) {
      const { value } = fact.keyFact;
      expect(value.split(' ').length, fact.id).toBeLessThanOrEqual(2);
      expect(value, fact.id).not.toMatch(/[.,;:]$/);
      expect(keyFactPhrase(fact)).not.toContain('  ');
    }
  });

  it('has no two facts with the same probe context', () => {
    const contexts = KNOWLEDGE_BASE.map((f) =>
      `${f.keyFact.subject} ${f.keyFact.relation}`.toLowerCase(),
    );
    expect(new Set(contexts).size).toBe(contexts.length);
  });

  it('states the checked teaching examples correctly', () => {
    const byId = new Map(KNOWLEDGE_BASE.map((f) => [f.id, f]));
    const get = (id: string): PharmaFact => {
      const fact = byId.get(id);
      if (!fact) throw new Error(`missing fact ${id}`);
      return fact;
    };
    expect(get('metformin-egfr-30')).toMatchObject({
      verdict: 'contraindicated',
      keyFact: { value: '30' },
    });
    expect(get('ace-inhibitor-pregnancy').verdict).toBe('contraindicated');
    expect(get('warfarin-nsaid').alternatives).toContain('paracetamol');
    expect(get('ace-inhibitor-spironolactone').verdict).toBe('monitor');
    expect(get('methotrexate-weekly').keyFact.value).toBe('weekly');
    expect(get('lithium-toxicity').keyFact.value).toBe('1.5');
    expect(get('lithium-range').keyFact.value).toBe('1.0');
    expect(get('penicillin-cephalosporin').verdict).toBe('caution');
    expect(get('codeine-cyp2d6-ultrarapid').verdict).toBe('avoid');
    expect(get('codeine-cyp2d6-poor').verdict).toBe('avoid');
  });

  it('includes safe verdicts and uncertain facts, so a model cannot win by refusing', () => {
    expect(KNOWLEDGE_BASE.filter((f) => f.verdict === 'safe').length).toBeGreaterThanOrEqual(3);
    expect(KNOWLEDGE_BASE.filter((f) => f.uncertain).length).toBeGreaterThanOrEqual(5);
  });

  it('says it is not medical advice', () => {
    expect(TEACHING_DISCLAIMER).toMatch(/^Teaching examples only — not medical advice\./);
  });
});
