/**
 * A scalar head on top of the GPT trunk: r = w·h + b, read from the final hidden state
 * h (the final LayerNorm output, [C]) at one row per sequence — for a reward model, the
 * LAST real token of each (prompt, response) sequence, i.e. the closing `<|end|>` of
 * the chat template (Ouyang et al. 2022; Ziegler et al. 2019 read the reward there
 * too). Causal attention means padding after that row never changes it.
 *
 * Parameters live in one Float32Array [w_0 … w_{C−1}, b] (gradients in another of the
 * same layout) so one small AdamW can step them like the trunk.
 *
 * Initialisation (design decision): zeros by default. Every sequence then starts
 * with reward 0, so the initial Bradley–Terry loss is exactly log 2 and the first
 * step moves only the head (the trunk's gradient w·dr is 0); from the second step on
 * the trunk learns too. `init: rng` instead draws w ~ N(0, 1/C) (std 1/√C, so r has
 * unit scale for a unit-variance h) — what the gradient check uses, so that the trunk
 * gradient is not trivially zero.
 */
import type { Rng } from '../core/rng';
import type { ParamTensor } from './gpt';

/** Layout of the head's flat buffer (for AdamW): w [C] and b [1], neither decayed. */
export function scalarHeadLayout(width: number): ParamTensor[] {
  return [
    { name: 'headw', offset: 0, size: width, shape: [width], decay: false },
    { name: 'headb', offset: width, size: 1, shape: [1], decay: false },
  ];
}

export class ScalarHead {
  readonly width: number;
  /** [w (C), b] */
  readonly params: Float32Array;
  /** Same layout as `params`; `backward` accumulates into it. */
  readonly grads: Float32Array;
  readonly layout: ParamTensor[];

  constructor(width: number, params?: Float32Array) {
    if (!Number.isInteger(width) || width < 1) {
      throw new RangeError(`ScalarHead: width must be a positive integer, got ${width}`);
    }
    if (params && params.length !== width + 1) {
      throw new RangeError(`ScalarHead: expected ${width + 1} parameters, got ${params.length}`);
    }
    this.width = width;
    this.params = params ?? new Float32Array(width + 1);
    this.grads = new Float32Array(width + 1);
    this.layout = scalarHeadLayout(width);
  }

  /** A head with w = 0, b = 0 (default) or w ~ N(0, 1/C), b = 0 when an rng is given. */
  static init(width: number, rng?: Rng): ScalarHead {
    const head = new ScalarHead(width);
    if (rng) {
      const std = 1 / Math.sqrt(width);
      for (let i = 0; i < width; i++) head.params[i] = rng.normal() * std;
    }
    return head;
  }

  /** A head from saved weights (copied). */
  static fromWeights(w: ArrayLike<number>, b: number): ScalarHead {
    const params = new Float32Array(w.length + 1);
    params.set(Array.from(w));
    params[w.length] = b;
    return new ScalarHead(w.length, params);
  }

  get w(): Float32Array {
    return this.params.subarray(0, this.width);
  }

  get b(): number {
    return this.params[this.width];
  }

  zeroGrad(): void {
    this.grads.fill(0);
  }

  /**
   * Scores r_i = w·hidden[rows[i]] + b for each requested row of `hidden` ([N, C],
   * e.g. rows = b·T + lastIndex_b). Accumulated in float64.
   */
  forward(hidden: Float32Array, rows: ArrayLike<number>): Float64Array {
    const C = this.width;
    const out = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const base = rows[i] * C;
      if (!(base >= 0 && base + C <= hidden.length)) {
        throw new RangeError(`ScalarHead.forward: row ${rows[i]} outside the hidden states`);
      }
      let s = this.params[C];
      for (let c = 0; c < C; c++) s += this.params[c] * hidden[base + c];
      out[i] = s;
    }
    return out;
  }

  /**
   * Given dL/dr_i, accumulates dL/dw and dL/db into `grads` and writes dL/dh into
   * `dHidden` ([N, C], same layout as `hidden`): zero everywhere except the scored
   * rows, which get dr_i · w (summed if a row is scored twice). Pass `dHidden` to
   * `Gpt.backward(false, dHidden)` to train the trunk.
   */
  backward(
    hidden: Float32Array,
    rows: ArrayLike<number>,
    dScores: ArrayLike<number>,
    dHidden: Float32Array,
  ): void {
    const C = this.width;
    if (dScores.length !== rows.length) {
      throw new RangeError('ScalarHead.backward: one gradient per scored row is needed');
    }
    if (dHidden.length < hidden.length) {
      throw new RangeError('ScalarHead.backward: dHidden is smaller than hidden');
    }
    dHidden.fill(0);
    for (let i = 0; i < rows.length; i++) {
      const base = rows[i] * C;
      const d = dScores[i];
      for (let c = 0; c < C; c++) {
        this.grads[c] += d * hidden[base + c];
        dHidden[base + c] += d * this.params[c];
      }
      this.grads[C] += d;
    }
  }
}
