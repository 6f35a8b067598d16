/**
 * One chart redraw per task. When a run streams, every chart on a page gets new data
 * in the same React commit; drawing them all there made one main-thread task of
 * 25–57 ms (two Plotly redraws plus the page's render). Charts queue their redraw
 * here instead and the queue runs one per macrotask, so the browser can paint and
 * handle input between them. A chart queued twice keeps one entry (the latest).
 */
const queue = new Map<object, () => void>();
let scheduled = false;

function runOne(): void {
  const next = queue.entries().next();
  if (next.done) {
    scheduled = false;
    return;
  }
  const [key, redraw] = next.value;
  queue.delete(key);
  redraw();
  if (queue.size > 0) setTimeout(runOne, 0);
  else scheduled = false;
}

/** Runs `redraw` in a task of its own, after the redraws queued before it. */
export function queueRedraw(key: object, redraw: () => void): void {
  queue.set(key, redraw);
  if (!scheduled) {
    scheduled = true;
    setTimeout(runOne, 0);
  }
}

/** Drops a queued redraw (the chart unmounted). */
export function cancelRedraw(key: object): void {
  queue.delete(key);
}
