/** Test texts for the tokenizer tests: English clinical prose with numbers and symbols. */

export const SAMPLE_TEXT = `Metformin 500 mg is taken twice daily with meals. The maximum dose is 2,000 mg per day.
Do not use metformin when eGFR < 30 mL/min/1.73 m²; reduce the dose when eGFR is 30–45.
Warfarin has a narrow therapeutic index: keep the INR between 2.0 and 3.0 (target 2.5).
Amoxicillin 250 mg every 8 hours for 7 days treats most uncomplicated infections.
Ibuprofen 400 mg every 6 hours as needed; do not exceed 1,200 mg/day without advice.
Paracetamol (acetaminophen) 1 g every 4–6 hours, at most 4 g in 24 hours → liver risk above that.
Levothyroxine 50 µg once daily, taken 30 minutes before breakfast on an empty stomach.
Atorvastatin 20 mg at night lowers LDL cholesterol by about 43%.
Lisinopril 10 mg daily; check potassium (K+) and creatinine after 1–2 weeks.
Insulin glargine 10 units at bedtime; titrate by 2 units every 3 days to a fasting glucose of 5.0–7.0 mmol/L.
β-blockers such as metoprolol 25 mg twice daily slow the heart rate; avoid them in severe asthma.
The patient's blood pressure was 142/91 mmHg; heart rate 78 bpm; temperature 37.2 °C.
Digoxin: therapeutic range 0.5–2.0 ng/mL. Toxicity causes nausea, confusion and arrhythmia.
Vancomycin trough levels of 10–20 mg/L are usual; monitor renal function every 48 h.
Clopidogrel 75 mg daily after a loading dose of 300 mg; omeprazole may reduce its effect.
Prednisolone 40 mg daily for 5 days, then stop (no taper needed for courses < 3 weeks).
Gentamicin 5 mg/kg once daily; adjust the interval to the serum level at 6–14 hours.
Morphine 2.5–5 mg every 4 hours when required; naloxone 400 µg reverses an overdose.
Amlodipine 5 mg daily may cause ankle swelling (oedema) in about 10% of patients.
Sertraline 50 mg daily; the full effect takes 4–6 weeks. Watch for serotonin syndrome.
Question: What is the maximum daily dose of paracetamol for an adult?
Answer: 4 g in 24 hours (2 g if the patient has liver disease or weighs < 50 kg).
Question: Can metformin be used in severe renal impairment?
Answer: No. Metformin is contraindicated when eGFR < 30 mL/min/1.73 m² (risk of lactic acidosis).
Dosage table:	drug	dose	route
	heparin	5000 IU	SC
	enoxaparin	40 mg	SC
	ceftriaxone	1 g	IV
Notes — "take with food", 'avoid alcohol', [see section 4.2], {renal: true}; 50% of doses; #1 & #2.
`;

const DRUGS = [
  'metformin',
  'warfarin',
  'amoxicillin',
  'ibuprofen',
  'paracetamol',
  'levothyroxine',
  'atorvastatin',
  'lisinopril',
  'insulin',
  'metoprolol',
  'digoxin',
  'vancomycin',
  'clopidogrel',
  'prednisolone',
  'gentamicin',
  'morphine',
  'amlodipine',
  'sertraline',
  'omeprazole',
  'furosemide',
  'spironolactone',
  'doxycycline',
  'azithromycin',
  'heparin',
];
const CONDITIONS = [
  'type 2 diabetes',
  'atrial fibrillation',
  'community-acquired pneumonia',
  'hypertension',
  'hypothyroidism',
  'heart failure',
  'chronic kidney disease',
  'major depression',
  'osteoarthritis',
  'angina',
  'urinary tract infection',
  'gastro-oesophageal reflux',
];
const UNITS = ['mg', 'µg', 'g', 'mL', 'units', 'mg/kg', 'mmol/L'];
const TEMPLATES = [
  (d: string, c: string, n: number, u: string) =>
    `For ${c}, the usual adult dose of ${d} is ${n} ${u} once daily.`,
  (d: string, c: string, n: number, u: string) =>
    `A patient with ${c} was started on ${d} ${n} ${u}; review after ${(n % 14) + 1} days.`,
  (d: string, c: string, n: number, u: string) =>
    `Question: How should ${d} be dosed in ${c}?\nAnswer: Start at ${n} ${u} and titrate.`,
  (d: string, _c: string, n: number, u: string) =>
    `${d[0].toUpperCase()}${d.slice(1)} (${n} ${u}) is contraindicated when eGFR < ${n % 60} mL/min.`,
  (d: string, c: string, n: number, u: string) =>
    `In trials of ${c}, ${d} reduced events by ${n % 50}% (95% CI ${n % 40}–${(n % 40) + 9}%, p = 0.0${n % 9}); dose ${n} ${u}.`,
];

/**
 * About `chars` characters of varied clinical prose, built deterministically from
 * templates (no randomness), for timing and compression checks.
 */
export function clinicalCorpus(chars: number): string {
  const lines: string[] = [];
  let length = 0;
  for (let i = 0; length < chars; i++) {
    const line = TEMPLATES[i % TEMPLATES.length](
      DRUGS[(i * 7) % DRUGS.length],
      CONDITIONS[(i * 5) % CONDITIONS.length],
      ((i * 37) % 997) + 1,
      UNITS[(i * 3) % UNITS.length],
    );
    lines.push(line);
    length += line.length + 1;
  }
  return lines.join('\n').slice(0, chars);
}
