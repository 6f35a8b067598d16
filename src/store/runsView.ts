/**
 * What the pages draw from the runs store, at most FRAME_MS apart.
 *
 * The Worker posts metrics every ~40 ms; redrawing every chart and table that often
 * would make the main thread the bottleneck (DESIGN: no task over 50 ms while a run
 * trains). This mirror copies the runs store at most 5 times a second (charts still
 * move "at least 5 times a second"), but at once when something a reader must see
 * without delay changes: a status, a checkpoint, the active run.
 */
import { create } from 'zustand';
import { STAGES, useRunsStore, type StageRuns } from './runs';

export const FRAME_MS = 200;

type RunsState = ReturnType<typeof useRunsStore.getState>;

export interface RunsView {
  stages: StageRuns;
  active: RunsState['active'];
}

const pick = (state: RunsState): RunsView => ({ stages: state.stages, active: state.active });

export const useRunsView = create<RunsView>()(() => pick(useRunsStore.getState()));

let timer: ReturnType<typeof setTimeout> | null = null;
let lastFlush = 0;

/** Copies the runs store now (also for tests that set the runs store directly). */
export function flushRunsView(): void {
  if (timer !== null) clearTimeout(timer);
  timer = null;
  lastFlush = Date.now();
  useRunsView.setState(pick(useRunsStore.getState()));
}

function urgent(next: RunsState, prev: RunsState): boolean {
  if (next.active !== prev.active) return true;
  return STAGES.some((stage) => {
    const a = next.stages[stage];
    const b = prev.stages[stage];
    return a.status !== b.status || a.checkpoint !== b.checkpoint || a.key !== b.key;
  });
}

useRunsStore.subscribe((next, prev) => {
  if (next.stages === prev.stages && next.active === prev.active) return;
  if (urgent(next, prev)) {
    flushRunsView();
    return;
  }
  if (timer === null) {
    timer = setTimeout(flushRunsView, Math.max(0, FRAME_MS - (Date.now() - lastFlush)));
  }
});
