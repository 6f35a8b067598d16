/**
 * The pharmaceutical knowledge base every dataset in Pipeline Lab is built from.
 *
 * Teaching examples only — not medical advice. Each fact is a short, conservative
 * statement checked against the guideline or label named in its `source`. Where the
 * seed documents were wrong (see `seeds.ts`), the facts here are the corrected form.
 *
 * Design decisions:
 * - One fact = one clinical situation with one verdict. The corpus, the SFT pairs and
 *   the factual probes are all derived from these fields, so a correction made here
 *   reaches every stage.
 * - `keyFact` is written so that `${subject} ${relation} ${value}` reads as a plain
 *   sentence; the corpus states that sentence verbatim and a probe asks the model to
 *   complete it. Values are short (a number or one or two words). `unit`, an optional
 *   extension of the brief's type, is text that follows the value in the sentence
 *   ("1.5" then "mmol/L"), so the probe answer stays a bare number.
 * - `caseQuestion` (an extension of the brief's type) is a hand-written patient-case
 *   wording of the canonical question, used as a second SFT instruction.
 * - `uncertain` marks facts where guidelines disagree or evidence is weak, for a later
 *   humility metric.
 * - Text is compact ASCII where possible: the model sees about 64–96 tokens of a
 *   ~512-token byte-level BPE vocabulary.
 */

export type Family =
  | 'renal-hepatic'
  | 'interaction'
  | 'contraindication'
  | 'adverse-event'
  | 'pharmacogenomics'
  | 'special-population'
  | 'monitoring'
  | 'allergy';

export type Verdict = 'contraindicated' | 'avoid' | 'caution' | 'adjust-dose' | 'monitor' | 'safe';

export const FAMILIES: readonly Family[] = [
  'renal-hepatic',
  'interaction',
  'contraindication',
  'adverse-event',
  'pharmacogenomics',
  'special-population',
  'monitoring',
  'allergy',
];

export const VERDICTS: readonly Verdict[] = [
  'contraindicated',
  'avoid',
  'caution',
  'adjust-dose',
  'monitor',
  'safe',
];

/** Human-readable family names (also used as headings in the corpus). */
export const FAMILY_LABELS: Record<Family, string> = {
  'renal-hepatic': 'Renal and hepatic dosing',
  interaction: 'Drug interaction',
  contraindication: 'Contraindication',
  'adverse-event': 'Adverse event',
  pharmacogenomics: 'Pharmacogenomics',
  'special-population': 'Special populations',
  monitoring: 'Drug monitoring',
  allergy: 'Drug allergy',
};

/** A fact stated as `${subject} ${relation} ${value}` (+ optional ` ${unit}`). */
export interface KeyFact {
  /** Lower-case unless a proper noun or acronym; capitalised at a sentence start. */
  subject: string;
  relation: string;
  /** The probed answer: a number or one or two words, no trailing punctuation. */
  value: string;
  /** Optional words that follow the value in the sentence (not part of the answer). */
  unit?: string;
}

export interface PharmaFact {
  /** kebab-case, unique, e.g. 'metformin-egfr-30'. */
  id: string;
  family: Family;
  /** Lower-case generic names (the first is the main drug). */
  drugs: string[];
  /** Short noun phrase: 'eGFR below 30 mL/min/1.73 m²'. */
  situation: string;
  /** The canonical clinician question, ≤ 80 characters. */
  question: string;
  /** A patient-case wording of the question, ≤ 90 characters (extension of the brief). */
  caseQuestion: string;
  verdict: Verdict;
  /** One compact expert sentence, ≤ 110 characters, not starting with a verdict word. */
  answer: string;
  /** ≤ 110 characters. */
  mechanism: string;
  /** Safer options, as noun phrases; may be empty where none apply. */
  alternatives: string[];
  /** What to monitor, as a noun phrase ("potassium and creatinine within a week"). */
  monitoring: string;
  /** Where relevant, e.g. 'max 1,000 mg/day at eGFR 30–44'. */
  dose?: string;
  keyFact: KeyFact;
  /** True where evidence or guidance genuinely varies. */
  uncertain: boolean;
  /** Which guideline or label this follows. */
  source: string;
}

export const TEACHING_DISCLAIMER =
  'Teaching examples only — not medical advice. The pharmaceutical statements in Pipeline Lab are ' +
  'simplified from public guidelines and drug labels to show how language models are trained; ' +
  'they are not complete, may be out of date, and must not guide the care of any patient. ' +
  'Follow current local guidance and ask a qualified clinician or pharmacist.';

/** Length limits checked by the tests (characters). */
export const FACT_LIMITS = {
  question: 80,
  caseQuestion: 90,
  answer: 110,
  mechanism: 110,
} as const;

/** The sentence `${subject} ${relation} ${value}` (without unit or final period). */
export function keyFactPhrase(fact: PharmaFact): string {
  const { subject, relation, value } = fact.keyFact;
  return `${subject} ${relation} ${value}`;
}

/** The full key sentence as the corpus states it, capitalised, with unit and period. */
export function keyFactSentence(fact: PharmaFact): string {
  const unit = fact.keyFact.unit ? ` ${fact.keyFact.unit}` : '';
  return `${capitalize(keyFactPhrase(fact))}${unit}.`;
}

const DISPLAY_NAMES: Record<string, string> = { "st john's wort": "St John's wort" };

/** A drug name as written mid-sentence (proper nouns restored: "St John's wort"). */
export function displayDrug(name: string): string {
  return DISPLAY_NAMES[name] ?? name;
}

/** First character upper-cased, the rest unchanged ("metformin is" → "Metformin is"). */
export function capitalize(text: string): string {
  return text.length === 0 ? text : text[0].toUpperCase() + text.slice(1);
}

