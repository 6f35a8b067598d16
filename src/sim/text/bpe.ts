/**
 * Byte-level BPE tokenizer (Sennrich et al. 2016, as used by GPT-2 and tiktoken).
 *
 * Ids:
 * - 0..255: the 256 byte values of UTF-8, so every string can be encoded.
 * - 256..259: special tokens (`SPECIAL_TOKENS`). `encode` never produces them, even
 *   for the literal text "<|user|>"; only the chat template inserts them, by id.
 * - 260, 261, ...: learned merges in rank order; merge i makes id `FIRST_MERGE_ID + i`.
 *
 * Pre-tokenisation (`pretokenize`) splits text like GPT-2, without its English
 * contraction rule, and with digits in runs of at most three (as in GPT-4):
 *   ` ?\p{L}+` letters, ` ?\p{N}{1,3}` digits, ` ?[^\s\p{L}\p{N}]+` other symbols,
 *   `\s+(?!\S)|\s+` whitespace (a run keeps back one space for the word after it).
 * "eGFR < 30 mL/min/1.73" → "eGFR", " <", " 30", " mL", "/", "min", "/", "1", ".", "73";
 * "12345" → "123", "45"; "a\n\nb" → "a", "\n", "\n", "b" (GPT-2's quirk: a whitespace
 * run before a word gives up its last character). Merges are learned and applied only inside one pre-token,
 * never across two, so no token spans a word boundary.
 *
 * Training counts each distinct pre-token once with its frequency, then repeatedly
 * merges the adjacent pair with the highest count (every adjacent position counts, so
 * "aaa" holds the pair (a, a) twice). Ties go to the lowest left id, then the lowest
 * right id. Training stops at `vocabSize` or when no pair occurs at least twice, so
 * the trained `vocabSize` can be smaller than the one asked for. Pair counts are
 * updated incrementally: a merge touches only the words that contain its pair.
 *
 * Encoding merges by rank: within each pre-token, repeatedly merge the adjacent pair
 * with the lowest merge rank (all its occurrences, left to right) until no learned
 * pair remains; this reproduces the training segmentation, as GPT-2's `bpe()` does.
 *
 * Decoding joins the bytes and decodes them as UTF-8 (non-fatal), so
 * `decode(encode(s)) === s` for every well-formed string. A lone surrogate
 * (U+D800..U+DFFF not in a pair) has no UTF-8 form: it is encoded, and comes back,
 * as U+FFFD. Special ids decode to their marker text ("<|user|>", ...).
 */

/** Ids of the special tokens; fixed, right after the 256 byte tokens. */
export const SPECIAL_TOKENS = {
  endOfText: 256,
  user: 257,
  assistant: 258,
  endOfTurn: 259,
} as const;

/** Marker text of each special token, indexed by `id - 256`. */
const SPECIAL_MARKERS: readonly string[] = [
  '<|endoftext|>',
  '<|user|>',
  '<|assistant|>',
  '<|end|>',
];

/** The id of the first learned merge (256 bytes + 4 special tokens). */
export const FIRST_MERGE_ID = 260;

/** Largest vocabulary supported (pair keys are `left * 2^21 + right`). */
export const MAX_VOCAB_SIZE = 2 ** 21;

const PAIR_BASE = 2 ** 21;

/** Cache of encoded pre-tokens; cleared when it grows past this many entries. */
const WORD_CACHE_LIMIT = 10_000;

/** The pre-tokeniser (see the file comment). Global and sticky-free: use with matchAll. */
export const PRETOKEN_PATTERN = / ?\p{L}+| ?\p{N}{1,3}| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/gu;

const utf8Encoder = new TextEncoder();
// ignoreBOM keeps a leading U+FEFF instead of stripping it; fatal: false turns
// invalid sequences into U+FFFD.
const utf8Decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/** Splits text into pre-tokens; their concatenation is always `text`. */
export function pretokenize(text: string): string[] {
  const words: string[] = [];
  for (const match of text.matchAll(PRETOKEN_PATTERN)) words.push(match[0]);
  return words;
}

/** True when `id` is one of the special tokens (256..259). */
export function isSpecialToken(id: number): boolean {
  return id >= 256 && id < FIRST_MERGE_ID;
}

