/**
 * The run panel under a stage page's lede: which run the page shows, what is training
 * now (with progress), and the actions — train live, cancel, new seed. Training
 * happens in the Worker through the runs store; nothing here blocks the page.
 * Kept to two lines when idle, so the chart below it stays on a projector's screen.
 */
import { useConfigStore } from '../../store/config';
import { useRunsStore, type StageRun } from '../../store/runs';
import { useRunsView } from '../../store/runsView';
import { metricStep, type TrainStage } from '../../worker/protocol';
import { ProgressBar } from './ProgressBar';
import {
  IN_SENTENCE,
  nextSeed,
  runStatus,
  STAGE_NAMES,
  type RunStatusModel,
  type TrainingPhase,
} from './runStatus';
import './RunPanel.css';

const integer = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

function stepText(phase: TrainingPhase): string {
  const speed = phase.tokensPerSecond ? ` · ${integer.format(phase.tokensPerSecond)} tokens/s` : '';
  return `${STAGE_NAMES[phase.stage]}: step ${phase.step} of ${phase.totalSteps}${speed}`;
}

/** The panel's first line: what the page shows (or trains) now. */
function headline(status: RunStatusModel): string {
  const { training } = status;
  if (training) {
    const then = training.then ? ` first, then ${IN_SENTENCE[training.then]}` : '';
    return `Training live in your browser: ${IN_SENTENCE[training.stage]}${then}`;
  }
  return status.loading ? 'Loading the default run…' : status.shown;
}

function doneText(run: StageRun, status: RunStatusModel): string {
  if (run.status !== 'completed' || !status.matchesConfig || status.training) return '';
  const steps = run.metrics.length > 0 ? metricStep(run.metrics[run.metrics.length - 1]) : 0;
  return ` · completed, ${steps} steps`;
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

  return (
    <section
      className="run-panel"
      aria-label={`${STAGE_NAMES[stage]} run`}
      data-status={run.status}
    >
      <div className="run-panel-head">
        {/* A live region: it changes when a run starts, moves to SFT, or ends — not per step. */}
        <p className="run-panel-shown" role="status">
          <span className="run-panel-label">Run shown:</span> <strong>{headline(status)}</strong>
          <span className="run-panel-detail">
            {' '}
            · seed {config.seed}
            {doneText(run, status)}
          </span>
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
      {status.alert && (
        <p className="run-panel-alert" role="alert">
          <strong>Stopped.</strong> {status.alert}
          {status.retry && (
            <>
              {' '}
              {/* Trains what is missing for this configuration: a failed stage again, from the last completed one. */}
              <button type="button" className="button button--small" onClick={() => train(false)}>
                Retry
              </button>
            </>
          )}
        </p>
      )}
      {status.note && <p className="run-panel-note">{status.note}</p>}
      {status.needsTraining && !status.retry && (
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
