/**
 * The operations a GPT needs, each as a forward and a backward function over flat
 * row-major Float32Arrays (the llm.c style). Shapes are passed explicitly; "N" is the
 * number of rows (batch × time). Backward functions ACCUMULATE into gradient buffers
 * (+=), so the caller zeroes gradients once per step and a tensor used twice (the tied
 * token embedding) simply receives both contributions.
 *
 * Why no autograd graph: a fixed architecture trained millions of times benefits
 * from preallocated buffers and fused loops far more than from generality; each
 * function here is checked against central finite differences in tests/unit.
 */
import { matmulAB, matmulABt, matmulAtB } from './matmul';

// ---------------------------------------------------------------------------
// Embedding lookup: out[b,t,:] = wte[token] + wpe[t]

export function encoderForward(
  out: Float32Array,
  tokens: Int32Array,
  wte: Float32Array,
  wpe: Float32Array,
  B: number,
  T: number,
  C: number,
): void {
  for (let b = 0; b < B; b++) {
    for (let t = 0; t < T; t++) {
      const o = (b * T + t) * C;
      const w = tokens[b * T + t] * C;
      const p = t * C;
      for (let i = 0; i < C; i++) out[o + i] = wte[w + i] + wpe[p + i];
    }
  }
}

export function encoderBackward(
  dwte: Float32Array,
  dwpe: Float32Array,
  dout: Float32Array,
  tokens: Int32Array,
  B: number,
  T: number,
  C: number,
): void {
  for (let b = 0; b < B; b++) {
    for (let t = 0; t < T; t++) {
      const o = (b * T + t) * C;
      const w = tokens[b * T + t] * C;
      const p = t * C;
      for (let i = 0; i < C; i++) {
        const d = dout[o + i];
        dwte[w + i] += d;
        dwpe[p + i] += d;
      }
    }
  }
}

// ---------------------------------------------------------------------------
// Layer normalisation over the last dimension (eps 1e-5), saving mean and 1/std.

const LN_EPS = 1e-5;

export function layernormForward(
  out: Float32Array,
  mean: Float32Array,
  rstd: Float32Array,
  inp: Float32Array,
  weight: Float32Array,
  bias: Float32Array,
  N: number,
  C: number,
): void {
  for (let n = 0; n < N; n++) {
    const x = n * C;
    let m = 0;
    for (let i = 0; i < C; i++) m += inp[x + i];
    m /= C;
    let v = 0;
    for (let i = 0; i < C; i++) {
      const d = inp[x + i] - m;
      v += d * d;
    }
    v /= C;
    const s = 1 / Math.sqrt(v + LN_EPS);
    for (let i = 0; i < C; i++) out[x + i] = (inp[x + i] - m) * s * weight[i] + bias[i];
    mean[n] = m;
    rstd[n] = s;
  }
}

export function layernormBackward(
  dinp: Float32Array,
  dweight: Float32Array,
  dbias: Float32Array,
  dout: Float32Array,
  inp: Float32Array,
  weight: Float32Array,
  mean: Float32Array,
  rstd: Float32Array,
  N: number,
  C: number,
): void {
  for (let n = 0; n < N; n++) {
    const x = n * C;
    const m = mean[n];
    const s = rstd[n];
    // Two reductions first: mean of dnorm and mean of dnorm·norm.
    let dnormMean = 0;
    let dnormNormMean = 0;
    for (let i = 0; i < C; i++) {
      const norm = (inp[x + i] - m) * s;
      const dnorm = weight[i] * dout[x + i];
      dnormMean += dnorm;
      dnormNormMean += dnorm * norm;
    }
    dnormMean /= C;
    dnormNormMean /= C;
    for (let i = 0; i < C; i++) {
      const norm = (inp[x + i] - m) * s;
      const d = dout[x + i];
      dbias[i] += d;
      dweight[i] += norm * d;
      const dnorm = weight[i] * d;
      dinp[x + i] += (dnorm - dnormMean - norm * dnormNormMean) * s;
    }
  }
}

// ---------------------------------------------------------------------------
// Linear layer: out[N,OC] = inp[N,C] · weight[OC,C]ᵀ + bias[OC]

export function linearForward(
  out: Float32Array,
  inp: Float32Array,
  weight: Float32Array,
  bias: Float32Array | null,
  N: number,
  C: number,
  OC: number,
): void {
  matmulABt(out, inp, weight, N, C, OC);
  if (bias) {
    for (let n = 0; n < N; n++) {
      const o = n * OC;
      for (let j = 0; j < OC; j++) out[o + j] += bias[j];
    }
  }
}

