/**
 * Factual probes for the pretrained (base) model: a context the corpus states
 * verbatim, and the one-token-ish answer that follows it there.
 *
 * "Metformin is contraindicated when eGFR is below" → "30". The context is the key
 * fact's subject and relation with the first letter capitalised, exactly as the key
 * templates of the corpus write it at a sentence start; only facts whose value is a
 * number or a single word (no spaces) become probes.
 */

import { KNOWLEDGE_BASE, capitalize, type PharmaFact } from './knowledgeBase';

export interface FactProbe {
  factId: string;
  /** Text the model continues, e.g. 'Metformin is contraindicated when eGFR is below'. */
  context: string;
  /** Expected continuation after a space, e.g. '30'. */
  answer: string;
}

/** True for a number or a single word: non-empty and without whitespace. */
export function isProbeValue(value: string): boolean {
  return /^\S+$/.test(value);
}

export function probeContext(fact: PharmaFact): string {
  return capitalize(`${fact.keyFact.subject} ${fact.keyFact.relation}`);
}

/** One probe per fact whose key-fact value is a number or a single word, in KB order. */
export function buildFactProbes(kb: readonly PharmaFact[] = KNOWLEDGE_BASE): FactProbe[] {
  return kb
    .filter((fact) => isProbeValue(fact.keyFact.value))
    .map((fact) => ({ factId: fact.id, context: probeContext(fact), answer: fact.keyFact.value }));
}
