/**
 * TensorFlow.js peer of our GPT training step, for `npm run bench`.
 *
 * The same GPT-2 style model as ours (pre-LayerNorm blocks, fused qkv, causal
 * attention, tanh GELU MLP, tied logits, mean cross-entropy, Adam), written the way
 * a careful tfjs user would write it, on the `cpu` (plain JS) or `wasm` (XNNPACK,
 * single-threaded SIMD in Node) backend.
 *
 * Two ways of writing the matmuls (`TransposeMode`):
 * - `flags`: the naive way, `tf.matMul(q, k, false, true)` and friends, with tfjs
 *   autodiff doing the backward (its matMul gradient uses transposeA/B flags).
 * - `explicit`: the tuned way. Every matmul goes through `mmExplicit` /
 *   `linearExplicit`, built with `tf.customGrad`, whose forward and backward only
 *   ever call flag-free `tf.matMul` on explicitly materialised `tf.transpose`s.
 *   Why it pays on wasm (tfjs 4.22, batch_mat_mul_impl.cc): BatchMatMul runs on
 *   XNNPACK only when both operands are 2-D (batch 1) and no transpose flag is set;
 *   anything else falls to a scalar blocked loop. So linear layers and the tied
 *   logits get XNNPACK here; the per-head attention products (batch B*H) stay on
 *   the slow loop in both modes (splitting them into 2-D matmuls measured slower).
 * Both modes compute the same function and gradients; only the kernels differ.
 *
 * Also written by hand (both modes, `tf.customGrad`): LayerNorm, GELU, the
 * embedding lookup and the cross-entropy. They keep the backward short, and the
 * wasm backend has no `UnsortedSegmentSum`, which the stock gather gradient needs.
 *
 * Differences from our trainer, on purpose: no weight decay (plain Adam), no
 * gradient clipping, constant learning rate. Linear weights are stored [in, out].
 */
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import path from 'node:path';

export type TfjsBackend = 'cpu' | 'wasm';
export type TransposeMode = 'flags' | 'explicit';

export interface TfjsGptConfig {
  vocabSize: number;
  contextLength: number;
  width: number;
  heads: number;
  layers: number;
  batchSize: number;
}

export interface TfjsTrainer {
  /** Forward + backward + Adam update on one batch; returns the loss (read with dataSync). */
  step(tokens: Int32Array, targets: Int32Array): number;
  dispose(): void;
}

export interface TfjsTrainerOptions {
  /** Seed of the weight initialisation (same seed, same initial weights on any backend/mode). */
  seed?: number;
  learningRate?: number;
}

export interface TfjsBackendInfo {
  backend: TfjsBackend;
  /** For wasm: the binary the loader picks, from the same flags it reads. */
  wasmBinary?: string;
  wasmSimd?: boolean;
  wasmThreads?: number;
}

const LN_EPS = 1e-5;
const GELU_K = Math.sqrt(2 / Math.PI);
const GELU_C = 0.044715;

// ---------------------------------------------------------------- backends

let wasmPathsSet = false;
let prodModeSet = false;

/** Where the wasm binaries of @tensorflow/tfjs-backend-wasm lie on disk (Node). */
export function tfjsWasmDir(): string {
  const entry = createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm');
  return path.dirname(entry) + path.sep;
}

/** Makes `backend` the active tfjs backend (initialising it the first time). */
export async function useTfjsBackend(backend: TfjsBackend): Promise<TfjsBackendInfo> {
  if (!prodModeSet) {
    // No per-op debug checks, and no "install tfjs-node" banner.
    tf.enableProdMode();
    prodModeSet = true;
  }
  if (backend === 'wasm' && !wasmPathsSet) {
    // In Node the Emscripten loader reads `prefix + name` with fs.readFileSync, so a
    // plain directory path works; it must be set before the backend first initialises.
    setWasmPaths(tfjsWasmDir());
    wasmPathsSet = true;
  }
  if (tf.getBackend() !== backend) {
    const ok = await tf.setBackend(backend);
    if (!ok) throw new Error(`tfjs backend '${backend}' failed to initialise`);
  }
  await tf.ready();
  if (tf.getBackend() !== backend) {
    throw new Error(`tfjs backend is '${tf.getBackend()}', wanted '${backend}'`);
  }
  if (backend === 'cpu') return { backend };
  const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) as boolean;
  const threaded = (await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')) as boolean;
  const wasmBinary =
    simd && threaded
      ? 'tfjs-backend-wasm-threaded-simd.wasm'
      : simd
        ? 'tfjs-backend-wasm-simd.wasm'
        : 'tfjs-backend-wasm.wasm';
  return { backend, wasmBinary, wasmSimd: simd, wasmThreads: getThreadsCount() };
}

