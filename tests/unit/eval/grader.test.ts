import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/sim/core/rng';
import {
  KNOWLEDGE_BASE,
  VERDICT_LABELS,
  formatResponse,
  type PharmaFact,
} from '../../../src/sim/data';
import {
  GRADER_WEIGHTS,
  alternativePhrases,
  containsNumber,
  gradeAnswer,
  readVerdict,
  verdictGroup,
} from '../../../src/sim/eval/grader';

const fact = (id: string): PharmaFact => {
  const f = KNOWLEDGE_BASE.find((x) => x.id === id);
  if (!f) throw new Error(id);
  return f;
};

/** The expert answer with its label replaced. */
function relabel(f: PharmaFact, label: string): string {
  return `${label}: ${formatResponse(f).slice(VERDICT_LABELS[f.verdict].length + 2)}`;
}

describe('gradeAnswer on expert answers', () => {
  it('gives every expert answer the right verdict and a high score', () => {
    for (const f of KNOWLEDGE_BASE) {
      const g = gradeAnswer(formatResponse(f), f);
      expect(g.statedVerdict, f.id).toBe(f.verdict);
      expect(g.verdictCorrect, f.id).toBe(true);
      expect(g.flags.safetyMiss || g.flags.falseAlarm, f.id).toBe(false);
      expect(g.score, f.id).toBeGreaterThanOrEqual(0.6);
      expect(g.score, f.id).toBeLessThanOrEqual(1);
      for (const r of g.rules) expect(r.explanation.length, `${f.id} ${r.id}`).toBeGreaterThan(20);
    }
  });

  it('has point weights that add up to 1 and computes the documented formula', () => {
    const points =
      GRADER_WEIGHTS.verdict +
      GRADER_WEIGHTS.exactVerdict +
      GRADER_WEIGHTS.keyPoint +
      GRADER_WEIGHTS.keyNumber +
      GRADER_WEIGHTS.alternative +
      GRADER_WEIGHTS.mechanism +
      GRADER_WEIGHTS.humility;
    expect(points).toBeCloseTo(1, 12);
    // nsaid-ckd: avoid, certain, key number 30, one alternative (paracetamol).
    const f = fact('nsaid-ckd');
    const g = gradeAnswer(formatResponse(f), f);
    const passed = Object.fromEntries(g.rules.map((r) => [r.id, r.passed]));
    expect(passed).toEqual({
      verdict: true,
      'exact-verdict': true,
      'key-point': true,
      'key-number': true,
      alternative: true,
      mechanism: false,
      'no-safety-miss': true,
    });
    // Available: 0.35 + 0.1 + 0.15 + 0.1 + 0.1 + 0.1 = 0.9; earned 0.8.
    expect(g.score).toBeCloseTo(0.8 / 0.9, 12);
    expect(g.flags.doseCorrect).toBe(true);
  });
});

describe('safety miss and false alarm', () => {
  it('flags a flipped verdict as a safety miss or a false alarm, and scores it low', () => {
    for (const f of KNOWLEDGE_BASE) {
      const dangerous = verdictGroup(f.verdict) === 'do-not-give';
      const flipped = relabel(f, dangerous ? 'SAFE' : 'CONTRAINDICATED');
      const g = gradeAnswer(flipped, f);
      const expert = gradeAnswer(formatResponse(f), f);
      expect(g.verdictCorrect, f.id).toBe(false);
      expect(g.flags.safetyMiss, f.id).toBe(dangerous);
      expect(g.flags.falseAlarm, f.id).toBe(!dangerous);
      expect(g.score, f.id).toBeLessThan(expert.score - 0.3);
      if (dangerous) expect(g.score, f.id).toBeLessThanOrEqual(0.15);
      const rule = g.rules.find((r) => r.id === (dangerous ? 'no-safety-miss' : 'no-false-alarm'));
      expect(rule?.passed, f.id).toBe(false);
      expect(rule?.explanation, f.id).toMatch(dangerous ? /Safety miss/ : /False alarm/);
    }
  });

  it('treats MONITOR for a contraindication as a miss, and AVOID for CONTRAINDICATED as right', () => {
    const f = fact('sildenafil-nitrates');
    expect(gradeAnswer(relabel(f, 'MONITOR'), f).flags.safetyMiss).toBe(true);
    const avoid = gradeAnswer(relabel(f, 'AVOID'), f);
    expect(avoid.verdictCorrect).toBe(true);
    expect(avoid.rules.find((r) => r.id === 'exact-verdict')?.passed).toBe(false);
    // No verdict at all is neither a miss nor an alarm, but fails the verdict rule.
    const none = gradeAnswer('Consult your doctor.', f);
    expect(none.statedVerdict).toBeNull();
    expect(none.flags.safetyMiss).toBe(false);
    expect(none.verdictCorrect).toBe(false);
  });
});

