/**
 * One traced rollout, token by token: the prompt and response, a table of log-probs,
 * KL penalty, value, reward and advantage per token, how the rewards add up, and the
 * advantages recomputed here with `gae`. Shared by the finished run's last rollout
 * (RolloutTraceSection) and the step-through (StepThroughSection), so both read alike.
 */
import { useMemo } from 'react';
import { Formula } from '../../components/formula';
import {
  BpeTokenizer,
  DEFAULT_PPO_CONFIG,
  SPECIAL_TOKENS,
  gae,
  type Checkpoint,
  type RolloutTrace,
} from '../../sim';
import { num } from './ppoRun';

const { gamma, lam, missingEosPenalty } = DEFAULT_PPO_CONFIG;
const DIGITS = 3;

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** A tokenizer from a checkpoint's saved merges, for token labels (null if unreadable). */
export function useTokenizer(
  saved: Checkpoint['tokenizer'] | null | undefined,
): BpeTokenizer | null {
  return useMemo(() => {
    if (!saved) return null;
    try {
      return BpeTokenizer.fromJSON(saved);
    } catch {
      return null;
    }
  }, [saved]);
}

/** The largest difference between the run's advantages and gae() recomputed here. */
function gaeCheck(trace: RolloutTrace): number | null {
  try {
    const { advantages } = gae(trace.reward, trace.value, gamma, lam);
    if (advantages.length !== trace.advantage.length) return null;
    let max = 0;
    advantages.forEach((a, i) => {
      max = Math.max(max, Math.abs(a - trace.advantage[i]));
    });
    return max;
  } catch {
    return null;
  }
}