/**
 * Synchronous switch back to an already-initialised backend (step() is synchronous).
 * tf.setBackend runs synchronously up to its first await, which an initialised
 * backend never reaches; the check below makes sure of it.
 */
function ensureBackend(backend: TfjsBackend): void {
  if (tf.getBackend() === backend) return;
  void tf.setBackend(backend);
  if (tf.getBackend() !== backend) {
    throw new Error(`tfjs backend is '${tf.getBackend()}': await useTfjsBackend('${backend}')`);
  }
}

// ---------------------------------------------------------------- FLOPs

/** Parameters of the model, split the usual way. */
export function tfjsGptParamCounts(cfg: TfjsGptConfig): {
  embedding: number;
  nonEmbedding: number;
} {
  const { vocabSize: V, contextLength: T, width: C, layers: L } = cfg;
  // Per block: ln1 2C, qkv 3C^2+3C, proj C^2+C, ln2 2C, fc 4C^2+4C, fcProj 4C^2+C.
  const perBlock = 12 * C * C + 13 * C;
  return { embedding: V * C + T * C, nonEmbedding: L * perBlock + 2 * C };
}

/**
 * FLOPs of one training step (forward + backward), multiply-add = 2 FLOPs:
 *   dense  = 6 * (nonEmbedding + V*C) * B*T          (weights: 2 forward + 4 backward;
 *                                                      V*C is the tied logits matmul)
 *   attn   = 12 * L * B * T^2 * C / 2                  (q.k^T and att.v: 2*B*T^2*C each
 *                                                      forward, x3 for the backward,
 *                                                      halved for the causal mask)
 * tfjs actually executes the full T x T products, i.e. twice `attn` (`attnExecuted`).
 */
export function tfjsGptFlopsPerStep(cfg: TfjsGptConfig): {
  total: number;
  dense: number;
  attn: number;
  attnExecuted: number;
} {
  const { vocabSize: V, contextLength: T, width: C, layers: L, batchSize: B } = cfg;
  const dense = 6 * (tfjsGptParamCounts(cfg).nonEmbedding + V * C) * B * T;
  const attnExecuted = 12 * L * B * T * T * C;
  const attn = attnExecuted / 2;
  return { total: dense + attn, dense, attn, attnExecuted };
}

// ---------------------------------------------------------------- init

/** mulberry32 + Box-Muller: deterministic N(0, std^2) numbers. */
function makeNormal(seed: number): (std: number) => number {
  let s = seed >>> 0;
  const uniform = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  let spare: number | null = null;
  return (std) => {
    if (spare !== null) {
      const z = spare;
      spare = null;
      return z * std;
    }
    const u = 1 - uniform();
    const v = uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v) * std;
  };
}

interface Block {
  ln1g: tf.Variable;
  ln1b: tf.Variable;
  qkvW: tf.Variable;
  qkvB: tf.Variable;
  projW: tf.Variable;
  projB: tf.Variable;
  ln2g: tf.Variable;
  ln2b: tf.Variable;
  fcW: tf.Variable;
  fcB: tf.Variable;
  fcProjW: tf.Variable;
  fcProjB: tf.Variable;
}

interface Params {
  wte: tf.Variable;
  wpe: tf.Variable;
  blocks: Block[];
  lnfg: tf.Variable;
  lnfb: tf.Variable;
}