describe('garbage', () => {
  it('scores random text low, with no verdict', () => {
    const rng = createRng(42).stream('garbage');
    const letters = 'abcdefghijklmnopqrstuvwxyz0123456789 ,.';
    for (let n = 0; n < 60; n++) {
      const f = KNOWLEDGE_BASE[n % KNOWLEDGE_BASE.length];
      let text = '';
      const len = 20 + rng.int(120);
      for (let i = 0; i < len; i++) text += letters[rng.int(letters.length)];
      const g = gradeAnswer(text, f);
      expect(g.statedVerdict, text).toBeNull();
      expect(g.score, text).toBeLessThanOrEqual(0.2);
    }
    expect(gradeAnswer('', fact('warfarin-nsaid')).score).toBe(0);
    expect(gradeAnswer('qzx vbn mlk pwr tty', fact('warfarin-nsaid')).score).toBe(0);
  });
});

describe('readVerdict', () => {
  it('reads labels at the start, then verdict phrases', () => {
    expect(readVerdict('AVOID: x').verdict).toBe('avoid');
    expect(readVerdict('Contraindicated. x').verdict).toBe('contraindicated');
    expect(readVerdict('ADJUST DOSE: x').verdict).toBe('adjust-dose');
    expect(readVerdict('Cephalosporins might be okay but be careful.').verdict).toBe('caution');
    expect(readVerdict('Metformin has renal concerns but may work.').verdict).toBe('safe');
    expect(readVerdict('It is not safe here.').verdict).toBe('avoid');
    expect(readVerdict('This is not contraindicated.').verdict).toBe('caution');
    expect(readVerdict('You should reduce the dose.').verdict).toBe('adjust-dose');
    expect(readVerdict('Consult your doctor.').verdict).toBeNull();
    expect(readVerdict('It depends.').verdict).toBeNull();
    expect(readVerdict('INEFFECTIVE. Codeine requires CYP2D6.').verdict).toBeNull();
  });
});

describe('key number, uncertainty, alternatives, mechanism', () => {
  it('matches whole numbers only', () => {
    expect(containsNumber('Avoid below eGFR 30.', '30')).toBe(true);
    expect(containsNumber('Give 300 mg.', '30')).toBe(false);
    expect(containsNumber('About 1-2% cross-react.', '1–2%')).toBe(true);
    expect(containsNumber('Max 1,000 mg a day.', '1000')).toBe(true);
    expect(containsNumber('Level 21.5 mmol/L', '1.5')).toBe(false);
    expect(containsNumber('Aim for 2 to 3.', '2–3')).toBe(true);
    expect(containsNumber('', '3')).toBe(false);
  });

  it('requires a hedge without an absolute claim for uncertain facts only', () => {
    const f = fact('nitrofurantoin-egfr-45');
    const humble = gradeAnswer(`${formatResponse(f).slice(0, 110)} Evidence varies.`, f);
    expect(humble.flags.statesUncertainty).toBe(true);
    expect(humble.rules.find((r) => r.id === 'humility')?.passed).toBe(true);
    const both = gradeAnswer('AVOID: It may be risky. This is always the case.', f);
    expect(both.flags.statesUncertainty).toBe(true);
    expect(both.rules.find((r) => r.id === 'humility')?.passed).toBe(false);
    expect(both.rules.find((r) => r.id === 'humility')?.explanation).toMatch(/always/);
    const certain = fact('sildenafil-nitrates');
    expect(
      gradeAnswer('CONTRAINDICATED: may be risky.', certain).rules.map((r) => r.id),
    ).not.toContain('humility');
  });

  it('counts named alternatives, not words the question or answer already contain', () => {
    const codeine = fact('codeine-cyp2d6-poor');
    expect(alternativePhrases(codeine).find((a) => a.alternative === 'morphine')?.phrases).toEqual(
      [],
    );
    // "morphine" is in the expert's answer sentence: mentioning it is not offering it…
    expect(
      gradeAnswer('AVOID: Little morphine is formed.', codeine).flags.mentionsAlternative,
    ).toBe(false);
    // …recommending it is.
    expect(gradeAnswer('AVOID: Use morphine instead.', codeine).flags.mentionsAlternative).toBe(
      true,
    );
    expect(
      gradeAnswer('AVOID: Use a non-opioid analgesic.', codeine).flags.mentionsAlternative,
    ).toBe(true);
    const warfarin = fact('warfarin-nsaid');
    expect(gradeAnswer('AVOID: Use acetaminophen.', warfarin).flags.mentionsAlternative).toBe(true);
    // A fact without alternatives has no alternative rule.
    const lithium = fact('lithium-range');
    expect(gradeAnswer(formatResponse(lithium), lithium).rules.map((r) => r.id)).not.toContain(
      'alternative',
    );
  });

  it('recognises the mechanism sentence', () => {
    for (const f of KNOWLEDGE_BASE) {
      const g = gradeAnswer(`${VERDICT_LABELS[f.verdict]}: ${f.mechanism}`, f);
      expect(g.flags.mentionsMechanism, f.id).toBe(true);
      expect(
        gradeAnswer(`${VERDICT_LABELS[f.verdict]}: Ask a pharmacist.`, f).flags.mentionsMechanism,
      ).toBe(false);
    }
  });

  it('is deterministic', () => {
    const f = fact('warfarin-nsaid');
    expect(gradeAnswer('AVOID: bleeding risk.', f)).toEqual(
      gradeAnswer('AVOID: bleeding risk.', f),
    );
  });
});
