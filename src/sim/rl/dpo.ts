/**
 * Direct preference optimisation (Rafailov et al. 2023, "Direct preference
 * optimization: your language model is secretly a reward model", eq. 7): the
 * Bradley–Terry loss on the implicit reward r̂(x, y) = β·(log π(y|x) − log π_ref(y|x)),
 * so no separate reward model or RL loop is needed. Log-probabilities are of whole
 * responses (the sum over response tokens).
 */
import { sigmoid, softplus } from './numeric';
import { assertPositive, pairedInputs, type Numbers } from './validate';

const NAMES = ['piChosen', 'piRejected', 'refChosen', 'refRejected'] as const;

function inputs(fn: string, values: Numbers[], beta: number) {
  const out = pairedInputs(fn, NAMES, values);
  assertPositive(fn, 'beta', beta);
  return out;
}

/**
 * L_DPO = −log σ(β·[(log π(y_c) − log π_ref(y_c)) − (log π(y_r) − log π_ref(y_r))])
 *       = softplus(−β·h), the mean over pairs when arrays are given. At π = π_ref the
 * loss is log 2.
 *
 * @param piChosen log π(y_c|x) under the policy
 * @param piRejected log π(y_r|x) under the policy
 * @param refChosen log π_ref(y_c|x) under the frozen reference
 * @param refRejected log π_ref(y_r|x) under the frozen reference
 * @param beta β > 0 (0.1 in the paper and TRL): the strength of the implicit KL penalty
 */
export function dpoLoss(
  piChosen: Numbers,
  piRejected: Numbers,
  refChosen: Numbers,
  refRejected: Numbers,
  beta: number,
): number {
  const { arrays } = inputs('dpoLoss', [piChosen, piRejected, refChosen, refRejected], beta);
  const [pc, pr, rc, rr] = arrays;
  let sum = 0;
  for (let i = 0; i < pc.length; i++) sum += softplus(-beta * (pc[i] - rc[i] - (pr[i] - rr[i])));
  return sum / pc.length;
}

/** DPO's implicit reward r̂ = β·(log π(y|x) − log π_ref(y|x)), per response. */
export function dpoImplicitReward(policyLogp: number, refLogp: number, beta: number): number;
export function dpoImplicitReward(
  policyLogp: ArrayLike<number>,
  refLogp: ArrayLike<number>,
  beta: number,
): Float64Array;
export function dpoImplicitReward(
  policyLogp: Numbers,
  refLogp: Numbers,
  beta: number,
): number | Float64Array {
  const fn = 'dpoImplicitReward';
  const { scalar, arrays } = pairedInputs(fn, ['policyLogp', 'refLogp'], [policyLogp, refLogp]);
  assertPositive(fn, 'beta', beta);
  const [p, r] = arrays;
  const out = new Float64Array(p.length);
  for (let i = 0; i < p.length; i++) out[i] = beta * (p[i] - r[i]);
  return scalar ? out[0] : out;
}

/**
 * σ(r̂_r − r̂_c) = σ(−β·h): how wrongly the implicit reward orders the pair. The
 * per-pair gradients of L_DPO are d/d log π(y_c) = −β·scale and d/d log π(y_r) =
 * +β·scale (divide by the number of pairs for the mean loss) — Rafailov et al. §4.
 */
export function dpoGradientScale(
  piChosen: number,
  piRejected: number,
  refChosen: number,
  refRejected: number,
  beta: number,
): number;
export function dpoGradientScale(
  piChosen: ArrayLike<number>,
  piRejected: ArrayLike<number>,
  refChosen: ArrayLike<number>,
  refRejected: ArrayLike<number>,
  beta: number,
): Float64Array;
export function dpoGradientScale(
  piChosen: Numbers,
  piRejected: Numbers,
  refChosen: Numbers,
  refRejected: Numbers,
  beta: number,
): number | Float64Array {
  const { scalar, arrays } = inputs(
    'dpoGradientScale',
    [piChosen, piRejected, refChosen, refRejected],
    beta,
  );
  const [pc, pr, rc, rr] = arrays;
  const out = new Float64Array(pc.length);
  for (let i = 0; i < pc.length; i++) out[i] = sigmoid(-beta * (pc[i] - rc[i] - (pr[i] - rr[i])));
  return scalar ? out[0] : out;
}

/** Means of the implicit rewards, as TRL's DPOTrainer logs them (`rewards/*`). */
export interface DpoRewardStats {
  /** mean r̂(y_c) */
  chosen: number;
  /** mean r̂(y_r) */
  rejected: number;
  /** mean r̂(y_c) − r̂(y_r) */
  margin: number;
  /** fraction of pairs with r̂(y_c) > r̂(y_r) (strictly) */
  accuracy: number;
}

/** Implicit-reward statistics over pairs; see {@link DpoRewardStats}. */
export function dpoRewardStats(
  piChosen: Numbers,
  piRejected: Numbers,
  refChosen: Numbers,
  refRejected: Numbers,
  beta: number,
): DpoRewardStats {
  const { arrays } = inputs('dpoRewardStats', [piChosen, piRejected, refChosen, refRejected], beta);
  const [pc, pr, rc, rr] = arrays;
  const n = pc.length;
  let chosen = 0;
  let rejected = 0;
  let correct = 0;
  for (let i = 0; i < n; i++) {
    const c = beta * (pc[i] - rc[i]);
    const r = beta * (pr[i] - rr[i]);
    chosen += c;
    rejected += r;
    if (c > r) correct++;
  }
  return {
    chosen: chosen / n,
    rejected: rejected / n,
    margin: (chosen - rejected) / n,
    accuracy: correct / n,
  };
}
