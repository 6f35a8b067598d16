/**
 * The Bradley–Terry preference model behind the reward model (Bradley & Terry 1952;
 * Christiano et al. 2017; Ouyang et al. 2022, eq. 1): the probability that a labeller
 * prefers response A over B is σ(r_A − r_B), and the reward model minimises the
 * negative log-likelihood of the observed preferences.
 */
import { sigmoid, softplus } from './numeric';
import { assertFinite, pairedInputs, type Numbers } from './validate';

/**
 * Bradley–Terry loss −log σ(r_c − r_r) = softplus(−(r_c − r_r)), the mean over pairs
 * when arrays are given (Ouyang et al. 2022, eq. 1, without the 1/C(K,2) grouping).
 * Computed through softplus, so a margin of −1000 gives 1000, not Infinity.
 *
 * @param rChosen reward of the preferred response (scalar, or one per pair)
 * @param rRejected reward of the other response (same shape as `rChosen`)
 */
export function bradleyTerryLoss(rChosen: Numbers, rRejected: Numbers): number {
  const { arrays } = pairedInputs(
    'bradleyTerryLoss',
    ['rChosen', 'rRejected'],
    [rChosen, rRejected],
  );
  const [c, r] = arrays;
  let sum = 0;
  for (let i = 0; i < c.length; i++) sum += softplus(-(c[i] - r[i]));
  return sum / c.length;
}

/** P(A ≻ B) = σ(r_A − r_B) under the Bradley–Terry model. */
export function bradleyTerryProbability(rA: number, rB: number): number {
  assertFinite('bradleyTerryProbability', 'rA', rA);
  assertFinite('bradleyTerryProbability', 'rB', rB);
  return sigmoid(rA - rB);
}

/**
 * d/dm of the per-pair loss softplus(−m) at margin m = r_c − r_r: −σ(−m). A trainer
 * adds this (divided by the number of pairs, for the mean loss) to dL/dr_c and its
 * negative to dL/dr_r.
 */
export function bradleyTerryMarginGradient(margin: number): number {
  assertFinite('bradleyTerryMarginGradient', 'margin', margin);
  return -sigmoid(-margin);
}
