/**
 * Bring your own data: a student's corpus (plain text), SFT pairs and preference pairs
 * (JSONL or CSV), parsed and validated before anything is replaced.
 *
 * Every problem is reported with the line it is on (the first line of a CSV record
 * that spans lines), all of them at once, so a student fixes the file in one pass;
 * a file with any problem yields no data at all. Pure: no DOM, no I/O — the caller
 * reads the file and decides what to do with the result.
 *
 * Formats (documented for students on the page that imports them):
 * - corpus: UTF-8 text; documents are separated by blank lines.
 * - SFT pairs: JSONL, one `{"instruction": "...", "response": "..."}` per line, or
 *   CSV with the header `instruction,response`.
 * - preference pairs: JSONL `{"prompt": "...", "chosen": "...", "rejected": "...",
 *   "quality": "..."}` (quality optional: one of PREFERENCE_QUALITIES), or CSV with
 *   the header `prompt,chosen,rejected` (and optionally `quality`).
 */
import { PREFERENCE_QUALITIES, type PreferenceQuality } from './preferences';

export type UserDataKind = 'corpus' | 'sft' | 'preferences';
export type RecordFormat = 'jsonl' | 'csv';

/** Sizes a file may have; chosen so parsing and training stay quick in a browser tab. */
export const USER_DATA_LIMITS = {
  /** Largest file, in bytes of UTF-8. */
  maxBytes: 1_000_000,
  /** Most records (pairs) in a file. */
  maxRecords: 2_000,
  /** Fewest pairs: some are held out to measure the stage on data it never saw. */
  minPairs: 8,
  /** Fewest corpus documents and characters: a held-out split and a tokenizer to train. */
  minDocuments: 4,
  minCorpusChars: 4_000,
  /** Problems listed before "and N more". */
  maxProblems: 100,
} as const;

export interface DataProblem {
  /** 1-based line of the file; null for a problem with the whole file. */
  line: number | null;
  message: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: DataProblem[] };

export interface UserCorpusDocument {
  id: string;
  text: string;
  /** Line the document starts on. */
  line: number;
}

export interface UserSftPair {
  id: string;
  instruction: string;
  response: string;
  line: number;
}

export interface UserPreferencePair {
  id: string;
  prompt: string;
  chosen: string;
  rejected: string;
  /** The quality the pair contrasts, when the file says. */
  quality: PreferenceQuality | null;
  line: number;
}

/**
 * How many tokens a (prompt, response) takes in the chat template, and how many the
 * model's context holds: the caller passes the tokenizer it will train with.
 */
export interface ContextCheck {
  tokens(prompt: string, response: string): number;
  contextLength: number;
}

/** The problems in line order (whole-file ones last), capped at maxProblems with "and N more". */
function finish<T>(found: DataProblem[], value: () => T): Parsed<T> {
  if (found.length === 0) return { ok: true, value: value() };
  const problems = [...found].sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
  const max = USER_DATA_LIMITS.maxProblems;
  if (problems.length <= max) return { ok: false, problems };
  return {
    ok: false,
    problems: [
      ...problems.slice(0, max),
      { line: null, message: `…and ${problems.length - max} more problems.` },
    ],
  };
}

function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length;
}

function sizeProblem(text: string): DataProblem | null {
  const bytes = utf8Bytes(text);
  const max = USER_DATA_LIMITS.maxBytes;
  return bytes > max
    ? {
        line: null,
        message: `The file is too large: ${(bytes / 1e6).toFixed(2)} MB; at most ${max / 1e6} MB.`,
      }
    : null;
}

// ---------------------------------------------------------------------------------
// Corpus

