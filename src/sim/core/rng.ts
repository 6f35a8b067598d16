/**
 * Seeded random numbers for the whole core. Nothing in src/sim may use an unseeded source of randomness:
 * the same configuration and seed must give the same numbers, bit for bit.
 *
 * Generator: xoshiro128** (Blackman & Vigna), 32-bit state words, seeded through
 * splitmix32. `stream(name)` derives an independent generator from the seed and a
 * purpose name, so adding a draw in one place (say, data shuffling) does not shift
 * the numbers another place sees (say, weight initialisation).
 */

export interface Rng {
  /** The seed this generator (or its root) was created from. */
  readonly seed: number;
  /** Uniform float in [0, 1). */
  uniform(): number;
  /** Standard normal N(0, 1) (Box–Muller; the spare value is kept). */
  normal(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Index drawn with probability proportional to `weights[i]` (non-negative). */
  categorical(weights: ArrayLike<number>): number;
  /** Fisher–Yates shuffle in place; returns the same array. */
  shuffle<T>(items: T[]): T[];
  /** An independent generator for one purpose, derived from this one's seed and `name`. */
  stream(name: string): Rng;
}

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** FNV-1a hash of a string, used to turn a stream name into seed bits. */
function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

function makeRng(seed: number, key: number): Rng {
  const init = splitmix32((seed ^ Math.imul(key, 0x27d4eb2d)) >>> 0);
  let s0 = init();
  let s1 = init();
  let s2 = init();
  let s3 = init();
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1;
  let spare: number | null = null;

  const nextU32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (s1 << 9) >>> 0;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  };

  const rng: Rng = {
    seed,
    uniform() {
      return nextU32() / 4294967296;
    },
    normal() {
      if (spare !== null) {
        const v = spare;
        spare = null;
        return v;
      }
      let u = 0;
      while (u === 0) u = rng.uniform();
      const v = rng.uniform();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    int(n: number) {
      if (!(n >= 1) || !Number.isFinite(n))
        throw new RangeError(`rng.int: n must be ≥ 1, got ${n}`);
      return Math.floor(rng.uniform() * Math.floor(n));
    },
    categorical(weights: ArrayLike<number>) {
      let total = 0;
      for (let i = 0; i < weights.length; i++) total += weights[i];
      if (!(total > 0) || !Number.isFinite(total)) {
        throw new RangeError(
          'rng.categorical: weights must be finite, non-negative and not all zero',
        );
      }
      let target = rng.uniform() * total;
      for (let i = 0; i < weights.length; i++) {
        target -= weights[i];
        if (target < 0) return i;
      }
      // Rounding can leave target ≥ 0 after the loop: return the last non-zero weight.
      for (let i = weights.length - 1; i >= 0; i--) if (weights[i] > 0) return i;
      return weights.length - 1;
    },
    shuffle<T>(items: T[]) {
      for (let i = items.length - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        const tmp = items[i];
        items[i] = items[j];
        items[j] = tmp;
      }
      return items;
    },
    stream(name: string) {
      return makeRng(seed, (key ^ hashString(name)) >>> 0 || 1);
    },
  };
  return rng;
}

/** A seeded generator. `seed` is any finite number; it is reduced to 32 bits. */
export function createRng(seed: number): Rng {
  if (!Number.isFinite(seed))
    throw new RangeError(`createRng: seed must be a finite number, got ${seed}`);
  return makeRng(Math.trunc(seed) >>> 0, 0);
}
