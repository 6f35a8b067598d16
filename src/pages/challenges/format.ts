/**
 * Number formats of the Challenges page. Pure; a missing or non-finite value prints
 * "—", never NaN. Negative numbers use the minus sign (U+2212), as the other pages do.
 */

const MINUS = '\u2212';

function finite(value: number | null | undefined): value is number {
  return value !== null && value !== undefined && Number.isFinite(value);
}

/** Fixed decimals, minus sign for negatives ("−0.39"); "—" when missing. */
export function num(value: number | null | undefined, digits = 2): string {
  if (!finite(value)) return '—';
  const text = Math.abs(value).toFixed(digits);
  if (Number(text) === 0) return (0).toFixed(digits);
  return value < 0 ? `${MINUS}${text}` : text;
}

/** Like `num`, with "+" on positive values ("+1.14"). */
export function signed(value: number | null | undefined, digits = 2): string {
  const text = num(value, digits);
  return !finite(value) || text.startsWith(MINUS) || Number(text) === 0 ? text : `+${text}`;
}

/** A fraction as a percentage: 0.834 → "83%" (digits after the point on request). */
export function pct(fraction: number | null | undefined, digits = 0): string {
  return finite(fraction) ? `${num(fraction * 100, digits)}%` : '—';
}

/** A difference of two fractions in percentage points, signed: 0.025 → "+2.5 points". */
export function pointsDiff(difference: number | null | undefined, digits = 1): string {
  return finite(difference) ? `${signed(difference * 100, digits)} points` : '—';
}

const grouped = (digits: number) =>
  new Intl.NumberFormat('en-US', { minimumFractionDigits: 0, maximumFractionDigits: digits });

/** Hours of expert time: "0.4 h", "2,500 h" (at most one decimal). */
export function hours(value: number | null | undefined): string {
  return finite(value) ? `${grouped(1).format(value)} h` : '—';
}

/** Dollars: "$40", "$12.50", "$250,000" (cents only when there are some). */
export function money(value: number | null | undefined): string {
  if (!finite(value)) return '—';
  const cents = Math.round(value * 100);
  const whole = cents % 100 === 0;
  const text = new Intl.NumberFormat('en-US', {
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: whole ? 0 : 2,
  }).format(cents / 100);
  return value < 0 ? `${MINUS}$${text.replace('-', '')}` : `$${text}`;
}

/** A whole number with thousands separators: 50000 → "50,000". */
export function count(value: number): string {
  return grouped(0).format(value);
}

/** A list read out: "a", "a and b", "a, b and c". */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** "rose from A to B", "fell from A to B" or "stayed at A", as the values are shown. */
export function trend(from: number, to: number, digits = 2, unit = ''): string {
  const a = num(from, digits);
  const b = num(to, digits);
  if (a === b) return `stayed at ${a}${unit}`;
  return `${to > from ? 'rose' : 'fell'} from ${a}${unit} to ${b}${unit}`;
}

/**
 * A number for TeX: negatives in brackets, thousands grouped with {,}; `digits` fixed
 * decimals, or at most `digits` when `fixed` is false (0.2 stays "0.2").
 */
export function tex(value: number, digits = 2, fixed = true): string {
  if (!Number.isFinite(value)) return '\\text{—}';
  const text = new Intl.NumberFormat('en-US', {
    minimumFractionDigits: fixed ? digits : 0,
    maximumFractionDigits: digits,
  })
    .format(Math.abs(value))
    .replace(/,/g, '{,}');
  return value < 0 && Number(text.replace(/\{,\}/g, '')) !== 0 ? `(-${text})` : text;
}
