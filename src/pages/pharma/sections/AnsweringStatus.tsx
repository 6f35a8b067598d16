import { memo } from 'react';
import { ProgressBar } from '../../../components/run/ProgressBar';
import '../../../components/run/RunPanel.css';
import type { RunStatus, StageRun } from '../../../store/runs';
import { useRunsView } from '../../../store/runsView';
import { TRAIN_STAGES, type TrainStage } from '../../../worker/protocol';
import { listWords } from '../format';
import { MODEL_NAMES, evalSet } from '../models';
import type { PharmaAnswers } from '../usePharmaAnswers';

const STAGE_LABELS: Record<TrainStage, string> = {
  pretrain: 'Base (pretraining)',
  sft: 'SFT',
  reward: 'Reward model',
  ppo: 'PPO',
  dpo: 'DPO',
};

function sourceText(status: RunStatus, source: StageRun['source']): string {
  if (status === 'running') return 'training now';
  if (status === 'loading') return 'loading';
  if (status === 'idle') return 'not trained yet';
  if (status === 'error') return 'failed';
  if (status === 'cancelled') return 'cancelled';
  const from = source === 'shipped' ? 'the default run' : 'trained live in this tab';
  return status === 'diverged' ? `${from} (diverged)` : from;
}

/** Which run each model comes from. */
function ModelsShown() {
  const stages = useRunsView((state) => state.stages);
  return (
    <ul className="models-shown" aria-label="The models on this page">
      {TRAIN_STAGES.map((stage) => (
        <li key={stage}>
          <strong>{STAGE_LABELS[stage]}</strong>:{' '}
          {sourceText(stages[stage].status, stages[stage].source)}
        </li>
      ))}
    </ul>
  );
}

/** Where the answering stands: "answering 124 of 248…", with a progress bar. */
export const AnsweringStatus = memo(function AnsweringStatus({
  answers,
}: {
  answers: PharmaAnswers;
}) {
  const items = evalSet().length;
  return (
    <div className="answering-status">
      <ModelsShown />
      {/* The line and the bar are there from the start, so nothing below moves when the
          models arrive (a layout shift Lighthouse counted against the page). */}
      <p className="figure-line">
        {!answers.ready
          ? 'No answers yet: the tables fill in once the models of the run shown are here.'
          : answers.done
            ? `All ${answers.total} evaluation answers computed in this tab: ${answers.models.length} models × ${items} questions, greedy, each graded by the gold grader${answers.hasRewardModel ? ' and scored by the reward model' : ''}.`
            : `Answering ${answers.answered} of ${answers.total}… (${answers.models.length} models × ${items} questions, on this device; the tables fill in as answers arrive)`}
      </p>
      {answers.ready ? (
        <ProgressBar
          value={answers.total === 0 ? 0 : answers.answered / answers.total}
          label="Evaluation answers computed"
          valueText={`${answers.answered} of ${answers.total}`}
        />
      ) : (
        // The bar's room, empty: no progress to report yet.
        <div className="progress progress--placeholder" aria-hidden="true" />
      )}
      {answers.ready && (
        <>
          {answers.missing.length > 0 && (
            <p className="run-panel-note">
              Not in the run shown yet: {listWords(answers.missing.map((m) => MODEL_NAMES[m]))}.
              Their columns appear when they are trained.
            </p>
          )}
          {!answers.sameBase && (
            <p className="run-panel-note">
              The models shown come from different configurations, so they do not share one
              pretrained base.
            </p>
          )}
          {answers.error && <p className="run-panel-note">Some answers failed: {answers.error}</p>}
        </>
      )}
    </div>
  );
});
