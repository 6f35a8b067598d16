/**
 * The expert (instruction, response) pairs found in the seed documents
 * (/work/shared/seeds, mostly 003: the "8 pharmaceutical queries" — only 5 are
 * written out there — the metformin progression and the scorecard examples).
 *
 * The seeds are material, not truth. Every pair below is rewritten compactly in the
 * app's response format (verdict label first) and corrected where the seed was wrong.
 * `seedResponse` keeps what the seed said, so a page can show the correction as a
 * teaching point, and `correction` says what changed (null: only reformatted).
 *
 * Corrected seed claims:
 * - renal dosing: fixed "100% / 75% / 50%" eGFR bands for any drug do not exist;
 *   renal adjustment is drug-specific.
 * - warfarin + NSAIDs: "CONTRAINDICATED … 2-3x bleeding" overstated and unsourced;
 *   the combination is avoided (bleeding risk), paracetamol preferred.
 * - metformin in cirrhosis: the seed answered a liver question about the kidneys and
 *   offered SGLT2 inhibitors/GLP-1 agonists; labels advise avoiding metformin in
 *   hepatic impairment (lactate clearance), insulin is the usual choice.
 * - metformin at eGFR 28: SGLT2 inhibitors lower glucose little below eGFR 30 and are
 *   not started there for glycaemic control; replaced by linagliptin.
 * - penicillin allergy: "IgE: AVOID beta-lactams" is wrong; cross-reactivity with
 *   cephalosporins is ~1–2% and side-chain based, carbapenems and aztreonam are
 *   usually tolerated; "DEPENDS" is not a verdict.
 * - codeine in CYP2D6 poor metabolisers: oxycodone also depends partly on CYP2D6;
 *   CPIC suggests morphine or a non-opioid. "INEFFECTIVE" is not a verdict.
 * - NSAIDs in CKD: the seed's "only if eGFR <30 AND proteinuria" is wrong; KDIGO
 *   advises avoiding NSAIDs below eGFR 30 and prolonged use below 60.
 * - amoxicillin for a 20 kg child: arithmetic right for the US label's 25–45
 *   mg/kg/day, but acute otitis media uses high-dose 80–90 mg/kg/day.
 */

import type { Verdict } from './knowledgeBase';

export interface SeedExpertPair {
  /** Stable id, 'seed-…'. */
  id: string;
  /** The knowledge-base fact this pair illustrates, or null for a general pair. */
  factId: string | null;
  verdict: Verdict;
  /** ≤ 90 characters. */
  instruction: string;
  /** Corrected response in the app's format, ≤ 170 characters. */
  response: string;
  /** Where in the seeds the pair comes from. */
  origin: string;
  /** What the seed's best ("expert" or "PPO") answer said. */
  seedResponse: string;
  /** What was wrong and how it was corrected; null where the seed was only reformatted. */
  correction: string | null;
}