function initParams(cfg: TfjsGptConfig, seed: number): Params {
  const { vocabSize: V, contextLength: T, width: C, layers: L } = cfg;
  const normal = makeNormal(seed);
  const residualStd = 0.02 / Math.sqrt(2 * L);
  const variable = (shape: number[], fill: (i: number) => number): tf.Variable => {
    const size = shape.reduce((a, b) => a * b, 1);
    const data = new Float32Array(size);
    for (let i = 0; i < size; i++) data[i] = fill(i);
    return tf.tidy(() => tf.variable(tf.tensor(data, shape, 'float32'), true)); // frees the tensor
  };
  const gauss = (shape: number[], std: number): tf.Variable => variable(shape, () => normal(std));
  const ones = (n: number): tf.Variable => variable([n], () => 1);
  const zeros = (n: number): tf.Variable => variable([n], () => 0);
  const wte = gauss([V, C], 0.02);
  const wpe = gauss([T, C], 0.02);
  const blocks: Block[] = [];
  for (let l = 0; l < L; l++) {
    blocks.push({
      ln1g: ones(C),
      ln1b: zeros(C),
      qkvW: gauss([C, 3 * C], 0.02),
      qkvB: zeros(3 * C),
      projW: gauss([C, C], residualStd),
      projB: zeros(C),
      ln2g: ones(C),
      ln2b: zeros(C),
      fcW: gauss([C, 4 * C], 0.02),
      fcB: zeros(4 * C),
      fcProjW: gauss([4 * C, C], residualStd),
      fcProjB: zeros(C),
    });
  }
  return { wte, wpe, blocks, lnfg: ones(C), lnfb: zeros(C) };
}

function allVariables(p: Params): tf.Variable[] {
  const vars = [p.wte, p.wpe];
  for (const b of p.blocks) {
    vars.push(b.ln1g, b.ln1b, b.qkvW, b.qkvB, b.projW, b.projB);
    vars.push(b.ln2g, b.ln2b, b.fcW, b.fcB, b.fcProjW, b.fcProjB);
  }
  vars.push(p.lnfg, p.lnfb);
  return vars;
}

// ---------------------------------------------------------------- custom ops

type GradFn = (dy: tf.Tensor, saved: tf.Tensor[]) => tf.Tensor[];

/** tf.customGrad with a typed signature: `fn(inputs, save)`. */
function custom(
  fn: (inputs: tf.Tensor[], save: tf.GradSaveFunc) => { value: tf.Tensor; gradFunc: GradFn },
): (...inputs: tf.Tensor[]) => tf.Tensor {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const save = args[args.length - 1] as tf.GradSaveFunc;
    return fn(args.slice(0, -1) as tf.Tensor[], save);
  });
  return (...inputs) => op(...inputs);
}

/** Transpose of the last two axes, materialised. */
function swapLast(x: tf.Tensor): tf.Tensor {
  const perm = x.shape.map((_, i) => i);
  const r = perm.length;
  perm[r - 2] = r - 1;
  perm[r - 1] = r - 2;
  return tf.transpose(x, perm);
}

/** a . b (batched over leading axes), flag-free forward and backward. */
const mmExplicit = custom(([a, b], save) => {
  save([a, b]);
  return {
    value: tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D),
    gradFunc: (dy, [sa, sb]) => [
      tf.matMul(dy as tf.Tensor2D, swapLast(sb) as tf.Tensor2D), // dA = dY . B^T
      tf.matMul(swapLast(sa) as tf.Tensor2D, dy as tf.Tensor2D), // dB = A^T . dY
    ],
  };
});

/** x . w + b for 2-D x [N, in], w [in, out], flag-free forward and backward. */
const linearExplicit = custom(([x, w, b], save) => {
  save([x, w]);
  return {
    value: tf.add(tf.matMul(x as tf.Tensor2D, w as tf.Tensor2D), b),
    gradFunc: (dy, [sx, sw]) => [
      tf.matMul(dy as tf.Tensor2D, tf.transpose(sw as tf.Tensor2D)),
      tf.matMul(tf.transpose(sx as tf.Tensor2D), dy as tf.Tensor2D),
      tf.sum(dy, 0),
    ],
  };
});

