import { describe, expect, it } from 'vitest';
import {
  GENERAL_PROSE,
  KNOWLEDGE_BASE,
  MAX_DOCUMENT_CHARS,
  TEMPLATE_COUNT,
  buildCorpus,
  buildFactProbes,
  capitalize,
  corpusText,
  keyFactPhrase,
  splitCorpus,
  type CorpusDocument,
} from '../../../src/sim/data';

const DEFAULT = { phrasingsPerFact: 6, seed: 1 };

function countOccurrences(haystack: string, needle: string): number {
  let count = 0;
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) count++;
  return count;
}

/** Every continuation of `context` in `text` (the 20 characters after it). */
function continuations(text: string, context: string): string[] {
  const out: string[] = [];
  for (let i = text.indexOf(context); i >= 0; i = text.indexOf(context, i + 1)) {
    out.push(text.slice(i + context.length, i + context.length + 20));
  }
  return out;
}

describe('buildCorpus', () => {
  const docs = buildCorpus(KNOWLEDGE_BASE, DEFAULT);

  it('has the default size of roughly 80,000–150,000 characters', () => {
    const chars = docs.reduce((sum, d) => sum + d.text.length, 0);
    expect(chars).toBeGreaterThanOrEqual(80_000);
    expect(chars).toBeLessThanOrEqual(150_000);
  });

  it('gives each fact phrasingsPerFact distinct documents, plus the general prose', () => {
    expect(GENERAL_PROSE.length).toBeGreaterThanOrEqual(25);
    expect(TEMPLATE_COUNT).toBeGreaterThanOrEqual(12);
    expect(docs).toHaveLength(KNOWLEDGE_BASE.length * 6 + GENERAL_PROSE.length);
    for (const fact of KNOWLEDGE_BASE) {
      const mine = docs.filter((d) => d.factId === fact.id);
      expect(mine, fact.id).toHaveLength(6);
      expect(new Set(mine.map((d) => d.text)).size, fact.id).toBe(6);
    }
    expect(docs.filter((d) => d.factId === null)).toHaveLength(GENERAL_PROSE.length);
    expect(new Set(docs.map((d) => d.id)).size).toBe(docs.length);
  });

  it('keeps every document non-empty and within 300 characters', () => {
    for (const doc of docs) {
      expect(doc.text.length, doc.id).toBeGreaterThan(0);
      expect(doc.text.length, doc.text).toBeLessThanOrEqual(MAX_DOCUMENT_CHARS);
      expect(doc.text).not.toContain('<|');
      expect(doc.text).not.toMatch(/undefined|null|\s{2}|\.\./);
    }
  });

  it("states each fact's key sentence in at least 2 of its phrasings", () => {
    for (const fact of KNOWLEDGE_BASE) {
      const phrase = capitalize(keyFactPhrase(fact));
      const carrying = docs.filter((d) => d.factId === fact.id && d.text.includes(phrase));
      expect(carrying.length, fact.id).toBeGreaterThanOrEqual(2);
      for (const d of docs.filter((x) => x.factId === fact.id)) {
        expect(d.carriesKeyFact).toBe(d.text.includes(phrase));
      }
    }
  });

  it('never continues a probe context with anything but its answer', () => {
    const text = corpusText(docs);
    for (const probe of buildFactProbes(KNOWLEDGE_BASE)) {
      const after = continuations(text, probe.context);
      expect(after.length, probe.context).toBeGreaterThanOrEqual(2);
      for (const rest of after)
        expect(rest.startsWith(` ${probe.answer}`), probe.context).toBe(true);
    }
  });

  it('is deterministic for a seed and differs for another seed', () => {
    expect(buildCorpus(KNOWLEDGE_BASE, DEFAULT)).toEqual(docs);
    const other = buildCorpus(KNOWLEDGE_BASE, { ...DEFAULT, seed: 2 });
    expect(other.map((d) => d.id)).not.toEqual(docs.map((d) => d.id));
    const textsOf = (list: CorpusDocument[]) =>
      list
        .map((d) => d.text)
        .slice()
        .sort();
    expect(textsOf(other)).not.toEqual(textsOf(docs));
  });

  it('scales with phrasingsPerFact and keeps 2 key phrasings from 2 up', () => {
    for (const n of [1, 2, 12]) {
      const list = buildCorpus(KNOWLEDGE_BASE, { phrasingsPerFact: n, seed: 7 });
      expect(list).toHaveLength(KNOWLEDGE_BASE.length * n + GENERAL_PROSE.length);
      for (const fact of KNOWLEDGE_BASE) {
        const mine = list.filter((d) => d.factId === fact.id);
        expect(new Set(mine.map((d) => d.text)).size).toBe(n);
        expect(mine.filter((d) => d.carriesKeyFact).length).toBeGreaterThanOrEqual(Math.min(2, n));
      }
    }
  });

  it('refuses a phrasingsPerFact outside 1..12', () => {
    for (const n of [0, 13, 2.5, Number.NaN]) {
      expect(() => buildCorpus(KNOWLEDGE_BASE, { phrasingsPerFact: n, seed: 1 })).toThrow(
        RangeError,
      );
    }
  });
});

describe('splitCorpus', () => {
  const docs = buildCorpus(KNOWLEDGE_BASE, DEFAULT);
  const { train, heldOut } = splitCorpus(docs, 0.1, 1);

  it('is disjoint, covers every document and holds out about the fraction', () => {
    const trainIds = new Set(train.map((d) => d.id));
    const heldIds = new Set(heldOut.map((d) => d.id));
    for (const id of heldIds) expect(trainIds.has(id)).toBe(false);
    expect(trainIds.size + heldIds.size).toBe(docs.length);
    expect(heldOut.length).toBe(Math.round(0.1 * docs.length));
  });

  it('never holds out a document carrying a key sentence', () => {
    for (const doc of heldOut) {
      expect(doc.carriesKeyFact).toBe(false);
      for (const fact of KNOWLEDGE_BASE) {
        expect(doc.text).not.toContain(capitalize(keyFactPhrase(fact)));
      }
    }
  });

  it('leaves every probe answerable from the training split, at least twice', () => {
    const text = corpusText(train);
    for (const probe of buildFactProbes(KNOWLEDGE_BASE)) {
      expect(
        countOccurrences(text, `${probe.context} ${probe.answer}`),
        probe.context,
      ).toBeGreaterThanOrEqual(2);
    }
  });

  it('holds out documents of facts as well as prose (new phrasings of known facts)', () => {
    expect(heldOut.some((d) => d.factId !== null)).toBe(true);
  });

  it('is deterministic for a seed and differs for another seed', () => {
    expect(splitCorpus(docs, 0.1, 1)).toEqual({ train, heldOut });
    expect(splitCorpus(docs, 0.1, 2).heldOut.map((d) => d.id)).not.toEqual(
      heldOut.map((d) => d.id),
    );
  });

  it('caps the held-out set at the documents that may be held out', () => {
    const split = splitCorpus(docs, 0.95, 3);
    expect(split.heldOut.every((d) => !d.carriesKeyFact)).toBe(true);
    expect(split.train.filter((d) => d.carriesKeyFact)).toHaveLength(
      docs.filter((d) => d.carriesKeyFact).length,
    );
    expect(() => splitCorpus(docs, -0.1, 1)).toThrow(RangeError);
    expect(() => splitCorpus(docs, 1, 1)).toThrow(RangeError);
  });
});
