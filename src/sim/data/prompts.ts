/**
 * Prompts for PPO and the evaluation set with gold labels.
 *
 * - `SEED_PPO_QUERIES`: the seeds' PPO queries. The seeds (001, 003) claim "8
 *   pharmaceutical queries" but write out only 5 (003, "Stage 4 results"); the
 *   metformin progression of 003 adds a 6th ("Can I use metformin if eGFR=28?"). All 6
 *   are here, worded as in `SEED_EXPERT_PAIRS`, each tied to a knowledge-base fact.
 *   Query 1 ("Renal Dosing") asks about no drug in particular, so it has no single
 *   right answer; it is made concrete as gabapentin in moderate renal impairment.
 * - `buildPpoPrompts`: the seed queries plus every fact's SFT instructions for
 *   training, and the canonical question of a held-out set of facts that PPO never
 *   sees, so "gold score on held-out prompts" measures transfer to new facts.
 * - `buildEvalSet`: one item per fact, worded in a form the SFT data never uses
 *   ("Warfarin, NSAID co-prescription: what do you advise?"), with the gold labels the
 *   grader and the scorecard need.
 */

import { createRng } from '../core/rng';
import {
  KNOWLEDGE_BASE,
  capitalize,
  displayDrug,
  type PharmaFact,
  type Verdict,
} from './knowledgeBase';
import { SFT_LIMITS, buildSftPairs, factInstructions } from './sft';

export interface PpoPrompt {
  /** Stable, unique: 'ppo/<factId>/<kind>' or 'ppo/seed-…'. */
  id: string;
  factId: string;
  /** ≤ 90 characters. */
  prompt: string;
}

export interface SeedPpoQuery extends PpoPrompt {
  /** Where in the seeds it comes from. */
  origin: string;
  /** The seed's SFT answer and the reward it claimed (invented numbers, shown as claims). */
  seedSft: { answer: string; claimedReward: number };
  /** The seed's hand-written "PPO" answer and the reward it claimed. */
  seedPpo: { answer: string; claimedReward: number };
  /** How the query was changed; null where it is the seed's wording. */
  note: string | null;
}

export const SEED_PPO_QUERIES: readonly SeedPpoQuery[] = [
  {
    id: 'ppo/seed-renal-dosing',
    factId: 'gabapentin-crcl-60',
    prompt: 'How should the gabapentin dose change as kidney function falls?',
    origin: '003, Query 1 (Renal Dosing)',
    seedSft: {
      answer: 'eGFR >60: normal. eGFR 30-59: reduce. eGFR <30: further reduce.',
      claimedReward: 3.8,
    },
    seedPpo: {
      answer: 'eGFR >60: 100%. eGFR 30-59: 75%. eGFR <30: 50%. Monitor renal function weekly x4.',
      claimedReward: 5.3,
    },
    note: 'The seed asked about no drug, and its 100/75/50% bands are invented; made concrete as gabapentin.',
  },
  {
    id: 'ppo/seed-warfarin-nsaid',
    factId: 'warfarin-nsaid',
    prompt: 'Can a patient on warfarin take an NSAID for pain?',
    origin: '003, Query 2 (Warfarin + NSAIDs)',
    seedSft: {
      answer: 'NSAIDs can cause bleeding. Use acetaminophen instead.',
      claimedReward: 3.2,
    },
    seedPpo: {
      answer:
        'CONTRAINDICATED. NSAIDs inhibit platelets + enhance warfarin → 2-3x bleeding. Use acetaminophen.',
      claimedReward: 5.1,
    },
    note: null,
  },
  {
    id: 'ppo/seed-metformin-cirrhosis',
    factId: 'metformin-hepatic-impairment',
    prompt: 'Is metformin safe for a diabetic patient with liver cirrhosis?',
    origin: '003, Query 3 (Metformin in Cirrhosis)',
    seedSft: { answer: 'Metformin has renal concerns but may work.', claimedReward: 2.1 },
    seedPpo: {
      answer: 'CONTRAINDICATED. Severe lactic acidosis risk. Use insulin, GLP-1, SGLT2i.',
      claimedReward: 5.2,
    },
    note: null,
  },
  {
    id: 'ppo/seed-penicillin-cephalosporin',
    factId: 'penicillin-cephalosporin',
    prompt: 'A patient says she is allergic to penicillin. Can she have a cephalosporin?',
    origin: '003, Query 4 (Penicillin Allergy + Cephalosporin)',
    seedSft: { answer: 'Cephalosporins might be okay but be careful.', claimedReward: 2.9 },
    seedPpo: {
      answer: 'DEPENDS on type. Non-IgE: 3rd gen safe (1-3% cross). IgE: AVOID beta-lactams.',
      claimedReward: 5.4,
    },
    note: null,
  },
  {
    id: 'ppo/seed-codeine-cyp2d6-poor',
    factId: 'codeine-cyp2d6-poor',
    prompt: 'Will codeine work for a CYP2D6 poor metaboliser?',
    origin: '003, Query 5 (CYP2D6 Poor Metabolizer + Codeine)',
    seedSft: { answer: 'Codeine might not work well.', claimedReward: 3.4 },
    seedPpo: {
      answer: 'INEFFECTIVE. Codeine requires CYP2D6→morphine. Use morphine/oxycodone directly.',
      claimedReward: 5.2,
    },
    note: null,
  },
  {
    id: 'ppo/seed-metformin-egfr-28',
    factId: 'metformin-egfr-30',
    prompt: 'Can I use metformin if eGFR is 28?',
    origin: '003, metformin progression (Stages 2 and 4)',
    seedSft: { answer: 'Metformin has renal concerns but may work.', claimedReward: 2.1 },
    seedPpo: {
      answer: 'CONTRAINDICATED. Severe lactic acidosis risk. Use insulin, GLP-1, SGLT2i.',
      claimedReward: 5.2,
    },
    note: null,
  },
];

