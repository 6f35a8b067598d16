import { describe, expect, it } from 'vitest';
import {
  KNOWLEDGE_BASE,
  SEED_EXPERT_PAIRS,
  SFT_LIMITS,
  VERDICT_LABELS,
  VERDICTS,
  buildSftPairs,
  formatResponse,
  splitSftPairs,
  startsWithVerdict,
} from '../../../src/sim/data';

const pairs = buildSftPairs(KNOWLEDGE_BASE);
const factById = new Map(KNOWLEDGE_BASE.map((f) => [f.id, f]));

describe('startsWithVerdict', () => {
  it('reads every label back and rejects text without one', () => {
    for (const verdict of VERDICTS) {
      expect(startsWithVerdict(`${VERDICT_LABELS[verdict]}: something.`)).toBe(verdict);
      expect(startsWithVerdict(`  ${VERDICT_LABELS[verdict]}: leading spaces`)).toBe(verdict);
    }
    expect(startsWithVerdict('ADJUST DOSE: halve it.')).toBe('adjust-dose');
    expect(startsWithVerdict('Avoid: lower case is not the format')).toBeNull();
    expect(startsWithVerdict('AVOID without a colon')).toBeNull();
    expect(startsWithVerdict('INEFFECTIVE: not a verdict')).toBeNull();
    expect(startsWithVerdict('The answer is AVOID:')).toBeNull();
    expect(startsWithVerdict('')).toBeNull();
  });
});

describe('buildSftPairs', () => {
  it('has at least 60 pairs with unique ids and instructions', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(60);
    expect(new Set(pairs.map((p) => p.id)).size).toBe(pairs.length);
    expect(new Set(pairs.map((p) => p.instruction)).size).toBe(pairs.length);
  });

  it('keeps instructions and responses within their length limits', () => {
    for (const p of pairs) {
      expect(p.instruction.trim().length, p.id).toBeGreaterThan(0);
      expect(p.instruction.length, p.instruction).toBeLessThanOrEqual(SFT_LIMITS.instruction);
      expect(p.response.length, p.response).toBeLessThanOrEqual(SFT_LIMITS.response);
      expect(SFT_LIMITS).toEqual({ instruction: 90, response: 170 });
    }
  });

  it('starts every response with a verdict label that agrees with its fact', () => {
    for (const p of pairs) {
      const verdict = startsWithVerdict(p.response);
      expect(verdict, p.response).not.toBeNull();
      if (p.factId !== null) {
        const fact = factById.get(p.factId);
        expect(fact, p.factId).toBeDefined();
        expect(verdict, p.id).toBe(fact?.verdict);
      }
    }
  });

  it('gives every fact at least 2 instructions, the canonical question among them', () => {
    for (const fact of KNOWLEDGE_BASE) {
      const mine = pairs.filter((p) => p.factId === fact.id && p.source === 'knowledge-base');
      expect(mine.length, fact.id).toBeGreaterThanOrEqual(2);
      expect(mine.map((p) => p.instruction)).toContain(fact.question);
      expect(mine.map((p) => p.instruction)).toContain(fact.caseQuestion);
    }
  });

  it('formats knowledge-base responses as label, answer, then one action sentence', () => {
    for (const fact of KNOWLEDGE_BASE) {
      const response = formatResponse(fact);
      expect(response.startsWith(`${VERDICT_LABELS[fact.verdict]}: ${fact.answer}`)).toBe(true);
      const tail = response.slice(`${VERDICT_LABELS[fact.verdict]}: ${fact.answer}`.length);
      expect(tail === '' || /^ (Use .+ instead|Monitor .+)\.$/.test(tail), response).toBe(true);
    }
  });

  it('includes every seed expert pair, marked as seed, with its fact verdict', () => {
    expect(SEED_EXPERT_PAIRS.length).toBeGreaterThanOrEqual(5);
    for (const seed of SEED_EXPERT_PAIRS) {
      const pair = pairs.find((p) => p.id === seed.id);
      expect(pair, seed.id).toBeDefined();
      expect(pair).toMatchObject({
        source: 'seed',
        instruction: seed.instruction,
        response: seed.response,
        factId: seed.factId,
      });
      expect(startsWithVerdict(seed.response)).toBe(seed.verdict);
      if (seed.factId !== null) expect(factById.get(seed.factId)?.verdict).toBe(seed.verdict);
    }
    expect(pairs.filter((p) => p.source === 'seed')).toHaveLength(SEED_EXPERT_PAIRS.length);
  });

  it('does not repeat the seed errors', () => {
    const seedText = SEED_EXPERT_PAIRS.map((s) => s.response).join(' ');
    expect(seedText).not.toMatch(/SGLT2|oxycodone|INEFFECTIVE|DEPENDS|2-3x/);
    const warfarin = SEED_EXPERT_PAIRS.find((s) => s.id === 'seed-warfarin-nsaid');
    expect(warfarin?.verdict).toBe('avoid');
  });

  it('is deterministic', () => {
    expect(buildSftPairs(KNOWLEDGE_BASE)).toEqual(pairs);
  });
});

describe('splitSftPairs', () => {
  const { train, heldOut } = splitSftPairs(pairs, 0.1, 1);

  it('is disjoint, covers every pair and holds out about the fraction', () => {
    const trainIds = new Set(train.map((p) => p.id));
    for (const p of heldOut) expect(trainIds.has(p.id)).toBe(false);
    expect(train.length + heldOut.length).toBe(pairs.length);
    expect(heldOut.length).toBe(Math.round(0.1 * pairs.length));
  });

  it('holds out unseen instructions of facts that keep a pair in training', () => {
    const trainInstructions = new Set(train.map((p) => p.instruction));
    for (const p of heldOut) {
      expect(trainInstructions.has(p.instruction)).toBe(false);
      expect(p.factId).not.toBeNull();
      expect(
        train.some((t) => t.factId === p.factId),
        p.id,
      ).toBe(true);
    }
  });

  it('is deterministic for a seed and differs for another seed', () => {
    expect(splitSftPairs(pairs, 0.1, 1)).toEqual({ train, heldOut });
    expect(splitSftPairs(pairs, 0.1, 2).heldOut.map((p) => p.id)).not.toEqual(
      heldOut.map((p) => p.id),
    );
  });

  it('caps the held-out set and refuses a bad fraction', () => {
    const split = splitSftPairs(pairs, 0.9, 4);
    for (const fact of KNOWLEDGE_BASE) {
      expect(
        split.train.some((p) => p.factId === fact.id),
        fact.id,
      ).toBe(true);
    }
    expect(() => splitSftPairs(pairs, Number.NaN, 1)).toThrow(RangeError);
    expect(() => splitSftPairs(pairs, 1.5, 1)).toThrow(RangeError);
  });
});
