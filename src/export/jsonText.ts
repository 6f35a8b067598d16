/**
 * JSON as a person reads it: indented structure, but a record of plain values (one
 * step's metrics) or a list of numbers on one line each. A 400-step run then reads
 * as 400 lines instead of 3,600 (and the file is ~15% smaller than indented JSON).
 * Non-finite numbers become null, as JSON.stringify writes them.
 */

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isScalar = (value: unknown) =>
  value === null || ['number', 'string', 'boolean'].includes(typeof value);

/** One line: a list of scalars, or a record whose values are scalars (or absent). */
function isFlat(value: unknown): boolean {
  if (Array.isArray(value)) return value.every(isScalar);
  if (isPlainObject(value))
    return Object.values(value).every((v) => v === undefined || isScalar(v));
  return true;
}

function write(value: unknown, indent: string): string | undefined {
  if (value === undefined || typeof value === 'function') return undefined;
  if (isFlat(value)) return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    const items = value.map((v) => `${inner}${write(v, inner) ?? 'null'}`);
    return `[\n${items.join(',\n')}\n${indent}]`;
  }
  const entries: string[] = [];
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const text = write(v, inner);
    if (text !== undefined) entries.push(`${inner}${JSON.stringify(key)}: ${text}`);
  }
  return entries.length === 0 ? '{}' : `{\n${entries.join(',\n')}\n${indent}}`;
}

/** The value as readable JSON text (with a final newline). */
export function toJsonText(value: unknown): string {
  return `${write(value, '') ?? 'null'}\n`;
}
