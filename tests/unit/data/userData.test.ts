import { describe, expect, it } from 'vitest';
import {
  USER_DATA_LIMITS,
  corpusToText,
  describeProblem,
  parseCorpus,
  parseCsvRows,
  parsePreferencePairs,
  parseSftPairs,
  preferencePairsToCsv,
  preferencePairsToJsonl,
  sftPairsToCsv,
  sftPairsToJsonl,
  type DataProblem,
  type Parsed,
} from '../../../src/sim/data/userData';

function problemsOf<T>(parsed: Parsed<T>): string[] {
  expect(parsed.ok).toBe(false);
  return parsed.ok ? [] : parsed.problems.map(describeProblem);
}

function valueOf<T>(parsed: Parsed<T>): T {
  if (!parsed.ok) throw new Error(parsed.problems.map(describeProblem).join('\n'));
  return parsed.value;
}

const sftLine = (k: number) =>
  JSON.stringify({ instruction: `Question ${k}?`, response: `AVOID: answer ${k}.` });
const eightSft = Array.from({ length: 8 }, (_, k) => sftLine(k + 1));

const prefLine = (k: number, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ prompt: `Prompt ${k}?`, chosen: `Good ${k}.`, rejected: `Bad ${k}.`, ...extra });
const eightPrefs = Array.from({ length: 8 }, (_, k) => prefLine(k + 1));

describe('SFT pairs', () => {
  it('reads JSONL and CSV (quoted commas, quotes and line breaks) into the same pairs', () => {
    const fromJsonl = valueOf(parseSftPairs(eightSft.join('\n'), 'jsonl'));
    expect(fromJsonl).toHaveLength(8);
    expect(fromJsonl[0]).toMatchObject({ instruction: 'Question 1?', line: 1 });
    const csv = sftPairsToCsv(fromJsonl);
    const fromCsv = valueOf(parseSftPairs(csv, 'csv'));
    expect(fromCsv.map((p) => [p.instruction, p.response])).toEqual(
      fromJsonl.map((p) => [p.instruction, p.response]),
    );
    const tricky = [
      {
        instruction: 'Warfarin, and "NSAIDs"?',
        response: 'AVOID: bleeding risk.\nUse paracetamol.',
      },
      ...fromJsonl.slice(1),
    ];
    const round = valueOf(parseSftPairs(sftPairsToCsv(tricky), 'csv'));
    expect(round[0].instruction).toBe('Warfarin, and "NSAIDs"?');
    expect(round[0].response).toBe('AVOID: bleeding risk.\nUse paracetamol.');
    // The record after a two-line field starts on line 4 of the file.
    expect(round[1].line).toBe(4);
    expect(valueOf(parseSftPairs(sftPairsToJsonl(tricky), 'jsonl'))[0].response).toContain('\n');
  });

  it('lists every problem with its line and returns no pairs', () => {
    const text = [
      sftLine(1),
      '{"instruction": "No answer?"}',
      'not json',
      '{"instruction": 42, "response": "x"}',
      '{"instruction": "Empty?", "response": "   "}',
      '[1, 2]',
      sftLine(1),
      ...eightSft.slice(1),
    ].join('\n');
    expect(problemsOf(parseSftPairs(text, 'jsonl'))).toEqual([
      'Line 2: is missing the field "response".',
      'Line 3: is not valid JSON (one object per line).',
      'Line 4: "instruction" must be text, not number.',
      'Line 5: "response" is empty.',
      'Line 6: is not a JSON object ({"field": "text", ...}).',
      'Line 7: repeats the pair on line 1.',
    ]);
  });

  it('refuses pairs the model’s context cannot hold, naming the line and the sizes', () => {
    const check = { tokens: (p: string, r: string) => p.length + r.length, contextLength: 40 };
    const long = JSON.stringify({ instruction: 'Q?', response: 'x'.repeat(60) });
    const problems = problemsOf(parseSftPairs([...eightSft, long].join('\n'), 'jsonl', check));
    expect(problems).toEqual([
      "Line 9: The pair takes 62 tokens; the model's context holds 40. Shorten it.",
    ]);
  });

  it('checks CSV headers, field counts and unclosed quotes', () => {
    expect(problemsOf(parseSftPairs('question,answer\na,b\n', 'csv'))).toEqual([
      'Line 1: The header must name the columns instruction, response; missing: instruction, response.',
    ]);
    const rows = ['instruction,response', 'a,b,c', 'd', ...eightSft.map((_, k) => `q${k},r${k}`)];
    expect(problemsOf(parseSftPairs(rows.join('\n'), 'csv'))).toEqual([
      'Line 2: has 3 fields; the header has 2 (quote text that contains commas).',
      'Line 3: has 1 field; the header has 2 (quote text that contains commas).',
    ]);
    const problems: DataProblem[] = [];
    parseCsvRows('a,b\n"open,x\n', problems);
    expect(problems.map(describeProblem)).toEqual([
      'Line 2: has a quoted field that never closes (a " is missing).',
    ]);
  });

  it('needs enough pairs to hold some out, and refuses files that are too large', () => {
    expect(problemsOf(parseSftPairs(eightSft.slice(0, 3).join('\n'), 'jsonl'))).toEqual([
      `Found 3 pairs; at least ${USER_DATA_LIMITS.minPairs} are needed, so some can be held out.`,
    ]);
    const huge = sftLine(1) + '\n' + ' '.repeat(USER_DATA_LIMITS.maxBytes);
    expect(problemsOf(parseSftPairs(huge, 'jsonl'))[0]).toMatch(/^The file is too large: 1\.00 MB/);
  });

  it('caps the list of problems', () => {
    const bad = Array.from({ length: 150 }, () => 'oops').join('\n');
    const problems = problemsOf(parseSftPairs(bad, 'jsonl'));
    expect(problems).toHaveLength(USER_DATA_LIMITS.maxProblems + 1);
    expect(problems.at(-1)).toBe('…and 50 more problems.');
  });
});

