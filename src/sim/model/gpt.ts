/**
 * A tiny GPT-2: token + position embeddings, `layers` pre-LayerNorm blocks (causal
 * multi-head self-attention, then a 4×-wide GELU MLP, each added to the residual
 * stream), a final LayerNorm, and logits from the token embedding (weight tying).
 *
 * Design decisions (why it looks like llm.c rather than a tensor library):
 * - All parameters live in ONE Float32Array (and gradients in another of the same
 *   layout), so a checkpoint is a single transferable buffer and AdamW is one loop.
 * - Activations are preallocated for the largest batch seen and reused every step;
 *   nothing is allocated on the training hot path.
 * - `forward` returns the logits and the final hidden states (the LayerNorm output
 *   the logits are read from), so a reward or value head can sit on the same trunk
 *   and push its gradient back through `backward(…, dHidden)`.
 */
import type { ModelConfig } from '../config';
import type { Rng } from '../core/rng';
import {
  addForward,
  attentionBackward,
  attentionForward,
  encoderBackward,
  encoderForward,
  geluBackward,
  geluForward,
  layernormBackward,
  layernormForward,
  linearBackward,
  linearForward,
  softmaxCrossEntropy,
  IGNORE_INDEX,
} from '../core/ops';
import { matmulAB, matmulABt, matmulAtB } from '../core/matmul';

export type GptConfig = ModelConfig;

/** One named parameter tensor inside the flat buffer. */
export interface ParamTensor {
  name: string;
  offset: number;
  size: number;
  shape: number[];
  /** Weight decay applies to matrices only (not biases or LayerNorm gains). */
  decay: boolean;
}

/** The flat layout of every parameter, in order. */
export function paramLayout(cfg: GptConfig): ParamTensor[] {
  const { vocabSize: V, contextLength: T, width: C, layers: L } = cfg;
  const spec: [string, number[], boolean][] = [
    ['wte', [V, C], true],
    ['wpe', [T, C], true],
    ['ln1w', [L, C], false],
    ['ln1b', [L, C], false],
    ['qkvw', [L, 3 * C, C], true],
    ['qkvb', [L, 3 * C], false],
    ['attprojw', [L, C, C], true],
    ['attprojb', [L, C], false],
    ['ln2w', [L, C], false],
    ['ln2b', [L, C], false],
    ['fcw', [L, 4 * C, C], true],
    ['fcb', [L, 4 * C], false],
    ['fcprojw', [L, C, 4 * C], true],
    ['fcprojb', [L, C], false],
    ['lnfw', [C], false],
    ['lnfb', [C], false],
  ];
  let offset = 0;
  return spec.map(([name, shape, decay]) => {
    const size = shape.reduce((a, b) => a * b, 1);
    const tensor = { name, offset, size, shape, decay };
    offset += size;
    return tensor;
  });
}

export function parameterCount(cfg: GptConfig): number {
  const layout = paramLayout(cfg);
  const last = layout[layout.length - 1];
  return last.offset + last.size;
}

/**
 * GPT-2 initialisation: weights N(0, 0.02); the two projections that write into the
 * residual stream N(0, 0.02/√(2·layers)) so its variance does not grow with depth;
 * biases 0; LayerNorm gains 1.
 */
export function initParams(cfg: GptConfig, rng: Rng): Float32Array {
  const params = new Float32Array(parameterCount(cfg));
  const residualStd = 0.02 / Math.sqrt(2 * cfg.layers);
  for (const t of paramLayout(cfg)) {
    const view = params.subarray(t.offset, t.offset + t.size);
    if (t.name === 'ln1w' || t.name === 'ln2w' || t.name === 'lnfw') view.fill(1);
    else if (t.decay) {
      const std = t.name === 'attprojw' || t.name === 'fcprojw' ? residualStd : 0.02;
      for (let i = 0; i < view.length; i++) view[i] = rng.normal() * std;
    }
  }
  return params;
}

type Views = Record<string, Float32Array>;

function makeViews(buffer: Float32Array, layout: ParamTensor[]): Views {
  const views: Views = {};
  for (const t of layout) views[t.name] = buffer.subarray(t.offset, t.offset + t.size);
  return views;
}

/** Per-layer saved activations for the backward pass. */
interface LayerActs {
  ln1: Float32Array;
  ln1Mean: Float32Array;
  ln1Rstd: Float32Array;
  qkv: Float32Array;
  atty: Float32Array;
  att: Float32Array;
  attproj: Float32Array;
  res2: Float32Array;
  ln2: Float32Array;
  ln2Mean: Float32Array;
  ln2Rstd: Float32Array;
  fch: Float32Array;
  fchGelu: Float32Array;
  fcproj: Float32Array;
  res3: Float32Array;
}

