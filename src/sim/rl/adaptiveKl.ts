/**
 * The KL-penalty coefficient β of RLHF's reward r = r_RM − β·KL, held fixed or adapted
 * toward a target KL (Ziegler et al. 2019, "Fine-tuning language models from human
 * preferences", §2.2; the same controller as lm-human-preferences, TRL and OpenRLHF:
 *   e = clip(KL/target − 1, −0.2, 0.2),  β ← β·(1 + e·nSteps/horizon)).
 */
import { assertFinite, assertPositive } from './validate';

/** What a PPO trainer needs of a β schedule. */
export interface KlController {
  /** The current coefficient β. */
  readonly beta: number;
  /** Feeds the KL measured over the last `nSteps` samples; returns the new β. */
  update(currentKl: number, nSteps: number): number;
}

function checkUpdate(fn: string, currentKl: number, nSteps: number): void {
  assertFinite(fn, 'currentKl', currentKl);
  assertFinite(fn, 'nSteps', nSteps);
  if (nSteps < 0) throw new RangeError(`${fn}: nSteps must be ≥ 0 (got ${nSteps})`);
}

/**
 * Adaptive β (Ziegler et al. 2019): raises β when the measured KL is above `target`,
 * lowers it when below, by at most 20% per `horizon` steps:
 *   error = clip(currentKl/target − 1, −0.2, 0.2),
 *   mult = 1 + error·nSteps/horizon,   β ← β·mult.
 * TRL's defaults: initBeta 0.2, target 6, horizon 10000.
 */
export class AdaptiveKlController implements KlController {
  private value: number;
  /** The KL (nats per sequence, or per token: whatever `update` is fed) to steer to. */
  readonly target: number;
  /** How many steps a full ±20% correction is spread over. */
  readonly horizon: number;

  constructor(initBeta: number, target: number, horizon: number) {
    const fn = 'AdaptiveKlController';
    assertPositive(fn, 'initBeta', initBeta);
    assertPositive(fn, 'target', target);
    assertPositive(fn, 'horizon', horizon);
    this.value = initBeta;
    this.target = target;
    this.horizon = horizon;
  }

  get beta(): number {
    return this.value;
  }

  /**
   * One controller step. `nSteps` must stay below 5·horizon, where the multiplier
   * could reach 0 and make β non-positive.
   */
  update(currentKl: number, nSteps: number): number {
    const fn = 'AdaptiveKlController.update';
    checkUpdate(fn, currentKl, nSteps);
    if (nSteps >= 5 * this.horizon) {
      throw new RangeError(
        `${fn}: nSteps must be < 5·horizon = ${5 * this.horizon} (got ${nSteps}), or β could reach 0`,
      );
    }
    const error = Math.min(0.2, Math.max(-0.2, currentKl / this.target - 1));
    this.value *= 1 + (error * nSteps) / this.horizon;
    return this.value;
  }
}

/** A constant β with the {@link KlController} interface (TRL's FixedKLController). */
export class FixedKlController implements KlController {
  readonly beta: number;

  constructor(beta: number) {
    assertFinite('FixedKlController', 'beta', beta);
    if (beta < 0) throw new RangeError(`FixedKlController: beta must be ≥ 0 (got ${beta})`);
    this.beta = beta;
  }

  /** Checks its input and leaves β unchanged. */
  update(currentKl: number, nSteps: number): number {
    checkUpdate('FixedKlController.update', currentKl, nSteps);
    return this.beta;
  }
}