export const KNOWLEDGE_BASE: readonly PharmaFact[] = [
  // ───────────────────────────── renal-hepatic ─────────────────────────────
  {
    id: 'metformin-egfr-45-start',
    family: 'renal-hepatic',
    drugs: ['metformin'],
    situation: 'new start at eGFR 30–44',
    question: 'Can metformin be started when eGFR is between 30 and 44?',
    caseQuestion: 'A new type 2 diabetic has eGFR 38. Should metformin be started?',
    verdict: 'avoid',
    answer:
      'Starting metformin at eGFR 30–44 is not recommended; patients already on it may continue at a lower dose.',
    mechanism:
      'Metformin is cleared unchanged by the kidneys, so lower eGFR raises levels and lactic acidosis risk.',
    alternatives: ['a DPP-4 inhibitor', 'a GLP-1 agonist'],
    monitoring: 'eGFR every 3–6 months',
    dose: 'if already taking: max 1,000 mg/day at eGFR 30–44',
    keyFact: {
      subject: 'metformin',
      relation: 'should not be started when eGFR is below',
      value: '45',
    },
    uncertain: false,
    source: 'FDA metformin label 2016; KDIGO diabetes in CKD 2022',
  },
  {
    id: 'gabapentin-crcl-60',
    family: 'renal-hepatic',
    drugs: ['gabapentin'],
    situation: 'creatinine clearance 30–59 mL/min',
    question: 'Does gabapentin need a dose change in moderate renal impairment?',
    caseQuestion: 'An 80-year-old with CrCl 40 mL/min is prescribed gabapentin 900 mg tds. OK?',
    verdict: 'adjust-dose',
    answer:
      'Gabapentin is renally cleared, so the daily dose is cut as creatinine clearance falls.',
    mechanism:
      'It is excreted unchanged in urine; accumulation causes sedation, dizziness and falls.',
    alternatives: [],
    monitoring: 'drowsiness, dizziness and renal function',
    dose: 'CrCl 30–59: 400–1,400 mg/day in two doses',
    keyFact: {
      subject: 'gabapentin',
      relation: 'needs a lower dose when creatinine clearance is below',
      value: '60',
      unit: 'mL/min',
    },
    uncertain: false,
    source: 'FDA gabapentin (Neurontin) label',
  },
  {
    id: 'enoxaparin-crcl-30',
    family: 'renal-hepatic',
    drugs: ['enoxaparin'],
    situation: 'creatinine clearance below 30 mL/min',
    question: 'How is treatment-dose enoxaparin adjusted in severe renal impairment?',
    caseQuestion: 'A patient with CrCl 22 mL/min needs enoxaparin for a DVT. Same dose?',
    verdict: 'adjust-dose',
    answer:
      'Enoxaparin accumulates in severe renal impairment, so the dose is given once daily, not twice.',
    mechanism: 'Its anti-Xa activity is cleared by the kidneys; accumulation raises bleeding risk.',
    alternatives: [],
    monitoring: 'anti-Xa levels and signs of bleeding',
    dose: 'CrCl < 30: 1 mg/kg once daily (treatment), 30 mg once daily (prophylaxis)',
    keyFact: {
      subject: 'enoxaparin',
      relation: 'needs a dose reduction when creatinine clearance is below',
      value: '30',
      unit: 'mL/min',
    },
    uncertain: false,
    source: 'FDA enoxaparin (Lovenox) label',
  },
  {
    id: 'nitrofurantoin-egfr-45',
    family: 'renal-hepatic',
    drugs: ['nitrofurantoin'],
    situation: 'eGFR below 45',
    question: 'Is nitrofurantoin suitable for a UTI when eGFR is below 45?',
    caseQuestion: 'A woman with eGFR 25 has cystitis. Can she have nitrofurantoin?',
    verdict: 'avoid',
    answer:
      'Low eGFR gives poor urinary levels and more toxicity; short courses at 30–44 only for resistant bugs.',
    mechanism:
      'Reduced renal excretion lowers urine levels and raises neuropathy and lung toxicity risk.',
    alternatives: ['fosfomycin', 'a culture-guided antibiotic'],
    monitoring: 'urine culture and symptoms',
    keyFact: {
      subject: 'nitrofurantoin',
      relation: 'is usually avoided when eGFR is below',
      value: '45',
    },
    uncertain: true,
    source: 'MHRA 2014; BNF (AGS Beers 2023 uses CrCl below 30)',
  },
  {
    id: 'paracetamol-cirrhosis',
    family: 'renal-hepatic',
    drugs: ['paracetamol'],
    situation: 'cirrhosis',
    question: 'How much paracetamol can a patient with cirrhosis take?',
    caseQuestion: 'A man with compensated cirrhosis needs pain relief. Is paracetamol OK?',
    verdict: 'adjust-dose',
    answer:
      'Paracetamol stays the preferred analgesic in cirrhosis, at a lower daily ceiling and with no alcohol.',
    mechanism:
      'Low glutathione stores (alcohol, malnutrition) raise injury from its toxic metabolite NAPQI.',
    alternatives: [],
    monitoring: 'liver tests and the total daily intake',
    dose: 'usually max 2 g/day in cirrhosis',
    keyFact: {
      subject: 'paracetamol in cirrhosis',
      relation: 'is usually limited to',
      value: '2',
      unit: 'g a day',
    },
    uncertain: true,
    source: 'Hepatology reviews (2–3 g/day ceilings); BNF hepatic impairment',
  },
  {
    id: 'allopurinol-start-dose',
    family: 'renal-hepatic',
    drugs: ['allopurinol'],
    situation: 'starting urate-lowering therapy, CKD',
    question: 'What starting dose of allopurinol is used, and does CKD change it?',
    caseQuestion: 'A gout patient with eGFR 35 is starting allopurinol. 300 mg daily?',
    verdict: 'adjust-dose',
    answer:
      'Start low and titrate every few weeks to the urate target; use even lower starting doses in CKD.',
    mechanism:
      'Its metabolite oxypurinol is renally cleared; low starting doses cut hypersensitivity risk.',
    alternatives: [],
    monitoring: 'serum urate every 2–5 weeks while titrating',
    dose: 'start at 100 mg/day or less (about 50 mg/day in CKD stage 3 or worse)',
    keyFact: {
      subject: 'allopurinol',
      relation: 'is started at no more than',
      value: '100',
      unit: 'mg a day',
    },
    uncertain: false,
    source: 'ACR gout guideline 2020',
  },
  {
    id: 'morphine-renal-failure',
    family: 'renal-hepatic',
    drugs: ['morphine'],
    situation: 'eGFR below 30',
    question: 'Is morphine a good opioid in severe renal impairment?',
    caseQuestion: 'A dialysis patient needs an opioid after surgery. Is morphine a good choice?',
    verdict: 'avoid',
    answer:
      "Morphine's active glucuronides build up in renal failure, causing sedation and respiratory depression.",
    mechanism: 'Morphine-3- and -6-glucuronide are renally excreted and accumulate as eGFR falls.',
    alternatives: ['fentanyl', 'buprenorphine'],
    monitoring: 'sedation and respiratory rate',
    keyFact: {
      subject: 'morphine',
      relation: 'is avoided in severe renal impairment because its metabolites',
      value: 'accumulate',
    },
    uncertain: false,
    source: 'BNF renal impairment; renal palliative care guidance',
  },
  {
    id: 'metformin-hepatic-impairment',
    family: 'renal-hepatic',
    drugs: ['metformin'],
    situation: 'hepatic impairment or cirrhosis',
    question: 'Can metformin be used in a patient with cirrhosis?',
    caseQuestion: 'A diabetic with decompensated cirrhosis takes metformin. Continue it?',
    verdict: 'avoid',
    answer:
      'The liver clears lactate, so hepatic impairment raises the risk of lactic acidosis on metformin.',
    mechanism: 'Impaired hepatic lactate clearance adds to metformin-related lactate production.',
    alternatives: ['insulin'],
    monitoring: 'liver function and glucose',
    keyFact: {
      subject: 'metformin',
      relation: 'is avoided in hepatic impairment because of the risk of',
      value: 'lactic acidosis',
    },
    uncertain: true,
    source: 'FDA metformin label (hepatic impairment); data in compensated cirrhosis are mixed',
  },
  {
    id: 'nsaid-ckd',
    family: 'renal-hepatic',
    drugs: ['ibuprofen', 'naproxen'],
    situation: 'chronic kidney disease',
    question: 'Can NSAIDs be used in chronic kidney disease?',
    caseQuestion: 'A patient with eGFR 24 asks for ibuprofen for knee pain. Is it safe?',
    verdict: 'avoid',
    answer:
      'NSAIDs reduce renal blood flow; avoid them below eGFR 30 and avoid long courses below 60.',
    mechanism:
      'Blocking prostaglandins constricts the afferent arteriole and can cause acute kidney injury.',
    alternatives: ['paracetamol'],
    monitoring: 'eGFR, potassium and blood pressure',
    keyFact: { subject: 'NSAIDs', relation: 'should be avoided when eGFR is below', value: '30' },
    uncertain: false,
    source: 'KDIGO CKD guideline 2012',
  },

  // ───────────────────────────── interaction ─────────────────────────────
  {
    id: 'warfarin-nsaid',
    family: 'interaction',
    drugs: ['warfarin', 'ibuprofen'],
    situation: 'NSAID co-prescription',
    question: 'Can a patient on warfarin take an NSAID such as ibuprofen?',
    caseQuestion: 'A man on warfarin for AF wants ibuprofen for back pain. Is that OK?',
    verdict: 'avoid',
    answer:
      'NSAIDs impair platelets and injure the gut lining, so bleeding risk rises on warfarin.',
    mechanism: 'Antiplatelet effect plus gastric mucosal damage; some NSAIDs also raise the INR.',
    alternatives: ['paracetamol'],
    monitoring: 'INR and signs of bleeding',
    keyFact: { subject: 'warfarin', relation: 'with NSAIDs raises the risk of', value: 'bleeding' },
    uncertain: false,
    source: 'BNF interactions; ACC anticoagulant guidance',
  },
  {
    id: 'ace-inhibitor-spironolactone',
    family: 'interaction',
    drugs: ['ramipril', 'spironolactone'],
    situation: 'spironolactone added',
    question: 'What is the risk of combining an ACE inhibitor with spironolactone?',
    caseQuestion: 'A heart failure patient on ramipril starts spironolactone. What to check?',
    verdict: 'monitor',
    answer: 'Both drugs raise potassium, so the combination can cause dangerous hyperkalaemia.',
    mechanism:
      'ACE inhibitors lower aldosterone; spironolactone blocks it, so the kidney retains potassium.',
    alternatives: [],
    monitoring: 'potassium and creatinine at 1 and 4 weeks',
    dose: 'spironolactone 25 mg daily; do not start if K+ is above 5.0 mmol/L',
    keyFact: {
      subject: 'an ACE inhibitor with spironolactone',
      relation: 'can cause',
      value: 'hyperkalaemia',
    },
    uncertain: false,
    source: 'ESC heart failure guideline 2021; BNF',
  },
  {
    id: 'simvastatin-grapefruit',
    family: 'interaction',
    drugs: ['simvastatin'],
    situation: 'grapefruit juice',
    question: 'Can a patient on simvastatin drink grapefruit juice?',
    caseQuestion: 'A woman on simvastatin 40 mg drinks grapefruit juice daily. Any problem?',
    verdict: 'avoid',
    answer:
      'Grapefruit raises simvastatin levels, increasing the risk of myopathy and rhabdomyolysis.',
    mechanism:
      'Grapefruit furanocoumarins inhibit gut-wall CYP3A4, so less simvastatin is metabolised.',
    alternatives: ['pravastatin', 'rosuvastatin'],
    monitoring: 'muscle pain, with CK if symptoms occur',
    keyFact: {
      subject: 'grapefruit juice',
      relation: 'raises simvastatin levels by inhibiting intestinal',
      value: 'CYP3A4',
    },
    uncertain: false,
    source: 'FDA simvastatin label; MHRA 2012',
  },
  {
    id: 'clarithromycin-simvastatin',
    family: 'interaction',
    drugs: ['clarithromycin', 'simvastatin'],
    situation: 'patient taking simvastatin',
    question: 'Can clarithromycin be given to a patient taking simvastatin?',
    caseQuestion: 'A patient on simvastatin needs clarithromycin for pneumonia. Is that OK?',
    verdict: 'contraindicated',
    answer:
      'Strong CYP3A4 inhibition multiplies simvastatin levels; pause the statin or pick another antibiotic.',
    mechanism: 'Clarithromycin strongly inhibits CYP3A4, the main route of simvastatin metabolism.',
    alternatives: ['azithromycin'],
    monitoring: 'muscle pain and CK',
    keyFact: {
      subject: 'clarithromycin',
      relation: 'is contraindicated with',
      value: 'simvastatin',
    },
    uncertain: false,
    source: 'FDA simvastatin label; MHRA 2012',
  },
  {
    id: 'st-johns-wort-ciclosporin',
    family: 'interaction',
    drugs: ["st john's wort", 'ciclosporin'],
    situation: 'ciclosporin after a transplant',
    question: "Can a transplant patient on ciclosporin take St John's wort?",
    caseQuestion: "A kidney transplant patient on ciclosporin wants St John's wort for low mood.",
    verdict: 'contraindicated',
    answer: "St John's wort lowers ciclosporin levels and has caused transplant rejection.",
    mechanism: "St John's wort induces CYP3A4 and P-glycoprotein, speeding ciclosporin clearance.",
    alternatives: ['an SSRI with specialist advice'],
    monitoring: 'ciclosporin trough levels',
    keyFact: {
      subject: "St John's wort",
      relation: 'lowers ciclosporin levels by inducing',
      value: 'CYP3A4',
    },
    uncertain: false,
    source: 'Ciclosporin SmPC; MHRA 2000',
  },
  {
    id: 'st-johns-wort-contraceptive',
    family: 'interaction',
    drugs: ["st john's wort", 'ethinylestradiol'],
    situation: 'combined hormonal contraception',
    question: "Does St John's wort affect the combined contraceptive pill?",
    caseQuestion: "A woman on the combined pill starts St John's wort. Is she protected?",
    verdict: 'avoid',
    answer:
      "St John's wort lowers hormone levels, causing breakthrough bleeding and contraceptive failure.",
    mechanism:
      "St John's wort induces CYP3A4, which speeds metabolism of estrogens and progestogens.",
    alternatives: ['a copper IUD', 'a levonorgestrel IUS'],
    monitoring: 'breakthrough bleeding',
    keyFact: {
      subject: "St John's wort with the combined pill",
      relation: 'can cause unplanned',
      value: 'pregnancy',
    },
    uncertain: false,
    source: 'FSRH drug interactions with hormonal contraception 2022',
  },
  {
    id: 'clopidogrel-omeprazole',
    family: 'interaction',
    drugs: ['clopidogrel', 'omeprazole'],
    situation: 'omeprazole co-prescription',
    question: 'Which proton pump inhibitor should be used with clopidogrel?',
    caseQuestion: 'A post-stent patient on clopidogrel needs gastric protection. Omeprazole?',
    verdict: 'avoid',
    answer: 'Omeprazole and esomeprazole reduce clopidogrel activation; another PPI is preferred.',
    mechanism: 'Omeprazole inhibits CYP2C19, which converts clopidogrel to its active metabolite.',
    alternatives: ['pantoprazole'],
    monitoring: 'signs of stent thrombosis or bleeding',
    keyFact: {
      subject: 'clopidogrel',
      relation: 'is weakened by the CYP2C19 inhibitor',
      value: 'omeprazole',
    },
    uncertain: true,
    source: 'FDA clopidogrel label; outcome trials (e.g. COGENT) are mixed',
  },
  {
    id: 'methotrexate-trimethoprim',
    family: 'interaction',
    drugs: ['methotrexate', 'trimethoprim'],
    situation: 'trimethoprim co-prescription',
    question: 'Can trimethoprim be prescribed to a patient taking methotrexate?',
    caseQuestion: 'A patient on weekly methotrexate has a UTI. Can she take trimethoprim?',
    verdict: 'avoid',
    answer:
      'Both drugs are antifolates and trimethoprim slows methotrexate excretion, so marrow suppression follows.',
    mechanism: 'Additive folate antagonism plus reduced renal tubular secretion of methotrexate.',
    alternatives: ['a non-antifolate antibiotic'],
    monitoring: 'full blood count',
    keyFact: {
      subject: 'methotrexate with trimethoprim',
      relation: 'can cause',
      value: 'pancytopenia',
    },
    uncertain: false,
    source: 'BNF interactions; MHRA',
  },

  // ───────────────────────────── contraindication ─────────────────────────────
  {
    id: 'metformin-egfr-30',
    family: 'contraindication',
    drugs: ['metformin'],
    situation: 'eGFR below 30 mL/min/1.73 m²',
    question: 'Can metformin be used when eGFR is below 30?',
    caseQuestion: 'A patient with eGFR 25 asks about metformin. Is it safe?',
    verdict: 'contraindicated',
    answer: 'Metformin accumulates when renal clearance is this low and can cause lactic acidosis.',
    mechanism:
      'Metformin is excreted unchanged by the kidneys; high levels block hepatic lactate uptake.',
    alternatives: ['insulin', 'a GLP-1 agonist', 'linagliptin'],
    monitoring: 'eGFR at least yearly, more often below 60',
    keyFact: {
      subject: 'metformin',
      relation: 'is contraindicated when eGFR is below',
      value: '30',
    },
    uncertain: false,
    source: 'FDA metformin label 2016; KDIGO diabetes in CKD 2022',
  },
  {
    id: 'ace-inhibitor-pregnancy',
    family: 'contraindication',
    drugs: ['ramipril', 'lisinopril', 'enalapril'],
    situation: 'pregnancy',
    question: 'Can ACE inhibitors be used during pregnancy?',
    caseQuestion: 'A woman on ramipril for hypertension is 10 weeks pregnant. Continue?',
    verdict: 'contraindicated',
    answer:
      'ACE inhibitors are fetotoxic in the 2nd and 3rd trimesters; stop them as soon as pregnancy is known.',
    mechanism:
      'Fetal RAAS blockade impairs kidney development, causing oligohydramnios and skull defects.',
    alternatives: ['labetalol', 'nifedipine'],
    monitoring: 'blood pressure and fetal growth',
    keyFact: { subject: 'ACE inhibitors', relation: 'are contraindicated in', value: 'pregnancy' },
    uncertain: false,
    source: 'FDA boxed warning; NICE NG133',
  },
  {
    id: 'sildenafil-nitrates',
    family: 'contraindication',
    drugs: ['sildenafil', 'glyceryl trinitrate'],
    situation: 'nitrate therapy',
    question: 'Can sildenafil be taken by a patient using nitrates for angina?',
    caseQuestion: 'A man who uses a GTN spray for angina asks for sildenafil. Is it safe?',
    verdict: 'contraindicated',
    answer:
      'Sildenafil with nitrates can cause a profound, sometimes fatal, fall in blood pressure.',
    mechanism:
      'Nitrates raise cGMP and sildenafil blocks its breakdown by PDE5: additive vasodilation.',
    alternatives: [],
    monitoring: 'blood pressure',
    keyFact: { subject: 'sildenafil', relation: 'is contraindicated with', value: 'nitrates' },
    uncertain: false,
    source: 'FDA sildenafil label',
  },
  {
    id: 'isotretinoin-pregnancy',
    family: 'contraindication',
    drugs: ['isotretinoin'],
    situation: 'pregnancy or possible pregnancy',
    question: 'Can isotretinoin be prescribed to a woman who could become pregnant?',
    caseQuestion: 'A 19-year-old woman with severe acne wants isotretinoin. What is required?',
    verdict: 'contraindicated',
    answer:
      'Isotretinoin causes severe birth defects; prescribe only within a pregnancy prevention programme.',
    mechanism: 'Retinoids disrupt embryonic development of the face, heart and brain.',
    alternatives: [],
    monitoring: 'pregnancy tests before, during and after treatment',
    keyFact: {
      subject: 'isotretinoin',
      relation: 'needs a pregnancy prevention programme because it is',
      value: 'teratogenic',
    },
    uncertain: false,
    source: 'FDA iPLEDGE REMS; EMA/MHRA pregnancy prevention programme',
  },
  {
    id: 'propranolol-asthma',
    family: 'contraindication',
    drugs: ['propranolol'],
    situation: 'asthma',
    question: 'Can propranolol be used in a patient with asthma?',
    caseQuestion: 'A woman with asthma asks for propranolol for migraine prevention. OK?',
    verdict: 'contraindicated',
    answer: 'Non-selective beta-blockade can trigger severe, even fatal, bronchospasm in asthma.',
    mechanism: 'Blocking beta-2 receptors in the airways causes bronchoconstriction.',
    alternatives: ['a non-beta-blocker option'],
    monitoring: 'wheeze and peak flow',
    keyFact: { subject: 'propranolol', relation: 'is contraindicated in', value: 'asthma' },
    uncertain: false,
    source: 'BNF; propranolol SmPC',
  },
  {
    id: 'triptan-coronary-disease',
    family: 'contraindication',
    drugs: ['sumatriptan'],
    situation: 'ischaemic heart disease',
    question: 'Can sumatriptan be used by someone with ischaemic heart disease?',
    caseQuestion: 'A man with previous MI has migraine attacks. Can he use sumatriptan?',
    verdict: 'contraindicated',
    answer: 'Triptans can narrow coronary arteries and have triggered ischaemia and infarction.',
    mechanism:
      'Triptans stimulate 5-HT1B receptors, which constrict coronary as well as cranial vessels.',
    alternatives: ['paracetamol', 'aspirin'],
    monitoring: 'chest pain',
    keyFact: {
      subject: 'triptans',
      relation: 'are contraindicated in coronary disease because they cause',
      value: 'vasoconstriction',
    },
    uncertain: false,
    source: 'FDA/EMA triptan labels; NICE CG150',
  },
  {
    id: 'combined-pill-migraine-aura',
    family: 'contraindication',
    drugs: ['ethinylestradiol'],
    situation: 'migraine with aura',
    question: 'Can a woman with migraine with aura use the combined pill?',
    caseQuestion: 'A 28-year-old with migraine with aura asks for the combined pill.',
    verdict: 'contraindicated',
    answer: 'Estrogen adds to the stroke risk that migraine with aura already carries.',
    mechanism:
      'Ethinylestradiol is prothrombotic; aura is itself a risk factor for ischaemic stroke.',
    alternatives: ['a progestogen-only pill', 'a copper IUD'],
    monitoring: 'migraine pattern and blood pressure',
    keyFact: {
      subject: 'the combined pill',
      relation: 'is contraindicated in migraine with',
      value: 'aura',
    },
    uncertain: false,
    source: 'UKMEC 2016 (category 4); CDC US MEC 2024',
  },

  // ───────────────────────────── adverse-event ─────────────────────────────
  {
    id: 'carbamazepine-hla-b1502',
    family: 'adverse-event',
    drugs: ['carbamazepine'],
    situation: 'HLA-B*15:02 carrier',
    question: 'Why test for HLA-B*15:02 before starting carbamazepine?',
    caseQuestion: 'A Han Chinese patient tests HLA-B*15:02 positive. Start carbamazepine?',
    verdict: 'avoid',
    answer:
      'Carriers have a much higher risk of Stevens-Johnson syndrome and toxic epidermal necrolysis.',
    mechanism: 'HLA-B*15:02 presents carbamazepine to T cells, triggering severe skin reactions.',
    alternatives: ['levetiracetam'],
    monitoring: 'rash in the first months of any antiepileptic',
    keyFact: {
      subject: 'carbamazepine',
      relation: 'can cause Stevens-Johnson syndrome in carriers of',
      value: 'HLA-B*15:02',
    },
    uncertain: false,
    source: 'FDA carbamazepine boxed warning; CPIC 2017',
  },
  {
    id: 'allopurinol-rash',
    family: 'adverse-event',
    drugs: ['allopurinol'],
    situation: 'new rash on allopurinol',
    question: 'What should happen if a rash develops on allopurinol?',
    caseQuestion: 'Three weeks into allopurinol, a patient has a spreading rash. Continue it?',
    verdict: 'avoid',
    answer: 'Stop allopurinol at once: the rash may herald Stevens-Johnson syndrome or DRESS.',
    mechanism: 'Severe allopurinol hypersensitivity is immune-mediated, often in the first months.',
    alternatives: [],
    monitoring: 'skin, liver tests and eosinophils',
    keyFact: {
      subject: 'allopurinol',
      relation: 'should be stopped at the first sign of a',
      value: 'rash',
    },
    uncertain: false,
    source: 'FDA allopurinol label; ACR 2020',
  },
  {
    id: 'statin-myopathy',
    family: 'adverse-event',
    drugs: ['atorvastatin', 'simvastatin'],
    situation: 'muscle pain on a statin',
    question: 'How should muscle pain on a statin be assessed?',
    caseQuestion: 'A man on atorvastatin has mild aching thighs. What should be checked?',
    verdict: 'monitor',
    answer:
      'Check CK, thyroid function and interacting drugs; stop if CK is very high or symptoms are severe.',
    mechanism:
      'Statins can injure muscle; risk rises with dose, CYP3A4 inhibitors and hypothyroidism.',
    alternatives: [],
    monitoring: 'CK and muscle symptoms',
    keyFact: {
      subject: 'a statin',
      relation: 'is stopped if CK rises above',
      value: '10',
      unit: 'times the upper limit of normal',
    },
    uncertain: true,
    source: 'ACC/AHA cholesterol guideline 2018 (NICE re-checks at 5 times)',
  },
  {
    id: 'lithium-toxicity',
    family: 'adverse-event',
    drugs: ['lithium'],
    situation: 'suspected lithium toxicity',
    question: 'What lithium level suggests toxicity, and what precipitates it?',
    caseQuestion: 'A lithium patient with diarrhoea has coarse tremor and confusion. Why?',
    verdict: 'monitor',
    answer:
      'Above about 1.5 mmol/L; dehydration, NSAIDs, ACE inhibitors and thiazides raise levels.',
    mechanism:
      'Lithium is renally cleared like sodium; volume depletion increases its reabsorption.',
    alternatives: [],
    monitoring: 'lithium level, renal function and sodium',
    keyFact: {
      subject: 'lithium toxicity',
      relation: 'becomes likely above a level of',
      value: '1.5',
      unit: 'mmol/L',
    },
    uncertain: false,
    source: 'NICE CG185; BNF',
  },
  {
    id: 'citalopram-qt',
    family: 'adverse-event',
    drugs: ['citalopram'],
    situation: 'older adult',
    question: 'What is the maximum citalopram dose in older adults, and why?',
    caseQuestion: 'A 72-year-old takes citalopram 40 mg daily. Any concern?',
    verdict: 'adjust-dose',
    answer:
      'Citalopram prolongs the QT interval dose-dependently, so older adults take a lower maximum.',
    mechanism: 'QT prolongation raises the risk of the arrhythmia torsades de pointes.',
    alternatives: [],
    monitoring: 'ECG if cardiac risk factors, and potassium',
    dose: 'max 20 mg/day over 60 (FDA) or over 65 (MHRA); 40 mg/day in younger adults',
    keyFact: {
      subject: 'citalopram',
      relation: 'is capped in older adults at',
      value: '20',
      unit: 'mg a day',
    },
    uncertain: false,
    source: 'FDA safety communication 2012; MHRA 2011',
  },
  {
    id: 'ace-inhibitor-angioedema',
    family: 'adverse-event',
    drugs: ['lisinopril', 'ramipril'],
    situation: 'previous ACE inhibitor angioedema',
    question: 'Can an ACE inhibitor be restarted after angioedema?',
    caseQuestion: 'A patient had lip swelling on lisinopril last year. Try ramipril?',
    verdict: 'contraindicated',
    answer: 'Angioedema can recur and block the airway; do not rechallenge with any ACE inhibitor.',
    mechanism: 'ACE also breaks down bradykinin; accumulated bradykinin causes the swelling.',
    alternatives: ['a calcium-channel blocker'],
    monitoring: 'blood pressure on the new agent',
    keyFact: { subject: 'ACE inhibitors', relation: 'can rarely cause', value: 'angioedema' },
    uncertain: false,
    source: 'FDA ACE inhibitor labels; BNF',
  },
  {
    id: 'fluoroquinolone-tendon',
    family: 'adverse-event',
    drugs: ['ciprofloxacin', 'levofloxacin'],
    situation: 'older adult on corticosteroids',
    question: 'Is ciprofloxacin wise for an older patient taking corticosteroids?',
    caseQuestion: 'An 80-year-old on prednisolone has a mild UTI. Is ciprofloxacin a good choice?',
    verdict: 'avoid',
    answer:
      'Age over 60 and steroids raise the risk of tendon rupture; keep quinolones for serious infections.',
    mechanism: 'Fluoroquinolones damage tendon collagen; corticosteroids add to the injury.',
    alternatives: ['a non-quinolone antibiotic'],
    monitoring: 'tendon pain, especially the Achilles',
    keyFact: {
      subject: 'fluoroquinolones',
      relation: 'can cause tendinitis and tendon',
      value: 'rupture',
    },
    uncertain: false,
    source: 'MHRA 2019; FDA boxed warning',
  },

  // ───────────────────────────── pharmacogenomics ─────────────────────────────
  {
    id: 'codeine-cyp2d6-ultrarapid',
    family: 'pharmacogenomics',
    drugs: ['codeine'],
    situation: 'CYP2D6 ultra-rapid metaboliser',
    question: 'Is codeine safe for a CYP2D6 ultra-rapid metaboliser?',
    caseQuestion: 'A patient with CYP2D6 gene duplication needs pain relief. Codeine?',
    verdict: 'avoid',
    answer:
      'Ultra-rapid metabolisers turn codeine into morphine too fast, risking respiratory depression.',
    mechanism: 'CYP2D6 converts codeine to morphine; extra gene copies speed this up.',
    alternatives: ['a non-opioid analgesic', 'morphine'],
    monitoring: 'sedation and breathing',
    keyFact: {
      subject: 'codeine in CYP2D6 ultra-rapid metabolisers',
      relation: 'can cause toxic levels of',
      value: 'morphine',
    },
    uncertain: false,
    source: 'CPIC 2021 (CYP2D6 and opioids); FDA 2017 codeine restrictions',
  },
  {
    id: 'codeine-cyp2d6-poor',
    family: 'pharmacogenomics',
    drugs: ['codeine'],
    situation: 'CYP2D6 poor metaboliser',
    question: 'Is codeine suitable for a CYP2D6 poor metaboliser?',
    caseQuestion: 'A CYP2D6 poor metaboliser says codeine never helps. What do you advise?',
    verdict: 'avoid',
    answer: 'Poor metabolisers make little morphine from codeine, so pain relief is poor.',
    mechanism: 'Codeine is a prodrug that needs CYP2D6 to form morphine.',
    alternatives: ['a non-opioid analgesic', 'morphine'],
    monitoring: 'pain control',
    keyFact: {
      subject: 'codeine in CYP2D6 poor metabolisers',
      relation: 'gives little',
      value: 'analgesia',
    },
    uncertain: false,
    source: 'CPIC 2021 (CYP2D6 and opioids)',
  },
  {
    id: 'clopidogrel-cyp2c19',
    family: 'pharmacogenomics',
    drugs: ['clopidogrel'],
    situation: 'CYP2C19 poor metaboliser after a stent',
    question: 'Should a CYP2C19 poor metaboliser receive clopidogrel after a stent?',
    caseQuestion: 'After PCI, genotyping shows CYP2C19 *2/*2. Is clopidogrel adequate?',
    verdict: 'avoid',
    answer:
      'Poor metabolisers form little active drug and have more stent thrombosis on clopidogrel.',
    mechanism: 'Clopidogrel needs CYP2C19 to form the metabolite that blocks the P2Y12 receptor.',
    alternatives: ['ticagrelor', 'prasugrel'],
    monitoring: 'bleeding on the alternative agent',
    keyFact: { subject: 'clopidogrel', relation: 'is a prodrug activated by', value: 'CYP2C19' },
    uncertain: false,
    source: 'CPIC 2022 (CYP2C19 and clopidogrel); FDA boxed warning',
  },
  {
    id: 'azathioprine-tpmt',
    family: 'pharmacogenomics',
    drugs: ['azathioprine', 'mercaptopurine'],
    situation: 'low TPMT activity',
    question: 'Why is TPMT checked before azathioprine?',
    caseQuestion: 'A patient starting azathioprine has intermediate TPMT activity. Dose?',
    verdict: 'adjust-dose',
    answer:
      'Low TPMT lets toxic thioguanine nucleotides build up; reduce the dose, or avoid if TPMT is absent.',
    mechanism: 'TPMT inactivates thiopurines; without it they cause severe myelosuppression.',
    alternatives: [],
    monitoring: 'full blood count weekly at first',
    dose: 'intermediate activity: start at 30–80% of the usual dose',
    keyFact: {
      subject: 'azathioprine',
      relation: 'dosing depends on the activity of',
      value: 'TPMT',
    },
    uncertain: false,
    source: 'CPIC 2018 (TPMT and NUDT15)',
  },
  {
    id: 'allopurinol-hla-b5801',
    family: 'pharmacogenomics',
    drugs: ['allopurinol'],
    situation: 'HLA-B*58:01 carrier',
    question: 'Should an HLA-B*58:01 carrier be given allopurinol?',
    caseQuestion: 'A Korean patient with gout is HLA-B*58:01 positive. Start allopurinol?',
    verdict: 'avoid',
    answer: 'Carriers have a greatly increased risk of severe cutaneous reactions to allopurinol.',
    mechanism: 'HLA-B*58:01 presents oxypurinol to T cells, driving SJS, TEN or DRESS.',
    alternatives: ['febuxostat'],
    monitoring: 'rash and urate on the alternative',
    keyFact: {
      subject: 'allopurinol',
      relation: 'is avoided in carriers of',
      value: 'HLA-B*58:01',
    },
    uncertain: false,
    source: 'ACR gout guideline 2020; CPIC 2015',
  },
  {
    id: 'abacavir-hla-b5701',
    family: 'pharmacogenomics',
    drugs: ['abacavir'],
    situation: 'HLA-B*57:01 carrier',
    question: 'Can abacavir be used in an HLA-B*57:01-positive patient?',
    caseQuestion: 'A man starting HIV therapy is HLA-B*57:01 positive. Abacavir?',
    verdict: 'contraindicated',
    answer:
      'Carriers are at high risk of abacavir hypersensitivity, which can be fatal on rechallenge.',
    mechanism: 'Abacavir binds HLA-B*57:01 and alters the peptides it shows to T cells.',
    alternatives: ['another antiretroviral'],
    monitoring: 'fever, rash and gut symptoms',
    keyFact: {
      subject: 'abacavir',
      relation: 'is contraindicated in carriers of',
      value: 'HLA-B*57:01',
    },
    uncertain: false,
    source: 'FDA abacavir label; CPIC 2014',
  },
  {
    id: 'fluorouracil-dpyd',
    family: 'pharmacogenomics',
    drugs: ['fluorouracil', 'capecitabine'],
    situation: 'reduced DPD activity',
    question: 'How does DPYD genotype change fluorouracil dosing?',
    caseQuestion: 'A patient due capecitabine carries one DPYD no-function variant. Dose?',
    verdict: 'adjust-dose',
    answer:
      'Reduced DPD activity can make standard doses fatal; start at half dose or avoid if DPD is absent.',
    mechanism: 'DPD, encoded by DPYD, breaks down most fluorouracil; deficiency causes build-up.',
    alternatives: [],
    monitoring: 'mucositis, diarrhoea and blood counts',
    dose: 'intermediate metabolisers: start at 50% of the dose',
    keyFact: {
      subject: 'fluorouracil',
      relation: 'toxicity is predicted by variants in',
      value: 'DPYD',
    },
    uncertain: false,
    source: 'CPIC 2017 (DPYD); EMA 2020',
  },
  {
    id: 'warfarin-genotype',
    family: 'pharmacogenomics',
    drugs: ['warfarin'],
    situation: 'CYP2C9 or VKORC1 variant',
    question: 'How do CYP2C9 and VKORC1 variants affect warfarin dosing?',
    caseQuestion: 'A patient starting warfarin carries CYP2C9 *3. Standard loading?',
    verdict: 'adjust-dose',
    answer:
      'Variant carriers need lower doses; genotype helps at the start, but INR still guides dosing.',
    mechanism: 'CYP2C9 clears S-warfarin; VKORC1 variants make its target more sensitive.',
    alternatives: [],
    monitoring: 'INR frequently in the first weeks',
    keyFact: {
      subject: 'warfarin',
      relation: 'needs lower doses in carriers of variants in CYP2C9 and',
      value: 'VKORC1',
    },
    uncertain: true,
    source: 'CPIC 2017 (warfarin); trials of genotype-guided dosing disagree',
  },

  // ───────────────────────────── special-population ─────────────────────────────
  {
    id: 'aspirin-children-reye',
    family: 'special-population',
    drugs: ['aspirin'],
    situation: 'child or teenager',
    question: 'Can aspirin be given to a child with a fever?',
    caseQuestion: 'A 9-year-old with chickenpox has a fever. Can a parent give aspirin?',
    verdict: 'avoid',
    answer: "Aspirin in children, especially with viral illness, is linked to Reye's syndrome.",
    mechanism: "Reye's syndrome is acute liver failure with brain swelling, linked to salicylates.",
    alternatives: ['paracetamol', 'ibuprofen'],
    monitoring: 'temperature and hydration',
    keyFact: {
      subject: 'aspirin',
      relation: 'is avoided in children under',
      value: '16',
      unit: "because of Reye's syndrome",
    },
    uncertain: false,
    source: 'MHRA/BNF (under 16); US advice covers children and teenagers',
  },
  {
    id: 'valproate-pregnancy',
    family: 'special-population',
    drugs: ['valproate'],
    situation: 'pregnancy or childbearing potential',
    question: 'Why is valproate avoided in women who could become pregnant?',
    caseQuestion: 'A woman with epilepsy on valproate plans a pregnancy. What advice?',
    verdict: 'avoid',
    answer:
      'Birth defects affect about 1 in 10 exposed babies, and developmental disorders up to 4 in 10.',
    mechanism:
      'Valproate is a potent teratogen affecting neural tube, heart and brain development.',
    alternatives: ['lamotrigine', 'levetiracetam'],
    monitoring: 'seizure control when switching',
    keyFact: {
      subject: 'valproate',
      relation: 'causes birth defects in about',
      value: '10%',
      unit: 'of exposed pregnancies',
    },
    uncertain: false,
    source: 'MHRA valproate pregnancy prevention programme 2018/2024; EMA PRAC',
  },
  {
    id: 'benzodiazepine-elderly',
    family: 'special-population',
    drugs: ['diazepam', 'temazepam'],
    situation: 'older adult',
    question: 'Are benzodiazepines appropriate for insomnia in older adults?',
    caseQuestion: 'An 84-year-old asks for temazepam to help her sleep. Appropriate?',
    verdict: 'avoid',
    answer:
      'Older adults are more sensitive to benzodiazepines: sedation, confusion, falls and fractures.',
    mechanism: 'Slower clearance and greater brain sensitivity prolong sedation in older people.',
    alternatives: ['CBT for insomnia'],
    monitoring: 'falls and daytime sedation',
    keyFact: {
      subject: 'benzodiazepines',
      relation: 'raise the risk in older adults of',
      value: 'falls',
    },
    uncertain: false,
    source: 'AGS Beers Criteria 2023; STOPP/START v3',
  },
  {
    id: 'tetracycline-children',
    family: 'special-population',
    drugs: ['doxycycline', 'tetracycline'],
    situation: 'young child',
    question: 'Can tetracyclines be given to young children?',
    caseQuestion: 'A 6-year-old needs an antibiotic for a chest infection. Doxycycline?',
    verdict: 'avoid',
    answer:
      'Tetracyclines bind to growing teeth and bone; short doxycycline courses are an accepted exception.',
    mechanism: 'Tetracyclines chelate calcium and deposit in developing teeth and bone.',
    alternatives: ['a non-tetracycline antibiotic'],
    monitoring: 'response to treatment',
    keyFact: {
      subject: 'tetracyclines',
      relation: 'can permanently stain developing',
      value: 'teeth',
    },
    uncertain: true,
    source: 'BNF (under 12); AAP Red Book 2021 (under 8, short doxycycline allowed)',
  },
  {
    id: 'warfarin-pregnancy',
    family: 'special-population',
    drugs: ['warfarin'],
    situation: 'pregnancy',
    question: 'Is warfarin used for anticoagulation in pregnancy?',
    caseQuestion: 'A woman on warfarin for past DVT finds she is 6 weeks pregnant. Continue?',
    verdict: 'avoid',
    answer: 'Warfarin crosses the placenta and can cause embryopathy and fetal bleeding.',
    mechanism: 'Warfarin crosses the placenta; weeks 6–12 are the highest-risk period for defects.',
    alternatives: ['low-molecular-weight heparin'],
    monitoring: 'anti-Xa levels on the heparin if needed',
    keyFact: {
      subject: 'warfarin',
      relation: 'in the first trimester can cause',
      value: 'embryopathy',
    },
    uncertain: true,
    source: 'RCOG Green-top 37a; mechanical heart valves are a specialist exception',
  },
  {
    id: 'lmwh-pregnancy',
    family: 'special-population',
    drugs: ['enoxaparin', 'dalteparin'],
    situation: 'pregnancy',
    question: 'Which anticoagulant is preferred for VTE in pregnancy?',
    caseQuestion: 'A pregnant woman has a DVT at 20 weeks. Is enoxaparin safe for the baby?',
    verdict: 'safe',
    answer: 'Low-molecular-weight heparin is the anticoagulant of choice in pregnancy.',
    mechanism: 'Heparins are large molecules that do not reach the fetus.',
    alternatives: [],
    monitoring: 'weight-based dose and renal function',
    keyFact: {
      subject: 'low-molecular-weight heparin',
      relation: 'does not cross the',
      value: 'placenta',
    },
    uncertain: false,
    source: 'RCOG Green-top 37b; ASH VTE in pregnancy 2018',
  },
  {
    id: 'levothyroxine-pregnancy',
    family: 'special-population',
    drugs: ['levothyroxine'],
    situation: 'pregnancy',
    question: 'Does levothyroxine dosing change in pregnancy?',
    caseQuestion: 'A woman on levothyroxine has a positive pregnancy test. What now?',
    verdict: 'adjust-dose',
    answer:
      'Requirements rise in early pregnancy; increase the dose by about 20–30% and recheck TSH.',
    mechanism:
      'Pregnancy raises thyroid-binding globulin and fetal needs, increasing demand for T4.',
    alternatives: [],
    monitoring: 'TSH every 4 weeks in the first half of pregnancy',
    dose: 'often two extra daily doses per week',
    keyFact: {
      subject: 'levothyroxine',
      relation: 'dose is usually increased once',
      value: 'pregnancy',
      unit: 'is confirmed',
    },
    uncertain: false,
    source: 'ATA thyroid and pregnancy guideline 2017',
  },
  {
    id: 'amoxicillin-breastfeeding',
    family: 'special-population',
    drugs: ['amoxicillin'],
    situation: 'breastfeeding',
    question: 'Can a breastfeeding mother take amoxicillin?',
    caseQuestion: 'A mother feeding her 2-month-old needs amoxicillin for sinusitis. OK?',
    verdict: 'safe',
    answer: 'Only small amounts pass into milk; breastfeeding can continue.',
    mechanism: 'Low milk transfer; infant effects are usually limited to loose stools or thrush.',
    alternatives: [],
    monitoring: 'the infant for diarrhoea, thrush or rash',
    keyFact: {
      subject: 'amoxicillin',
      relation: 'is considered compatible with',
      value: 'breastfeeding',
    },
    uncertain: false,
    source: 'NIH LactMed; BNF',
  },

  // ───────────────────────────── monitoring ─────────────────────────────
  {
    id: 'lithium-range',
    family: 'monitoring',
    drugs: ['lithium'],
    situation: 'maintenance lithium',
    question: 'What serum lithium range is targeted, and when is it measured?',
    caseQuestion: 'A patient on lithium has a level of 0.7 mmol/L at 12 hours. Is that right?',
    verdict: 'monitor',
    answer: 'Levels are taken 12 hours after a dose; most patients aim for 0.6–0.8 mmol/L.',
    mechanism: 'Lithium has a narrow therapeutic index and is cleared by the kidneys.',
    alternatives: [],
    monitoring: 'levels every 3 months, renal and thyroid tests every 6 months',
    keyFact: {
      subject: 'the usual lithium range',
      relation: 'is 0.4 to',
      value: '1.0',
      unit: 'mmol/L',
    },
    uncertain: false,
    source: 'NICE CG185; BNF',
  },
  {
    id: 'theophylline-range',
    family: 'monitoring',
    drugs: ['theophylline'],
    situation: 'maintenance theophylline',
    question: 'What plasma level is targeted for theophylline?',
    caseQuestion: 'A COPD patient on theophylline starts clarithromycin. What to check?',
    verdict: 'monitor',
    answer:
      'Traditionally 10–20 mg/L, though many now aim for 5–15; toxicity rises sharply above 20.',
    mechanism: 'Narrow therapeutic index; CYP1A2 inhibitors raise levels and smoking lowers them.',
    alternatives: [],
    monitoring: 'levels 5 days after starting and 3 days after any dose change',
    keyFact: {
      subject: 'theophylline',
      relation: 'has a traditional target range in mg/L of 10 to',
      value: '20',
    },
    uncertain: true,
    source: 'BNF; GOLD 2024 (targets 5–15 mg/L vary)',
  },
  {
    id: 'methotrexate-weekly',
    family: 'monitoring',
    drugs: ['methotrexate'],
    situation: 'low-dose methotrexate for arthritis',
    question: 'How often is low-dose methotrexate taken for rheumatoid arthritis?',
    caseQuestion: 'A new prescription says methotrexate 10 mg daily for arthritis. Correct?',
    verdict: 'caution',
    answer:
      'Low-dose methotrexate is taken once a week; daily dosing errors have caused fatal toxicity.',
    mechanism: 'Daily dosing causes marrow suppression, mucositis and liver injury.',
    alternatives: [],
    monitoring: 'blood count, liver and renal tests every 1–3 months',
    dose: 'once weekly, with folic acid on a different day',
    keyFact: { subject: 'methotrexate', relation: 'for arthritis is taken once', value: 'weekly' },
    uncertain: false,
    source: 'MHRA 2020; NPSA alert; BSR 2017',
  },
  {
    id: 'digoxin-potassium',
    family: 'monitoring',
    drugs: ['digoxin'],
    situation: 'digoxin with diuretics',
    question: 'Which blood tests matter for a patient on digoxin?',
    caseQuestion: 'A patient on digoxin and furosemide feels sick and sees yellow halos.',
    verdict: 'monitor',
    answer: 'Take levels at least 6 hours post-dose and check potassium and renal function.',
    mechanism:
      'Digoxin and potassium compete at the Na+/K+-ATPase, so hypokalaemia boosts digoxin effect.',
    alternatives: [],
    monitoring: 'digoxin level, potassium and creatinine',
    keyFact: {
      subject: 'digoxin toxicity',
      relation: 'is made more likely by low',
      value: 'potassium',
    },
    uncertain: false,
    source: 'BNF; ACC/AHA heart failure guideline 2022',
  },
  {
    id: 'vancomycin-auc',
    family: 'monitoring',
    drugs: ['vancomycin'],
    situation: 'serious MRSA infection',
    question: 'How is vancomycin dosing monitored for serious MRSA infection?',
    caseQuestion: 'A patient on IV vancomycin for MRSA bacteraemia: how are doses guided?',
    verdict: 'monitor',
    answer:
      'Doses are adjusted to an AUC of 400–600 mg h/L, which causes less kidney injury than high troughs.',
    mechanism: 'Efficacy follows AUC/MIC; high exposure is nephrotoxic.',
    alternatives: [],
    monitoring: 'levels and creatinine',
    keyFact: {
      subject: 'vancomycin',
      relation: 'dosing targets an AUC of 400 to',
      value: '600',
      unit: 'mg h/L',
    },
    uncertain: true,
    source: 'ASHP/IDSA vancomycin consensus 2020 (trough-based dosing persists)',
  },
  {
    id: 'warfarin-inr',
    family: 'monitoring',
    drugs: ['warfarin'],
    situation: 'atrial fibrillation',
    question: 'What INR range is targeted with warfarin for atrial fibrillation?',
    caseQuestion: 'A patient starting warfarin for AF asks which INR range to aim for.',
    verdict: 'monitor',
    answer:
      'The target INR is 2–3 for atrial fibrillation and VTE; higher for some mechanical valves.',
    mechanism: 'Warfarin has a narrow therapeutic index and many diet and drug interactions.',
    alternatives: [],
    monitoring: 'INR, at least every 12 weeks once stable',
    keyFact: {
      subject: 'warfarin',
      relation: 'for atrial fibrillation targets an INR of 2 to',
      value: '3',
    },
    uncertain: false,
    source: 'NICE NG196; ACC/AHA AF guideline 2023',
  },
  {
    id: 'amiodarone-monitoring',
    family: 'monitoring',
    drugs: ['amiodarone'],
    situation: 'long-term amiodarone',
    question: 'What monitoring does long-term amiodarone need?',
    caseQuestion: 'A patient has taken amiodarone for a year with no blood tests. Concern?',
    verdict: 'monitor',
    answer:
      'Amiodarone can harm the thyroid, liver, lungs and eyes, so tests are needed before and during use.',
    mechanism: 'Amiodarone is iodine-rich, very long-lived and accumulates in tissues.',
    alternatives: [],
    monitoring: 'thyroid and liver tests, chest X-ray at baseline',
    keyFact: {
      subject: 'amiodarone',
      relation: 'needs thyroid and liver tests every',
      value: '6',
      unit: 'months',
    },
    uncertain: false,
    source: 'BNF; amiodarone SmPC',
  },
  {
    id: 'clozapine-neutrophils',
    family: 'monitoring',
    drugs: ['clozapine'],
    situation: 'clozapine treatment',
    question: 'Why does clozapine need regular blood counts?',
    caseQuestion: 'A patient on clozapine reports a sore throat and fever. What to check?',
    verdict: 'monitor',
    answer:
      'Neutrophil counts are checked weekly at first and less often later; infection signs need urgent tests.',
    mechanism: 'Clozapine can suppress neutrophil production, usually in the first 18 weeks.',
    alternatives: [],
    monitoring: 'neutrophil count, weekly for the first 18 weeks',
    keyFact: {
      subject: 'clozapine',
      relation: 'needs regular blood counts because it can cause',
      value: 'agranulocytosis',
    },
    uncertain: false,
    source: 'Clozapine SmPC (UK schedule); FDA label',
  },

  // ───────────────────────────── allergy ─────────────────────────────
  {
    id: 'penicillin-cephalosporin',
    family: 'allergy',
    drugs: ['cefalexin', 'ceftriaxone', 'amoxicillin'],
    situation: 'penicillin allergy label',
    question: 'Can a patient with penicillin allergy receive a cephalosporin?',
    caseQuestion: 'A patient had a rash on amoxicillin years ago and needs ceftriaxone. OK?',
    verdict: 'caution',
    answer:
      'Cross-reactivity is low and mostly side-chain based; avoid only after anaphylaxis or similar side chains.',
    mechanism:
      'Cross-reactions mainly follow shared R1 side chains, not the common beta-lactam ring.',
    alternatives: [],
    monitoring: 'the patient for a reaction after the first dose',
    keyFact: {
      subject: 'cephalosporin cross-reactivity in penicillin allergy',
      relation: 'is low, about',
      value: '1–2%',
    },
    uncertain: true,
    source: 'AAAAI/ACAAI drug allergy practice parameter 2022; BSACI 2022',
  },
  {
    id: 'cephalosporin-side-chain',
    family: 'allergy',
    drugs: ['cefalexin', 'cefaclor', 'ampicillin'],
    situation: 'penicillin anaphylaxis',
    question: 'Which cephalosporins are avoided after penicillin anaphylaxis?',
    caseQuestion: 'A man had anaphylaxis to ampicillin. He is prescribed cefalexin. Safe?',
    verdict: 'avoid',
    answer:
      'Those with the same or similar side chain, such as cefalexin or cefaclor after ampicillin.',
    mechanism: 'IgE antibodies often recognise the R1 side chain, which some pairs share exactly.',
    alternatives: ['a cephalosporin with a dissimilar side chain'],
    monitoring: 'the patient closely after any beta-lactam',
    keyFact: {
      subject: 'after penicillin anaphylaxis, cephalosporins',
      relation: 'are avoided if they share a similar',
      value: 'side chain',
    },
    uncertain: false,
    source: 'AAAAI/ACAAI drug allergy practice parameter 2022',
  },
  {
    id: 'penicillin-allergy-label',
    family: 'allergy',
    drugs: ['amoxicillin'],
    situation: 'low-risk penicillin allergy history',
    question: 'Should a vague childhood penicillin allergy label be tested?',
    caseQuestion: 'A woman had a vague rash as a child on penicillin. Keep the label?',
    verdict: 'caution',
    answer:
      'Most of these labels are wrong; low-risk histories can be removed after a supervised amoxicillin test.',
    mechanism: 'Childhood rashes are often viral, and true IgE allergy wanes over years.',
    alternatives: [],
    monitoring: 'the patient for an hour after the challenge dose',
    keyFact: {
      subject: 'penicillin allergy labels',
      relation: 'are incorrect in about',
      value: '90%',
      unit: 'of patients',
    },
    uncertain: false,
    source: 'AAAAI/ACAAI drug allergy practice parameter 2022; NICE CG183',
  },
  {
    id: 'carbapenem-penicillin-allergy',
    family: 'allergy',
    drugs: ['meropenem'],
    situation: 'penicillin allergy',
    question: 'Can a carbapenem be given to a patient with penicillin allergy?',
    caseQuestion: 'A septic patient with penicillin allergy needs meropenem. Is it safe?',
    verdict: 'safe',
    answer: 'Cross-reactivity is very low, so carbapenems can be given without prior testing.',
    mechanism: 'Carbapenems have different side chains from penicillins.',
    alternatives: [],
    monitoring: 'the patient for a reaction after the first dose',
    keyFact: {
      subject: 'carbapenem cross-reactivity in penicillin allergy',
      relation: 'is below',
      value: '1%',
    },
    uncertain: false,
    source: 'AAAAI/ACAAI drug allergy practice parameter 2022',
  },
  {
    id: 'aztreonam-ceftazidime',
    family: 'allergy',
    drugs: ['aztreonam', 'ceftazidime'],
    situation: 'beta-lactam allergy',
    question: 'Can aztreonam be used in a patient with penicillin allergy?',
    caseQuestion: 'A patient with penicillin anaphylaxis needs Gram-negative cover. Aztreonam?',
    verdict: 'safe',
    answer:
      'Aztreonam does not cross-react with penicillins; ceftazidime allergy is the exception.',
    mechanism:
      "Aztreonam is a monobactam; its side chain matches ceftazidime's (and cefiderocol's).",
    alternatives: [],
    monitoring: 'the patient for a reaction after the first dose',
    keyFact: { subject: 'aztreonam', relation: 'shares a side chain with', value: 'ceftazidime' },
    uncertain: false,
    source: 'AAAAI/ACAAI drug allergy practice parameter 2022',
  },
  {
    id: 'nsaid-respiratory-disease',
    family: 'allergy',
    drugs: ['aspirin', 'ibuprofen', 'naproxen'],
    situation: 'aspirin-exacerbated respiratory disease',
    question: 'Can a patient with aspirin-exacerbated respiratory disease take NSAIDs?',
    caseQuestion: 'A woman with asthma and nasal polyps wheezed after aspirin. Ibuprofen?',
    verdict: 'avoid',
    answer: 'COX-1 inhibitors can trigger severe asthma attacks in this condition.',
    mechanism: 'COX-1 inhibition shifts arachidonic acid toward leukotrienes.',
    alternatives: ['low-dose paracetamol', 'celecoxib'],
    monitoring: 'wheeze after the first dose of any alternative',
    keyFact: {
      subject: 'in aspirin-exacerbated respiratory disease, NSAIDs',
      relation: 'can trigger',
      value: 'bronchospasm',
    },
    uncertain: true,
    source: 'EAACI/AAAAI AERD guidance; tolerance of paracetamol and COX-2 inhibitors varies',
  },
  {
    id: 'sulfonamide-allergy',
    family: 'allergy',
    drugs: ['furosemide', 'sulfamethoxazole'],
    situation: 'sulfonamide antibiotic allergy',
    question: 'Does sulfonamide antibiotic allergy rule out furosemide?',
    caseQuestion: 'A patient allergic to co-trimoxazole needs furosemide for oedema. OK?',
    verdict: 'caution',
    answer:
      'Cross-reactivity with non-antibiotic sulfonamides is not established; furosemide is usually given.',
    mechanism: 'Antibiotic sulfonamide allergy involves an arylamine group that furosemide lacks.',
    alternatives: [],
    monitoring: 'the patient for rash after the first doses',
    keyFact: {
      subject: 'sulfonamide antibiotic allergy',
      relation: 'rarely cross-reacts with',
      value: 'furosemide',
    },
    uncertain: true,
    source: 'Strom et al., NEJM 2003; AAAAI/ACAAI 2022',
  },
];