export interface ForwardOutput {
  /** [B·T, V] */
  logits: Float32Array;
  /** [B·T, C]: final LayerNorm output, what the logits (and scalar heads) read. */
  hidden: Float32Array;
}

export class Gpt {
  readonly config: GptConfig;
  readonly layout: ParamTensor[];
  readonly params: Float32Array;
  readonly grads: Float32Array;
  private readonly p: Views;
  private readonly g: Views;

  private capRows = 0;
  private capAtt = 0;
  private B = 0;
  private T = 0;
  private tokens = new Int32Array(0);
  private encoded = new Float32Array(0);
  private acts: LayerActs[] = [];
  private lnf = new Float32Array(0);
  private lnfMean = new Float32Array(0);
  private lnfRstd = new Float32Array(0);
  private logits = new Float32Array(0);
  private dlogits = new Float32Array(0);
  // Backward scratch, shared across layers.
  private dres = new Float32Array(0);
  private dln = new Float32Array(0);
  private dqkv = new Float32Array(0);
  private datty = new Float32Array(0);
  private dfch = new Float32Array(0);
  private dfchGelu = new Float32Array(0);
  private attScratch = new Float32Array(0);

  constructor(config: GptConfig, params: Float32Array) {
    this.config = { ...config };
    this.layout = paramLayout(config);
    const n = parameterCount(config);
    if (params.length !== n) {
      throw new RangeError(`Gpt: expected ${n} parameters for this config, got ${params.length}`);
    }
    this.params = params;
    this.grads = new Float32Array(n);
    this.p = makeViews(this.params, this.layout);
    this.g = makeViews(this.grads, this.layout);
  }

  /** Grow activation buffers to hold a batch of B sequences of length T. */
  private ensureCapacity(B: number, T: number): void {
    const { width: C, vocabSize: V, heads: H, layers: L } = this.config;
    const rows = B * T;
    const attSize = B * H * T * T;
    if (rows <= this.capRows && attSize <= this.capAtt) return;
    const R = Math.max(rows, this.capRows);
    const A = Math.max(attSize, this.capAtt);
    this.capRows = R;
    this.capAtt = A;
    this.tokens = new Int32Array(R);
    this.encoded = new Float32Array(R * C);
    this.acts = [];
    for (let l = 0; l < L; l++) {
      this.acts.push({
        ln1: new Float32Array(R * C),
        ln1Mean: new Float32Array(R),
        ln1Rstd: new Float32Array(R),
        qkv: new Float32Array(R * 3 * C),
        atty: new Float32Array(R * C),
        att: new Float32Array(A),
        attproj: new Float32Array(R * C),
        res2: new Float32Array(R * C),
        ln2: new Float32Array(R * C),
        ln2Mean: new Float32Array(R),
        ln2Rstd: new Float32Array(R),
        fch: new Float32Array(R * 4 * C),
        fchGelu: new Float32Array(R * 4 * C),
        fcproj: new Float32Array(R * C),
        res3: new Float32Array(R * C),
      });
    }
    this.lnf = new Float32Array(R * C);
    this.lnfMean = new Float32Array(R);
    this.lnfRstd = new Float32Array(R);
    this.logits = new Float32Array(R * V);
    this.dlogits = new Float32Array(R * V);
    this.dres = new Float32Array(R * C);
    this.dln = new Float32Array(R * C);
    this.dqkv = new Float32Array(R * 3 * C);
    this.datty = new Float32Array(R * C);
    this.dfch = new Float32Array(R * 4 * C);
    this.dfchGelu = new Float32Array(R * 4 * C);
    this.attScratch = new Float32Array(2 * Math.max(T, this.config.contextLength));
  }