export function linearBackward(
  dinp: Float32Array | null,
  dweight: Float32Array,
  dbias: Float32Array | null,
  dout: Float32Array,
  inp: Float32Array,
  weight: Float32Array,
  N: number,
  C: number,
  OC: number,
): void {
  if (dinp) matmulAB(dinp, dout, weight, N, OC, C, true);
  matmulAtB(dweight, dout, inp, OC, N, C, true);
  if (dbias) {
    for (let n = 0; n < N; n++) {
      const o = n * OC;
      for (let j = 0; j < OC; j++) dbias[j] += dout[o + j];
    }
  }
}

// ---------------------------------------------------------------------------
// Causal multi-head self-attention. qkv[B,T,3C] holds q, k, v side by side per
// position; att[B,H,T,T] saves the softmax weights for the backward pass.

export function attentionForward(
  out: Float32Array,
  att: Float32Array,
  qkv: Float32Array,
  B: number,
  T: number,
  C: number,
  H: number,
): void {
  const hs = C / H;
  const C3 = 3 * C;
  const scale = 1 / Math.sqrt(hs);
  for (let b = 0; b < B; b++) {
    const base = b * T * C3;
    for (let h = 0; h < H; h++) {
      for (let t = 0; t < T; t++) {
        const q = base + t * C3 + h * hs;
        const a = ((b * H + h) * T + t) * T;
        const kBase = base + h * hs + C;
        let max = -Infinity;
        // Four keys per pass so each query element is loaded once for four dots.
        let t2 = 0;
        for (; t2 + 3 <= t; t2 += 4) {
          const k0 = kBase + t2 * C3;
          const k1 = k0 + C3;
          const k2 = k1 + C3;
          const k3 = k2 + C3;
          let d0 = 0;
          let d1 = 0;
          let d2 = 0;
          let d3 = 0;
          for (let i = 0; i < hs; i++) {
            const qi = qkv[q + i];
            d0 += qi * qkv[k0 + i];
            d1 += qi * qkv[k1 + i];
            d2 += qi * qkv[k2 + i];
            d3 += qi * qkv[k3 + i];
          }
          att[a + t2] = d0 * scale;
          att[a + t2 + 1] = d1 * scale;
          att[a + t2 + 2] = d2 * scale;
          att[a + t2 + 3] = d3 * scale;
        }
        for (; t2 <= t; t2++) {
          const k = kBase + t2 * C3;
          let dot = 0;
          for (let i = 0; i < hs; i++) dot += qkv[q + i] * qkv[k + i];
          att[a + t2] = dot * scale;
        }
        for (let j = 0; j <= t; j++) if (att[a + j] > max) max = att[a + j];
        let sum = 0;
        for (let j = 0; j <= t; j++) {
          const e = Math.exp(att[a + j] - max);
          att[a + j] = e;
          sum += e;
        }
        const inv = 1 / sum;
        for (let j = 0; j <= t; j++) att[a + j] *= inv;
        for (let j = t + 1; j < T; j++) att[a + j] = 0;
        // out = Σ att·v, four values per pass so `out` is read and written once per four.
        const o = (b * T + t) * C + h * hs;
        const vBase = base + h * hs + 2 * C;
        for (let i = 0; i < hs; i++) out[o + i] = 0;
        let j = 0;
        for (; j + 3 <= t; j += 4) {
          const v0 = vBase + j * C3;
          const v1 = v0 + C3;
          const v2 = v1 + C3;
          const v3 = v2 + C3;
          const w0 = att[a + j];
          const w1 = att[a + j + 1];
          const w2 = att[a + j + 2];
          const w3 = att[a + j + 3];
          for (let i = 0; i < hs; i++) {
            out[o + i] += w0 * qkv[v0 + i] + w1 * qkv[v1 + i] + w2 * qkv[v2 + i] + w3 * qkv[v3 + i];
          }
        }
        for (; j <= t; j++) {
          const v = vBase + j * C3;
          const w = att[a + j];
          for (let i = 0; i < hs; i++) out[o + i] += w * qkv[v + i];
        }
      }
    }
  }
}

