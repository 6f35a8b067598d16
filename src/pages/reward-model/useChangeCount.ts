import { useState } from 'react';

/**
 * A number that goes up each time `value` changes identity: the `revision` of a chart
 * whose series are rebuilt without streaming. Plotly.react receives a fixed
 * `datarevision` otherwise, and then keeps drawing the arrays it calculated first.
 */
export function useChangeCount(value: unknown): number {
  const [seen, setSeen] = useState({ value, count: 0 });
  if (Object.is(seen.value, value)) return seen.count;
  // Derived state, updated during render (React re-renders at once, before committing).
  setSeen({ value, count: seen.count + 1 });
  return seen.count + 1;
}
