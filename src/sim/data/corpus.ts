/**
 * The pretraining corpus: varied phrasings of every knowledge-base fact plus short
 * hand-written paragraphs of general clinical pharmacology.
 *
 * Design decisions:
 * - Each fact gets `phrasingsPerFact` documents (1–12), each from a different
 *   sentence template (5 "key" templates and 12 "paraphrase" templates, chosen with
 *   `createRng(seed).stream('corpus')`). The first min(2, phrasingsPerFact) documents
 *   of a fact use key templates, which state the key sentence
 *   `${Subject} ${relation} ${value}` verbatim at a sentence start, so the factual
 *   probe "Metformin is contraindicated when eGFR is below" → "30" has its answer in
 *   the training text at least twice. Paraphrase templates never state it.
 * - Documents are at most 300 characters (the model reads 64–96 tokens of ~3
 *   characters): a template lists required sentences and optional ones, and optional
 *   sentences are added only while the document still fits.
 * - The whole corpus (fact documents and prose) is shuffled with
 *   `stream('corpus-order')`, so another seed changes both phrasings and order.
 */

import { createRng, type Rng } from '../core/rng';
import {
  FAMILY_LABELS,
  KNOWLEDGE_BASE,
  capitalize,
  displayDrug,
  keyFactPhrase,
  keyFactSentence,
  type PharmaFact,
  type Verdict,
} from './knowledgeBase';
import { joinOr } from './sft';

export interface CorpusDocument {
  /** `${factId}#${k}` for fact phrasings, `prose-${k}` for general paragraphs. */
  id: string;
  /** The fact a document phrases, or null for general prose. */
  factId: string | null;
  text: string;
  /**
   * True when the text states its fact's key sentence (the probe context followed by
   * the answer). Such documents are never held out (extension of the brief's type).
   */
  carriesKeyFact: boolean;
}

export interface CorpusOptions {
  /** Phrasings per fact, an integer in 1..12. */
  phrasingsPerFact: number;
  seed: number;
}

export const DEFAULT_CORPUS_OPTIONS: CorpusOptions = { phrasingsPerFact: 6, seed: 1 };

export const MAX_DOCUMENT_CHARS = 300;
export const MAX_PHRASINGS_PER_FACT = 12;
/** Phrasings per fact that state the key sentence (fewer only if phrasingsPerFact is 1). */
export const KEY_PHRASINGS_PER_FACT = 3;

/**
 * General clinical prose (factId null), hand-written and checked; each ≤ 300
 * characters. None of them states a probe context.
 */
