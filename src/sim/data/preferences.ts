/**
 * Preference pairs for the reward model (and DPO): a prompt, a chosen answer and a
 * rejected answer, labelled with the one quality that separates them.
 *
 * Sources:
 * - The seeds' pharmaceutical preferences. The seeds claim "20 pharmaceutical
 *   preference pairs" (000, 001) but write none out as pairs; what they do write out
 *   are better/worse answers: the 5 SFT-vs-PPO answers of 003 (of the 8 queries
 *   claimed), the metformin progression, the scorecard's ✓/✗ examples and the
 *   challenge examples. `SEED_PREFERENCE_PAIRS` rebuilds 15 pairs from those,
 *   corrected where the seed was medically wrong (each `correction` says how; the
 *   seed's "preferred" PPO answers are themselves wrong in four places, and two of
 *   them become REJECTED answers here).
 * - Pairs generated from every knowledge-base fact, one quality at a time: the chosen
 *   answer is the expert answer in the SFT format (verdict label first), the rejected
 *   answer is a realistic worse answer that differs in that quality only.
 *
 * Design decision — no single surface feature gives the label away. A reward model
 * that can tell chosen from rejected by length, by the presence of a label or by one
 * keyword learns that shortcut instead of the quality (the reward-hacking lesson of
 * the Challenges page, where a length-biased reward model is trained on purpose).
 * So: vague rejected answers are sometimes short ("Consult your doctor."), sometimes
 * start with the right label, and sometimes are padded and LONGER than the expert's;
 * unsafe answers keep the expert's sentence and flip only the label, or reassure in a
 * short sentence; answers without alternatives sometimes carry a monitoring sentence
 * instead (about as long); overconfident answers add "always"/"no exceptions" and are
 * often longer than the humble ones. The tests check that rejected answers are longer
 * than chosen ones in a good share of pairs, and that most rejected answers carry a
 * verdict label, like chosen ones.
 *
 * Deterministic: no randomness, a fixed order (seed pairs, then facts in KB order).
 */

import {
  KNOWLEDGE_BASE,
  capitalize,
  displayDrug,
  type PharmaFact,
  type Verdict,
} from './knowledgeBase';
import { createRng } from '../core/rng';
import { VERDICT_LABELS, factInstructions, formatResponse, joinOr } from './sft';
import { SEED_EXPERT_PAIRS } from './seeds';

export type PreferenceQuality =
  | 'specific-vs-vague'
  | 'safe-vs-unsafe'
  | 'alternatives-vs-none'
  | 'mechanism-vs-none'
  | 'humble-vs-overconfident';

export const PREFERENCE_QUALITIES: readonly PreferenceQuality[] = [
  'specific-vs-vague',
  'safe-vs-unsafe',
  'alternatives-vs-none',
  'mechanism-vs-none',
  'humble-vs-overconfident',
];

/** What each quality contrasts, for the pages. */
export const PREFERENCE_QUALITY_LABELS: Record<PreferenceQuality, string> = {
  'specific-vs-vague': 'specific vs vague',
  'safe-vs-unsafe': 'safe vs unsafe verdict',
  'alternatives-vs-none': 'gives alternatives vs not',
  'mechanism-vs-none': 'states the mechanism vs not',
  'humble-vs-overconfident': 'admits uncertainty vs overconfident',
};

/** The words for a pair's quality; a student's own pair may not say (null). */
export function qualityLabel(quality: PreferenceQuality | null): string {
  return quality === null ? 'quality not labelled' : PREFERENCE_QUALITY_LABELS[quality];
}

export interface PreferencePair {
  /** Stable, unique: 'pref/<factId>/<quality>[/n]' or 'seed-pref-…'. */
  id: string;
  /** The knowledge-base fact the pair is about, or null for a general seed pair. */
  factId: string | null;
  /** ≤ 90 characters. */
  prompt: string;
  /** The better answer, ≤ 170 characters, verdict label first. */
  chosen: string;
  /** The worse answer, ≤ 170 characters. */
  rejected: string;
  /** What the pair contrasts; null for a student's own pair whose file does not say. */
  quality: PreferenceQuality | null;
  /**
   * 'model-output': two answers of the SFT model, labelled by an annotator
   * (src/sim/stages/comparisons.ts); 'user': imported by the student (userData.ts).
   */
  source: 'seed' | 'knowledge-base' | 'model-output' | 'user';
}

