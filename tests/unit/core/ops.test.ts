import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/sim/core/rng';
import { gradCheck } from '../../../src/sim/core/gradcheck';
import {
  addBackward,
  addForward,
  attentionBackward,
  attentionForward,
  encoderBackward,
  encoderForward,
  fastTanh,
  geluBackward,
  geluForward,
  layernormBackward,
  layernormForward,
  linearBackward,
  linearForward,
  mulBackward,
  mulForward,
  softmaxCrossEntropy,
} from '../../../src/sim/core/ops';
import { matmulAB, matmulABt, matmulAtB, matmulNaive } from '../../../src/sim/core/matmul';

const rng = createRng(42);
const randn = (n: number, scale = 1) =>
  Float32Array.from({ length: n }, () => rng.normal() * scale);

/** A scalar loss Σ out·w with fixed random w, so d(loss)/d(out) = w. */
function projection(n: number) {
  const w = randn(n);
  return {
    w,
    loss: (out: Float32Array) => {
      let s = 0;
      for (let i = 0; i < n; i++) s += out[i] * w[i];
      return s;
    },
  };
}

// float32 forward passes and h = 1e-2: agreement to a few per mille is the honest bar.
const TOLERANCE = 2e-2;

describe('matmul kernels', () => {
  it.each([
    [4, 8, 4],
    [7, 5, 9],
    [13, 16, 6],
    [1, 3, 1],
  ])('A·B, A·Bᵀ and Aᵀ·B agree with the textbook loop (M=%i K=%i N=%i)', (M, K, N) => {
    const a = randn(M * K);
    const b = randn(K * N);
    const expected = new Float32Array(M * N);
    matmulNaive(expected, a, b, M, K, N);
    const out = new Float32Array(M * N);
    matmulAB(out, a, b, M, K, N);
    for (let i = 0; i < M * N; i++) expect(out[i]).toBeCloseTo(expected[i], 4);
    // Bᵀ stored as [N,K]
    const bt = new Float32Array(N * K);
    for (let k = 0; k < K; k++) for (let j = 0; j < N; j++) bt[j * K + k] = b[k * N + j];
    matmulABt(out, a, bt, M, K, N);
    for (let i = 0; i < M * N; i++) expect(out[i]).toBeCloseTo(expected[i], 4);
    // Aᵀ stored as [K,M]
    const at = new Float32Array(K * M);
    for (let i = 0; i < M; i++) for (let k = 0; k < K; k++) at[k * M + i] = a[i * K + k];
    matmulAtB(out, at, b, M, K, N);
    for (let i = 0; i < M * N; i++) expect(out[i]).toBeCloseTo(expected[i], 4);
    // accumulate adds instead of overwriting
    matmulAtB(out, at, b, M, K, N, true);
    for (let i = 0; i < M * N; i++) expect(out[i]).toBeCloseTo(2 * expected[i], 3);
  });
});

