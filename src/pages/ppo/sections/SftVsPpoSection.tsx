import { Section } from '../../../components/page/Section';
import type { AnsweredPrompt, PpoSnapshot } from '../../../sim';
import { NoModel } from '../../shared/NoModel';
import { Verdict } from '../../shared/Verdict';
import { useStageStatus, useStageSummary } from '../../shared/useStageRun';
import { meanOf, num, signed } from '../ppoRun';

function AnswerCell({ answer }: { answer: AnsweredPrompt | undefined }) {
  if (!answer) return <span className="muted">—</span>;
  return (
    <>
      <span className="ppo-answer-text">
        {answer.answer.trim() === '' ? '(empty)' : answer.answer}
      </span>
      <span className="ppo-answer-scores">
        reward model <strong>{num(answer.score)}</strong> · gold{' '}
        <strong>{num(answer.goldScore)}</strong>
      </span>
      <Verdict ok={answer.verdictCorrect} yes="right verdict" no="wrong verdict" />
    </>
  );
}

function MeanRow({
  label,
  before,
  after,
  pick,
}: {
  label: string;
  before: readonly AnsweredPrompt[];
  after: readonly AnsweredPrompt[];
  pick: (a: AnsweredPrompt) => number;
}) {
  const a = meanOf(before, pick);
  const b = meanOf(after, pick);
  return (
    <tr>
      <th scope="row">{label}</th>
      <td className="ppo-num">{num(a)}</td>
      <td className="ppo-num">{num(b)}</td>
      <td className="ppo-num">{signed(b - a)}</td>
    </tr>
  );
}

function rightCount(answers: readonly AnsweredPrompt[]): string {
  return `${answers.filter((a) => a.verdictCorrect).length} of ${answers.length}`;
}

/** The held-out prompts' means before and after PPO. */
function HeldOutMeans({
  before,
  after,
}: {
  before: readonly AnsweredPrompt[];
  after: readonly AnsweredPrompt[];
}) {
  if (before.length === 0) return null;
  return (
    <>
      <h3 className="ppo-subheading">Held-out prompts: facts PPO never trained on</h3>
      <p>
        {before.length} prompts, answered greedily by the SFT model before PPO and by the policy
        after it. Right verdicts: {rightCount(before)} before, {rightCount(after)} after.
      </p>
      <div className="table-scroll">
        <table className="data-table ppo-means-table">
          <caption className="visually-hidden">
            Held-out prompts: means before and after PPO
          </caption>
          <thead>
            <tr>
              <th scope="col">Mean over {before.length} held-out prompts</th>
              <th scope="col">SFT (before PPO)</th>
              <th scope="col">After PPO</th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            <MeanRow
              label="Reward-model score"
              before={before}
              after={after}
              pick={(a) => a.score}
            />
            <MeanRow
              label="Gold score (0–1)"
              before={before}
              after={after}
              pick={(a) => a.goldScore}
            />
          </tbody>
        </table>
      </div>
    </>
  );
}

function SnapshotMeans({ answers }: { answers: readonly AnsweredPrompt[] }) {
  return (
    <span className="ppo-answer-scores">
      reward model <strong>{num(meanOf(answers, (a) => a.score))}</strong> · gold{' '}
      <strong>{num(meanOf(answers, (a) => a.goldScore))}</strong> · right verdicts{' '}
      {rightCount(answers)}
    </span>
  );
}

function SeedTable({ sft, ppo }: { sft: PpoSnapshot; ppo: PpoSnapshot }) {
  const byId = new Map(ppo.answers.map((a) => [a.id, a]));
  return (
    <div className="table-scroll">
      <table className="data-table ppo-answers-table">
        <caption className="visually-hidden">
          The seed queries answered by the SFT model and by the PPO policy
        </caption>
        <thead>
          <tr>
            <th scope="col">Seed query</th>
            <th scope="col">SFT model (before PPO)</th>
            <th scope="col">PPO policy (iteration {ppo.iteration})</th>
          </tr>
        </thead>
        <tbody>
          {sft.answers.map((a) => (
            <tr key={a.id}>
              <th scope="row" className="ppo-answers-prompt">
                {a.prompt}
              </th>
              <td>
                <AnswerCell answer={a} />
              </td>
              <td>
                <AnswerCell answer={byId.get(a.id)} />
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Mean over {sft.answers.length} queries</th>
            <td>
              <SnapshotMeans answers={sft.answers} />
            </td>
            <td>
              <SnapshotMeans answers={ppo.answers} />
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/** The seed queries before and after PPO, and the held-out prompts' means. */
export function SftVsPpoSection() {
  const status = useStageStatus('ppo');
  const summary = useStageSummary('ppo')?.ppo;
  const snapshots = summary?.snapshots ?? [];
  const sft = snapshots.find((s) => s.iteration === 0);
  const ppo = snapshots.length > 0 ? snapshots[snapshots.length - 1] : undefined;

  return (
    <Section id="sft-vs-ppo" title="Before and after: SFT model vs PPO policy">
      <p>
        The project&apos;s seed queries, answered greedily (the most likely token each time) by the
        SFT model PPO started from and by the policy after its last iteration. Each answer carries
        the reward model&apos;s score, which PPO optimised, and the gold score, which it never saw.
      </p>
      {!summary ? (
        <NoModel status={status} what="the answers before and after PPO" />
      ) : sft && ppo && ppo.iteration > 0 ? (
        <SeedTable sft={sft} ppo={ppo} />
      ) : (
        <p className="no-model">
          This run has no answers after PPO: they are taken after the last iteration, and the run
          stopped before it.
        </p>
      )}
      {summary && status === 'diverged' && (
        <p className="ppo-note">
          The run diverged, so the held-out prompts were not answered again after it: the
          &ldquo;after&rdquo; column repeats the SFT model&apos;s answers.
        </p>
      )}
      {summary && <HeldOutMeans before={summary.heldOut.before} after={summary.heldOut.after} />}
    </Section>
  );
}