/** Length limits (characters), checked by the tests: prompt + answer fit the context. */
export const PREFERENCE_LIMITS = { prompt: 90, answer: 170 } as const;

export interface SeedPreferencePair extends PreferencePair {
  source: 'seed';
  /** Where in the seeds the pair comes from. */
  origin: string;
  /** What the seed preferred (its "PPO" or ✓ answer), verbatim up to encoding. */
  seedPreferred: string;
  /** What the seed ranked lower (its "SFT" or ✗ answer), when it gives one. */
  seedDispreferred: string | null;
  /** What was wrong in the seed and how the pair corrects it; null if only reformatted. */
  correction: string | null;
}

function expertResponse(id: string): string {
  const pair = SEED_EXPERT_PAIRS.find((p) => p.id === id);
  if (!pair) throw new Error(`preferences: seed expert pair ${id} is missing`);
  return pair.response;
}

function expertInstruction(id: string): string {
  const pair = SEED_EXPERT_PAIRS.find((p) => p.id === id);
  if (!pair) throw new Error(`preferences: seed expert pair ${id} is missing`);
  return pair.instruction;
}

/**
 * The seeds' pharmaceutical preferences (003 unless noted), rebuilt as pairs. Chosen
 * answers are the corrected expert answers of `SEED_EXPERT_PAIRS` where one exists.
 */
