/**
 * Chinchilla scaling laws (Hoffmann et al. 2022, "Training compute-optimal large
 * language models", arXiv:2203.15556), for the app's "real scale" projections.
 *
 * Design decision — two compute-optimal allocations, because the paper has two that
 * disagree:
 * - {@link chinchillaOptimal} follows the paper's Table 3 (approach 1, N_opt ∝ C^0.50,
 *   D_opt ∝ C^0.50, Table 2): about 20 tokens per parameter, 67B parameters and ~1.4T
 *   tokens at Gopher's 5.76e23 FLOPs. The exponent is the paper's 0.50; the
 *   coefficient is the least-squares fit (in log space) through the nine rows of
 *   Table 3, kept below as {@link CHINCHILLA_TABLE3}. This is the allocation the paper
 *   acted on (Chinchilla itself: 70B parameters, 1.4T tokens) and the one quoted as
 *   "20 tokens per parameter".
 * - {@link chinchillaOptimalApproach3} minimises the approach-3 parametric loss
 *   {@link chinchillaLoss} under C = 6ND in closed form. With the published (rounded)
 *   coefficients it gives N_opt ∝ C^0.45 and, at 5.76e23 FLOPs, about 32B parameters
 *   and 3.0T tokens (≈ 93 tokens per parameter) — not Table 3. The paper's own Table 2
 *   lists a = 0.46, b = 0.54 for approach 3 (smaller models than approaches 1 and 2),
 *   and Besiroglu et al. 2024 ("Chinchilla scaling: a replication attempt") found the
 *   published approach-3 fit inconsistent with the other two.
 * {@link chinchillaLoss} is the approach-3 fit, the only one of the three that
 * predicts a loss. Everything here is a projection, not a measurement.
 */

/** The approach-3 fit L(N, D) = E + A/N^α + B/D^β (Hoffmann et al. 2022, eq. 10). */
export const CHINCHILLA_FIT = {
  /** irreducible loss (entropy of natural text), nats per token */
  E: 1.69,
  A: 406.4,
  B: 410.7,
  alpha: 0.34,
  beta: 0.28,
} as const;

/** One row of Hoffmann et al. 2022, Table 3 (approach-1 projections). */
export interface ChinchillaTableRow {
  params: number;
  flops: number;
  tokens: number;
}

/** Hoffmann et al. 2022, Table 3: parameters, training FLOPs and tokens. */
export const CHINCHILLA_TABLE3: readonly ChinchillaTableRow[] = [
  { params: 400e6, flops: 1.92e19, tokens: 8.0e9 },
  { params: 1e9, flops: 1.21e20, tokens: 20.2e9 },
  { params: 10e9, flops: 1.23e22, tokens: 205.1e9 },
  { params: 67e9, flops: 5.76e23, tokens: 1.5e12 },
  { params: 175e9, flops: 3.85e24, tokens: 3.7e12 },
  { params: 280e9, flops: 9.9e24, tokens: 5.9e12 },
  { params: 520e9, flops: 3.43e25, tokens: 11.0e12 },
  { params: 1e12, flops: 1.27e26, tokens: 21.2e12 },
  { params: 10e12, flops: 1.3e28, tokens: 216.2e12 },
];

/** Approach 1's exponent a in N_opt ∝ C^a (Table 2: a = 0.50, so b = 0.50). */
const APPROACH1_EXPONENT = 0.5;

/**
 * k in N_opt = k·C^0.5: exp(mean_i(ln N_i − 0.5·ln C_i)) over Table 3 (≈ 0.0893), so
 * tokens per parameter D/N = 1/(6k²) ≈ 20.9 at every budget.
 */
export const CHINCHILLA_TABLE3_COEFFICIENT = Math.exp(
  CHINCHILLA_TABLE3.reduce(
    (s, r) => s + Math.log(r.params) - APPROACH1_EXPONENT * Math.log(r.flops),
    0,
  ) / CHINCHILLA_TABLE3.length,
);

