import { describe, expect, it } from 'vitest';
import { KNOWLEDGE_BASE, buildSftPairs } from '../../../src/sim/data';
import {
  SEED_PPO_QUERIES,
  buildEvalSet,
  buildPpoPrompts,
  keyNumber,
} from '../../../src/sim/data/prompts';

const factById = new Map(KNOWLEDGE_BASE.map((f) => [f.id, f]));
const doNotGive = (factId: string) => {
  const v = factById.get(factId)?.verdict;
  return v === 'contraindicated' || v === 'avoid';
};

describe('SEED_PPO_QUERIES', () => {
  it('holds the 6 queries the seeds write out (of the 8 claimed), each tied to a fact', () => {
    expect(SEED_PPO_QUERIES).toHaveLength(6);
    expect(new Set(SEED_PPO_QUERIES.map((q) => q.id)).size).toBe(6);
    for (const q of SEED_PPO_QUERIES) {
      expect(factById.has(q.factId), q.factId).toBe(true);
      expect(q.prompt.length, q.prompt).toBeLessThanOrEqual(90);
      expect(q.seedPpo.claimedReward).toBeGreaterThan(q.seedSft.claimedReward);
    }
  });
});

describe('buildPpoPrompts', () => {
  const { train, heldOut } = buildPpoPrompts(KNOWLEDGE_BASE, 0);

  it('trains on the seed queries and holds out whole facts', () => {
    for (const q of SEED_PPO_QUERIES) expect(train.map((p) => p.id)).toContain(q.id);
    const trainFacts = new Set(train.map((p) => p.factId));
    expect(heldOut.length).toBeGreaterThanOrEqual(10);
    for (const p of heldOut) {
      expect(trainFacts.has(p.factId), p.factId).toBe(false);
      expect(p.prompt).toBe(factById.get(p.factId)?.question);
    }
    // Both kinds of fact are held out; no seed-query fact is.
    expect(heldOut.some((p) => doNotGive(p.factId))).toBe(true);
    expect(heldOut.some((p) => !doNotGive(p.factId))).toBe(true);
    const seedFacts = new Set(SEED_PPO_QUERIES.map((q) => q.factId));
    for (const p of heldOut) expect(seedFacts.has(p.factId)).toBe(false);
    // Every fact is somewhere.
    expect(new Set([...trainFacts, ...heldOut.map((p) => p.factId)]).size).toBe(
      KNOWLEDGE_BASE.length,
    );
  });

  it('has unique ids and prompts within the limit', () => {
    const all = [...train, ...heldOut];
    expect(new Set(all.map((p) => p.id)).size).toBe(all.length);
    expect(new Set(all.map((p) => p.prompt)).size).toBe(all.length);
    for (const p of all) expect(p.prompt.length, p.prompt).toBeLessThanOrEqual(90);
  });

  it('is deterministic for a seed and changes with it; refuses bad input', () => {
    expect(buildPpoPrompts(KNOWLEDGE_BASE, 0)).toEqual({ train, heldOut });
    expect(buildPpoPrompts(KNOWLEDGE_BASE, 1).heldOut).not.toEqual(heldOut);
    expect(buildPpoPrompts(KNOWLEDGE_BASE, 0, 0).heldOut).toEqual([]);
    expect(() => buildPpoPrompts(KNOWLEDGE_BASE, 0, 1)).toThrow(/heldOutFraction/);
    expect(() => buildPpoPrompts([], 0)).toThrow(/empty/);
  });
});

describe('buildEvalSet', () => {
  const items = buildEvalSet(KNOWLEDGE_BASE);

  it('has one item per fact with a prompt the SFT data never uses', () => {
    expect(items).toHaveLength(KNOWLEDGE_BASE.length);
    expect(items.map((i) => i.factId)).toEqual(KNOWLEDGE_BASE.map((f) => f.id));
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    const sft = new Set(buildSftPairs(KNOWLEDGE_BASE).map((p) => p.instruction));
    for (const item of items) {
      expect(sft.has(item.prompt), item.prompt).toBe(false);
      expect(item.prompt.length, item.prompt).toBeLessThanOrEqual(90);
    }
  });

  it('copies the gold labels from the fact', () => {
    for (const item of items) {
      const fact = factById.get(item.factId);
      expect(item.gold.verdict).toBe(fact?.verdict);
      expect(item.gold.requiresUncertainty).toBe(fact?.uncertain);
      expect(item.gold.dose).toBe(fact?.dose);
    }
    const byFact = new Map(items.map((i) => [i.factId, i]));
    expect(byFact.get('metformin-egfr-30')?.gold.keyValue).toBe('30');
    expect(byFact.get('penicillin-cephalosporin')?.gold.keyValue).toBe('1–2%');
    expect(byFact.get('metformin-hepatic-impairment')?.gold.keyValue).toBeUndefined();
    expect(byFact.get('clopidogrel-cyp2c19')?.gold.keyValue).toBeUndefined(); // "CYP2C19" is no number
    expect(items.filter((i) => i.gold.keyValue !== undefined).length).toBeGreaterThanOrEqual(15);
    expect(items.filter((i) => i.gold.requiresUncertainty).length).toBeGreaterThanOrEqual(10);
  });

  it('defines the key number as a number, range or percentage', () => {
    const fact = factById.get('lithium-toxicity');
    expect(fact && keyNumber(fact)).toBe('1.5');
    const gene = factById.get('abacavir-hla-b5701');
    expect(gene && keyNumber(gene)).toBeNull();
  });
});