function TraceTable({
  trace,
  tokenizer,
  caption,
}: {
  trace: RolloutTrace;
  tokenizer: BpeTokenizer | null;
  caption: string;
}) {
  const n = trace.tokens.length;
  const label = (id: number) => {
    try {
      return tokenizer ? tokenizer.tokenLabel(id) : `#${id}`;
    } catch {
      return `#${id}`;
    }
  };
  return (
    <div className="table-scroll">
      <table className="data-table ppo-trace-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Token</th>
            <th scope="col">
              log π <span className="ppo-th-note">policy</span>
            </th>
            <th scope="col">
              log π<sub>ref</sub> <span className="ppo-th-note">SFT</span>
            </th>
            <th scope="col">
              KL penalty <span className="ppo-th-note">−β(log π − log π_ref)</span>
            </th>
            <th scope="col">
              Value V <span className="ppo-th-note">value head</span>
            </th>
            <th scope="col">
              Reward r <span className="ppo-th-note">penalty (+ score)</span>
            </th>
            <th scope="col">
              Advantage Â <span className="ppo-th-note">GAE, before whitening</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {trace.tokens.map((id, t) => {
            const lastToken = t === n - 1;
            return (
              <tr key={t} className={lastToken ? 'ppo-trace-last' : undefined}>
                <td className="ppo-num">{t + 1}</td>
                <th scope="row" className="ppo-trace-token">
                  {label(id)}
                </th>
                <td className="ppo-num">{num(trace.logProb[t], DIGITS)}</td>
                <td className="ppo-num">{num(trace.refLogProb[t], DIGITS)}</td>
                <td className="ppo-num">{num(trace.klPenalty[t], DIGITS)}</td>
                <td className="ppo-num">{num(trace.value[t], DIGITS)}</td>
                <td className="ppo-num">
                  {num(trace.reward[t], DIGITS)}
                  {lastToken && (
                    <span className="ppo-trace-sum-note">
                      = {num(trace.klPenalty[t], DIGITS)} + score {num(trace.score, DIGITS)}
                    </span>
                  )}
                </td>
                <td className="ppo-num">{num(trace.advantage[t], DIGITS)}</td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <td />
            <th scope="row">Sum</th>
            <td className="ppo-num">{num(sum(trace.logProb), DIGITS)}</td>
            <td className="ppo-num">{num(sum(trace.refLogProb), DIGITS)}</td>
            <td className="ppo-num">{num(sum(trace.klPenalty), DIGITS)}</td>
            <td />
            <td className="ppo-num">{num(sum(trace.reward), DIGITS)}</td>
            <td />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/**
 * The rollout's facts, its table and its sums; `formula` adds the GAE recursion with
 * the last token's numbers (the step-through leaves it to the section that explains it).
 */
export function RolloutTraceView({
  trace,
  tokenizer,
  iteration,
  beta,
  formula = true,
  caption = 'The rollout',
}: {
  trace: RolloutTrace;
  tokenizer: BpeTokenizer | null;
  iteration: number | undefined;
  beta: number | undefined;
  formula?: boolean;
  /** Names the table for screen readers (two rollouts can share the page). */
  caption?: string;
}) {
  const check = useMemo(() => gaeCheck(trace), [trace]);
  const n = trace.tokens.length;
  const penalty = sum(trace.klPenalty);
  const k1 = sum(trace.logProb) - sum(trace.refLogProb);
  const total = sum(trace.reward);
  const ended = trace.tokens[n - 1] === SPECIAL_TOKENS.endOfTurn;
  const lastT = n - 1;
  return (
    <>
      <dl className="ppo-trace-facts">
        <div>
          <dt>Prompt</dt>
          <dd>{trace.prompt}</dd>
        </div>
        <div>
          <dt>Sampled response</dt>
          <dd className="ppo-answer-text">
            {trace.response.trim() === '' ? '(empty)' : trace.response}
          </dd>
        </div>
        <div>
          <dt>Scores</dt>
          <dd>
            reward model {num(trace.score)}
            {!ended && ` (includes −${missingEosPenalty}: the response never produced <|end|>)`},
            gold {num(trace.goldScore)}
            {iteration !== undefined && ` · iteration ${iteration}`}
            {beta !== undefined && ` · β = ${num(beta, 3)}`}
          </dd>
        </div>
      </dl>
      <TraceTable
        trace={trace}
        tokenizer={tokenizer}
        caption={`${caption}, one row per response token: log-probabilities, KL penalty, value, reward and advantage`}
      />
      <p className="figure-line">
        <strong>
          {n} tokens. Rewards add up to {num(total, DIGITS)} = KL penalties {num(penalty, DIGITS)} +
          score {num(trace.score, DIGITS)}.
        </strong>{' '}
        Σ(log π − log π<sub>ref</sub>) = {num(k1, DIGITS)} nats is this response&apos;s k1 estimate
        of its KL from the SFT model
        {beta !== undefined && (
          <>
            ; times −β = −{num(beta, 3)} it gives the penalties, {num(-beta * k1, DIGITS)}
          </>
        )}
        .
      </p>
      {formula && (
        <Formula
          tex={String.raw`\delta_t = r_t + \gamma V_{t+1} - V_t, \qquad \hat A_t = \delta_t + \gamma\lambda \hat A_{t+1}, \qquad V_{T+1} = \hat A_{T+1} = 0`}
          text="delta t equals r t plus gamma times V t plus 1 minus V t; the advantage at t equals delta t plus gamma lambda times the advantage at t plus 1; after the last token both are 0."
          live={String.raw`\hat A_{${n}} = r_{${n}} - V_{${n}} = ${num(trace.reward[lastT], DIGITS)} - ${trace.value[lastT] < 0 ? `(${num(trace.value[lastT], DIGITS)})` : num(trace.value[lastT], DIGITS)} = ${num(trace.advantage[lastT], DIGITS)}`}
          liveText={`At the last token, ${n}, the advantage is its reward ${num(trace.reward[lastT], DIGITS)} minus its value ${num(trace.value[lastT], DIGITS)}, which is ${num(trace.advantage[lastT], DIGITS)}`}
          liveLabel={`At the last token of this rollout (γ = ${gamma}, λ = ${lam})`}
        />
      )}
      {check !== null && (
        <p>
          Recomputed on this page with the app&apos;s <code>gae</code> from the rewards and values
          above (γ = {gamma}, λ = {lam}): the largest difference from the run&apos;s advantages is{' '}
          {check < 5e-4 ? 'below 0.001' : num(check, DIGITS)}. Before the update, the advantages of
          the whole batch are whitened (mean 0, standard deviation 1).
        </p>
      )}
    </>
  );
}