/** LayerNorm over the last axis of x [N, C], weight g and bias b [C]. */
const layerNorm = custom(([x, g, b], save) => {
  const mean = tf.mean(x, -1, true);
  const xc = tf.sub(x, mean);
  const rstd = tf.rsqrt(tf.add(tf.mean(tf.square(xc), -1, true), LN_EPS));
  const xhat = tf.mul(xc, rstd);
  save([xhat, rstd, g]);
  return {
    value: tf.add(tf.mul(xhat, g), b),
    gradFunc: (dy, [sxhat, srstd, sg]) => {
      const dxhat = tf.mul(dy, sg);
      const inner = tf.sub(
        tf.sub(dxhat, tf.mean(dxhat, -1, true)),
        tf.mul(sxhat, tf.mean(tf.mul(dxhat, sxhat), -1, true)),
      );
      return [tf.mul(inner, srstd), tf.sum(tf.mul(dy, sxhat), 0), tf.sum(dy, 0)];
    },
  };
});

/** GELU, tanh approximation: 0.5 x (1 + tanh(k (x + c x^3))). */
const gelu = custom(([x], save) => {
  const x2 = tf.square(x);
  const t = tf.tanh(tf.mul(tf.mul(x, tf.add(tf.mul(x2, GELU_C), 1)), GELU_K));
  save([x, t]);
  return {
    value: tf.mul(tf.mul(x, 0.5), tf.add(t, 1)),
    gradFunc: (dy, [sx, st]) => {
      // d/dx = 0.5 (1 + t) + 0.5 x (1 - t^2) k (1 + 3 c x^2)
      const sech2 = tf.sub(1, tf.square(st));
      const inner = tf.mul(tf.add(tf.mul(tf.square(sx), 3 * GELU_C), 1), GELU_K);
      const d = tf.add(tf.mul(tf.add(st, 1), 0.5), tf.mul(tf.mul(tf.mul(sx, 0.5), sech2), inner));
      return [tf.mul(dy, d)];
    },
  };
});

/** Rows of table [V, C] at ids [N]; the backward scatter-adds (ScatterNd sums duplicates). */
function embed(table: tf.Tensor, ids: tf.Tensor1D): tf.Tensor {
  const op = custom(([w], save) => {
    save([ids]); // saved, not captured: tensors made inside the loss function die before the backward
    return {
      value: tf.gather(w, ids),
      gradFunc: (dy, [sids]) => [tf.scatterND(tf.expandDims(sids, 1), dy, table.shape)],
    };
  });
  return op(table);
}

/** Mean softmax cross-entropy of logits [N, V] against target ids [N]. */
function crossEntropy(logits: tf.Tensor2D, targets: tf.Tensor1D): tf.Scalar {
  const [N, V] = logits.shape;
  const op = custom(([z], save) => {
    const lse = tf.logSumExp(z, 1, true); // [N, 1]
    const flatIdx = tf.add(tf.mul(tf.range(0, N, 1, 'int32'), tf.scalar(V, 'int32')), targets);
    const picked = tf.gather(tf.reshape(z, [N * V]), flatIdx); // [N]
    save([z, lse, targets]);
    return {
      value: tf.mean(tf.sub(tf.reshape(lse, [N]), picked)),
      gradFunc: (dy, [sz, slse, stargets]) => {
        const probs = tf.exp(tf.sub(sz, slse));
        // int32 then cast: the wasm OneHot kernel ignores dtype 'float32' (tfjs 4.22) and
        // writes integer bits, i.e. 1.4e-45 instead of 1.
        const onehot = tf.cast(tf.oneHot(stargets, V), 'float32');
        return [tf.mul(tf.sub(probs, onehot), tf.div(dy, N))];
      },
    };
  });
  return op(logits) as tf.Scalar;
}

// ---------------------------------------------------------------- model

