/**
 * Input checks shared by the RL formula functions. Every public function refuses bad
 * input with a `RangeError` whose message names the function and the argument, so a
 * page can show it and keep what the user had (DESIGN.md: bad input never draws NaN).
 */

/** A scalar or a sequence of numbers: the formula functions accept either. */
export type Numbers = number | ArrayLike<number>;

/** Throws unless `x` is a finite number. */
export function assertFinite(fn: string, name: string, x: unknown): asserts x is number {
  if (typeof x !== 'number' || !Number.isFinite(x)) {
    throw new RangeError(`${fn}: ${name} must be a finite number (got ${String(x)})`);
  }
}

/** Throws unless `x` is a finite number in [lo, hi]. */
export function assertInRange(fn: string, name: string, x: unknown, lo: number, hi: number): void {
  assertFinite(fn, name, x);
  if (x < lo || x > hi) {
    throw new RangeError(`${fn}: ${name} must lie in [${lo}, ${hi}] (got ${x})`);
  }
}

/** Throws unless `x` is a finite number > 0. */
export function assertPositive(fn: string, name: string, x: unknown): void {
  assertFinite(fn, name, x);
  if (x <= 0) throw new RangeError(`${fn}: ${name} must be > 0 (got ${x})`);
}

function isArrayLike(x: unknown): x is ArrayLike<number> {
  return (
    typeof x === 'object' && x !== null && typeof (x as { length?: unknown }).length === 'number'
  );
}

/** Throws unless `xs` is a non-empty sequence of finite numbers. */
export function assertFiniteArray(
  fn: string,
  name: string,
  xs: unknown,
): asserts xs is ArrayLike<number> {
  if (!isArrayLike(xs)) {
    throw new RangeError(`${fn}: ${name} must be an array of numbers`);
  }
  if (xs.length === 0) throw new RangeError(`${fn}: ${name} is empty`);
  for (let i = 0; i < xs.length; i++) {
    const v = xs[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new RangeError(`${fn}: ${name}[${i}] must be a finite number (got ${String(v)})`);
    }
  }
}

/** Throws unless every array has the length of the first. */
export function assertSameLength(
  fn: string,
  names: readonly string[],
  arrays: readonly ArrayLike<number>[],
): void {
  for (let i = 1; i < arrays.length; i++) {
    if (arrays[i].length !== arrays[0].length) {
      throw new RangeError(
        `${fn}: ${names[i]} has length ${arrays[i].length} but ${names[0]} has length ${arrays[0].length}`,
      );
    }
  }
}

/**
 * Checks arguments that must be either all scalars or all arrays of one length, and
 * returns them as arrays (a scalar becomes a one-element array) with `scalar` saying
 * which form came in.
 */
export function pairedInputs(
  fn: string,
  names: readonly string[],
  values: readonly unknown[],
): { scalar: boolean; arrays: ArrayLike<number>[] } {
  const scalar = typeof values[0] === 'number';
  const arrays: ArrayLike<number>[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (scalar) {
      if (typeof v !== 'number') {
        throw new RangeError(
          `${fn}: ${names[i]} must be a number like ${names[0]} (pass all scalars or all arrays)`,
        );
      }
      assertFinite(fn, names[i], v);
      arrays.push([v]);
    } else {
      if (typeof v === 'number') {
        throw new RangeError(
          `${fn}: ${names[i]} must be an array like ${names[0]} (pass all scalars or all arrays)`,
        );
      }
      assertFiniteArray(fn, names[i], v);
      arrays.push(v);
    }
  }
  assertSameLength(fn, names, arrays);
  return { scalar, arrays };
}