/** One merge applied while encoding a pre-token (see `BpeTokenizer.explain`). */
export interface AppliedMerge {
  /** Merge rank (0 = learned first, applied first). */
  rank: number;
  left: number;
  right: number;
  /** The new id: `FIRST_MERGE_ID + rank`. */
  result: number;
}

/** One output token of `explain`, with the characters of the input it covers. */
export interface ExplainedToken {
  id: number;
  label: string;
  /**
   * UTF-16 offsets into the input, `text.slice(start, end)`. A token holding only
   * part of a character's UTF-8 bytes covers that whole character, so neighbouring
   * tokens can overlap on it.
   */
  start: number;
  end: number;
}

/** One pre-token of `explain`: where it is, and the merges that built its tokens. */
export interface ExplainedWord {
  text: string;
  start: number;
  end: number;
  /** Its UTF-8 bytes: where the merges started. */
  bytes: number[];
  /** Merges in the order applied, one entry per occurrence merged. */
  merges: AppliedMerge[];
  /** Its tokens: what is left after the merges. */
  ids: number[];
}

export interface Explanation {
  /** All tokens of `encode(text)`, in order. */
  tokens: ExplainedToken[];
  /** The pre-tokens, in order. */
  words: ExplainedWord[];
}

/** Serialized form: the merges in rank order. */
export interface BpeTokenizerJSON {
  version: 1;
  merges: [number, number][];
}

function checkVocabSize(vocabSize: number): void {
  if (!Number.isInteger(vocabSize) || vocabSize < FIRST_MERGE_ID || vocabSize > MAX_VOCAB_SIZE) {
    throw new RangeError(
      `BPE vocabSize must be an integer from ${FIRST_MERGE_ID} (256 bytes + 4 special tokens) ` +
        `to ${MAX_VOCAB_SIZE}; got ${vocabSize}`,
    );
  }
}

/** Replaces every non-overlapping (left, right), scanning left to right, by `id`. */
function mergePair(symbols: number[], left: number, right: number, id: number): number[] {
  const out: number[] = [];
  const n = symbols.length;
  let i = 0;
  while (i < n) {
    if (i + 1 < n && symbols[i] === left && symbols[i + 1] === right) {
      out.push(id);
      i += 2;
    } else {
      out.push(symbols[i]);
      i += 1;
    }
  }
  return out;
}

function containsPair(symbols: number[], left: number, right: number): boolean {
  for (let i = 0; i + 1 < symbols.length; i++) {
    if (symbols[i] === left && symbols[i + 1] === right) return true;
  }
  return false;
}

function hex(byte: number): string {
  return `<0x${byte.toString(16).toUpperCase().padStart(2, '0')}>`;
}

/** Printable form of one character for token labels. */
function printable(codePoint: number): string {
  if (codePoint === 0x20) return '␣';
  if (codePoint === 0x0a) return '⏎';
  if (codePoint === 0x09) return '⇥';
  if (codePoint < 0x20 || codePoint === 0x7f) return hex(codePoint);
  return String.fromCodePoint(codePoint);
}

/**
 * Label for a byte string: valid UTF-8 characters as themselves (space "␣", newline
 * "⏎", tab "⇥", other control characters as hex), every byte not part of a complete,
 * valid UTF-8 character as `<0xE2>`.
 */
function labelBytes(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b0 = bytes[i];
    let length = 0;
    let lo = 0x80;
    let hi = 0xbf;
    if (b0 < 0x80) length = 1;
    else if (b0 >= 0xc2 && b0 <= 0xdf) length = 2;
    else if (b0 >= 0xe0 && b0 <= 0xef) {
      length = 3;
      if (b0 === 0xe0) lo = 0xa0;
      if (b0 === 0xed) hi = 0x9f;
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
      length = 4;
      if (b0 === 0xf0) lo = 0x90;
      if (b0 === 0xf4) hi = 0x8f;
    }
    let valid = length > 0 && i + length <= bytes.length;
    for (let k = 1; valid && k < length; k++) {
      const b = bytes[i + k];
      const min = k === 1 ? lo : 0x80;
      const max = k === 1 ? hi : 0xbf;
      if (b < min || b > max) valid = false;
    }
    if (!valid) {
      out += hex(b0);
      i += 1;
      continue;
    }
    let codePoint = length === 1 ? b0 : b0 & (0xff >> (length + 1));
    for (let k = 1; k < length; k++) codePoint = (codePoint << 6) | (bytes[i + k] & 0x3f);
    out += printable(codePoint);
    i += length;
  }
  return out;
}