/** Default share of facts whose prompts PPO never trains on. */
export const PPO_HELD_OUT_FRACTION = 0.25;

const DO_NOT_GIVE: ReadonlySet<Verdict> = new Set<Verdict>(['contraindicated', 'avoid']);

/**
 * PPO prompts, deterministic for a seed.
 *
 * Held out: about `heldOutFraction` of the facts, drawn in a seeded order separately
 * among 'do not give' facts and the others (so both kinds are held out), never a fact
 * of a seed query. Each held-out fact contributes its canonical question to `heldOut`
 * and nothing to `train`. Train: the seed queries first, then every SFT instruction
 * (question, case, brief) of the other facts, in knowledge-base order, text unique.
 */
export function buildPpoPrompts(
  kb: readonly PharmaFact[] = KNOWLEDGE_BASE,
  seed = 0,
  heldOutFraction = PPO_HELD_OUT_FRACTION,
): { train: PpoPrompt[]; heldOut: PpoPrompt[] } {
  if (!(heldOutFraction >= 0 && heldOutFraction < 1)) {
    throw new RangeError(
      `buildPpoPrompts: heldOutFraction must be in [0, 1), got ${heldOutFraction}`,
    );
  }
  if (kb.length === 0) throw new RangeError('buildPpoPrompts: the knowledge base is empty');
  const factIds = new Set(kb.map((f) => f.id));
  const seedQueries = SEED_PPO_QUERIES.filter((q) => factIds.has(q.factId));
  const seedFacts = new Set(seedQueries.map((q) => q.factId));

  const rng = createRng(seed).stream('ppo-prompts');
  const held = new Set<string>();
  const candidates = kb.filter((f) => !seedFacts.has(f.id));
  for (const stratum of [
    candidates.filter((f) => DO_NOT_GIVE.has(f.verdict)),
    candidates.filter((f) => !DO_NOT_GIVE.has(f.verdict)),
  ]) {
    const n = Math.min(stratum.length, Math.round(heldOutFraction * stratum.length));
    for (const f of rng.shuffle([...stratum]).slice(0, n)) held.add(f.id);
  }

  const train: PpoPrompt[] = seedQueries.map(({ id, factId, prompt }) => ({ id, factId, prompt }));
  const seen = new Set(train.map((p) => p.prompt));
  const heldOut: PpoPrompt[] = [];
  for (const fact of kb) {
    const instructions = factInstructions(fact);
    if (held.has(fact.id)) {
      const question = instructions.find((x) => x.kind === 'question') ?? instructions[0];
      if (question) {
        heldOut.push({
          id: `ppo/${fact.id}/${question.kind}`,
          factId: fact.id,
          prompt: question.text,
        });
      }
      continue;
    }
    for (const { kind, text } of instructions) {
      if (seen.has(text)) continue;
      seen.add(text);
      train.push({ id: `ppo/${fact.id}/${kind}`, factId: fact.id, prompt: text });
    }
  }
  return { train, heldOut };
}

// ───────────────────────────── evaluation set ─────────────────────────────

export interface EvalGold {
  verdict: Verdict;
  /** The fact is marked uncertain: a good answer says so (the humility metric). */
  requiresUncertainty: boolean;
  /** The fact's dose statement, where it has one (for display). */
  dose?: string;
  /**
   * The fact's key number (its key-sentence value when that is a number, range or
   * percentage, e.g. '30'), which the dose-accuracy metric looks for; absent otherwise.
   */
  keyValue?: string;
}

export interface EvalItem {
  /** 'eval/<factId>'. */
  id: string;
  factId: string;
  /** ≤ 90 characters. */
  prompt: string;
  gold: EvalGold;
}

/**
 * The fact's key number: the value of its key sentence when that value is a number,
 * a range or a percentage ("30", "1.5", "1–2%"); null otherwise ("lactic acidosis",
 * "CYP3A4"). The dose-accuracy metric and the grader's key-number rule look for it.
 */
export function keyNumber(fact: PharmaFact): string | null {
  const value = fact.keyFact.value.trim();
  return /^\d[\d.,]*(?:\s*[–-]\s*\d[\d.,]*)?%?$/.test(value) ? value : null;
}

/** Evaluation wordings, in order of preference; none is used by the SFT builders. */
function evalWordings(fact: PharmaFact): string[] {
  const drug = capitalize(displayDrug(fact.drugs[0]));
  return [
    `${drug}, ${fact.situation}: what do you advise?`,
    `${drug}, ${fact.situation}?`,
    `What do you advise about ${displayDrug(fact.drugs[0])}?`,
  ];
}

/**
 * One evaluation item per fact, in knowledge-base order. The prompt is the first
 * evaluation wording that fits the instruction limit and is not an SFT instruction;
 * failing that (never, for the shipped knowledge base), the canonical question.
 */
export function buildEvalSet(kb: readonly PharmaFact[] = KNOWLEDGE_BASE): EvalItem[] {
  const sftInstructions = new Set(buildSftPairs(kb).map((p) => p.instruction));
  return kb.map((fact) => {
    const prompt =
      evalWordings(fact).find(
        (w) => w.length <= SFT_LIMITS.instruction && !sftInstructions.has(w),
      ) ?? fact.question;
    const gold: EvalGold = { verdict: fact.verdict, requiresUncertainty: fact.uncertain };
    if (fact.dose !== undefined) gold.dose = fact.dose;
    const key = keyNumber(fact);
    if (key !== null) gold.keyValue = key;
    return { id: `eval/${fact.id}`, factId: fact.id, prompt, gold };
  });
}
