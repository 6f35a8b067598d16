import type { HeadlineMetric } from './useRunHeadlines';

/** A stage's numbers from the current run, or a neutral "no run yet". */
export function StageHeadline({ metrics }: { metrics?: readonly HeadlineMetric[] }) {
  if (!metrics || metrics.length === 0) {
    return (
      <div className="stage-headline stage-headline--empty" data-seam="home/run-headlines">
        <span className="stage-headline-label">This run</span>
        <span>No run yet</span>
      </div>
    );
  }
  return (
    <dl className="stage-headline" data-seam="home/run-headlines">
      {metrics.map((m) => (
        <div key={m.label} className="stage-headline-metric">
          <dt>{m.label}</dt>
          <dd>
            <span className="stage-headline-value">{m.value}</span>
            {m.detail && <span className="stage-headline-detail"> {m.detail}</span>}
          </dd>
        </div>
      ))}
    </dl>
  );
}