export const SEED_PREFERENCE_PAIRS: readonly SeedPreferencePair[] = [
  {
    id: 'seed-pref-renal-vague',
    factId: null,
    prompt: expertInstruction('seed-renal-dosing'),
    chosen: expertResponse('seed-renal-dosing'),
    rejected: 'eGFR >60: normal. eGFR 30-59: reduce. eGFR <30: further reduce.',
    quality: 'specific-vs-vague',
    source: 'seed',
    origin: '003, Query 1 (Renal Dosing), SFT answer',
    seedPreferred:
      'eGFR >60: 100%. eGFR 30-59: 75%. eGFR <30: 50%. Monitor renal function weekly x4.',
    seedDispreferred: 'eGFR >60: normal. eGFR 30-59: reduce. eGFR <30: further reduce.',
    correction:
      "The seed's preferred answer invents universal 100/75/50% bands; the chosen answer says renal dosing follows each drug's label.",
  },
  {
    id: 'seed-pref-renal-fixed-bands',
    factId: null,
    prompt: expertInstruction('seed-renal-dosing'),
    chosen: expertResponse('seed-renal-dosing'),
    rejected: 'eGFR >60: 100%. eGFR 30-59: 75%. eGFR <30: 50%. Monitor renal function weekly x4.',
    quality: 'humble-vs-overconfident',
    source: 'seed',
    origin: '003, Query 1 (Renal Dosing), PPO answer',
    seedPreferred:
      'eGFR >60: 100%. eGFR 30-59: 75%. eGFR <30: 50%. Monitor renal function weekly x4.',
    seedDispreferred: 'eGFR >60: normal. eGFR 30-59: reduce. eGFR <30: further reduce.',
    correction:
      "The seed's best answer is false precision (no drug-independent percentages exist), so here it is the REJECTED answer.",
  },
  {
    id: 'seed-pref-warfarin-nsaid',
    factId: 'warfarin-nsaid',
    prompt: expertInstruction('seed-warfarin-nsaid'),
    chosen: expertResponse('seed-warfarin-nsaid'),
    rejected: 'NSAIDs can cause bleeding. Use acetaminophen instead.',
    quality: 'mechanism-vs-none',
    source: 'seed',
    origin: '003, Query 2 (Warfarin + NSAIDs)',
    seedPreferred:
      'CONTRAINDICATED. NSAIDs inhibit platelets + enhance warfarin → 2-3x bleeding. Use acetaminophen.',
    seedDispreferred: 'NSAIDs can cause bleeding. Use acetaminophen instead.',
    correction:
      'Avoid, not an absolute contraindication; the unsourced "2-3x" and "enhance warfarin" were dropped.',
  },
  {
    id: 'seed-pref-metformin-cirrhosis',
    factId: 'metformin-hepatic-impairment',
    prompt: expertInstruction('seed-metformin-cirrhosis'),
    chosen: expertResponse('seed-metformin-cirrhosis'),
    rejected: 'Metformin has renal concerns but may work.',
    quality: 'safe-vs-unsafe',
    source: 'seed',
    origin: '003, Query 3 (Metformin in Cirrhosis)',
    seedPreferred: 'CONTRAINDICATED. Severe lactic acidosis risk. Use insulin, GLP-1, SGLT2i.',
    seedDispreferred: 'Metformin has renal concerns but may work.',
    correction:
      'The seed answered a liver question with kidney advice; labels say avoid in hepatic impairment, with insulin preferred.',
  },
  {
    id: 'seed-pref-metformin-egfr-28',
    factId: 'metformin-egfr-30',
    prompt: expertInstruction('seed-metformin-egfr-28'),
    chosen: expertResponse('seed-metformin-egfr-28'),
    rejected: 'Metformin has renal concerns but may work.',
    quality: 'safe-vs-unsafe',
    source: 'seed',
    origin: '003, metformin progression (Stages 2-4)',
    seedPreferred: 'CONTRAINDICATED. Severe lactic acidosis risk. Use insulin, GLP-1, SGLT2i.',
    seedDispreferred: 'Metformin has renal concerns but may work.',
    correction:
      'SGLT2 inhibitors lower glucose little below eGFR 30 and are not started there; linagliptin instead.',
  },
  {
    id: 'seed-pref-penicillin-vague',
    factId: 'penicillin-cephalosporin',
    prompt: expertInstruction('seed-penicillin-cephalosporin'),
    chosen: expertResponse('seed-penicillin-cephalosporin'),
    rejected: 'Cephalosporins might be okay but be careful.',
    quality: 'specific-vs-vague',
    source: 'seed',
    origin: '003, Query 4 (Penicillin Allergy + Cephalosporin), SFT answer',
    seedPreferred: 'DEPENDS on type. Non-IgE: 3rd gen safe (1-3% cross). IgE: AVOID beta-lactams.',
    seedDispreferred: 'Cephalosporins might be okay but be careful.',
    correction: null,
  },
  {
    id: 'seed-pref-penicillin-ige',
    factId: 'penicillin-cephalosporin',
    prompt: expertInstruction('seed-penicillin-cephalosporin'),
    chosen: expertResponse('seed-penicillin-cephalosporin'),
    rejected: 'DEPENDS on type. Non-IgE: 3rd gen safe (1-3% cross). IgE: AVOID beta-lactams.',
    quality: 'safe-vs-unsafe',
    source: 'seed',
    origin: '003, Query 4 (Penicillin Allergy + Cephalosporin), PPO answer',
    seedPreferred: 'DEPENDS on type. Non-IgE: 3rd gen safe (1-3% cross). IgE: AVOID beta-lactams.',
    seedDispreferred: 'Cephalosporins might be okay but be careful.',
    correction:
      "Avoiding all beta-lactams after an IgE allergy is a false alarm: cross-reactivity is side-chain based; so the seed's best answer is REJECTED here.",
  },
  {
    id: 'seed-pref-codeine-poor',
    factId: 'codeine-cyp2d6-poor',
    prompt: expertInstruction('seed-codeine-cyp2d6-poor'),
    chosen: expertResponse('seed-codeine-cyp2d6-poor'),
    rejected: 'Codeine might not work well.',
    quality: 'alternatives-vs-none',
    source: 'seed',
    origin: '003, Query 5 (CYP2D6 Poor Metabolizer + Codeine)',
    seedPreferred:
      'INEFFECTIVE. Codeine requires CYP2D6→morphine. Use morphine/oxycodone directly.',
    seedDispreferred: 'Codeine might not work well.',
    correction:
      'Oxycodone also depends partly on CYP2D6 (CPIC: morphine or a non-opioid); "INEFFECTIVE" is not a verdict.',
  },
  {
    id: 'seed-pref-normal-dose',
    factId: 'metformin-egfr-30',
    prompt: 'Can metformin be used when eGFR is below 30?',
    chosen: expertResponse('seed-metformin-egfr-28'),
    rejected: 'eGFR <30: give the normal dose.',
    quality: 'safe-vs-unsafe',
    source: 'seed',
    origin: '003, Metric 1 (Medical Accuracy), ✗ example',
    seedPreferred: 'eGFR >60: 100% dose',
    seedDispreferred: 'eGFR <30: give normal dose',
    correction:
      'The seed\'s ✓ example ("eGFR >60: 100% dose") is a fragment, not an answer; the corrected expert answer is used.',
  },
  {
    id: 'seed-pref-nsaid-ckd-blanket',
    factId: 'nsaid-ckd',
    prompt: expertInstruction('seed-nsaid-ckd'),
    chosen: expertResponse('seed-nsaid-ckd'),
    rejected: 'CONTRAINDICATED: NSAIDs are contraindicated with all kidney issues.',
    quality: 'specific-vs-vague',
    source: 'seed',
    origin: '003, Metric 3 (Specificity), ✗ example',
    seedPreferred: 'NSAIDs caution if eGFR 30-60, contraindicated if <30',
    seedDispreferred: 'NSAIDs contraindicated with ALL kidney issues',
    correction:
      'The seed\'s "only if eGFR <30 AND proteinuria" is wrong; KDIGO: avoid below eGFR 30, avoid long courses below 60.',
  },
  {
    id: 'seed-pref-amoxicillin-dose',
    factId: null,
    prompt: expertInstruction('seed-amoxicillin-child'),
    chosen: expertResponse('seed-amoxicillin-child'),
    rejected: 'Always use 250 mg, regardless of age or weight.',
    quality: 'humble-vs-overconfident',
    source: 'seed',
    origin: '003, Metric 4 (Dose Calculation Accuracy)',
    seedPreferred: '5-year-old (20kg) amoxicillin: 25-45 mg/kg/day = 500-900mg ÷ BID-TID',
    seedDispreferred: 'Always use 250mg, regardless of age or weight',
    correction:
      'The arithmetic is right for 25-45 mg/kg/day, but otitis media uses high-dose 80-90 mg/kg/day; the chosen answer says so.',
  },
  {
    id: 'seed-pref-humility',
    factId: 'metformin-hepatic-impairment',
    prompt: 'Can metformin be used in a patient with cirrhosis?',
    chosen:
      'AVOID: The liver clears lactate, so cirrhosis raises the risk of lactic acidosis on metformin. Data in compensated cirrhosis are limited.',
    rejected:
      'CONTRAINDICATED: Metformin is always contraindicated in any liver disease, no exceptions.',
    quality: 'humble-vs-overconfident',
    source: 'seed',
    origin: '003, Metric 5 (Humility): "Always contraindicated" vs "… due to limited data"',
    seedPreferred: 'Consult specialist for eGFR <15 due to limited data.',
    seedDispreferred: 'Always contraindicated',
    correction:
      "The seed's humility examples are not about one drug; here they are tied to metformin in cirrhosis, where data are mixed.",
  },
  {
    id: 'seed-pref-annotators',
    factId: 'clarithromycin-simvastatin',
    prompt: 'Can clarithromycin be given to a patient taking simvastatin?',
    chosen:
      'CONTRAINDICATED: Strong CYP3A4 inhibition multiplies simvastatin levels; pause the statin or pick another antibiotic. Use azithromycin instead.',
    rejected: 'CRITICAL. Severe risk.',
    quality: 'alternatives-vs-none',
    source: 'seed',
    origin: '003, Challenge 2 (Annotation Quality): annotator A vs annotator B',
    seedPreferred: 'Use alternative medication X or Y instead.',
    seedDispreferred: 'CRITICAL. Severe risk.',
    correction:
      'The seed calls both answers good and asks which an RM learns; a written guideline settles it: verdict, reason AND alternative.',
  },
  {
    id: 'seed-pref-contraindicate-everything',
    factId: 'amoxicillin-breastfeeding',
    prompt: 'Can a breastfeeding mother take amoxicillin?',
    chosen:
      'SAFE: Only small amounts pass into milk; breastfeeding can continue. Monitor the infant for diarrhoea, thrush or rash.',
    rejected:
      'CONTRAINDICATED: Amoxicillin passes into milk, so stop breastfeeding or stop the drug.',
    quality: 'safe-vs-unsafe',
    source: 'seed',
    origin: '003, Challenge 1 (Reward Hacking): "say CONTRAINDICATED to everything"',
    seedPreferred: '(none: the seed describes the failure in words)',
    seedDispreferred: null,
    correction: null,
  },
  {
    id: 'seed-pref-padding',
    factId: 'warfarin-inr',
    prompt: 'What INR range is targeted with warfarin for atrial fibrillation?',
    chosen:
      'MONITOR: The target INR is 2–3 for atrial fibrillation and VTE; higher for some mechanical valves. Monitor INR, at least every 12 weeks once stable.',
    rejected:
      'MONITOR: Warfarin needs monitoring. Monitoring matters, and careful monitoring of warfarin is important because monitoring keeps patients safe, so keep monitoring it.',
    quality: 'specific-vs-vague',
    source: 'seed',
    origin: '003, Challenge 1 (Reward Hacking): "verbose repetitive text"',
    seedPreferred: '(none: the seed describes the failure in words)',
    seedDispreferred: null,
    correction: null,
  },
];