export function parseCorpus(text: string): Parsed<UserCorpusDocument[]> {
  const tooBig = sizeProblem(text);
  if (tooBig) return { ok: false, problems: [tooBig] };
  const problems: DataProblem[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const documents: UserCorpusDocument[] = [];
  let current: string[] = [];
  let start = 1;
  const flush = () => {
    const body = current.join('\n').trim();
    if (body) documents.push({ id: `user-doc-${documents.length + 1}`, text: body, line: start });
    current = [];
  };
  lines.forEach((line, i) => {
    if (line.includes('\u0000')) {
      problems.push({ line: i + 1, message: 'contains a NUL character: is this a text file?' });
    }
    if (line.trim() === '') {
      flush();
      start = i + 2;
    } else {
      if (current.length === 0) start = i + 1;
      current.push(line);
    }
  });
  flush();
  const chars = documents.reduce((n, d) => n + d.text.length, 0);
  if (documents.length < USER_DATA_LIMITS.minDocuments) {
    problems.push({
      line: null,
      message: `Found ${documents.length} document${documents.length === 1 ? '' : 's'}; at least ${USER_DATA_LIMITS.minDocuments} are needed (separate documents with a blank line), so some can be held out.`,
    });
  }
  if (chars < USER_DATA_LIMITS.minCorpusChars) {
    problems.push({
      line: null,
      message: `The text has ${chars} characters; at least ${USER_DATA_LIMITS.minCorpusChars} are needed to train a tokenizer and a model.`,
    });
  }
  return finish(problems, () => documents);
}

// ---------------------------------------------------------------------------------
// Records: JSONL and CSV to rows of named string fields

interface RawRecord {
  line: number;
  fields: Record<string, unknown>;
}

function parseJsonl(text: string, problems: DataProblem[]): RawRecord[] {
  const records: RawRecord[] = [];
  text.split(/\r\n|\n|\r/).forEach((raw, i) => {
    const line = i + 1;
    const source = i === 0 ? raw.replace(/^\uFEFF/, '') : raw;
    if (source.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(source);
    } catch {
      problems.push({ line, message: 'is not valid JSON (one object per line).' });
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      problems.push({ line, message: 'is not a JSON object ({"field": "text", ...}).' });
      return;
    }
    records.push({ line, fields: value as Record<string, unknown> });
  });
  return records;
}

/** RFC 4180 rows (quoted fields may hold commas, quotes as "" and line breaks), with start lines. */
export function parseCsvRows(
  text: string,
  problems: DataProblem[],
): { line: number; cells: string[] }[] {
  const rows: { line: number; cells: string[] }[] = [];
  const src = text.replace(/^\uFEFF/, '');
  let line = 1;
  let rowLine = 1;
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let quoteLine = 0;
  let i = 0;
  const endRow = () => {
    cells.push(cell);
    // A blank line is no record.
    if (!(cells.length === 1 && cells[0].trim() === '')) rows.push({ line: rowLine, cells });
    cells = [];
    cell = '';
  };
  while (i < src.length) {
    const c = src[i];
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      if (c === '\n' || (c === '\r' && src[i + 1] !== '\n')) line++;
      cell += c === '\r' ? '' : c;
      i++;
      continue;
    }
    if (c === '"' && cell === '') {
      quoted = true;
      quoteLine = line;
      i++;
    } else if (c === ',') {
      cells.push(cell);
      cell = '';
      i++;
    } else if (c === '\r' || c === '\n') {
      endRow();
      i += c === '\r' && src[i + 1] === '\n' ? 2 : 1;
      line++;
      rowLine = line;
    } else {
      cell += c;
      i++;
    }
  }
  if (quoted) {
    problems.push({
      line: quoteLine,
      message: 'has a quoted field that never closes (a " is missing).',
    });
    return rows;
  }
  if (cell !== '' || cells.length > 0) endRow();
  return rows;
}

