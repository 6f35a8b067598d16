/**
 * A stage's metrics as CSV: a header row, then one row per step (per iteration for
 * PPO), so a spreadsheet plots any column against the first.
 *
 * Columns: every field any record has, in the order first seen (the step first), then
 * the wall-clock figures as `timing.tokensPerSecond` and `timing.elapsedMs` (not
 * deterministic: they differ from machine to machine). A field a record lacks (the
 * held-out loss between evaluations) or a value that is not a finite number (the step
 * a run diverged) is an empty cell. Numbers keep full precision.
 */
import { csvCell } from '../components/chart/figure';

type Row = Record<string, unknown>;

/** Any stage's records (StageMetricsMap): plain objects of numbers. */
export function metricsCsv(metrics: readonly object[]): string {
  const rows = metrics as readonly Row[];
  const columns: string[] = [];
  const timing: string[] = [];
  const seen = new Set<string>();
  for (const m of rows) {
    for (const [key, value] of Object.entries(m)) {
      if (key === 'timing' && typeof value === 'object' && value !== null) {
        for (const sub of Object.keys(value)) {
          const name = `timing.${sub}`;
          if (!seen.has(name)) timing.push(name);
          seen.add(name);
        }
      } else if (!seen.has(key)) {
        seen.add(key);
        columns.push(key);
      }
    }
  }
  const header = [...columns, ...timing];
  const cell = (value: unknown) =>
    typeof value === 'number' && Number.isFinite(value) ? String(value) : '';
  const lines = [header.map(csvCell).join(',')];
  for (const m of rows) {
    const t = (typeof m.timing === 'object' && m.timing !== null ? m.timing : {}) as Row;
    lines.push(
      [
        ...columns.map((key) => cell(m[key])),
        ...timing.map((key) => cell(t[key.slice('timing.'.length)])),
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}