// ───────────────────────────── generated pairs ─────────────────────────────

const MAX = PREFERENCE_LIMITS.answer;

function sentence(text: string): string {
  const t = text.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

function fits(text: string): boolean {
  return text.length <= MAX;
}

/** The first candidate within the answer limit (the last one is the fallback). */
function firstFitting(...candidates: string[]): string {
  return candidates.find(fits) ?? candidates[candidates.length - 1];
}

function label(verdict: Verdict): string {
  return VERDICT_LABELS[verdict];
}

/** "AVOID: <answer sentence>" */
function head(fact: PharmaFact): string {
  return `${label(fact.verdict)}: ${sentence(fact.answer)}`;
}

/** The action sentence formatResponse appended ("Use X instead." / "Monitor Y."), or ''. */
function actionTail(fact: PharmaFact): string {
  return formatResponse(fact).slice(head(fact).length).trim();
}

function monitorSentence(fact: PharmaFact): string {
  return fact.monitoring ? `Monitor ${fact.monitoring.replace(/\.$/, '')}.` : '';
}

function join(...parts: string[]): string {
  return parts.filter((p) => p.length > 0).join(' ');
}

function drug(fact: PharmaFact): string {
  return displayDrug(fact.drugs[0]);
}

const DO_NOT_GIVE: ReadonlySet<Verdict> = new Set<Verdict>(['contraindicated', 'avoid']);

// Rejected-answer templates. Varied on purpose (see the file comment).
const VAGUE_SHORT = [
  'Consult your doctor.',
  'It depends.',
  'It depends on the patient; ask your doctor.',
  'Speak to a pharmacist about it.',
];
const VAGUE_LABELLED =
  'Every patient is different, so talk to a doctor or pharmacist before deciding.';
const VAGUE_PADDED =
  'This is a complex question and every patient is different. Many factors matter, so decide case by case with the care team and review it regularly.';

const HEDGE_SENTENCES = [
  'Evidence is limited, so follow local guidance.',
  'Guidelines differ; this may vary by patient.',
  'Data are mixed, so check local policy.',
  'Evidence varies between guidelines.',
];
const OVERCLAIM_SENTENCES = [
  'This is always true, with no exceptions.',
  'This applies to every patient, always.',
  'It is definitely the right call in every case.',
  'There are never any exceptions.',
];

function bareDirective(fact: PharmaFact): string {
  const d = drug(fact);
  switch (fact.verdict) {
    case 'contraindicated':
      return `Do not give ${d} in this situation.`;
    case 'avoid':
      return `${capitalize(d)} is best avoided here.`;
    case 'caution':
      return `${capitalize(d)} can be used, but only with care.`;
    case 'adjust-dose':
      return `${capitalize(d)} needs a dose change here.`;
    case 'monitor':
      return `${capitalize(d)} needs regular checks here.`;
    case 'safe':
      return `${capitalize(d)} can be used here.`;
  }
}

/** safe-vs-unsafe: the wrong verdict group, either the label flipped or a short wrong reassurance/alarm. */
function unsafePair(fact: PharmaFact, i: number): { chosen: string; rejected: string } {
  const chosen = formatResponse(fact);
  const d = drug(fact);
  const dangerous = DO_NOT_GIVE.has(fact.verdict);
  const wrong: Verdict = dangerous
    ? (['safe', 'monitor', 'caution'] as const)[i % 3]
    : (['contraindicated', 'avoid'] as const)[i % 2];
  let rejected: string;
  if (i % 2 === 0) {
    // The expert's own words under the wrong label: one word changes the advice.
    const rest = chosen.slice(label(fact.verdict).length + 2);
    rejected = firstFitting(
      `${label(wrong)}: ${rest}`,
      `${label(wrong)}: ${sentence(fact.answer)}`,
    );
  } else if (dangerous) {
    rejected = {
      safe: `SAFE: ${capitalize(d)} can be used as usual here; no change is needed.`,
      monitor: join(
        `MONITOR: ${capitalize(d)} can be continued at the usual dose.`,
        monitorSentence(fact),
      ),
      caution: `CAUTION: ${capitalize(d)} is fine with some care; there is no need to switch.`,
    }[wrong as 'safe' | 'monitor' | 'caution'];
    rejected = firstFitting(rejected, `${label(wrong)}: ${capitalize(d)} can be continued.`);
  } else {
    rejected =
      wrong === 'contraindicated'
        ? `CONTRAINDICATED: Never use ${d} here; the risk is too high.`
        : `AVOID: ${capitalize(d)} is too risky in this situation; stop it and choose another drug.`;
  }
  return { chosen, rejected };
}

/** specific-vs-vague: the expert answer vs a vague one (short, labelled, or padded and long); n = the pair's ordinal. */
function vaguePair(fact: PharmaFact, n: number): { chosen: string; rejected: string } {
  const chosen = formatResponse(fact);
  const style = n % 3;
  const rejected =
    style === 0
      ? VAGUE_SHORT[Math.floor(n / 3) % VAGUE_SHORT.length]
      : style === 1
        ? `${label(fact.verdict)}: ${VAGUE_LABELLED}`
        : `${label(fact.verdict)}: ${VAGUE_PADDED}`;
  return { chosen, rejected };
}

/** mechanism-vs-none: the reason stated vs a bare directive with the same action sentence. */
function mechanismPair(fact: PharmaFact, i: number): { chosen: string; rejected: string } {
  const lab = label(fact.verdict);
  const tail = actionTail(fact);
  const mech = sentence(fact.mechanism);
  const withAnswer = `${head(fact)} ${mech}`;
  let chosen: string;
  let chosenTail = '';
  if (fits(withAnswer)) {
    chosen = withAnswer;
  } else if (tail && fits(`${lab}: ${mech} ${tail}`)) {
    chosen = `${lab}: ${mech} ${tail}`;
    chosenTail = tail;
  } else {
    chosen = `${lab}: ${mech}`;
  }
  const base = join(`${lab}: ${bareDirective(fact)}`, chosenTail);
  const monitor = monitorSentence(fact);
  // Sometimes longer than the chosen answer: a monitoring sentence is added, unless it
  // happens to state the key fact (then the rejected answer would say something the
  // chosen one does not).
  const statesKey = monitor.toLowerCase().includes(fact.keyFact.value.toLowerCase());
  const rejected =
    i % 2 === 1 && monitor && !statesKey && !base.includes(monitor) && fits(join(base, monitor))
      ? join(base, monitor)
      : base;
  return { chosen, rejected };
}

/** alternatives-vs-none: "Use X instead." vs nothing, or a monitoring sentence instead. */
function alternativesPair(
  fact: PharmaFact,
  i: number,
): { chosen: string; rejected: string } | null {
  if (fact.alternatives.length === 0) return null;
  const formatted = formatResponse(fact);
  const h = head(fact);
  const chosen = / instead\.$/.test(formatted)
    ? formatted
    : firstFitting(
        `${h} Use ${joinOr(fact.alternatives.slice(0, 2))} instead.`,
        `${h} Use ${fact.alternatives[0]} instead.`,
      );
  if (!fits(chosen)) return null;
  const withMonitor = join(h, monitorSentence(fact));
  const rejected = i % 2 === 1 && fits(withMonitor) ? withMonitor : h;
  return { chosen, rejected };
}

/** humble-vs-overconfident: a hedge added vs an absolute claim added (uncertain facts only). */
function humblePair(fact: PharmaFact, i: number, k: number): { chosen: string; rejected: string } {
  const formatted = formatResponse(fact);
  const h = head(fact);
  const hedge = HEDGE_SENTENCES[(i + k) % HEDGE_SENTENCES.length];
  const overclaim = OVERCLAIM_SENTENCES[(i + 2 * k) % OVERCLAIM_SENTENCES.length];
  const chosen = firstFitting(`${formatted} ${hedge}`, `${h} ${hedge}`, `${h} Evidence varies.`);
  // k = 1: escalate 'avoid' to CONTRAINDICATED as well (same group, more certain than the evidence).
  const lab = k === 1 && fact.verdict === 'avoid' ? label('contraindicated') : label(fact.verdict);
  const body = formatted.slice(label(fact.verdict).length + 2);
  const rejected = firstFitting(
    `${lab}: ${body} ${overclaim}`,
    `${lab}: ${sentence(fact.answer)} ${overclaim}`,
    `${lab}: ${sentence(fact.answer)} Always.`,
  );
  return { chosen, rejected };
}

/**
 * Which facts get a pair of each quality. Every fact gets safe-vs-unsafe; specific-vs-vague
 * and mechanism-vs-none alternate so every fact gets at least one of them; every fact
 * with alternatives gets alternatives-vs-none; every uncertain fact gets two
 * humble-vs-overconfident pairs (two wordings). About 200 pairs with the seeds.
 */
function generatedPairs(kb: readonly PharmaFact[]): PreferencePair[] {
  const out: PreferencePair[] = [];
  let vagueCount = 0;
  kb.forEach((fact, i) => {
    const prompts = factInstructions(fact).map((p) => p.text);
    if (prompts.length === 0) return;
    const prompt = (offset: number) => prompts[(i + offset) % prompts.length];
    const push = (
      quality: PreferenceQuality,
      offset: number,
      pair: { chosen: string; rejected: string } | null,
      suffix = '',
    ) => {
      if (pair === null) return;
      const p = prompt(offset);
      if (p.length > PREFERENCE_LIMITS.prompt) return;
      if (!fits(pair.chosen) || !fits(pair.rejected) || pair.chosen === pair.rejected) return;
      out.push({
        id: `pref/${fact.id}/${quality}${suffix}`,
        factId: fact.id,
        prompt: p,
        chosen: pair.chosen,
        rejected: pair.rejected,
        quality,
        source: 'knowledge-base',
      });
    };
    push('safe-vs-unsafe', 0, unsafePair(fact, i));
    if (i % 3 !== 2) push('specific-vs-vague', 1, vaguePair(fact, vagueCount++));
    if (i % 3 !== 0) push('mechanism-vs-none', 2, mechanismPair(fact, i));
    if (fact.verdict !== 'monitor') push('alternatives-vs-none', 3, alternativesPair(fact, i));
    if (fact.uncertain) {
      push('humble-vs-overconfident', 0, humblePair(fact, i, 0), '/0');
      push('humble-vs-overconfident', 1, humblePair(fact, i, 1), '/1');
    }
  });
  return out;
}

/**
 * All preference pairs: the seed pairs whose fact is in `kb` (or that have no fact),
 * then the generated ones. Deterministic; ids unique.
 */
export function buildPreferencePairs(kb: readonly PharmaFact[] = KNOWLEDGE_BASE): PreferencePair[] {
  const factIds = new Set(kb.map((f) => f.id));
  const seeds: PreferencePair[] = SEED_PREFERENCE_PAIRS.filter(
    (p) => p.factId === null || factIds.has(p.factId),
  ).map(({ id, factId, prompt, chosen, rejected, quality, source }) => ({
    id,
    factId,
    prompt,
    chosen,
    rejected,
    quality,
    source,
  }));
  return [...seeds, ...generatedPairs(kb)];
}

// ───────────────────────────── split ─────────────────────────────

/**
 * Splits preference pairs into train and held-out, deterministically for a seed.
 *
 * Held-out pairs are about UNSEEN FACTS: pairs are grouped by fact (seed pairs with no
 * fact are grouped by prompt), and whole groups are held out, so no held-out pair
 * shares a fact or a prompt with a training pair; held-out accuracy then measures
 * whether the reward model learned the qualities, not the facts. Groups are drawn in a
 * seeded order within two strata — groups with humble-vs-overconfident pairs (the
 * uncertain facts) and the rest — and a group is taken when it brings the stratum's
 * held-out count closer to heldOutFraction of its pairs, so about that fraction is
 * held out and every quality appears on both sides. Both lists keep the input order. Refuses an empty set or a fraction
 * outside [0, 1).
 */
export function splitPreferencePairs(
  pairs: readonly PreferencePair[],
  heldOutFraction: number,
  seed: number,
): { train: PreferencePair[]; heldOut: PreferencePair[] } {
  if (!(heldOutFraction >= 0 && heldOutFraction < 1)) {
    throw new RangeError(
      `splitPreferencePairs: heldOutFraction must be in [0, 1), got ${heldOutFraction}`,
    );
  }
  if (pairs.length === 0) throw new RangeError('splitPreferencePairs: no preference pairs');
  const groups = new Map<string, number[]>();
  pairs.forEach((p, i) => {
    const key = p.factId !== null ? `fact:${p.factId}` : `prompt:${p.prompt}`;
    const g = groups.get(key);
    if (g) g.push(i);
    else groups.set(key, [i]);
  });
  const keys = [...groups.keys()];
  const humble = (k: string) =>
    (groups.get(k) ?? []).some((i) => pairs[i].quality === 'humble-vs-overconfident');
  const rng = createRng(seed).stream('preference-split');
  const held = new Set<number>();
  for (const stratum of [keys.filter(humble), keys.filter((k) => !humble(k))]) {
    const total = stratum.reduce((n, k) => n + (groups.get(k)?.length ?? 0), 0);
    const target = heldOutFraction * total;
    let count = 0;
    for (const k of rng.shuffle([...stratum])) {
      const size = groups.get(k)?.length ?? 0;
      // Take a group when it brings the count closer to the target, always leaving
      // at least one group of the stratum in training.
      if (Math.abs(count + size - target) >= Math.abs(count - target)) continue;
      if (count + size >= total) continue;
      for (const i of groups.get(k) ?? []) held.add(i);
      count += size;
    }
  }
  return {
    train: pairs.filter((_, i) => !held.has(i)),
    heldOut: pairs.filter((_, i) => held.has(i)),
  };
}