/** A byte-level BPE tokenizer: see the file comment. Immutable once built. */
export class BpeTokenizer {
  private readonly mergeList: ReadonlyArray<readonly [number, number]>;
  /** Pair key `left * 2^21 + right` → merge rank. */
  private readonly ranks: Map<number, number>;
  /** Bytes of every id (special tokens: the UTF-8 of their marker). */
  private readonly bytesOf: Uint8Array[];
  private labels: string[] | null = null;
  private readonly cache = new Map<string, number[]>();

  private constructor(merges: ReadonlyArray<readonly [number, number]>) {
    const list: (readonly [number, number])[] = [];
    const ranks = new Map<number, number>();
    const bytesOf: Uint8Array[] = [];
    for (let b = 0; b < 256; b++) bytesOf.push(Uint8Array.of(b));
    for (const marker of SPECIAL_MARKERS) bytesOf.push(utf8Encoder.encode(marker));
    merges.forEach(([left, right], rank) => {
      const pair = Object.freeze([left, right] as const);
      list.push(pair);
      ranks.set(left * PAIR_BASE + right, rank);
      const a = bytesOf[left];
      const b = bytesOf[right];
      const joined = new Uint8Array(a.length + b.length);
      joined.set(a, 0);
      joined.set(b, a.length);
      bytesOf.push(joined);
    });
    this.mergeList = Object.freeze(list);
    this.ranks = ranks;
    this.bytesOf = bytesOf;
  }

  /**
   * Learns merges from `text` until the vocabulary (bytes + specials + merges) has
   * `vocabSize` ids or no adjacent pair occurs at least twice.
   */
  static train(text: string, vocabSize: number): BpeTokenizer {
    checkVocabSize(vocabSize);
    const wordCounts = new Map<string, number>();
    for (const match of text.matchAll(PRETOKEN_PATTERN)) {
      wordCounts.set(match[0], (wordCounts.get(match[0]) ?? 0) + 1);
    }
    const words: number[][] = [];
    const freqs: number[] = [];
    for (const [word, count] of wordCounts) {
      words.push(Array.from(utf8Encoder.encode(word)));
      freqs.push(count);
    }

    // Pair key → total count over all words, and → the words that (may) contain it.
    // A word list can hold stale entries (words that no longer contain the pair);
    // they are checked before use.
    const pairCounts = new Map<number, number>();
    const pairWords = new Map<number, number[]>();
    const addPairs = (w: number, sign: 1 | -1): void => {
      const symbols = words[w];
      const f = sign * freqs[w];
      for (let i = 0; i + 1 < symbols.length; i++) {
        const key = symbols[i] * PAIR_BASE + symbols[i + 1];
        const count = (pairCounts.get(key) ?? 0) + f;
        if (count === 0) {
          pairCounts.delete(key);
          pairWords.delete(key);
        } else {
          pairCounts.set(key, count);
          if (sign > 0) {
            const list = pairWords.get(key);
            if (list === undefined) pairWords.set(key, [w]);
            else if (list[list.length - 1] !== w) list.push(w);
          }
        }
      }
    };
    for (let w = 0; w < words.length; w++) addPairs(w, 1);

    const merges: [number, number][] = [];
    const seen = new Int32Array(words.length).fill(-1);
    const maxMerges = vocabSize - FIRST_MERGE_ID;
    while (merges.length < maxMerges) {
      let bestKey = -1;
      let bestCount = 0;
      for (const [key, count] of pairCounts) {
        if (count < 2) continue;
        if (count > bestCount || (count === bestCount && key < bestKey)) {
          bestKey = key;
          bestCount = count;
        }
      }
      if (bestKey < 0) break;
      const left = Math.floor(bestKey / PAIR_BASE);
      const right = bestKey - left * PAIR_BASE;
      const rank = merges.length;
      const id = FIRST_MERGE_ID + rank;
      merges.push([left, right]);
      const affected = pairWords.get(bestKey) ?? [];
      for (const w of affected) {
        if (seen[w] === rank) continue;
        seen[w] = rank;
        if (!containsPair(words[w], left, right)) continue;
        addPairs(w, -1);
        words[w] = mergePair(words[w], left, right, id);
        addPairs(w, 1);
      }
      pairCounts.delete(bestKey);
      pairWords.delete(bestKey);
    }
    return new BpeTokenizer(merges);
  }