function assertPositive(fn: string, name: string, x: unknown): asserts x is number {
  if (typeof x !== 'number' || !Number.isFinite(x) || x <= 0) {
    throw new RangeError(`${fn}: ${name} must be a finite number > 0 (got ${String(x)})`);
  }
}

/**
 * Predicted final pre-training loss (nats per token, on the paper's MassiveText) of a
 * model with `params` parameters trained on `tokens` tokens:
 *   L(N, D) = 1.69 + 406.4/N^0.34 + 410.7/D^0.28   (approach 3, eq. 10).
 * Decreases in N and in D, and tends to E = 1.69 as both grow.
 */
export function chinchillaLoss(params: number, tokens: number): number {
  assertPositive('chinchillaLoss', 'params', params);
  assertPositive('chinchillaLoss', 'tokens', tokens);
  const { E, A, B, alpha, beta } = CHINCHILLA_FIT;
  return E + A / Math.pow(params, alpha) + B / Math.pow(tokens, beta);
}

/** Training compute C ≈ 6·N·D FLOPs (forward 2ND + backward 4ND; Kaplan et al. 2020). */
export function trainingFlops(params: number, tokens: number): number {
  assertPositive('trainingFlops', 'params', params);
  assertPositive('trainingFlops', 'tokens', tokens);
  return 6 * params * tokens;
}

/** A compute-optimal allocation of a FLOP budget. */
export interface ChinchillaAllocation {
  params: number;
  tokens: number;
}

/**
 * Compute-optimal parameters and tokens for `flops`, following the paper's Table 3
 * (approach 1): N_opt = k·C^0.5 with k fitted through Table 3, D_opt = C/(6·N_opt),
 * i.e. about 20.9 tokens per parameter. 5.76e23 FLOPs → 67.8B parameters, 1.42T tokens.
 */
export function chinchillaOptimal(flops: number): ChinchillaAllocation {
  assertPositive('chinchillaOptimal', 'flops', flops);
  const params = CHINCHILLA_TABLE3_COEFFICIENT * Math.pow(flops, APPROACH1_EXPONENT);
  return { params, tokens: flops / (6 * params) };
}

/**
 * The approach-3 closed form: the (N, D) minimising {@link chinchillaLoss} subject to
 * 6ND = C (Hoffmann et al. 2022, eq. 4 with the eq. 10 fit):
 *   G = (αA / (βB))^{1/(α+β)},  N_opt = G·(C/6)^{β/(α+β)},  D_opt = G^{−1}·(C/6)^{α/(α+β)}.
 * With the published coefficients: 5.76e23 FLOPs → 32.2B parameters, 2.98T tokens.
 * Shown beside {@link chinchillaOptimal} to make the paper's disagreement visible.
 */
export function chinchillaOptimalApproach3(flops: number): ChinchillaAllocation {
  assertPositive('chinchillaOptimalApproach3', 'flops', flops);
  const { A, B, alpha, beta } = CHINCHILLA_FIT;
  const G = Math.pow((alpha * A) / (beta * B), 1 / (alpha + beta));
  const params = G * Math.pow(flops / 6, beta / (alpha + beta));
  return { params, tokens: flops / (6 * params) };
}

/**
 * GPU-hours to spend `flops`: C / (peak FLOP/s per GPU × utilisation) / 3600.
 *
 * @param peakFlopsPerGpu the accelerator's peak, e.g. 312e12 for an A100 in bf16
 * @param utilisation model FLOPs utilisation in (0, 1], e.g. 0.4
 */
export function gpuHours(flops: number, peakFlopsPerGpu: number, utilisation: number): number {
  const fn = 'gpuHours';
  assertPositive(fn, 'flops', flops);
  assertPositive(fn, 'peakFlopsPerGpu', peakFlopsPerGpu);
  assertPositive(fn, 'utilisation', utilisation);
  if (utilisation > 1) throw new RangeError(`${fn}: utilisation must be ≤ 1 (got ${utilisation})`);
  return flops / (peakFlopsPerGpu * utilisation) / 3600;
}