describe('preference pairs', () => {
  it('reads JSONL and CSV, with an optional quality, and round-trips through export', () => {
    const lines = [prefLine(1, { quality: 'safe-vs-unsafe' }), ...eightPrefs.slice(1)];
    const pairs = valueOf(parsePreferencePairs(lines.join('\n'), 'jsonl'));
    expect(pairs[0].quality).toBe('safe-vs-unsafe');
    expect(pairs[1].quality).toBeNull();
    const viaCsv = valueOf(parsePreferencePairs(preferencePairsToCsv(pairs), 'csv'));
    const viaJsonl = valueOf(parsePreferencePairs(preferencePairsToJsonl(pairs), 'jsonl'));
    const shape = (ps: typeof pairs) => ps.map((p) => [p.prompt, p.chosen, p.rejected, p.quality]);
    expect(shape(viaCsv)).toEqual(shape(pairs));
    expect(shape(viaJsonl)).toEqual(shape(pairs));
  });

  it('lists unknown qualities, identical answers, duplicates and missing fields by line', () => {
    const text = [
      ...eightPrefs,
      prefLine(9, { quality: 'nicer' }),
      JSON.stringify({ prompt: 'P?', chosen: 'Same.', rejected: 'Same.' }),
      eightPrefs[0],
      JSON.stringify({ prompt: 'P?', chosen: 'Only chosen.' }),
    ].join('\n');
    expect(problemsOf(parsePreferencePairs(text, 'jsonl'))).toEqual([
      'Line 9: "quality" must be one of specific-vs-vague, safe-vs-unsafe, alternatives-vs-none, mechanism-vs-none, humble-vs-overconfident (or left out), not "nicer".',
      'Line 10: has the same text as "chosen" and "rejected": there is nothing to prefer.',
      'Line 11: repeats the pair on line 1.',
      'Line 12: is missing the field "rejected".',
    ]);
  });
});

describe('corpus', () => {
  const paragraph = (k: number) =>
    `Document ${k}. ` + 'Warfarin with an NSAID raises the bleeding risk. '.repeat(24);

  it('splits documents on blank lines and keeps where each starts', () => {
    const text = [
      paragraph(1),
      '',
      '',
      paragraph(2),
      'second line',
      '',
      paragraph(3),
      '',
      paragraph(4),
    ].join('\n');
    const docs = valueOf(parseCorpus(text));
    expect(docs.map((d) => d.line)).toEqual([1, 4, 7, 9]);
    expect(docs[1].text).toContain('\nsecond line');
    expect(valueOf(parseCorpus(corpusToText(docs))).map((d) => d.text)).toEqual(
      docs.map((d) => d.text),
    );
  });

  it('needs several documents and enough text, and refuses binary files', () => {
    expect(problemsOf(parseCorpus('One short document.'))).toEqual([
      `Found 1 document; at least ${USER_DATA_LIMITS.minDocuments} are needed (separate documents with a blank line), so some can be held out.`,
      `The text has 19 characters; at least ${USER_DATA_LIMITS.minCorpusChars} are needed to train a tokenizer and a model.`,
    ]);
    const binary = [
      paragraph(1),
      '',
      paragraph(2),
      '',
      `bad\u0000byte`,
      '',
      paragraph(3),
      '',
      paragraph(4),
    ].join('\n');
    expect(problemsOf(parseCorpus(binary))).toEqual([
      'Line 5: contains a NUL character: is this a text file?',
    ]);
  });
});
