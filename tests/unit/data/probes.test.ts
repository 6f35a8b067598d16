import { describe, expect, it } from 'vitest';
import {
  KNOWLEDGE_BASE,
  buildCorpus,
  buildFactProbes,
  capitalize,
  corpusText,
  isProbeValue,
  splitCorpus,
} from '../../../src/sim/data';

const probes = buildFactProbes(KNOWLEDGE_BASE);

describe('buildFactProbes', () => {
  it('gives at least 20 probes, one per fact with a one-word or numeric value', () => {
    expect(probes.length).toBeGreaterThanOrEqual(20);
    const eligible = KNOWLEDGE_BASE.filter((f) => isProbeValue(f.keyFact.value));
    expect(probes.map((p) => p.factId)).toEqual(eligible.map((f) => f.id));
    expect(new Set(probes.map((p) => p.context)).size).toBe(probes.length);
  });

  it('uses the capitalised subject and relation as context and the value as answer', () => {
    for (const probe of probes) {
      const fact = KNOWLEDGE_BASE.find((f) => f.id === probe.factId);
      expect(fact).toBeDefined();
      if (!fact) continue;
      expect(probe.context).toBe(capitalize(`${fact.keyFact.subject} ${fact.keyFact.relation}`));
      expect(probe.answer).toBe(fact.keyFact.value);
      expect(probe.answer).not.toMatch(/\s/);
      expect(probe.context).not.toMatch(/\s$/);
    }
  });

  it('rejects multi-word values', () => {
    expect(isProbeValue('30')).toBe(true);
    expect(isProbeValue('HLA-B*15:02')).toBe(true);
    expect(isProbeValue('lactic acidosis')).toBe(false);
    expect(isProbeValue('')).toBe(false);
  });

  it.each([1, 2, 3])('every probe is answered twice in the training split (seed %i)', (seed) => {
    const docs = buildCorpus(KNOWLEDGE_BASE, { phrasingsPerFact: 6, seed });
    const train = corpusText(splitCorpus(docs, 0.2, seed).train);
    for (const probe of probes) {
      const needle = `${probe.context} ${probe.answer}`;
      const first = train.indexOf(needle);
      expect(first, needle).toBeGreaterThanOrEqual(0);
      expect(train.indexOf(needle, first + 1), needle).toBeGreaterThan(first);
    }
  });
});
