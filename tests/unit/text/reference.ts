/**
 * Deliberately naive reference implementations of BPE, written independently of
 * src/sim/text/bpe.ts, for the tests to compare against.
 */

import { FIRST_MERGE_ID, pretokenize } from '../../../src/sim/text';

const encoder = new TextEncoder();

/**
 * Encodes by rank, one occurrence at a time: over each pre-token's bytes, find the
 * adjacent pair with the lowest merge rank (the leftmost if it occurs several times),
 * merge it, repeat until no pair is a learned merge.
 */
export function referenceEncode(
  merges: ReadonlyArray<readonly [number, number]>,
  text: string,
): number[] {
  const out: number[] = [];
  for (const word of pretokenize(text)) {
    const symbols = Array.from(encoder.encode(word));
    for (;;) {
      let bestRank = Infinity;
      let bestAt = -1;
      for (let i = 0; i + 1 < symbols.length; i++) {
        const rank = merges.findIndex(([l, r]) => l === symbols[i] && r === symbols[i + 1]);
        if (rank >= 0 && rank < bestRank) {
          bestRank = rank;
          bestAt = i;
        }
      }
      if (bestAt < 0) break;
      symbols.splice(bestAt, 2, FIRST_MERGE_ID + bestRank);
    }
    out.push(...symbols);
  }
  return out;
}

/**
 * Trains by recounting every pair from scratch before each merge (over the list of
 * all pre-token occurrences, not unique words). Same rules as the real trainer: the
 * most frequent pair (every adjacent position counts), ties to the lowest left id,
 * then the lowest right id; stop when the best pair occurs fewer than 2 times.
 */
export function referenceTrain(text: string, vocabSize: number): [number, number][] {
  let words = pretokenize(text).map((w) => Array.from(encoder.encode(w)));
  const merges: [number, number][] = [];
  while (FIRST_MERGE_ID + merges.length < vocabSize) {
    const counts = new Map<string, number>();
    for (const w of words) {
      for (let i = 0; i + 1 < w.length; i++) {
        const key = `${w[i]},${w[i + 1]}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
    let best: [number, number] | null = null;
    let bestCount = 1;
    for (const [key, count] of counts) {
      const [l, r] = key.split(',').map(Number);
      if (
        count > bestCount ||
        (count === bestCount && best !== null && (l < best[0] || (l === best[0] && r < best[1])))
      ) {
        best = [l, r];
        bestCount = count;
      }
    }
    if (best === null) break;
    const id = FIRST_MERGE_ID + merges.length;
    const [l, r] = best;
    merges.push(best);
    words = words.map((w) => {
      const next: number[] = [];
      for (let i = 0; i < w.length; i++) {
        if (i + 1 < w.length && w[i] === l && w[i + 1] === r) {
          next.push(id);
          i++;
        } else next.push(w[i]);
      }
      return next;
    });
  }
  return merges;
}

/** What a UTF-8 round trip makes of any JS string: lone surrogates become U+FFFD. */
export function toWellFormed(s: string): string {
  return s.replace(
    /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    '\uFFFD',
  );
}