function parseCsv(
  text: string,
  columns: readonly string[],
  optional: readonly string[],
  problems: DataProblem[],
): RawRecord[] {
  const rows = parseCsvRows(text, problems);
  if (rows.length === 0) return [];
  const header = rows[0].cells.map((h) => h.trim().toLowerCase());
  const missing = columns.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    problems.push({
      line: rows[0].line,
      message: `The header must name the columns ${[...columns, ...optional.map((o) => `${o} (optional)`)].join(', ')}; missing: ${missing.join(', ')}.`,
    });
    return [];
  }
  return rows.slice(1).flatMap((row) => {
    if (row.cells.length !== header.length) {
      problems.push({
        line: row.line,
        message: `has ${row.cells.length} field${row.cells.length === 1 ? '' : 's'}; the header has ${header.length} (quote text that contains commas).`,
      });
      return [];
    }
    const fields: Record<string, unknown> = {};
    header.forEach((name, k) => {
      fields[name] = row.cells[k];
    });
    return [{ line: row.line, fields }];
  });
}

function records(
  text: string,
  format: RecordFormat,
  columns: readonly string[],
  optional: readonly string[],
  problems: DataProblem[],
): RawRecord[] {
  const found =
    format === 'jsonl' ? parseJsonl(text, problems) : parseCsv(text, columns, optional, problems);
  if (found.length > USER_DATA_LIMITS.maxRecords) {
    problems.push({
      line: null,
      message: `The file has ${found.length} records; at most ${USER_DATA_LIMITS.maxRecords}.`,
    });
  }
  return found;
}

/** A required text field of a record, or a problem naming what is wrong with it. */
function textField(record: RawRecord, name: string, problems: DataProblem[]): string | null {
  const value = record.fields[name];
  if (value === undefined) {
    problems.push({ line: record.line, message: `is missing the field "${name}".` });
    return null;
  }
  if (typeof value !== 'string') {
    const kind = value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value;
    problems.push({ line: record.line, message: `"${name}" must be text, not ${kind}.` });
    return null;
  }
  if (value.trim() === '') {
    problems.push({ line: record.line, message: `"${name}" is empty.` });
    return null;
  }
  return value.trim();
}

function fitProblem(
  check: ContextCheck | undefined,
  line: number,
  prompt: string,
  response: string,
  what: string,
): DataProblem | null {
  if (!check) return null;
  const n = check.tokens(prompt, response);
  return n > check.contextLength
    ? {
        line,
        message: `${what} takes ${n} tokens; the model's context holds ${check.contextLength}. Shorten it.`,
      }
    : null;
}

function countProblem(count: number, what: string): DataProblem | null {
  return count < USER_DATA_LIMITS.minPairs
    ? {
        line: null,
        message: `Found ${count} ${what}; at least ${USER_DATA_LIMITS.minPairs} are needed, so some can be held out.`,
      }
    : null;
}

// ---------------------------------------------------------------------------------
// SFT pairs

export function parseSftPairs(
  text: string,
  format: RecordFormat,
  check?: ContextCheck,
): Parsed<UserSftPair[]> {
  const tooBig = sizeProblem(text);
  if (tooBig) return { ok: false, problems: [tooBig] };
  const problems: DataProblem[] = [];
  const pairs: UserSftPair[] = [];
  const seen = new Map<string, number>();
  for (const record of records(text, format, ['instruction', 'response'], [], problems)) {
    const instruction = textField(record, 'instruction', problems);
    const response = textField(record, 'response', problems);
    if (instruction === null || response === null) continue;
    const key = JSON.stringify([instruction, response]);
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({ line: record.line, message: `repeats the pair on line ${first}.` });
      continue;
    }
    seen.set(key, record.line);
    const long = fitProblem(check, record.line, instruction, response, 'The pair');
    if (long) problems.push(long);
    pairs.push({ id: `user-sft-${pairs.length + 1}`, instruction, response, line: record.line });
  }
  if (problems.length === 0) {
    const few = countProblem(pairs.length, 'pairs');
    if (few) problems.push(few);
  }
  return finish(problems, () => pairs);
}

// ---------------------------------------------------------------------------------
// Preference pairs