export const SEED_EXPERT_PAIRS: readonly SeedExpertPair[] = [
  {
    id: 'seed-renal-dosing',
    factId: null,
    verdict: 'adjust-dose',
    instruction: "How should a renally cleared drug's dose change as eGFR falls?",
    response:
      "ADJUST DOSE: Renal dose changes are drug-specific: follow the label's eGFR or CrCl bands, not fixed percentages. Monitor renal function.",
    origin: '003, Query 1 (Renal Dosing) and Challenge 3',
    seedResponse:
      'eGFR >60: 100%. eGFR 30-59: 75%. eGFR <30: 50%. Monitor renal function weekly x4.',
    correction: 'No universal 100/75/50% eGFR bands exist; adjustment follows each drug label.',
  },
  {
    id: 'seed-warfarin-nsaid',
    factId: 'warfarin-nsaid',
    verdict: 'avoid',
    instruction: 'Can a patient on warfarin take an NSAID for pain?',
    response:
      'AVOID: NSAIDs impair platelets and injure the gut lining, so bleeding risk rises on warfarin. Use paracetamol instead.',
    origin: '003, Query 2 (Warfarin + NSAIDs)',
    seedResponse:
      'CONTRAINDICATED. NSAIDs inhibit platelets + enhance warfarin → 2-3x bleeding. Use acetaminophen.',
    correction:
      'Avoid rather than absolute contraindication; the "2-3x" figure and "enhance warfarin" claim were dropped.',
  },
  {
    id: 'seed-metformin-cirrhosis',
    factId: 'metformin-hepatic-impairment',
    verdict: 'avoid',
    instruction: 'Is metformin safe for a diabetic patient with liver cirrhosis?',
    response:
      'AVOID: The liver clears lactate, so cirrhosis raises the risk of lactic acidosis on metformin. Use insulin instead.',
    origin: '003, Query 3 (Metformin in Cirrhosis)',
    seedResponse: 'CONTRAINDICATED. Severe lactic acidosis risk. Use insulin, GLP-1, SGLT2i.',
    correction:
      'The seed mixed a liver question with renal advice; labels say avoid in hepatic impairment, insulin preferred.',
  },
  {
    id: 'seed-metformin-egfr-28',
    factId: 'metformin-egfr-30',
    verdict: 'contraindicated',
    instruction: 'Can I use metformin if eGFR is 28?',
    response:
      'CONTRAINDICATED: Below eGFR 30 metformin accumulates and can cause lactic acidosis. Use insulin, a GLP-1 agonist or linagliptin instead.',
    origin: '003, metformin progression (Stages 2 and 4)',
    seedResponse: 'CONTRAINDICATED. Severe lactic acidosis risk. Use insulin, GLP-1, SGLT2i.',
    correction:
      'SGLT2 inhibitors lower glucose little below eGFR 30 and are not started there; linagliptin instead.',
  },
  {
    id: 'seed-penicillin-cephalosporin',
    factId: 'penicillin-cephalosporin',
    verdict: 'caution',
    instruction: 'A patient says she is allergic to penicillin. Can she have a cephalosporin?',
    response:
      'CAUTION: Cross-reactivity is about 1–2% and side-chain based; avoid only after anaphylaxis or with a similar side chain.',
    origin: '003, Query 4 (Penicillin Allergy + Cephalosporin)',
    seedResponse: 'DEPENDS on type. Non-IgE: 3rd gen safe (1-3% cross). IgE: AVOID beta-lactams.',
    correction:
      'IgE allergy does not rule out all beta-lactams; risk is side-chain based. "DEPENDS" is not a verdict.',
  },
  {
    id: 'seed-codeine-cyp2d6-poor',
    factId: 'codeine-cyp2d6-poor',
    verdict: 'avoid',
    instruction: 'Will codeine work for a CYP2D6 poor metaboliser?',
    response:
      'AVOID: Codeine needs CYP2D6 to form morphine, so poor metabolisers get little pain relief. Use a non-opioid analgesic or morphine instead.',
    origin: '003, Query 5 (CYP2D6 Poor Metabolizer + Codeine)',
    seedResponse: 'INEFFECTIVE. Codeine requires CYP2D6→morphine. Use morphine/oxycodone directly.',
    correction:
      'Oxycodone also relies partly on CYP2D6 (CPIC: morphine or a non-opioid). "INEFFECTIVE" is not a verdict.',
  },
  {
    id: 'seed-nsaid-ckd',
    factId: 'nsaid-ckd',
    verdict: 'avoid',
    instruction: 'Are NSAIDs safe for a patient with chronic kidney disease?',
    response:
      'AVOID: NSAIDs reduce renal blood flow; avoid them below eGFR 30 and avoid long courses below 60. Use paracetamol instead.',
    origin: '003, Metric 3 (Specificity)',
    seedResponse:
      'NSAIDs caution if eGFR 30-60, contraindicated if <30 (and: "only if eGFR <30 AND proteinuria").',
    correction:
      'The "only with proteinuria" condition is wrong; KDIGO avoids NSAIDs below eGFR 30.',
  },
  {
    id: 'seed-amoxicillin-child',
    factId: null,
    verdict: 'adjust-dose',
    instruction: 'Amoxicillin dose for a 5-year-old weighing 20 kg?',
    response:
      'ADJUST DOSE: Dose by weight and indication: 25–45 mg/kg/day in 2 doses (500–900 mg/day at 20 kg); otitis media often 80–90 mg/kg/day.',
    origin: '003, Metric 4 (Dose Calculation Accuracy)',
    seedResponse: '5-year-old (20kg) amoxicillin: 25-45 mg/kg/day = 500-900mg ÷ BID-TID',
    correction:
      'Arithmetic right for the US label (mild to moderate infection); otitis media needs high-dose 80–90 mg/kg/day.',
  },
];
