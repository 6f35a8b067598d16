import { expect } from '@playwright/test';

/** The few fields of a Chromium trace event that the measurements read. */
interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  args?: { name?: string };
}

/**
 * The longest task on the renderer's main thread in a Chromium trace (categories
 * 'toplevel' and '__metadata'), in ms. The longtask API reports only tasks over 50
 * ms; the trace gives the actual longest.
 */
export function longestMainThreadTask(trace: Buffer): number {
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const mainThreads = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  expect(mainThreads.size, 'the trace names the renderer main thread').toBeGreaterThan(0);
  let longest = 0;
  for (const e of events) {
    if (
      e.name === 'ThreadControllerImpl::RunTask' &&
      e.ph === 'X' &&
      mainThreads.has(`${e.pid}:${e.tid}`)
    ) {
      longest = Math.max(longest, (e.dur ?? 0) / 1000);
    }
  }
  return longest;
}