  /**
   * Forward pass over B sequences of T tokens (row-major [B, T]). The returned arrays
   * are views into reused buffers: copy them if they must outlive the next call.
   */
  forward(tokens: ArrayLike<number>, B: number, T: number): ForwardOutput {
    const { width: C, vocabSize: V, heads: H, layers: L, contextLength } = this.config;
    if (T > contextLength || T < 1) {
      throw new RangeError(`Gpt.forward: sequence length ${T} must be in [1, ${contextLength}]`);
    }
    if (tokens.length < B * T) throw new RangeError('Gpt.forward: fewer tokens than B·T');
    this.ensureCapacity(B, T);
    this.B = B;
    this.T = T;
    const N = B * T;
    for (let i = 0; i < N; i++) {
      const tok = tokens[i];
      if (!(tok >= 0 && tok < V))
        throw new RangeError(`Gpt.forward: token ${tok} outside [0, ${V})`);
      this.tokens[i] = tok;
    }
    const p = this.p;
    encoderForward(this.encoded, this.tokens, p.wte, p.wpe, B, T, C);
    let residual: Float32Array = this.encoded;
    for (let l = 0; l < L; l++) {
      const a = this.acts[l];
      const cw = l * C;
      layernormForward(
        a.ln1,
        a.ln1Mean,
        a.ln1Rstd,
        residual,
        p.ln1w.subarray(cw, cw + C),
        p.ln1b.subarray(cw, cw + C),
        N,
        C,
      );
      linearForward(a.qkv, a.ln1, sub(p.qkvw, l, 3 * C * C), sub(p.qkvb, l, 3 * C), N, C, 3 * C);
      attentionForward(a.atty, a.att, a.qkv, B, T, C, H);
      linearForward(a.attproj, a.atty, sub(p.attprojw, l, C * C), sub(p.attprojb, l, C), N, C, C);
      addForward(a.res2, residual, a.attproj, N * C);
      layernormForward(
        a.ln2,
        a.ln2Mean,
        a.ln2Rstd,
        a.res2,
        sub(p.ln2w, l, C),
        sub(p.ln2b, l, C),
        N,
        C,
      );
      linearForward(a.fch, a.ln2, sub(p.fcw, l, 4 * C * C), sub(p.fcb, l, 4 * C), N, C, 4 * C);
      geluForward(a.fchGelu, a.fch, N * 4 * C);
      linearForward(
        a.fcproj,
        a.fchGelu,
        sub(p.fcprojw, l, 4 * C * C),
        sub(p.fcprojb, l, C),
        N,
        4 * C,
        C,
      );
      addForward(a.res3, a.res2, a.fcproj, N * C);
      residual = a.res3;
    }
    layernormForward(this.lnf, this.lnfMean, this.lnfRstd, residual, p.lnfw, p.lnfb, N, C);
    matmulABt(this.logits, this.lnf, p.wte, N, C, V);
    return { logits: this.logits.subarray(0, N * V), hidden: this.lnf.subarray(0, N * C) };
  }

  /**
   * Cross-entropy of the last forward pass against `targets` ([B·T], IGNORE_INDEX = -1
   * where a position does not count), and the gradient of that mean loss w.r.t. the
   * logits, kept for `backward`.
   */
  lossAndLogitGrad(targets: ArrayLike<number>, withGrad = true): { loss: number; count: number } {
    const N = this.B * this.T;
    const { meanLoss, count } = softmaxCrossEntropy(
      this.logits,
      targets,
      N,
      this.config.vocabSize,
      withGrad ? this.dlogits : null,
      IGNORE_INDEX,
    );
    return { loss: meanLoss, count };
  }

  zeroGrad(): void {
    this.grads.fill(0);
  }

  /**
   * The gradient w.r.t. the logits of the last forward pass ([B·T, V], a reused
   * buffer), for objectives that are not plain cross-entropy (PPO, DPO): fill it, then
   * call `backward(true)`. `lossAndLogitGrad` overwrites it.
   */
  logitGradBuffer(): Float32Array {
    return this.dlogits.subarray(0, this.B * this.T * this.config.vocabSize);
  }

