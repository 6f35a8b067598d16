/**
 * AdamW (Loshchilov & Hutter 2019) over one flat parameter buffer, with decoupled
 * weight decay applied only where `decayMask` is 1 (matrices; not biases or LayerNorm
 * gains — as nanoGPT's optimiser groups). Defaults follow GPT-style training:
 * β1 0.9, β2 0.95, ε 1e-8.
 */
import type { ParamTensor } from '../model/gpt';

export interface AdamWOptions {
  beta1?: number;
  beta2?: number;
  eps?: number;
  weightDecay?: number;
}

export class AdamW {
  readonly m: Float32Array;
  readonly v: Float32Array;
  readonly decayMask: Uint8Array;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  weightDecay: number;
  /** Steps taken (for bias correction). */
  t = 0;

  constructor(layout: ParamTensor[], size: number, options: AdamWOptions = {}) {
    this.m = new Float32Array(size);
    this.v = new Float32Array(size);
    this.decayMask = new Uint8Array(size);
    for (const tensor of layout) {
      if (tensor.decay) this.decayMask.fill(1, tensor.offset, tensor.offset + tensor.size);
    }
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.95;
    this.eps = options.eps ?? 1e-8;
    this.weightDecay = options.weightDecay ?? 0;
  }

  /** θ ← θ − lr·(m̂ / (√v̂ + ε) + λ·θ·mask) */
  step(params: Float32Array, grads: Float32Array, learningRate: number): void {
    this.t += 1;
    const { m, v, beta1, beta2, eps, decayMask } = this;
    const correction1 = 1 - Math.pow(beta1, this.t);
    const correction2 = 1 - Math.pow(beta2, this.t);
    const decay = this.weightDecay;
    for (let i = 0; i < params.length; i++) {
      const g = grads[i];
      const mi = beta1 * m[i] + (1 - beta1) * g;
      const vi = beta2 * v[i] + (1 - beta2) * g * g;
      m[i] = mi;
      v[i] = vi;
      const update = mi / correction1 / (Math.sqrt(vi / correction2) + eps);
      params[i] -= learningRate * (update + (decayMask[i] ? decay * params[i] : 0));
    }
  }
}