/** `scratch` must hold at least 2·T floats (per-row d(att) and d(pre-softmax)). */
export function attentionBackward(
  dqkv: Float32Array,
  dout: Float32Array,
  qkv: Float32Array,
  att: Float32Array,
  B: number,
  T: number,
  C: number,
  H: number,
  scratch: Float32Array = new Float32Array(2 * T),
): void {
  const hs = C / H;
  const C3 = 3 * C;
  const scale = 1 / Math.sqrt(hs);
  const datt = scratch.subarray(0, T);
  const dpre = scratch.subarray(T, 2 * T);
  for (let b = 0; b < B; b++) {
    const base = b * T * C3;
    for (let h = 0; h < H; h++) {
      const kBase = base + h * hs + C;
      const vBase = kBase + C;
      for (let t = 0; t < T; t++) {
        const a = ((b * H + h) * T + t) * T;
        const o = (b * T + t) * C + h * hs;
        // out = Σ att·v  →  d(att) and d(v); four positions per pass (dout read once).
        let weighted = 0;
        let j = 0;
        for (; j + 3 <= t; j += 4) {
          const v0 = vBase + j * C3;
          const v1 = v0 + C3;
          const v2 = v1 + C3;
          const v3 = v2 + C3;
          const w0 = att[a + j];
          const w1 = att[a + j + 1];
          const w2 = att[a + j + 2];
          const w3 = att[a + j + 3];
          let d0 = 0;
          let d1 = 0;
          let d2 = 0;
          let d3 = 0;
          for (let i = 0; i < hs; i++) {
            const g = dout[o + i];
            d0 += qkv[v0 + i] * g;
            d1 += qkv[v1 + i] * g;
            d2 += qkv[v2 + i] * g;
            d3 += qkv[v3 + i] * g;
            dqkv[v0 + i] += w0 * g;
            dqkv[v1 + i] += w1 * g;
            dqkv[v2 + i] += w2 * g;
            dqkv[v3 + i] += w3 * g;
          }
          datt[j] = d0;
          datt[j + 1] = d1;
          datt[j + 2] = d2;
          datt[j + 3] = d3;
          weighted += w0 * d0 + w1 * d1 + w2 * d2 + w3 * d3;
        }
        for (; j <= t; j++) {
          const v = vBase + j * C3;
          const w = att[a + j];
          let d = 0;
          for (let i = 0; i < hs; i++) {
            d += qkv[v + i] * dout[o + i];
            dqkv[v + i] += w * dout[o + i];
          }
          datt[j] = d;
          weighted += w * d;
        }
        // softmax backward in O(T): dpre = att ⊙ (datt − Σ att·datt), times the 1/√hs scale
        for (let t2 = 0; t2 <= t; t2++) dpre[t2] = att[a + t2] * (datt[t2] - weighted) * scale;
        // pre = q·k  →  d(q) and d(k); four keys per pass (q and dq touched once per four).
        const q = base + t * C3 + h * hs;
        j = 0;
        for (; j + 3 <= t; j += 4) {
          const k0 = kBase + j * C3;
          const k1 = k0 + C3;
          const k2 = k1 + C3;
          const k3 = k2 + C3;
          const d0 = dpre[j];
          const d1 = dpre[j + 1];
          const d2 = dpre[j + 2];
          const d3 = dpre[j + 3];
          for (let i = 0; i < hs; i++) {
            const qi = qkv[q + i];
            dqkv[q + i] +=
              qkv[k0 + i] * d0 + qkv[k1 + i] * d1 + qkv[k2 + i] * d2 + qkv[k3 + i] * d3;
            dqkv[k0 + i] += qi * d0;
            dqkv[k1 + i] += qi * d1;
            dqkv[k2 + i] += qi * d2;
            dqkv[k3 + i] += qi * d3;
          }
        }
        for (; j <= t; j++) {
          const k = kBase + j * C3;
          const d = dpre[j];
          for (let i = 0; i < hs; i++) {
            dqkv[q + i] += qkv[k + i] * d;
            dqkv[k + i] += qkv[q + i] * d;
          }
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------
// GELU, tanh approximation (as GPT-2).

const GELU_K = Math.sqrt(2 / Math.PI);

/**
 * tanh as a rational function on a clamped input (Eigen's generic_fast_tanh_float
 * coefficients). Accurate to ~1e-7 and ~3× cheaper than Math.tanh, which cost 9% of
 * a training step in profiling; tests compare it with Math.tanh.
 */
export function fastTanh(x: number): number {
  const c =
    x > 7.90531110763549805
      ? 7.90531110763549805
      : x < -7.90531110763549805
        ? -7.90531110763549805
        : x;
  const x2 = c * c;
  let p = -2.76076847742355e-16;
  p = p * x2 + 2.00018790482477e-13;
  p = p * x2 - 8.60467152213735e-11;
  p = p * x2 + 5.12229709037114e-8;
  p = p * x2 + 1.48572235717979e-5;
  p = p * x2 + 6.37261928875436e-4;
  p = p * x2 + 4.89352455891786e-3;
  let q = 1.19825839466702e-6;
  q = q * x2 + 1.18534705686654e-4;
  q = q * x2 + 2.268434632439e-3;
  q = q * x2 + 4.89352518554385e-3;
  return (c * p) / q;
}

export function geluForward(out: Float32Array, inp: Float32Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = inp[i];
    out[i] = 0.5 * x * (1 + fastTanh(GELU_K * (x + 0.044715 * x * x * x)));
  }
}

export function geluBackward(
  dinp: Float32Array,
  inp: Float32Array,
  dout: Float32Array,
  n: number,
): void {
  for (let i = 0; i < n; i++) {
    const x = inp[i];
    const th = fastTanh(GELU_K * (x + 0.044715 * x * x * x));
    const dudx = GELU_K * (1 + 3 * 0.044715 * x * x);
    dinp[i] += dout[i] * (0.5 * (1 + th) + 0.5 * x * (1 - th * th) * dudx);
  }
}

// ---------------------------------------------------------------------------
// Elementwise add (residual connection) and multiply.

export function addForward(out: Float32Array, a: Float32Array, b: Float32Array, n: number): void {
  for (let i = 0; i < n; i++) out[i] = a[i] + b[i];
}

export function addBackward(
  da: Float32Array,
  db: Float32Array,
  dout: Float32Array,
  n: number,
): void {
  for (let i = 0; i < n; i++) {
    da[i] += dout[i];
    db[i] += dout[i];
  }
}

export function mulForward(out: Float32Array, a: Float32Array, b: Float32Array, n: number): void {
  for (let i = 0; i < n; i++) out[i] = a[i] * b[i];
}

export function mulBackward(
  da: Float32Array,
  db: Float32Array,
  dout: Float32Array,
  a: Float32Array,
  b: Float32Array,
  n: number,
): void {
  for (let i = 0; i < n; i++) {
    da[i] += dout[i] * b[i];
    db[i] += dout[i] * a[i];
  }
}

// ---------------------------------------------------------------------------
// Fused softmax + cross-entropy with an ignore index.

export const IGNORE_INDEX = -1;

export interface CrossEntropyResult {
  /** Mean loss over counted positions (0 when none count). */
  meanLoss: number;
  /** Positions whose target is not the ignore index. */
  count: number;
}

/**
 * logits[N,V] and targets[N] → mean negative log-likelihood over the positions whose
 * target is not `ignoreIndex`. If `dlogits` is given it receives the gradient of the
 * mean loss, (softmax − onehot) / count, and 0 on ignored rows: the fused form avoids
 * materialising probabilities separately and is numerically stable (max subtracted).
 * `losses`, if given, receives each position's loss.
 */
export function softmaxCrossEntropy(
  logits: Float32Array,
  targets: Int32Array | ArrayLike<number>,
  N: number,
  V: number,
  dlogits: Float32Array | null = null,
  ignoreIndex = IGNORE_INDEX,
  losses: Float32Array | null = null,
): CrossEntropyResult {
  let count = 0;
  for (let n = 0; n < N; n++) if (targets[n] !== ignoreIndex) count++;
  let total = 0;
  const inv = count > 0 ? 1 / count : 0;
  for (let n = 0; n < N; n++) {
    const row = n * V;
    const target = targets[n];
    if (target === ignoreIndex) {
      if (dlogits) dlogits.fill(0, row, row + V);
      if (losses) losses[n] = 0;
      continue;
    }
    if (!(target >= 0 && target < V)) {
      throw new RangeError(
        `softmaxCrossEntropy: target ${target} at position ${n} is outside [0, ${V})`,
      );
    }
    let max = -Infinity;
    for (let v = 0; v < V; v++) if (logits[row + v] > max) max = logits[row + v];
    let sum = 0;
    if (dlogits) {
      // Keep the exponentials in the gradient buffer so they are computed once.
      for (let v = 0; v < V; v++) {
        const e = Math.exp(logits[row + v] - max);
        dlogits[row + v] = e;
        sum += e;
      }
    } else {
      for (let v = 0; v < V; v++) sum += Math.exp(logits[row + v] - max);
    }
    const loss = Math.log(sum) + max - logits[row + target];
    total += loss;
    if (losses) losses[n] = loss;
    if (dlogits) {
      const scale = inv / sum;
      for (let v = 0; v < V; v++) dlogits[row + v] *= scale;
      dlogits[row + target] -= inv;
    }
  }
  return { meanLoss: total * inv, count };
}