describe('operations match central finite differences', () => {
  it('linear (matmul + bias)', () => {
    const [N, C, OC] = [5, 6, 7];
    const inp = randn(N * C);
    const weight = randn(OC * C);
    const bias = randn(OC);
    const out = new Float32Array(N * OC);
    const { w, loss } = projection(N * OC);
    const f = () => (linearForward(out, inp, weight, bias, N, C, OC), loss(out));
    const dinp = new Float32Array(N * C);
    const dweight = new Float32Array(OC * C);
    const dbias = new Float32Array(OC);
    f();
    linearBackward(dinp, dweight, dbias, w, inp, weight, N, C, OC);
    for (const [x, g] of [
      [inp, dinp],
      [weight, dweight],
      [bias, dbias],
    ]) {
      expect(gradCheck(f, x, g).maxRelativeError).toBeLessThan(TOLERANCE);
    }
  });

  it('layer norm', () => {
    const [N, C] = [4, 8];
    const inp = randn(N * C, 2);
    const weight = randn(C);
    const bias = randn(C);
    const out = new Float32Array(N * C);
    const mean = new Float32Array(N);
    const rstd = new Float32Array(N);
    const { w, loss } = projection(N * C);
    const f = () => (layernormForward(out, mean, rstd, inp, weight, bias, N, C), loss(out));
    f();
    const dinp = new Float32Array(N * C);
    const dweight = new Float32Array(C);
    const dbias = new Float32Array(C);
    layernormBackward(dinp, dweight, dbias, w, inp, weight, mean, rstd, N, C);
    for (const [x, g] of [
      [inp, dinp],
      [weight, dweight],
      [bias, dbias],
    ]) {
      expect(gradCheck(f, x, g).maxRelativeError).toBeLessThan(TOLERANCE);
    }
  });

  it('causal multi-head self-attention', () => {
    const [B, T, C, H] = [2, 5, 8, 2];
    const qkv = randn(B * T * 3 * C);
    const out = new Float32Array(B * T * C);
    const att = new Float32Array(B * H * T * T);
    const { w, loss } = projection(B * T * C);
    const f = () => (attentionForward(out, att, qkv, B, T, C, H), loss(out));
    f();
    const dqkv = new Float32Array(qkv.length);
    attentionBackward(dqkv, w, qkv, att, B, T, C, H);
    expect(gradCheck(f, qkv, dqkv).maxRelativeError).toBeLessThan(TOLERANCE);
  });

  it('attention is causal: a later position never changes an earlier output', () => {
    const [B, T, C, H] = [1, 6, 8, 2];
    const qkv = randn(B * T * 3 * C);
    const out1 = new Float32Array(T * C);
    const out2 = new Float32Array(T * C);
    const att = new Float32Array(H * T * T);
    attentionForward(out1, att, qkv, B, T, C, H);
    for (let i = 5 * 3 * C; i < 6 * 3 * C; i++) qkv[i] += 1; // perturb the last position
    attentionForward(out2, att, qkv, B, T, C, H);
    for (let i = 0; i < 5 * C; i++) expect(out2[i]).toBe(out1[i]);
    expect(out2[5 * C]).not.toBe(out1[5 * C]);
  });

  it('GELU (tanh approximation), with a fast tanh accurate to 1e-6', () => {
    for (let x = -12; x <= 12; x += 0.01)
      expect(Math.abs(fastTanh(x) - Math.tanh(x))).toBeLessThan(1e-6);
    const n = 40;
    const inp = randn(n, 2);
    const out = new Float32Array(n);
    const { w, loss } = projection(n);
    const f = () => (geluForward(out, inp, n), loss(out));
    f();
    const dinp = new Float32Array(n);
    geluBackward(dinp, inp, w, n);
    expect(gradCheck(f, inp, dinp).maxRelativeError).toBeLessThan(TOLERANCE);
    // GELU(0) = 0, GELU(x) ≈ x for large x
    geluForward(out, Float32Array.of(0, 6), 2);
    expect(out[0]).toBe(0);
    expect(out[1]).toBeCloseTo(6, 4);
  });

  it('embedding lookup (token + position)', () => {
    const [B, T, C, V] = [2, 3, 4, 5];
    const tokens = Int32Array.of(0, 4, 4, 2, 1, 0);
    const wte = randn(V * C);
    const wpe = randn(T * C);
    const out = new Float32Array(B * T * C);
    const { w, loss } = projection(B * T * C);
    const f = () => (encoderForward(out, tokens, wte, wpe, B, T, C), loss(out));
    f();
    const dwte = new Float32Array(V * C);
    const dwpe = new Float32Array(T * C);
    encoderBackward(dwte, dwpe, w, tokens, B, T, C);
    expect(gradCheck(f, wte, dwte).maxRelativeError).toBeLessThan(TOLERANCE);
    expect(gradCheck(f, wpe, dwpe).maxRelativeError).toBeLessThan(TOLERANCE);
    // token 3 never occurs: its embedding gets no gradient
    expect(Array.from(dwte.subarray(3 * C, 4 * C))).toEqual([0, 0, 0, 0]);
  });

  it('elementwise add and multiply', () => {
    const n = 12;
    const a = randn(n);
    const b = randn(n);
    const out = new Float32Array(n);
    const { w, loss } = projection(n);
    const fAdd = () => (addForward(out, a, b, n), loss(out));
    const fMul = () => (mulForward(out, a, b, n), loss(out));
    const da = new Float32Array(n);
    const db = new Float32Array(n);
    addBackward(da, db, w, n);
    expect(gradCheck(fAdd, a, da).maxRelativeError).toBeLessThan(TOLERANCE);
    expect(gradCheck(fAdd, b, db).maxRelativeError).toBeLessThan(TOLERANCE);
    da.fill(0);
    db.fill(0);
    mulBackward(da, db, w, a, b, n);
    expect(gradCheck(fMul, a, da).maxRelativeError).toBeLessThan(TOLERANCE);
    expect(gradCheck(fMul, b, db).maxRelativeError).toBeLessThan(TOLERANCE);
  });

  it('fused softmax + cross-entropy with an ignore index', () => {
    const [N, V] = [6, 7];
    const logits = randn(N * V, 3);
    const targets = Int32Array.of(1, -1, 6, 0, -1, 3);
    const dlogits = new Float32Array(N * V);
    const f = () => softmaxCrossEntropy(logits, targets, N, V).meanLoss;
    const { meanLoss, count } = softmaxCrossEntropy(logits, targets, N, V, dlogits);
    expect(count).toBe(4);
    expect(meanLoss).toBeGreaterThan(0);
    expect(gradCheck(f, logits, dlogits).maxRelativeError).toBeLessThan(TOLERANCE);
    // ignored rows get no gradient, and their logits do not change the loss
    expect(dlogits.subarray(V, 2 * V).every((x) => x === 0)).toBe(true);
    logits[V] += 100;
    expect(f()).toBeCloseTo(meanLoss, 6);
  });

  it('cross-entropy of uniform logits is ln V; huge logits stay finite', () => {
    const V = 512;
    expect(softmaxCrossEntropy(new Float32Array(V), [3], 1, V).meanLoss).toBeCloseTo(
      Math.log(V),
      5,
    );
    const big = new Float32Array(V);
    big[0] = 1e30;
    const { meanLoss } = softmaxCrossEntropy(big, [0], 1, V);
    expect(Number.isFinite(meanLoss)).toBe(true);
    expect(() => softmaxCrossEntropy(new Float32Array(V), [V], 1, V)).toThrow(/outside/);
  });
});