export function parsePreferencePairs(
  text: string,
  format: RecordFormat,
  check?: ContextCheck,
): Parsed<UserPreferencePair[]> {
  const tooBig = sizeProblem(text);
  if (tooBig) return { ok: false, problems: [tooBig] };
  const problems: DataProblem[] = [];
  const pairs: UserPreferencePair[] = [];
  const seen = new Map<string, number>();
  const columns = ['prompt', 'chosen', 'rejected'];
  for (const record of records(text, format, columns, ['quality'], problems)) {
    const prompt = textField(record, 'prompt', problems);
    const chosen = textField(record, 'chosen', problems);
    const rejected = textField(record, 'rejected', problems);
    let quality: PreferenceQuality | null = null;
    const rawQuality = record.fields.quality;
    if (rawQuality !== undefined && rawQuality !== null && rawQuality !== '') {
      if (PREFERENCE_QUALITIES.includes(rawQuality as PreferenceQuality)) {
        quality = rawQuality as PreferenceQuality;
      } else {
        problems.push({
          line: record.line,
          message: `"quality" must be one of ${PREFERENCE_QUALITIES.join(', ')} (or left out), not ${JSON.stringify(rawQuality)}.`,
        });
      }
    }
    if (prompt === null || chosen === null || rejected === null) continue;
    if (chosen === rejected) {
      problems.push({
        line: record.line,
        message: 'has the same text as "chosen" and "rejected": there is nothing to prefer.',
      });
      continue;
    }
    const key = JSON.stringify([prompt, chosen, rejected]);
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({ line: record.line, message: `repeats the pair on line ${first}.` });
      continue;
    }
    seen.set(key, record.line);
    for (const [answer, which] of [
      [chosen, 'The prompt with the chosen answer'],
      [rejected, 'The prompt with the rejected answer'],
    ] as const) {
      const long = fitProblem(check, record.line, prompt, answer, which);
      if (long) problems.push(long);
    }
    pairs.push({
      id: `user-pref-${pairs.length + 1}`,
      prompt,
      chosen,
      rejected,
      quality,
      line: record.line,
    });
  }
  if (problems.length === 0) {
    const few = countProblem(pairs.length, 'preference pairs');
    if (few) problems.push(few);
  }
  return finish(problems, () => pairs);
}

/** How a problem reads in a list: "Line 12: is missing the field "response"." */
export function describeProblem(problem: DataProblem): string {
  return problem.line === null ? problem.message : `Line ${problem.line}: ${problem.message}`;
}

// ---------------------------------------------------------------------------------
// Export in the same formats

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function sftPairsToJsonl(
  pairs: readonly Pick<UserSftPair, 'instruction' | 'response'>[],
): string {
  return (
    pairs
      .map((p) => JSON.stringify({ instruction: p.instruction, response: p.response }))
      .join('\n') + '\n'
  );
}

export function sftPairsToCsv(
  pairs: readonly Pick<UserSftPair, 'instruction' | 'response'>[],
): string {
  return (
    [
      'instruction,response',
      ...pairs.map((p) => `${csvCell(p.instruction)},${csvCell(p.response)}`),
    ].join('\n') + '\n'
  );
}

type ExportablePreference = Pick<UserPreferencePair, 'prompt' | 'chosen' | 'rejected'> & {
  quality: PreferenceQuality | null;
};

export function preferencePairsToJsonl(pairs: readonly ExportablePreference[]): string {
  return (
    pairs
      .map((p) =>
        JSON.stringify({
          prompt: p.prompt,
          chosen: p.chosen,
          rejected: p.rejected,
          ...(p.quality ? { quality: p.quality } : {}),
        }),
      )
      .join('\n') + '\n'
  );
}

export function preferencePairsToCsv(pairs: readonly ExportablePreference[]): string {
  return (
    [
      'prompt,chosen,rejected,quality',
      ...pairs.map((p) => [p.prompt, p.chosen, p.rejected, p.quality ?? ''].map(csvCell).join(',')),
    ].join('\n') + '\n'
  );
}

export function corpusToText(documents: readonly { text: string }[]): string {
  return documents.map((d) => d.text.trim()).join('\n\n') + '\n';
}
