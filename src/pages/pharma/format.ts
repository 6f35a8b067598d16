/** Number formats of the page: a real minus sign, shares as "n of d". */
import { fmt, fmtPercent } from '../../components/run/metrics';

/** Two decimals with a typographic minus ("−2.49"); "—" when missing. */
export function signed(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const text = fmt(Math.abs(value), digits);
  return value < 0 && text !== fmt(0, digits) ? `−${text}` : text;
}

/** "44% (27 of 62)"; "— (no items)" when nothing qualifies. */
export function share(numerator: number, denominator: number): string {
  if (denominator === 0) return '— (no items)';
  return `${fmtPercent(numerator / denominator)} (${numerator} of ${denominator})`;
}

/** "38 of 60 probes (63%)". */
export function countOf(numerator: number, denominator: number, noun: string): string {
  if (denominator === 0) return `no ${noun}`;
  return `${numerator} of ${denominator} ${noun} (${fmtPercent(numerator / denominator)})`;
}

/** Mean of finite numbers; null for none. */
export function mean(values: readonly number[]): number | null {
  const finite = values.filter((v) => Number.isFinite(v));
  return finite.length === 0 ? null : finite.reduce((a, b) => a + b, 0) / finite.length;
}

/** "a", "a and b", "a, b and c". */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** "1 item", "3 items". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