  /**
   * Backpropagate the last forward pass into `grads` (accumulating). The logit
   * gradient is the one `lossAndLogitGrad` left, unless `useLogitGrad` is false (a
   * scalar head alone); `dHidden` ([B·T, C]) adds a gradient arriving at the hidden
   * states from a head on top of the trunk.
   */
  backward(useLogitGrad = true, dHidden: Float32Array | null = null): void {
    const { width: C, vocabSize: V, heads: H, layers: L } = this.config;
    const { B, T } = this;
    const N = B * T;
    const p = this.p;
    const g = this.g;
    const dlnf = this.dln.subarray(0, N * C);
    if (useLogitGrad) {
      const dlogits = this.dlogits.subarray(0, N * V);
      matmulAB(dlnf, dlogits, p.wte, N, V, C);
      matmulAtB(g.wte, dlogits, this.lnf, V, N, C, true);
    } else dlnf.fill(0);
    if (dHidden) for (let i = 0; i < N * C; i++) dlnf[i] += dHidden[i];

    const dres = this.dres.subarray(0, N * C);
    dres.fill(0);
    const lastResidual = L > 0 ? this.acts[L - 1].res3 : this.encoded;
    layernormBackward(
      dres,
      g.lnfw,
      g.lnfb,
      dlnf,
      lastResidual,
      p.lnfw,
      this.lnfMean,
      this.lnfRstd,
      N,
      C,
    );

    for (let l = L - 1; l >= 0; l--) {
      const a = this.acts[l];
      const residual = l === 0 ? this.encoded : this.acts[l - 1].res3;
      // res3 = res2 + fcproj(gelu(fc(ln2(res2))))
      const dfchGelu = this.dfchGelu.subarray(0, N * 4 * C);
      dfchGelu.fill(0);
      linearBackward(
        dfchGelu,
        sub(g.fcprojw, l, 4 * C * C),
        sub(g.fcprojb, l, C),
        dres,
        a.fchGelu,
        sub(p.fcprojw, l, 4 * C * C),
        N,
        4 * C,
        C,
      );
      const dfch = this.dfch.subarray(0, N * 4 * C);
      dfch.fill(0);
      geluBackward(dfch, a.fch, dfchGelu, N * 4 * C);
      const dln2 = this.dln.subarray(0, N * C);
      dln2.fill(0);
      linearBackward(
        dln2,
        sub(g.fcw, l, 4 * C * C),
        sub(g.fcb, l, 4 * C),
        dfch,
        a.ln2,
        sub(p.fcw, l, 4 * C * C),
        N,
        C,
        4 * C,
      );
      layernormBackward(
        dres,
        sub(g.ln2w, l, C),
        sub(g.ln2b, l, C),
        dln2,
        a.res2,
        sub(p.ln2w, l, C),
        a.ln2Mean,
        a.ln2Rstd,
        N,
        C,
      );
      // res2 = residual + attproj(attention(qkv(ln1(residual))))
      const datty = this.datty.subarray(0, N * C);
      datty.fill(0);
      linearBackward(
        datty,
        sub(g.attprojw, l, C * C),
        sub(g.attprojb, l, C),
        dres,
        a.atty,
        sub(p.attprojw, l, C * C),
        N,
        C,
        C,
      );
      const dqkv = this.dqkv.subarray(0, N * 3 * C);
      dqkv.fill(0);
      attentionBackward(dqkv, datty, a.qkv, a.att, B, T, C, H, this.attScratch);
      const dln1 = this.dln.subarray(0, N * C);
      dln1.fill(0);
      linearBackward(
        dln1,
        sub(g.qkvw, l, 3 * C * C),
        sub(g.qkvb, l, 3 * C),
        dqkv,
        a.ln1,
        sub(p.qkvw, l, 3 * C * C),
        N,
        C,
        3 * C,
      );
      layernormBackward(
        dres,
        sub(g.ln1w, l, C),
        sub(g.ln1b, l, C),
        dln1,
        residual,
        sub(p.ln1w, l, C),
        a.ln1Mean,
        a.ln1Rstd,
        N,
        C,
      );
    }
    encoderBackward(g.wte, g.wpe, dres, this.tokens, B, T, C);
  }

  /** One training pass: forward, loss, zeroed gradients, backward. Returns the loss. */
  lossAndGrad(
    tokens: ArrayLike<number>,
    targets: ArrayLike<number>,
    B: number,
    T: number,
  ): { loss: number; count: number } {
    this.forward(tokens, B, T);
    const result = this.lossAndLogitGrad(targets);
    this.zeroGrad();
    this.backward(true);
    return result;
  }

  /** A view of one named parameter tensor (e.g. 'wte'), for inspection and tests. */
  param(name: string): Float32Array {
    const view = this.p[name];
    if (!view) throw new Error(`Gpt.param: no tensor named ${name}`);
    return view;
  }
}

/** The l-th slice of size `size` of a per-layer stacked tensor. */
function sub(stacked: Float32Array, l: number, size: number): Float32Array {
  return stacked.subarray(l * size, (l + 1) * size);
}

/** Training FLOPs per token (forward + backward ≈ 3× forward; 2 FLOPs per MAC). */
export function trainingFlopsPerToken(cfg: GptConfig, T = cfg.contextLength): number {
  const { width: C, layers: L, vocabSize: V } = cfg;
  const matmulMacs = L * 12 * C * C + V * C;
  // Causal attention: on average (T+1)/2 keys per query, q·k and att·v each C MACs.
  const attentionMacs = L * 2 * C * ((T + 1) / 2);
  return 6 * (matmulMacs + attentionMacs);
}
