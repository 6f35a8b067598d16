import { useId, useMemo, useState, type FormEvent } from 'react';
import { Section } from '../../../components/page/Section';
import { useSlicedJobs } from '../../../inference/useSlicedJobs';
import { formatChat, qualityLabel, type PreferencePair } from '../../../sim';
import { NoModel } from '../../shared/NoModel';
import { useStageStatus } from '../../shared/useStageRun';
import { fmtSigned } from '../figures';
import { usePreferenceData } from '../usePreferenceData';
import { scoreJob, useRewardModel, type LoadedRewardModel } from '../useRewardModel';

const MAX_CHARS = 400;

export const EMPTY_ANSWER_MESSAGE =
  'Type an answer first: the reward model scores an answer to the prompt, and an empty one gives it nothing to judge.';

/** A distinct answer among a prompt's pairs, with the roles it plays in them. */
interface KnownAnswer {
  text: string;
  roles: string[];
}

function knownAnswers(pairs: readonly PreferencePair[]): KnownAnswer[] {
  const byText = new Map<string, string[]>();
  const add = (text: string, role: string) => {
    const roles = byText.get(text) ?? [];
    if (!roles.includes(role)) roles.push(role);
    byText.set(text, roles);
  };
  for (const p of pairs) {
    add(p.chosen, `chosen, ${qualityLabel(p.quality)}`);
    add(p.rejected, `rejected, ${qualityLabel(p.quality)}`);
  }
  return [...byText].map(([text, roles]) => ({ text, roles }));
}

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

interface Submitted {
  prompt: string;
  response: string;
  pairs: PreferencePair[];
}

