/**
 * Fleiss' kappa (Fleiss 1971, "Measuring nominal scale agreement among many raters",
 * Psychological Bulletin 76(5)): chance-corrected agreement of n raters per item
 * assigning items to categories.
 */

/**
 * κ = (P̄ − P̄_e) / (1 − P̄_e), with N items, n raters per item, n_ij raters putting
 * item i in category j:
 *   p_j = Σ_i n_ij / (N·n),                   P̄_e = Σ_j p_j²,
 *   P_i = (Σ_j n_ij² − n) / (n·(n − 1)),       P̄ = (1/N)·Σ_i P_i.
 * κ = 1 is perfect agreement, 0 is agreement at chance level, < 0 worse than chance.
 * When every rating falls in one category, P̄_e = 1 and the formula is 0/0; since the
 * raters then agree perfectly, this returns 1 (a convention, stated here).
 *
 * @param counts rows = items, columns = categories, cells = how many raters chose that
 *   category for that item; every row sums to the same n ≥ 2.
 */
export function fleissKappa(counts: readonly (readonly number[])[]): number {
  const fn = 'fleissKappa';
  if (!Array.isArray(counts)) throw new RangeError(`${fn}: counts must be an array of rows`);
  if (counts.length === 0) throw new RangeError(`${fn}: counts has no items (rows)`);
  const N = counts.length;
  const k = Array.isArray(counts[0]) ? counts[0].length : 0;
  if (k === 0) throw new RangeError(`${fn}: counts[0] has no categories (columns)`);
  let n = -1;
  const columnTotals = new Float64Array(k);
  let agreementSum = 0;
  for (let i = 0; i < N; i++) {
    const row = counts[i];
    if (!Array.isArray(row) || row.length !== k) {
      throw new RangeError(`${fn}: counts[${i}] must have ${k} categories like counts[0]`);
    }
    let total = 0;
    let squares = 0;
    for (let j = 0; j < k; j++) {
      const c: unknown = row[j];
      if (typeof c !== 'number' || !Number.isInteger(c) || c < 0) {
        throw new RangeError(
          `${fn}: counts[${i}][${j}] must be a whole number ≥ 0 (got ${String(c)})`,
        );
      }
      total += c;
      squares += c * c;
      columnTotals[j] += c;
    }
    if (n === -1) {
      n = total;
      if (n < 2)
        throw new RangeError(`${fn}: each item needs at least 2 raters (counts[0] sums to ${n})`);
    } else if (total !== n) {
      throw new RangeError(
        `${fn}: every item needs the same number of raters: counts[${i}] sums to ${total}, counts[0] to ${n}`,
      );
    }
    agreementSum += (squares - n) / (n * (n - 1));
  }
  const pBar = agreementSum / N;
  let pe = 0;
  for (let j = 0; j < k; j++) pe += (columnTotals[j] / (N * n)) ** 2;
  if (pe === 1) return 1;
  return (pBar - pe) / (1 - pe);
}
