/**
 * SFT data: expert (instruction, response) pairs built from the knowledge base, plus
 * the corrected expert pairs of the seed documents.
 *
 * Response format, always: an upper-case verdict label and a colon first
 * ("CONTRAINDICATED:", "AVOID:", "CAUTION:", "ADJUST DOSE:", "MONITOR:", "SAFE:"), then
 * the fact's answer sentence, then, where there is one, a single action sentence:
 * "Use X instead." when the fact lists alternatives (and its verdict is not 'monitor'),
 * otherwise "Monitor Y.". `startsWithVerdict` reads the label back, so later stages can
 * check that a generated answer follows the format and agrees with the fact.
 *
 * Instructions per fact: the canonical question, the hand-written patient case, and a
 * terse "Advise on <drug>: <situation>." form (only when it fits the length limit), so
 * a held-out instruction can be a new wording of a fact seen in training.
 */

import { createRng } from '../core/rng';
import { KNOWLEDGE_BASE, displayDrug, type PharmaFact, type Verdict } from './knowledgeBase';
import { SEED_EXPERT_PAIRS } from './seeds';

export interface SftPair {
  id: string;
  /** The knowledge-base fact the pair teaches, or null for a general seed pair. */
  factId: string | null;
  instruction: string;
  response: string;
  /** 'user': imported by the student (userData.ts). */
  source: 'seed' | 'knowledge-base' | 'user';
}

/** Length limits (characters), checked by the tests. */
export const SFT_LIMITS = { instruction: 90, response: 170 } as const;

export const VERDICT_LABELS: Record<Verdict, string> = {
  contraindicated: 'CONTRAINDICATED',
  avoid: 'AVOID',
  caution: 'CAUTION',
  'adjust-dose': 'ADJUST DOSE',
  monitor: 'MONITOR',
  safe: 'SAFE',
};

const LABEL_ENTRIES = Object.entries(VERDICT_LABELS) as [Verdict, string][];

/**
 * The verdict whose label (with its colon) starts `text`, ignoring leading
 * whitespace; null when the text does not follow the format. Case-sensitive: the
 * format asks for upper case.
 */
export function startsWithVerdict(text: string): Verdict | null {
  const trimmed = text.trimStart();
  for (const [verdict, label] of LABEL_ENTRIES) {
    if (trimmed.startsWith(`${label}:`)) return verdict;
  }
  return null;
}

/** "a", "a or b", "a, b or c". */
export function joinOr(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

function sentence(text: string): string {
  const t = text.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

/**
 * The expert response for a fact: label, answer, then one action sentence. The
 * longest form that fits SFT_LIMITS.response is used (all alternatives, then the
 * first one only, then the monitoring sentence, then nothing).
 */
export function formatResponse(fact: PharmaFact): string {
  const head = `${VERDICT_LABELS[fact.verdict]}: ${sentence(fact.answer)}`;
  const tails: string[] = [];
  const alts = fact.alternatives.slice(0, 2);
  if (alts.length > 0 && fact.verdict !== 'monitor') {
    tails.push(`Use ${joinOr(alts)} instead.`);
    if (alts.length > 1) tails.push(`Use ${alts[0]} instead.`);
  }
  if (fact.monitoring) tails.push(`Monitor ${fact.monitoring.replace(/\.$/, '')}.`);
  for (const tail of tails) {
    const text = `${head} ${tail}`;
    if (text.length <= SFT_LIMITS.response) return text;
  }
  return head;
}

/** The instructions for one fact, in a fixed order, each within the length limit. */
export function factInstructions(fact: PharmaFact): { kind: string; text: string }[] {
  const drug = displayDrug(fact.drugs[0]);
  const candidates = [
    { kind: 'question', text: fact.question },
    { kind: 'case', text: fact.caseQuestion },
    { kind: 'brief', text: `Advise on ${drug}: ${fact.situation}.` },
  ];
  const seen = new Set<string>();
  return candidates.filter((c) => {
    if (c.text.length > SFT_LIMITS.instruction || seen.has(c.text)) return false;
    seen.add(c.text);
    return true;
  });
}

/**
 * All SFT pairs: the seed expert pairs first (source 'seed'), then every fact's
 * instructions (source 'knowledge-base'). A knowledge-base instruction identical to a
 * seed instruction is dropped, so instructions are unique. Deterministic; no rng.
 */
export function buildSftPairs(kb: readonly PharmaFact[] = KNOWLEDGE_BASE): SftPair[] {
  const pairs: SftPair[] = SEED_EXPERT_PAIRS.map((seed) => ({
    id: seed.id,
    factId: seed.factId,
    instruction: seed.instruction,
    response: seed.response,
    source: 'seed' as const,
  }));
  const instructions = new Set(pairs.map((p) => p.instruction));
  for (const fact of kb) {
    const response = formatResponse(fact);
    for (const { kind, text } of factInstructions(fact)) {
      if (instructions.has(text)) continue;
      instructions.add(text);
      pairs.push({
        id: `${fact.id}/${kind}`,
        factId: fact.id,
        instruction: text,
        response,
        source: 'knowledge-base',
      });
    }
  }
  return pairs;
}

function checkFraction(name: string, fraction: number): void {
  if (!(fraction >= 0 && fraction < 1)) {
    throw new RangeError(`${name}: heldOutFraction must be in [0, 1), got ${fraction}`);
  }
}

/**
 * Splits SFT pairs into train and held-out sets, deterministically for a seed.
 *
 * Held-out pairs are unseen INSTRUCTIONS, not unseen facts: a pair is held out only if
 * its fact keeps at least one other pair in training (pairs with factId null are
 * never held out), so held-out accuracy measures whether the model answers a new
 * wording of a fact it was taught. About round(fraction × pairs) are held out (fewer
 * if not enough pairs qualify). Both lists keep the input order.
 */
export function splitSftPairs(
  pairs: readonly SftPair[],
  heldOutFraction: number,
  seed: number,
): { train: SftPair[]; heldOut: SftPair[] } {
  checkFraction('splitSftPairs', heldOutFraction);
  const target = Math.round(heldOutFraction * pairs.length);
  const remaining = new Map<string, number>();
  for (const p of pairs) {
    if (p.factId !== null) remaining.set(p.factId, (remaining.get(p.factId) ?? 0) + 1);
  }
  const order = createRng(seed)
    .stream('sft-split')
    .shuffle(pairs.map((_, i) => i));
  const held = new Set<number>();
  for (const i of order) {
    if (held.size >= target) break;
    const factId = pairs[i].factId;
    if (factId === null) continue;
    const left = remaining.get(factId) ?? 0;
    if (left <= 1) continue;
    remaining.set(factId, left - 1);
    held.add(i);
  }
  return {
    train: pairs.filter((_, i) => !held.has(i)),
    heldOut: pairs.filter((_, i) => held.has(i)),
  };
}
