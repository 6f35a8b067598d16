import { useMemo } from 'react';
import { Section } from '../../../components/page/Section';
import { MAX_SAVED_RUNS, useSavedRuns } from '../../../store/savedRuns';
import { comparisonRuns } from '../overlays';
import { useCurrentRun } from '../useCurrentRun';
import { FinalFiguresTable } from './FinalFiguresTable';
import { ImportRunForm } from './ImportRunForm';
import { KeepRunForm } from './KeepRunForm';
import { OverlayCharts } from './OverlayCharts';

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
  const runs = useMemo(() => comparisonRuns(kept, current), [kept, current]);

  return (
    <Section id="compare" title="Compare runs">
      <p>
        Keep a finished run to compare it with others: its figures (not its weights) stay in this
        browser, up to {MAX_SAVED_RUNS} runs. The charts overlay the kept runs and the current
        settings’ run. A run downloaded from a stage page or written by the command line can be
        imported to join them.
      </p>
      <StorageNotice />
      <KeepRunForm run={current} />
      <ImportRunForm />
      {runs.length === 0 ? (
        <p className="no-model">
          No run to compare yet: run all stages, then keep the run, or import one.
        </p>
      ) : (
        <>
          <OverlayCharts runs={runs} />
          <FinalFiguresTable runs={runs} ppoWindow={current.ppoWindow} />
        </>
      )}
    </Section>
  );
}
