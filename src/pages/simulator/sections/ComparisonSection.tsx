import { useMemo } from 'react';
import { Section } from '../../../components/page/Section';
import { configToQuery } from '../../../store/config';
import { MAX_SAVED_RUNS, SERIES_KEYS, useSavedRuns } from '../../../store/savedRuns';
import type { OverlayRun } from '../overlays';
import { useCurrentRun } from '../useCurrentRun';
import { FinalFiguresTable } from './FinalFiguresTable';
import { KeepRunForm } from './KeepRunForm';
import { OverlayCharts } from './OverlayCharts';

export const CURRENT_RUN_NAME = 'Current settings (not kept)';

function StorageNotice() {
  const notice = useSavedRuns((state) => state.notice);
  if (!notice) return null;
  return (
    <div className="notice-banner sim-storage-notice" role="alert">
      <p className="notice-title">{notice}</p>
      <button
        type="button"
        className="button button--small"
        onClick={() => useSavedRuns.getState().dismissNotice()}
      >
        Dismiss
      </button>
    </div>
  );
}

/** Kept runs and the current one, overlaid and tabulated; "Keep this run". */
export function ComparisonSection() {
  const kept = useSavedRuns((state) => state.runs);
  const current = useCurrentRun();
  const runs = useMemo<OverlayRun[]>(() => {
    const query = configToQuery(current.config);
    const keptRuns = kept.map((run, i) => ({
      id: run.id,
      name: run.name,
      figures: run,
      slot: i + 1,
    }));
    const currentIsKept = kept.some((run) => configToQuery(run.config) === query);
    const currentHasData = SERIES_KEYS.some((key) => current.figures.series[key].y.length > 0);
    return currentHasData && !currentIsKept
      ? [{ id: 'current', name: CURRENT_RUN_NAME, figures: current.figures, slot: 0 }, ...keptRuns]
      : keptRuns;
  }, [kept, current]);

  return (
    <Section id="compare" title="Compare runs">
      <p>
        Keep a finished run to compare it with others: its figures (not its weights) stay in this
        browser, up to {MAX_SAVED_RUNS} runs. The charts overlay the kept runs and the current
        settings’ run.
      </p>
      <StorageNotice />
      <KeepRunForm run={current} />
      {runs.length === 0 ? (
        <p className="no-model">No run to compare yet: run all stages, then keep the run.</p>
      ) : (
        <>
          <OverlayCharts runs={runs} />
          <FinalFiguresTable runs={runs} ppoWindow={current.ppoWindow} />
        </>
      )}
    </Section>
  );
}