  /** A tokenizer from merges in rank order (validated like `fromJSON`). */
  static fromMerges(merges: ReadonlyArray<readonly [number, number]>): BpeTokenizer {
    return BpeTokenizer.fromJSON({ version: 1, merges });
  }

  /** Rebuilds a tokenizer from `toJSON()` output; throws an Error on malformed data. */
  static fromJSON(json: unknown): BpeTokenizer {
    const fail = (message: string): never => {
      throw new Error(`BpeTokenizer.fromJSON: ${message}`);
    };
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
      return fail('expected an object { version: 1, merges: [[left, right], ...] }');
    }
    const record = json as Record<string, unknown>;
    if (record.version !== 1) {
      return fail(`unsupported version ${JSON.stringify(record.version)} (expected 1)`);
    }
    const merges = record.merges;
    if (!Array.isArray(merges)) return fail('"merges" must be an array of [left, right] pairs');
    if (FIRST_MERGE_ID + merges.length > MAX_VOCAB_SIZE) {
      return fail(
        `too many merges (${merges.length}); the vocabulary is limited to ${MAX_VOCAB_SIZE}`,
      );
    }
    const pairs: [number, number][] = [];
    const known = new Map<number, number>();
    merges.forEach((merge: unknown, rank) => {
      if (!Array.isArray(merge) || merge.length !== 2) {
        fail(`merge ${rank} must be a pair [left, right]; got ${JSON.stringify(merge)}`);
      }
      const [left, right] = merge as unknown[];
      const defined = FIRST_MERGE_ID + rank;
      for (const id of [left, right]) {
        if (typeof id !== 'number' || !Number.isInteger(id)) {
          fail(`merge ${rank} has a non-integer id ${JSON.stringify(id)}`);
        }
        const n = id as number;
        if (n < 0 || n >= defined) {
          fail(
            `merge ${rank} refers to id ${n}, which is not defined before it (ids 0..${defined - 1})`,
          );
        }
        if (isSpecialToken(n)) fail(`merge ${rank} uses special token id ${n}`);
      }
      const key = (left as number) * PAIR_BASE + (right as number);
      const previous = known.get(key);
      if (previous !== undefined) {
        fail(`merge ${rank} repeats the pair [${left}, ${right}] of merge ${previous}`);
      }
      known.set(key, rank);
      pairs.push([left as number, right as number]);
    });
    return new BpeTokenizer(pairs);
  }

  /** Merges in rank order; merge i creates id `FIRST_MERGE_ID + i`. */
  get merges(): ReadonlyArray<readonly [number, number]> {
    return this.mergeList;
  }

  /** Number of ids: 256 bytes + 4 special tokens + the merges. Valid ids are 0..vocabSize-1. */
  get vocabSize(): number {
    return FIRST_MERGE_ID + this.mergeList.length;
  }

  toJSON(): BpeTokenizerJSON {
    return { version: 1, merges: this.mergeList.map(([left, right]) => [left, right]) };
  }

  /** Token ids of `text`; never contains a special token id. */
  encode(text: string): number[] {
    const ids: number[] = [];
    for (const match of text.matchAll(PRETOKEN_PATTERN)) {
      const word = match[0];
      let wordIds = this.cache.get(word);
      if (wordIds === undefined) {
        wordIds = this.encodeWord(utf8Encoder.encode(word), null);
        if (this.cache.size >= WORD_CACHE_LIMIT) this.cache.clear();
        this.cache.set(word, wordIds);
      }
      for (const id of wordIds) ids.push(id);
    }
    return ids;
  }

  /** Text of `ids`: bytes joined and decoded as UTF-8 (invalid bytes → U+FFFD). */
  decode(ids: ArrayLike<number>): string {
    let total = 0;
    for (let i = 0; i < ids.length; i++) total += this.bytesOfChecked(ids[i]).length;
    const buffer = new Uint8Array(total);
    let out = '';
    let segmentStart = 0;
    let position = 0;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      if (isSpecialToken(id)) {
        out += utf8Decoder.decode(buffer.subarray(segmentStart, position));
        out += SPECIAL_MARKERS[id - 256];
        segmentStart = position;
      } else {
        const bytes = this.bytesOf[id];
        buffer.set(bytes, position);
        position += bytes.length;
      }
    }
    return out + utf8Decoder.decode(buffer.subarray(segmentStart, position));
  }

  /** The bytes of a token (a special token: the UTF-8 of its marker). Do not mutate. */
  tokenBytes(id: number): Uint8Array {
    return this.bytesOfChecked(id);
  }

  /**
   * A printable label: the token's text with spaces as "␣", newlines as "⏎", tabs as
   * "⇥", bytes that are not a whole UTF-8 character as `<0xE2>`; special tokens as
   * their marker ("<|user|>").
   */
  tokenLabel(id: number): string {
    this.bytesOfChecked(id);
    if (this.labels === null) {
      this.labels = this.bytesOf.map((bytes, i) =>
        isSpecialToken(i) ? SPECIAL_MARKERS[i - 256] : labelBytes(bytes),
      );
    }
    return this.labels[id];
  }

  /** Characters (UTF-16 code units) per token; 0 for empty text. */
  compression(text: string): number {
    if (text.length === 0) return 0;
    return text.length / this.encode(text).length;
  }

  /**
   * The tokens of `text` with the characters they cover, and for each pre-token the
   * merges applied to its bytes, in order. `tokens` equals `encode(text)` id for id.
   */
  explain(text: string): Explanation {
    const tokens: ExplainedToken[] = [];
    const words: ExplainedWord[] = [];
    for (const match of text.matchAll(PRETOKEN_PATTERN)) {
      const word = match[0];
      const wordStart = match.index;
      const bytes = utf8Encoder.encode(word);
      const merges: AppliedMerge[] = [];
      const ids = this.encodeWord(bytes, merges);
      // For each byte: the UTF-16 span of the character it belongs to. A lone
      // surrogate (one code unit) is encoded as the 3 bytes of U+FFFD.
      const charStart = new Int32Array(bytes.length);
      const charEnd = new Int32Array(bytes.length);
      let b = 0;
      for (let u = 0; u < word.length;) {
        const cp = word.codePointAt(u) as number;
        const units = cp > 0xffff ? 2 : 1;
        const byteLength = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp <= 0xffff ? 3 : 4;
        for (let k = 0; k < byteLength; k++, b++) {
          charStart[b] = u;
          charEnd[b] = u + units;
        }
        u += units;
      }
      let offset = 0;
      for (const id of ids) {
        const length = this.bytesOf[id].length;
        tokens.push({
          id,
          label: this.tokenLabel(id),
          start: wordStart + charStart[offset],
          end: wordStart + charEnd[offset + length - 1],
        });
        offset += length;
      }
      words.push({
        text: word,
        start: wordStart,
        end: wordStart + word.length,
        bytes: Array.from(bytes),
        merges,
        ids,
      });
    }
    return { tokens, words };
  }

  /** BPE on one pre-token's bytes, lowest rank first; records merges into `trace`. */
  private encodeWord(bytes: Uint8Array, trace: AppliedMerge[] | null): number[] {
    let symbols = Array.from(bytes);
    while (symbols.length > 1) {
      let bestRank = -1;
      for (let i = 0; i + 1 < symbols.length; i++) {
        const rank = this.ranks.get(symbols[i] * PAIR_BASE + symbols[i + 1]);
        if (rank !== undefined && (bestRank < 0 || rank < bestRank)) bestRank = rank;
      }
      if (bestRank < 0) break;
      const [left, right] = this.mergeList[bestRank];
      const result = FIRST_MERGE_ID + bestRank;
      if (trace !== null) {
        // One entry per occurrence, matching mergePair's left-to-right scan.
        for (let i = 0; i + 1 < symbols.length; i++) {
          if (symbols[i] === left && symbols[i + 1] === right) {
            trace.push({ rank: bestRank, left, right, result });
            i += 1;
          }
        }
      }
      symbols = mergePair(symbols, left, right, result);
    }
    return symbols;
  }

  private bytesOfChecked(id: number): Uint8Array {
    if (!Number.isInteger(id) || id < 0 || id >= this.bytesOf.length) {
      throw new RangeError(
        `token id ${id} is outside the vocabulary 0..${this.bytesOf.length - 1}`,
      );
    }
    return this.bytesOf[id];
  }
}
