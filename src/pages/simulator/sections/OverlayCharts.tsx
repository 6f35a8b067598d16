import { useMemo } from 'react';
import { Chart } from '../../../components/chart';
import {
  hasPoints,
  OVERLAYS,
  overlayDescription,
  overlaySeries,
  type OverlayRun,
  type OverlaySpec,
} from '../overlays';

/** A number that changes whenever what a chart draws changes (names, slots, points). */
function revisionOf(runs: readonly OverlayRun[], spec: OverlaySpec): number {
  let hash = 0;
  const mix = (text: string) => {
    for (let i = 0; i < text.length; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
  };
  for (const run of runs) {
    const { y } = run.figures.series[spec.key];
    mix(`${run.id}|${run.name}|${run.slot}|${y.length}|${y[y.length - 1] ?? ''};`);
  }
  return hash >>> 0;
}

function OverlayChart({ runs, spec }: { runs: readonly OverlayRun[]; spec: OverlaySpec }) {
  const series = useMemo(() => overlaySeries(runs, spec), [runs, spec]);
  return (
    <Chart
      title={spec.title}
      description={overlayDescription(runs, spec)}
      series={series}
      xTitle={spec.xTitle}
      yTitle={spec.yTitle}
      yRange={spec.yRange}
      revision={revisionOf(runs, spec)}
      size="short"
      emptyMessage="No run has this figure yet."
      exportName={`simulator-${spec.key}`}
    />
  );
}

/** The figures overlaid, one line per run. */
export function OverlayCharts({ runs }: { runs: readonly OverlayRun[] }) {
  return (
    <div className="sim-charts">
      {OVERLAYS.filter((spec) => hasPoints(runs, spec)).map((spec) => (
        <OverlayChart key={spec.key} runs={runs} spec={spec} />
      ))}
    </div>
  );
}
