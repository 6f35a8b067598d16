import { Section } from '../../../components/page/Section';
import { ProgressBar } from '../../../components/run/ProgressBar';
import { STAGE_NAMES } from '../../../components/run/runStatus';
import { configToQuery, useConfigStore } from '../../../store/config';
import { useRunsStore } from '../../../store/runs';
import { useRunsView } from '../../../store/runsView';
import {
  formatDuration,
  plannedEstimates,
  remainingSeconds,
  stageRows,
  stagesToTrain,
  type Estimate,
} from '../progress';

const listFormat = new Intl.ListFormat('en-GB', { style: 'long', type: 'conjunction' });

function estimateText(estimates: readonly Estimate[]): string {
  const parts = estimates.map(
    (e) =>
      `${STAGE_NAMES[e.stage]} ${formatDuration(e.seconds)} (${Math.round(e.msPerStep)} ms per step × ${e.steps} steps)`,
  );
  return `Measured in your last live run with the same model, data and batch size: ${listFormat.format(parts)}. The other stages report no timings, so they are not estimated.`;
}

/** "Run all": trains every stage not yet trained for the settings, with a bar per stage. */
export function RunAllSection() {
  const view = useRunsView();
  const config = useConfigStore((state) => state.config);
  const active = view.active;
  const shownConfig = active?.config ?? config;
  const rows = stageRows(view, shownConfig);
  const queue = stagesToTrain(view.stages, config);
  const estimates = active ? [] : plannedEstimates(view.stages, config, queue);
  const left = remainingSeconds(view);
  const changedSince = active !== null && configToQuery(active.config) !== configToQuery(config);

  const runAll = (force: boolean) =>
    useRunsStore.getState().trainAll(config, force ? { force: true } : undefined);

  return (
    <Section id="run-all" title="Run all stages">
      <p>
        Trains pretraining, SFT, the reward model, PPO and DPO in that order, for real, in a
        background worker of your browser. Stages already trained for these settings are not trained
        again.
      </p>
      <div className="sim-run-actions">
        {active ? (
          <button type="button" className="button" onClick={() => useRunsStore.getState().cancel()}>
            Cancel
          </button>
        ) : queue.length > 0 ? (
          <button type="button" className="button button--primary" onClick={() => runAll(false)}>
            Run all
          </button>
        ) : (
          <button type="button" className="button" onClick={() => runAll(true)}>
            Train all again
          </button>
        )}
        <p className="sim-run-status" role="status">
          {active
            ? `Training ${STAGE_NAMES[active.stage]}${active.queue.length > 0 ? `, then ${listFormat.format(active.queue.map((s) => STAGE_NAMES[s]))}` : ''}.`
            : queue.length > 0
              ? `To train for these settings: ${listFormat.format(queue.map((s) => STAGE_NAMES[s]))}.`
              : 'Every stage is trained for these settings.'}
        </p>
      </div>
      {estimates.length > 0 && <p className="sim-estimate">{estimateText(estimates)}</p>}
      {left && (
        <p className="sim-estimate">
          {STAGE_NAMES[left.stage]}: {formatDuration(left.seconds)} left at the measured{' '}
          {Math.round(left.msPerStep)} ms per step.
        </p>
      )}
      {changedSince && (
        <p className="sim-note">
          You changed settings since this run started: the bars follow the settings being trained.
          Run all again to train the new ones.
        </p>
      )}
      <ol className="sim-stages">
        {rows.map((row) => (
          <li key={row.stage} className="sim-stage" data-state={row.state}>
            <span className="sim-stage-name">{row.name}</span>
            <ProgressBar value={row.progress} label={`${row.name} progress`} valueText={row.text} />
            <span className="sim-stage-text">{row.text}</span>
          </li>
        ))}
      </ol>
    </Section>
  );
}
