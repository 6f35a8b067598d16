import { useId, useMemo, useState, type FormEvent } from 'react';
import { Section } from '../../../components/page/Section';
import { fmtPercent } from '../../../components/run/metrics';
import { answerSteps } from '../../../inference/steps';
import { useCheckpointModel } from '../../../inference/useCheckpointModel';
import { useSlicedJobs } from '../../../inference/useSlicedJobs';
import { NoModel } from '../../shared/NoModel';
import { Verdict } from '../../shared/Verdict';
import { useStageCheckpoint, useStageStatus, useStageSummary } from '../../shared/useStageRun';
import type { HeldOutAnswers, ModelAnswer } from '../useHeldOutAnswers';

const FIRST_ROWS = 5;
/** Longer answers are cut on screen (a rambling base model fills 64 tokens); the rest is counted. */
const SHOWN_CHARS = 160;

function AnswerCell({ answer }: { answer: ModelAnswer | undefined }) {
  if (!answer) return <span className="muted">…answering</span>;
  const text = answer.text.trim();
  const cut = text.length > SHOWN_CHARS;
  return (
    <>
      <span className="answer-text">
        {text === '' ? '(empty)' : cut ? `${text.slice(0, SHOWN_CHARS)}…` : text}
        {cut && <span className="muted"> (+{text.length - SHOWN_CHARS} characters)</span>}
      </span>
      <Verdict ok={answer.followsFormat} yes="expert format" no="not the format" />
    </>
  );
}

/** Ask both models a question of your own. */
function AskBoth() {
  const id = useId();
  const base = useCheckpointModel(useStageCheckpoint('pretrain'));
  const tuned = useCheckpointModel(useStageCheckpoint('sft'));
  const [draft, setDraft] = useState('Can a patient on warfarin take aspirin?');
  const [asked, setAsked] = useState<string | null>(null);
  const jobs = useMemo(
    () =>
      base && tuned && asked
        ? [base, tuned].map((m) => () => answerSteps(m.model, m.tokenizer, asked))
        : null,
    [base, tuned, asked],
  );
  const { results } = useSlicedJobs(jobs);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAsked(draft.trim() === '' ? null : draft.trim());
  };
  return (
    <>
      <form className="controls" onSubmit={submit}>
        <label htmlFor={`${id}-ask`}>Your question</label>
        <input
          id={`${id}-ask`}
          className="text-input text-input--inline"
          type="text"
          maxLength={90}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
        />
        <button type="submit" className="button">
          Ask both models
        </button>
      </form>
      {asked && (
        <dl className="ask-both" aria-live="polite">
          <dt>Base model</dt>
          <dd>{results[0] ?? '…answering'}</dd>
          <dt>SFT model</dt>
          <dd>{results[1] ?? '…answering'}</dd>
        </dl>
      )}
    </>
  );
}

/** The same held-out prompts answered by the base model and the SFT model, side by side. */
export function BaseVsSftSection({ answers }: { answers: HeldOutAnswers }) {
  const status = useStageStatus('sft');
  const sftSummary = useStageSummary('sft');
  const [all, setAll] = useState(false);
  const { pairs, base, tuned } = answers;
  const rows = all ? pairs : pairs.slice(0, FIRST_ROWS);
  const summary = sftSummary?.answers ?? [];
  const summaryOk = summary.filter((a) => a.followsFormat).length;

  return (
    <Section id="base-vs-sft" title="Before and after: base model vs SFT model">
      <p>
        Instructions the SFT model never trained on (held out), answered greedily by both models in
        this tab. The base model has never seen the chat template used this way; the SFT model
        answers in the experts&apos; format. The format is learned quickly; the facts only as well
        as pretraining stored them.
      </p>
      {!answers.ready ? (
        <NoModel status={status} what="both models' answers" />
      ) : (
        <>
          {!answers.sameBase && (
            <p className="run-panel-note">
              The base model shown is from another configuration than the one this SFT model started
              from.
            </p>
          )}
          <div className="table-scroll">
            <table className="data-table answers-table">
              <thead>
                <tr>
                  <th scope="col">Held-out instruction (and the expert&apos;s answer)</th>
                  <th scope="col">Base model</th>
                  <th scope="col">SFT model</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((pair, i) => (
                  <tr key={pair.id}>
                    <td>
                      <span className="answer-text">{pair.instruction}</span>
                      <span className="expert-answer">
                        <span className="expert-answer-label">Expert: </span>
                        {pair.response}
                      </span>
                    </td>
                    <td>
                      <AnswerCell answer={base[i]} />
                    </td>
                    <td>
                      <AnswerCell answer={tuned[i]} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {pairs.length > FIRST_ROWS && (
            <button type="button" className="button button--small" onClick={() => setAll(!all)}>
              {all ? `Show the first ${FIRST_ROWS}` : `Show all ${pairs.length} held-out prompts`}
            </button>
          )}
          <AskBoth />
          {summary.length > 0 && (
            <details className="worker-answers">
              <summary>
                The run&apos;s own check, computed in the Worker: {summaryOk} of {summary.length}{' '}
                held-out answers in the expert format ({fmtPercent(sftSummary?.formatRate)})
              </summary>
              <div className="table-scroll">
                <table className="data-table">
                  <thead>
                    <tr>
                      <th scope="col">Instruction</th>
                      <th scope="col">Expert answer</th>
                      <th scope="col">SFT model</th>
                      <th scope="col">Format</th>
                    </tr>
                  </thead>
                  <tbody>
                    {summary.map((a) => (
                      <tr key={a.instruction}>
                        <td>{a.instruction}</td>
                        <td>{a.expected}</td>
                        <td>{a.answer}</td>
                        <td>
                          <Verdict ok={a.followsFormat} yes="follows" no="does not" />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </details>
          )}
        </>
      )}
    </Section>
  );
}