function forwardLoss(
  p: Params,
  cfg: TfjsGptConfig,
  mode: TransposeMode,
  causalMask: tf.Tensor2D,
  tokens: tf.Tensor1D,
  targets: tf.Tensor1D,
): tf.Scalar {
  const { contextLength: T, width: C, heads: H, batchSize: B } = cfg;
  const N = B * T;
  const hs = C / H;
  const explicit = mode === 'explicit';
  const linear = (x: tf.Tensor, w: tf.Variable, b: tf.Variable): tf.Tensor =>
    explicit ? linearExplicit(x, w, b) : tf.add(tf.matMul(x as tf.Tensor2D, w as tf.Tensor2D), b);
  // [N, C] -> [B*H, T, hs]
  const toHeads = (t: tf.Tensor): tf.Tensor =>
    tf.reshape(tf.transpose(tf.reshape(t, [B, T, H, hs]), [0, 2, 1, 3]), [B * H, T, hs]);

  let x = tf.reshape(tf.add(tf.reshape(embed(p.wte, tokens), [B, T, C]), p.wpe), [
    N,
    C,
  ]) as tf.Tensor;
  for (const blk of p.blocks) {
    // Attention.
    const qkv = linear(layerNorm(x, blk.ln1g, blk.ln1b), blk.qkvW, blk.qkvB); // [N, 3C]
    const [q, k, v] = tf.split(qkv, 3, 1);
    const qh = toHeads(tf.mul(q, 1 / Math.sqrt(hs))) as tf.Tensor3D;
    const vh = toHeads(v) as tf.Tensor3D;
    let scores: tf.Tensor;
    if (explicit) {
      // k^T per head straight from [B, T, H, hs] to [B, H, hs, T]: one transpose.
      const kT = tf.reshape(tf.transpose(tf.reshape(k, [B, T, H, hs]), [0, 2, 3, 1]), [
        B * H,
        hs,
        T,
      ]);
      scores = mmExplicit(qh, kT);
    } else {
      scores = tf.matMul(qh, toHeads(k) as tf.Tensor3D, false, true);
    }
    const att = tf.softmax(tf.add(scores, causalMask)) as tf.Tensor3D; // [B*H, T, T]
    const y = explicit ? mmExplicit(att, vh) : tf.matMul(att, vh); // [B*H, T, hs]
    const merged = tf.reshape(tf.transpose(tf.reshape(y, [B, H, T, hs]), [0, 2, 1, 3]), [N, C]);
    x = tf.add(x, linear(merged, blk.projW, blk.projB));
    // MLP.
    const h = gelu(linear(layerNorm(x, blk.ln2g, blk.ln2b), blk.fcW, blk.fcB)); // [N, 4C]
    x = tf.add(x, linear(h, blk.fcProjW, blk.fcProjB));
  }
  const xf = layerNorm(x, p.lnfg, p.lnfb) as tf.Tensor2D;
  const logits = explicit
    ? mmExplicit(xf, tf.transpose(p.wte)) // [N, V]; wte^T materialised
    : tf.matMul(xf, p.wte as tf.Tensor2D, false, true);
  return crossEntropy(logits as tf.Tensor2D, targets);
}

// ---------------------------------------------------------------- trainer

export async function createTfjsTrainer(
  cfg: TfjsGptConfig,
  backend: TfjsBackend,
  mode: TransposeMode,
  options: TfjsTrainerOptions = {},
): Promise<TfjsTrainer> {
  const { contextLength: T, width: C, heads: H, batchSize: B } = cfg;
  if (C % H !== 0) throw new Error(`width ${C} is not divisible by heads ${H}`);
  await useTfjsBackend(backend);
  const params = initParams(cfg, options.seed ?? 1234);
  const vars = allVariables(params);
  // Additive causal mask [T, T]: 0 on and below the diagonal, -1e9 above.
  const maskData = new Float32Array(T * T);
  for (let i = 0; i < T; i++) for (let j = i + 1; j < T; j++) maskData[i * T + j] = -1e9;
  const causalMask = tf.tensor2d(maskData, [T, T]);
  const optimizer = tf.train.adam(options.learningRate ?? 1e-3, 0.9, 0.95, 1e-8);
  let disposed = false;

  return {
    step(tokens: Int32Array, targets: Int32Array): number {
      if (disposed) throw new Error('trainer disposed');
      if (tokens.length !== B * T || targets.length !== B * T) {
        throw new Error(`tokens/targets must hold B*T = ${B * T} ids`);
      }
      ensureBackend(backend);
      const loss = tf.tidy(() => {
        const tok = tf.tensor1d(tokens, 'int32');
        const tgt = tf.tensor1d(targets, 'int32');
        return optimizer.minimize(
          () => forwardLoss(params, cfg, mode, causalMask, tok, tgt),
          true,
          vars,
        ) as tf.Scalar;
      });
      const value = loss.dataSync()[0];
      loss.dispose();
      return value;
    },
    dispose(): void {
      if (disposed) return;
      disposed = true;
      optimizer.dispose();
      causalMask.dispose();
      for (const v of vars) v.dispose();
    },
  };
}
