import { useState } from 'react';

/**
 * A number that goes up each time `value` changes identity: the `revision` of a chart
 * whose series are rebuilt from a new result (Plotly.react redraws on a new revision).
 */
export function useRevision(value: unknown): number {
  const [seen, setSeen] = useState({ value, count: 0 });
  if (Object.is(seen.value, value)) return seen.count;
  // Derived state, updated during render (React re-renders at once, before committing).
  setSeen({ value, count: seen.count + 1 });
  return seen.count + 1;
}