export const GENERAL_PROSE: readonly string[] = [
  'Half-life is the time it takes for the plasma concentration of a drug to fall by half. A drug given at a steady rate reaches steady state after about four to five half-lives, and most of it is gone about five half-lives after the last dose.',
  'Clearance is the volume of plasma cleared of a drug per unit time. With the dosing rate it sets the average steady-state level: if clearance halves and the dose stays the same, the level roughly doubles.',
  'The volume of distribution links the amount of drug in the body to its plasma concentration. Fat-soluble drugs such as amiodarone have very large volumes, so a loading dose is used to fill them quickly.',
  'Bioavailability is the fraction of an oral dose that reaches the circulation unchanged. First-pass metabolism in the gut wall and liver lowers it, which is why some oral doses are much larger than intravenous ones.',
  'The therapeutic index compares the exposure that causes toxicity with the exposure that works. Drugs with a narrow index, such as lithium, digoxin, theophylline and warfarin, need levels or markers checked.',
  'Cytochrome P450 enzymes in the liver and gut wall metabolise most drugs. CYP3A4 handles roughly half of them; CYP2D6, CYP2C9, CYP2C19 and CYP1A2 are other common routes.',
  'An enzyme inhibitor raises the levels of drugs cleared by that enzyme, often within days. An inducer lowers them, but induction builds up and wears off over one to two weeks as enzyme levels change.',
  'P-glycoprotein pumps drugs out of gut cells and into bile and urine. Inhibiting it raises the levels of substrates such as digoxin and dabigatran; inducing it lowers them.',
  'A prodrug is inactive until the body converts it. Codeine relies on CYP2D6 and clopidogrel on CYP2C19, so variation in these genes changes how well the drugs work.',
  'Estimated GFR (eGFR) is calculated from serum creatinine, age and sex, for example with the CKD-EPI equation, and is reported in mL/min/1.73 m². It is the usual basis for renal dose decisions.',
  'The Cockcroft-Gault formula estimates creatinine clearance from age, weight and serum creatinine. Many drug labels give renal dose bands in creatinine clearance, so both measures appear in practice.',
  'Creatinine depends on muscle mass. In frail older people a normal creatinine can hide poor kidney function, so renally cleared drugs may still need lower doses.',
  'A loading dose reaches the target level quickly when the half-life is long. The maintenance dose then replaces what is eliminated between doses.',
  'Dose titration means starting low and increasing in steps while checking response and side effects. Older adults are often started at lower doses: start low, go slow.',
  'Therapeutic drug monitoring measures drug levels at a defined time. A trough level is taken just before the next dose; a sample taken at the wrong time can be misleading.',
  "Type A adverse drug reactions follow from a drug's known action and depend on dose, such as bleeding on anticoagulants. Type B reactions are unpredictable and not dose-related, such as anaphylaxis.",
  'Suspected adverse drug reactions should be reported to the regulator, through the Yellow Card scheme in the UK or MedWatch in the USA. Pooled reports reveal rare safety signals.',
  'Pharmacovigilance continues after a drug is licensed. Trials enrol a few thousand patients, so reactions rarer than about 1 in 1,000 often appear only after wide use.',
  'Only the unbound fraction of a drug acts and is cleared. Protein binding matters when reading total levels of highly bound drugs, such as phenytoin when albumin is low.',
  'Most drugs follow first-order kinetics: a constant fraction is eliminated per unit time. Phenytoin saturates its enzymes at usual doses, so a small dose increase can cause a large rise in level.',
  'Metaboliser phenotypes describe enzyme activity: poor, intermediate, normal, rapid and ultra-rapid. Genotype predicts the phenotype from the function of the gene copies a patient carries.',
  'Organs form in the first trimester, when teratogens do the most harm. Exposure later in pregnancy can still affect fetal growth, kidney function and the brain.',
  'Children are not small adults. Doses are usually calculated per kilogram of body weight or by age band, and the result is checked against the adult maximum.',
  'Older adults often have less renal reserve, more body fat and more sensitivity to sedatives. The Beers Criteria and STOPP/START list medicines that are often inappropriate in later life.',
  'Polypharmacy raises the risk of interactions and falls. A structured medication review asks whether each medicine is still needed; deprescribing stops those that no longer help.',
  'Hepatic impairment is often graded with the Child-Pugh score, which combines bilirubin, albumin, INR, ascites and encephalopathy. No single liver test predicts drug clearance the way eGFR does for the kidney.',
  'A drug allergy is an immune reaction, such as hives or anaphylaxis. An intolerance, such as nausea, is not. Recording the reaction and its timing helps later prescribing decisions.',
  'Anaphylaxis is treated with intramuscular adrenaline into the outer thigh, repeated after 5 minutes if needed, with airway support and fluids. Antihistamines are not the first-line treatment.',
  'Medicines reconciliation compares what a patient actually takes with the list in the record at each transfer of care. Many prescribing errors happen at admission and discharge.',
  'Grapefruit, herbal remedies and alcohol are common causes of interactions outside the prescription. Asking about them is part of a full drug history.',
  'Renal dose adjustment can mean a smaller dose, a longer interval, or both. The choice depends on whether a peak level matters, as for aminoglycosides, or a steady exposure.',
  'A drug label lists contraindications, warnings and dose adjustments. Guidelines such as NICE, KDIGO and CPIC interpret the evidence, and they sometimes differ from each other and from the label.',
  'These statements are teaching examples only, not medical advice. Real decisions need current guidance, the whole clinical picture and a qualified clinician.',
];

/** How a template's sentences combine: all required ones, then optional ones that fit. */
interface Draft {
  required: string[];
  optional: (string | null)[];
}

interface FactView {
  fact: PharmaFact;
  drug: string;
  Drug: string;
  drugList: string;
  situation: string;
  family: string;
  key: string;
  answer: string;
  mechanism: string;
  verdictSentence: string;
  altSentence: string | null;
  monitorSentence: string;
  doseSentence: string | null;
}

type Template = (v: FactView) => Draft;

/** "X is contraindicated here (…)": never the same words as any key sentence. */
const VERDICT_PHRASE: Record<Verdict, string> = {
  contraindicated: 'is contraindicated',
  avoid: 'is best avoided',
  caution: 'needs caution',
  'adjust-dose': 'needs a dose adjustment',
  monitor: 'needs monitoring',
  safe: 'is generally considered safe',
};

const VERDICT_WORD: Record<Verdict, string> = {
  contraindicated: 'contraindicated',
  avoid: 'avoid',
  caution: 'use with caution',
  'adjust-dose': 'adjust the dose',
  monitor: 'monitor closely',
  safe: 'generally safe',
};