/** Your answer's score next to the best and worst answers of the prompt's pairs. */
function Result({ loaded, submitted }: { loaded: LoadedRewardModel; submitted: Submitted }) {
  const known = useMemo(() => knownAnswers(submitted.pairs), [submitted]);
  const jobs = useMemo(
    () => [
      scoreJob(loaded, submitted.prompt, submitted.response),
      ...known.map((a) => scoreJob(loaded, submitted.prompt, a.text)),
    ],
    [loaded, submitted, known],
  );
  const { results, done, error } = useSlicedJobs(jobs);
  const contextLength = loaded.model.trunk.config.contextLength;
  const tokens = useMemo(
    () => formatChat(loaded.tokenizer, submitted.prompt, submitted.response).ids.length,
    [loaded, submitted],
  );

  if (error) return <p className="no-model">The answer could not be scored: {error}</p>;
  const yours = results[0];
  if (!done || yours === undefined) return <p className="muted">Scoring…</p>;

  const scored = known
    .map((a, i) => ({ ...a, score: results[i + 1] ?? Number.NaN }))
    .sort((a, b) => b.score - a.score);
  const highest = scored[0];
  const lowest = scored[scored.length - 1];
  const rank = 1 + scored.filter((a) => a.score > yours).length;
  const copied = known.some((a) => a.text === submitted.response);
  const rows = [
    {
      key: 'highest',
      label: 'Highest-scoring answer in the pairs',
      text: highest.text,
      roles: highest.roles,
      score: highest.score,
    },
    { key: 'yours', label: 'Your answer', text: submitted.response, roles: [], score: yours },
    ...(lowest !== highest
      ? [
          {
            key: 'lowest',
            label: 'Lowest-scoring answer in the pairs',
            text: lowest.text,
            roles: lowest.roles,
            score: lowest.score,
          },
        ]
      : []),
  ].sort((a, b) => b.score - a.score);

  return (
    <div className="score-result" aria-live="polite">
      <p className="score-headline">
        Your answer scores <strong>{fmtSigned(yours)}</strong>
        <span className="muted">
          {' '}
          — {yours > 0 ? 'above' : yours < 0 ? 'below' : 'at'} the average expert answer it trained
          on (0); it would rank {ordinal(rank)} of {scored.length + 1} answers to this prompt
          {copied ? ' (it is the same text as one of them)' : ''}.
        </span>
      </p>
      {tokens > contextLength && (
        <p className="run-panel-note">
          Prompt and answer take {tokens} tokens, more than the model&apos;s {contextLength}-token
          context: only the beginning of your answer was scored.
        </p>
      )}
      <div className="table-scroll">
        <table className="data-table score-table">
          <caption className="visually-hidden">
            Your answer and the answers of this prompt&apos;s preference pairs, highest score first
          </caption>
          <thead>
            <tr>
              <th scope="col">Answer</th>
              <th scope="col">Score</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} className={row.key === 'yours' ? 'score-row--yours' : undefined}>
                <td>
                  <span className="score-row-label">{row.label}</span>
                  {row.roles.length > 0 && <span className="muted"> ({row.roles.join('; ')})</span>}
                  <span className="score-answer">{row.text}</span>
                </td>
                <td className="score-cell">{fmtSigned(row.score)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function ScoreForm({ loaded }: { loaded: LoadedRewardModel }) {
  const id = useId();
  const { prompts } = usePreferenceData(loaded.checkpoint.config.seed);
  const [promptIndex, setPromptIndex] = useState(0);
  const entry = prompts[Math.min(promptIndex, prompts.length - 1)];
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [submitted, setSubmitted] = useState<Submitted | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const response = draft.trim();
    if (response === '') {
      setProblem(EMPTY_ANSWER_MESSAGE);
      setSubmitted(null);
      return;
    }
    setProblem(null);
    setSubmitted({ prompt: entry.prompt, response, pairs: entry.pairs });
  };
  const heldCount = prompts.filter((p) => p.heldOut).length;
  const option = (p: (typeof prompts)[number], i: number) => (
    <option key={p.prompt} value={i}>
      {p.prompt}
    </option>
  );

  return (
    <>
      <form className="score-form" onSubmit={submit} noValidate>
        <div className="controls">
          <label htmlFor={`${id}-prompt`}>Prompt</label>
          <select
            id={`${id}-prompt`}
            className="wide-select"
            value={Math.min(promptIndex, prompts.length - 1)}
            onChange={(e) => {
              setPromptIndex(Number(e.target.value));
              setSubmitted(null);
              setProblem(null);
            }}
          >
            {heldCount > 0 && (
              <optgroup label={`Held out (${heldCount}): never trained on`}>
                {prompts.slice(0, heldCount).map(option)}
              </optgroup>
            )}
            <optgroup label={`Training (${prompts.length - heldCount})`}>
              {prompts.slice(heldCount).map((p, i) => option(p, i + heldCount))}
            </optgroup>
          </select>
        </div>
        <label className="field-label" htmlFor={`${id}-answer`}>
          Your answer
        </label>
        <textarea
          id={`${id}-answer`}
          className="text-input"
          rows={3}
          maxLength={MAX_CHARS}
          value={draft}
          aria-describedby={`${id}-hint${problem ? ` ${id}-problem` : ''}`}
          aria-invalid={problem ? true : undefined}
          onChange={(e) => setDraft(e.target.value)}
        />
        <p className="muted score-hint" id={`${id}-hint`}>
          Up to {MAX_CHARS} characters. Start from one of the pairs&apos; answers and change one
          thing — drop the verdict label, the mechanism or the alternative — to see what the score
          rewards.
        </p>
        {problem && (
          <p className="form-problem" id={`${id}-problem`} role="alert">
            {problem}
          </p>
        )}
        <div className="controls">
          <button type="submit" className="button button--primary">
            Score this answer
          </button>
          <button
            type="button"
            className="button button--small"
            onClick={() => setDraft(entry.pairs[0].chosen)}
          >
            Start from a chosen answer
          </button>
          <button
            type="button"
            className="button button--small"
            onClick={() => setDraft(entry.pairs[0].rejected)}
          >
            Start from a rejected answer
          </button>
        </div>
      </form>
      {submitted && (
        <>
          <p className="figure-line">
            <span className="muted">Scored for the prompt: </span>
            {submitted.prompt}
          </p>
          <Result loaded={loaded} submitted={submitted} />
        </>
      )}
    </>
  );
}

/** Type an answer to one of the prompts; the reward model scores it. */
export function ScoreYourOwnSection() {
  const status = useStageStatus('reward');
  const loaded = useRewardModel();
  return (
    <Section id="score-your-own" title="Score your own answer">
      <p>
        Pick a prompt and write an answer: the reward model of the run shown scores it, in this tab,
        with one forward pass. The score is on the same scale as above, where the expert answers of
        the training pairs average 0.
      </p>
      {!loaded ? <NoModel status={status} what="the scores" /> : <ScoreForm loaded={loaded} />}
    </Section>
  );
}
