/**
 * The run panel under a stage page's lede: which run the page shows, what is training
 * now (with progress), and the actions — train live, cancel, new seed. Training
 * happens in the Worker through the runs store; nothing here blocks the page.
 */
import { useConfigStore } from '../../store/config';
import { useRunsStore } from '../../store/runs';
import { useRunsView } from '../../store/runsView';
import type { TrainStage } from '../../worker/protocol';
import { ProgressBar } from './ProgressBar';
import { nextSeed, runStatus, STAGE_NAMES, type TrainingPhase } from './runStatus';
import './RunPanel.css';

const integer = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

function phaseText(phase: TrainingPhase): string {
  const name = STAGE_NAMES[phase.stage];
  const first = phase.then ? ` first (${STAGE_NAMES[phase.then]} starts from it)` : '';
  return `Training ${name}${first} in your browser…`;
}

function stepText(phase: TrainingPhase): string {
  const speed = phase.tokensPerSecond
    ? ` · ${integer.format(phase.tokensPerSecond)} tokens/s`
    : '';
  return `${STAGE_NAMES[phase.stage]}: step ${phase.step} of ${phase.totalSteps}${speed}`;
}

export function RunPanel({ stage }: { stage: TrainStage }) {
  const view = useRunsView();
  const config = useConfigStore((state) => state.config);
  const status = runStatus(stage, view, config);
  const run = view.stages[stage];
  const { training } = status;

  const train = (force: boolean) => useRunsStore.getState().train(stage, config, { force });
  const newSeed = () => {
    const store = useConfigStore.getState();
    store.setField('seed', nextSeed(store.config.seed));
    useRunsStore.getState().train(stage, useConfigStore.getState().config);
  };

  let statusText = '';
  if (training) statusText = phaseText(training);
  else if (status.loading) statusText = 'Loading the default run…';
  else if (run.status === 'completed' && status.matchesConfig) {
    const steps = run.metrics.length > 0 ? run.metrics[run.metrics.length - 1].step : 0;
    statusText = `Completed: ${steps} steps.`;
  }

  return (
    <section className="run-panel" aria-label={`${STAGE_NAMES[stage]} run`} data-status={run.status}>
      <div className="run-panel-head">
        <p className="run-panel-shown">
          <span className="run-panel-label">Run shown:</span> <strong>{status.shown}</strong>
          <span className="run-panel-seed"> · seed {config.seed}</span>
        </p>
        <div className="run-panel-actions">
          {training ? (
            <button
              type="button"
              className="button"
              onClick={() => useRunsStore.getState().cancel()}
            >
              Cancel
            </button>
          ) : (
            <>
              <button type="button" className="button button--primary" onClick={() => train(true)}>
                Train live
              </button>
              <button type="button" className="button" onClick={newSeed}>
                New seed<span className="visually-hidden"> (seed {nextSeed(config.seed)})</span>
              </button>
            </>
          )}
        </div>
      </div>
      {training && (
        <div className="run-panel-progress">
          <ProgressBar
            value={training.progress}
            label={`${STAGE_NAMES[training.stage]} progress`}
            valueText={stepText(training)}
          />
          <p className="run-panel-steps" aria-hidden="true">
            {stepText(training)}
          </p>
        </div>
      )}
      {/* Announces phase changes only; the step counter is not a live region. */}
      <p className="run-panel-status" role="status">
        {statusText}
      </p>
      {status.alert && (
        <p className="run-panel-alert" role="alert">
          <strong>Stopped.</strong> {status.alert}
        </p>
      )}
      {status.note && <p className="run-panel-note">{status.note}</p>}
      {status.needsTraining && (
        <p className="run-panel-untrained">
          {status.matchesConfig && run.status === 'cancelled'
            ? 'This configuration was not trained to the end.'
            : 'This configuration has not been trained yet.'}{' '}
          <button type="button" className="button button--small" onClick={() => train(false)}>
            Train it
          </button>
        </p>
      )}
    </section>
  );
}