const VERDICT_VERB: Record<Verdict, string> = {
  contraindicated: 'do not give',
  avoid: 'avoid',
  caution: 'take care with',
  'adjust-dose': 'adjust the dose of',
  monitor: 'closely monitor',
  safe: 'can generally use',
};

function sentence(text: string): string {
  const t = text.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

function withoutPeriod(text: string): string {
  return text.trim().replace(/\.$/, '');
}

/** Templates that state the key sentence at a sentence start. */
const KEY_TEMPLATES: readonly Template[] = [
  (v) => ({ required: [v.key], optional: [v.mechanism, v.monitorSentence] }),
  (v) => ({ required: [v.key, v.answer], optional: [v.altSentence ?? v.monitorSentence] }),
  (v) => ({
    required: [`${v.family}: ${v.drugList}.`, v.key],
    optional: [v.answer, v.altSentence],
  }),
  (v) => ({ required: [v.verdictSentence, v.key], optional: [v.mechanism] }),
  (v) => ({ required: [`Fact check: ${v.key}`], optional: [v.answer, v.mechanism] }),
];

/** Templates that phrase the same fact without the key sentence. */
const PARAPHRASE_TEMPLATES: readonly Template[] = [
  (v) => ({
    required: [v.verdictSentence, v.answer],
    optional: [v.altSentence ?? v.monitorSentence],
  }),
  (v) => ({
    required: [`Mechanism (${v.drug}, ${v.situation}): ${v.mechanism}`],
    optional: [v.verdictSentence, v.monitorSentence],
  }),
  (v) =>
    v.fact.alternatives.length > 0
      ? {
          required: [
            `Instead of ${v.drug} (${v.situation}), clinicians consider ${joinOr(v.fact.alternatives)}.`,
            v.mechanism,
          ],
          optional: [v.monitorSentence],
        }
      : {
          required: [
            `Keep checking ${withoutPeriod(v.fact.monitoring)} with ${v.drug} (${v.situation}).`,
          ],
          optional: [v.answer, v.mechanism],
        },
  (v) => ({
    required: [`What to check with ${v.drug}: ${withoutPeriod(v.fact.monitoring)}.`, v.answer],
    optional: [v.mechanism],
  }),
  (v) =>
    v.fact.dose
      ? {
          required: [
            `Dose note for ${v.drug} (${v.situation}): ${withoutPeriod(v.fact.dose)}.`,
            v.answer,
          ],
          optional: [v.mechanism],
        }
      : { required: [`${v.family} note on ${v.drug}. ${v.answer}`], optional: [v.mechanism] },
  (v) => ({
    required: [`Teaching case: a patient on ${v.drug}; ${v.situation}.`, v.verdictSentence],
    optional: [v.mechanism, v.altSentence ?? v.monitorSentence],
  }),
  (v) => ({ required: [`${v.family}: ${v.drugList}.`, v.answer], optional: [v.monitorSentence] }),
  (v) => ({
    required: [`What matters with ${v.drug} here (${v.situation})?`, v.mechanism],
    optional: [v.answer],
  }),
  (v) => ({
    required: [`A pharmacist reviewing ${v.drug} (${v.situation}) notes: ${v.answer}`],
    optional: [v.altSentence ?? v.monitorSentence],
  }),
  (v) => ({
    required: [`${v.Drug} guidance (${v.fact.source}): ${v.answer}`],
    optional: [v.mechanism],
  }),
  (v) => ({
    required: [
      `In short: ${v.drug}, ${v.situation}: ${VERDICT_WORD[v.fact.verdict]}.`,
      v.mechanism,
    ],
    optional: [v.altSentence],
  }),
  (v) => ({
    required: [
      `Clinicians ${VERDICT_VERB[v.fact.verdict]} ${v.drug} here (${v.situation}).`,
      v.mechanism,
    ],
    optional: [v.monitorSentence],
  }),
];

/** Number of distinct sentence templates (key + paraphrase). */
export const TEMPLATE_COUNT = KEY_TEMPLATES.length + PARAPHRASE_TEMPLATES.length;

function view(fact: PharmaFact): FactView {
  const drug = displayDrug(fact.drugs[0]);
  const names = fact.drugs.slice(0, 2).map(displayDrug);
  return {
    fact,
    drug,
    Drug: capitalize(drug),
    drugList: names.length > 1 ? `${names[0]} and ${names[1]}` : names[0],
    situation: fact.situation,
    family: FAMILY_LABELS[fact.family],
    key: keyFactSentence(fact),
    answer: sentence(capitalize(fact.answer)),
    mechanism: sentence(capitalize(fact.mechanism)),
    verdictSentence: `${capitalize(drug)} ${VERDICT_PHRASE[fact.verdict]} here (${fact.situation}).`,
    altSentence:
      fact.alternatives.length > 0 ? `Alternatives: ${joinOr(fact.alternatives)}.` : null,
    monitorSentence: `Monitor ${withoutPeriod(fact.monitoring)}.`,
    doseSentence: fact.dose ? `Dose: ${withoutPeriod(fact.dose)}.` : null,
  };
}

/**
 * Required sentences, then the template's optional ones, then the fact's dose and
 * action sentences as fillers, each only if it is new to the document and fits.
 */
function render(draft: Draft, v: FactView): string {
  let text = draft.required.join(' ');
  if (text.length > MAX_DOCUMENT_CHARS) {
    throw new RangeError(`corpus template exceeds ${MAX_DOCUMENT_CHARS} characters: ${text}`);
  }
  const fillers = [v.doseSentence, v.altSentence ?? v.monitorSentence];
  const alternatives = joinOr(v.fact.alternatives);
  for (const extra of [...draft.optional, ...fillers]) {
    if (!extra || text.includes(extra)) continue;
    if (extra === v.altSentence && text.includes(alternatives)) continue;
    if (text.length + 1 + extra.length <= MAX_DOCUMENT_CHARS) text = `${text} ${extra}`;
  }
  return text;
}

/** True when `text` states the fact's key phrase (sentence-initial or not). */
export function carriesKeyFact(fact: PharmaFact, text: string): boolean {
  const phrase = keyFactPhrase(fact);
  return text.includes(capitalize(phrase)) || text.includes(phrase);
}

function pickDistinct<T>(rng: Rng, items: readonly T[], count: number): T[] {
  return rng.shuffle(items.slice()).slice(0, count);
}

/**
 * The corpus for a knowledge base. Deterministic for (kb, phrasingsPerFact, seed).
 * The default (6 phrasings, 63 facts) is roughly 80,000–150,000 characters.
 */
export function buildCorpus(
  kb: readonly PharmaFact[] = KNOWLEDGE_BASE,
  options: CorpusOptions = DEFAULT_CORPUS_OPTIONS,
): CorpusDocument[] {
  const n = options.phrasingsPerFact;
  if (!Number.isInteger(n) || n < 1 || n > MAX_PHRASINGS_PER_FACT) {
    throw new RangeError(`buildCorpus: phrasingsPerFact must be an integer in 1..12, got ${n}`);
  }
  const root = createRng(options.seed);
  const rng = root.stream('corpus');
  const docs: CorpusDocument[] = [];
  for (const fact of kb) {
    const v = view(fact);
    const keyCount = Math.min(KEY_PHRASINGS_PER_FACT, n);
    const templates = [
      ...pickDistinct(rng, KEY_TEMPLATES, keyCount),
      ...pickDistinct(rng, PARAPHRASE_TEMPLATES, n - keyCount),
    ];
    templates.forEach((template, k) => {
      const text = render(template(v), v);
      docs.push({
        id: `${fact.id}#${k}`,
        factId: fact.id,
        text,
        carriesKeyFact: carriesKeyFact(fact, text),
      });
    });
  }
  GENERAL_PROSE.forEach((text, k) => {
    docs.push({ id: `prose-${k}`, factId: null, text, carriesKeyFact: false });
  });
  return root.stream('corpus-order').shuffle(docs);
}

/** The corpus as one string, documents separated by blank lines. */
export function corpusText(docs: readonly CorpusDocument[]): string {
  return docs.map((d) => d.text).join('\n\n');
}

/**
 * Splits the corpus into train and held-out documents, deterministically for a seed.
 *
 * Whole documents are held out, but never one that carries a fact's key sentence: every
 * factual probe's answer is therefore seen in training, and the held-out loss measures
 * generalisation to NEW PHRASINGS of known facts (and to unseen general prose), not
 * recall of facts the model never saw. About round(fraction × documents) are held out
 * (fewer if not enough documents qualify). Both lists keep the input order.
 */
export function splitCorpus(
  docs: readonly CorpusDocument[],
  heldOutFraction: number,
  seed: number,
): { train: CorpusDocument[]; heldOut: CorpusDocument[] } {
  if (!(heldOutFraction >= 0 && heldOutFraction < 1)) {
    throw new RangeError(`splitCorpus: heldOutFraction must be in [0, 1), got ${heldOutFraction}`);
  }
  const target = Math.round(heldOutFraction * docs.length);
  const eligible = docs.map((d, i) => (d.carriesKeyFact ? -1 : i)).filter((i) => i >= 0);
  const held = new Set(createRng(seed).stream('corpus-split').shuffle(eligible).slice(0, target));
  return {
    train: docs.filter((_, i) => !held.has(i)),
    heldOut: docs.filter((_, i) => held.has(i)),
  };
}
