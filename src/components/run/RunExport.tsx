/**
 * "Download this run": the stage's metrics as CSV (one row per step) and the whole run
 * as JSON (every stage trained with the same settings; src/export/runFile.ts), which
 * the Simulator's "Import a run" reads back. Shown under a stage page's curves once a
 * run has finished (while it trains, the numbers are still moving).
 */
import { APP_INFO } from '../../export/appInfo';
import { downloadText } from '../../export/download';
import { metricsCsv } from '../../export/metricsCsv';
import { buildRunFile, exportableStages, runFileText } from '../../export/runFile';
import { useConfigStore } from '../../store/config';
import { stageKey } from '../../store/runs';
import { useRunsView } from '../../store/runsView';
import type { TrainStage } from '../../worker/protocol';
import { STAGE_NAMES } from './runStatus';
import './RunExport.css';

/** File names: lower case, no spaces (pretraining-metrics-seed1.csv). */
const FILE_STAGE: Record<TrainStage, string> = {
  pretrain: 'pretraining',
  sft: 'sft',
  reward: 'reward-model',
  ppo: 'ppo',
  dpo: 'dpo',
};

export function RunExport({ stage }: { stage: TrainStage }) {
  const stages = useRunsView((state) => state.stages);
  const current = useConfigStore((state) => state.config);
  const run = stages[stage];
  const finished = ['completed', 'diverged', 'cancelled', 'error'].includes(run.status);
  if (!finished || run.metrics.length === 0) return null;
  // The run's own settings: the current ones when it was trained with them, else its
  // checkpoint's (an earlier run the page still shows).
  const config = run.key === stageKey(stage, current) ? current : (run.checkpoint?.config ?? null);
  const inRun = config ? exportableStages(stages, config) : [];
  const unit = stage === 'ppo' ? 'iteration' : 'step';

  const downloadCsv = () =>
    downloadText(
      `${FILE_STAGE[stage]}-metrics-seed${config?.seed ?? current.seed}.csv`,
      metricsCsv(run.metrics),
      'text/csv',
    );
  const downloadJson = () => {
    if (!config) return;
    const file = buildRunFile(stages, config, {
      createdAt: new Date().toISOString(),
      appVersion: APP_INFO.version,
    });
    downloadText(`pipeline-lab-run-seed${config.seed}.json`, runFileText(file), 'application/json');
  };

  return (
    <div
      className="run-export"
      role="group"
      aria-label={`Download the ${STAGE_NAMES[stage]} run’s numbers`}
    >
      <p className="run-export-text">
        <strong>This run’s numbers:</strong> {STAGE_NAMES[stage]}’s {run.metrics.length}{' '}
        {unit === 'step' ? 'steps' : 'iterations'} as a table (one row per {unit}), or every stage
        of the run as JSON, which the Simulator can import to compare.
      </p>
      <div className="run-export-actions">
        <button type="button" className="button button--small" onClick={downloadCsv}>
          Download metrics (CSV)
        </button>
        {config && inRun.length > 0 && (
          <button type="button" className="button button--small" onClick={downloadJson}>
            Download run (JSON)
          </button>
        )}
      </div>
    </div>
  );
}
