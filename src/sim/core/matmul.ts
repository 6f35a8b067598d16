/**
 * The three matrix products a transformer's forward and backward passes need, on flat
 * row-major Float32Arrays, so the backward pass never copies a transpose:
 *
 *   matmulABt  out[M,N] (+)= A[M,K] · B[N,K]ᵀ   (linear forward: x · Wᵀ, W stored [out, in])
 *   matmulAB   out[M,N] (+)= A[M,K] · B[K,N]    (input gradient: dY · W)
 *   matmulAtB  out[M,N] (+)= A[K,M]ᵀ · B[K,N]   (weight gradient: dYᵀ · X)
 *
 * Why register tiles: each kernel computes a 4×4 block of `out` in 16 local
 * accumulators with k innermost, so every value loaded from A and B is used four
 * times. In plain JavaScript this runs ~4× faster than the textbook triple loop (the
 * JIT keeps the accumulators in registers). Edges that are not a multiple of 4 fall
 * back to narrower loops. `accumulate` adds into `out` instead of overwriting it,
 * which gradient accumulation needs.
 */

/** out[M,N] (+)= A[M,K] · B[N,K]ᵀ — dot products of rows, contiguous in k for both. */
export function matmulABt(
  out: Float32Array,
  a: Float32Array,
  b: Float32Array,
  M: number,
  K: number,
  N: number,
  accumulate = false,
): void {
  const M4 = M - (M % 4);
  const N4 = N - (N % 4);
  for (let i = 0; i < M4; i += 4) {
    const a0 = i * K;
    const a1 = a0 + K;
    const a2 = a1 + K;
    const a3 = a2 + K;
    for (let j = 0; j < N4; j += 4) {
      const b0 = j * K;
      const b1 = b0 + K;
      const b2 = b1 + K;
      const b3 = b2 + K;
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
      let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
      let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      for (let k = 0; k < K; k++) {
        const x0 = a[a0 + k];
        const x1 = a[a1 + k];
        const x2 = a[a2 + k];
        const x3 = a[a3 + k];
        const y0 = b[b0 + k];
        const y1 = b[b1 + k];
        const y2 = b[b2 + k];
        const y3 = b[b3 + k];
        c00 += x0 * y0; c01 += x0 * y1; c02 += x0 * y2; c03 += x0 * y3;
        c10 += x1 * y0; c11 += x1 * y1; c12 += x1 * y2; c13 += x1 * y3;
        c20 += x2 * y0; c21 += x2 * y1; c22 += x2 * y2; c23 += x2 * y3;
        c30 += x3 * y0; c31 += x3 * y1; c32 += x3 * y2; c33 += x3 * y3;
      }
      const o0 = i * N + j;
      const o1 = o0 + N;
      const o2 = o1 + N;
      const o3 = o2 + N;
      if (accumulate) {
        out[o0] += c00; out[o0 + 1] += c01; out[o0 + 2] += c02; out[o0 + 3] += c03;
        out[o1] += c10; out[o1 + 1] += c11; out[o1 + 2] += c12; out[o1 + 3] += c13;
        out[o2] += c20; out[o2 + 1] += c21; out[o2 + 2] += c22; out[o2 + 3] += c23;
        out[o3] += c30; out[o3 + 1] += c31; out[o3 + 2] += c32; out[o3 + 3] += c33;
      } else {
        out[o0] = c00; out[o0 + 1] = c01; out[o0 + 2] = c02; out[o0 + 3] = c03;
        out[o1] = c10; out[o1 + 1] = c11; out[o1 + 2] = c12; out[o1 + 3] = c13;
        out[o2] = c20; out[o2 + 1] = c21; out[o2 + 2] = c22; out[o2 + 3] = c23;
        out[o3] = c30; out[o3 + 1] = c31; out[o3 + 2] = c32; out[o3 + 3] = c33;
      }
    }
  }
  // Ragged edges: the last rows (all columns) and the last columns (tiled rows).
  for (let i = 0; i < M; i++) {
    const jStart = i < M4 ? N4 : 0;
    const aRow = i * K;
    for (let j = jStart; j < N; j++) {
      const bRow = j * K;
      let sum = 0;
      for (let k = 0; k < K; k++) sum += a[aRow + k] * b[bRow + k];
      if (accumulate) out[i * N + j] += sum;
      else out[i * N + j] = sum;
    }
  }
}

/** out[M,N] (+)= A[M,K] · B[K,N] — 4 rows of A against 4 contiguous columns of B. */
export function matmulAB(
  out: Float32Array,
  a: Float32Array,
  b: Float32Array,
  M: number,
  K: number,
  N: number,
  accumulate = false,
): void {
  const M4 = M - (M % 4);
  const N4 = N - (N % 4);
  for (let i = 0; i < M4; i += 4) {
    const a0 = i * K;
    const a1 = a0 + K;
    const a2 = a1 + K;
    const a3 = a2 + K;
    for (let j = 0; j < N4; j += 4) {
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
      let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
      let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      let bk = j;
      for (let k = 0; k < K; k++, bk += N) {
        const x0 = a[a0 + k];
        const x1 = a[a1 + k];
        const x2 = a[a2 + k];
        const x3 = a[a3 + k];
        const y0 = b[bk];
        const y1 = b[bk + 1];
        const y2 = b[bk + 2];
        const y3 = b[bk + 3];
        c00 += x0 * y0; c01 += x0 * y1; c02 += x0 * y2; c03 += x0 * y3;
        c10 += x1 * y0; c11 += x1 * y1; c12 += x1 * y2; c13 += x1 * y3;
        c20 += x2 * y0; c21 += x2 * y1; c22 += x2 * y2; c23 += x2 * y3;
        c30 += x3 * y0; c31 += x3 * y1; c32 += x3 * y2; c33 += x3 * y3;
      }
      const o0 = i * N + j;
      const o1 = o0 + N;
      const o2 = o1 + N;
      const o3 = o2 + N;
      if (accumulate) {
        out[o0] += c00; out[o0 + 1] += c01; out[o0 + 2] += c02; out[o0 + 3] += c03;
        out[o1] += c10; out[o1 + 1] += c11; out[o1 + 2] += c12; out[o1 + 3] += c13;
        out[o2] += c20; out[o2 + 1] += c21; out[o2 + 2] += c22; out[o2 + 3] += c23;
        out[o3] += c30; out[o3 + 1] += c31; out[o3 + 2] += c32; out[o3 + 3] += c33;
      } else {
        out[o0] = c00; out[o0 + 1] = c01; out[o0 + 2] = c02; out[o0 + 3] = c03;
        out[o1] = c10; out[o1 + 1] = c11; out[o1 + 2] = c12; out[o1 + 3] = c13;
        out[o2] = c20; out[o2 + 1] = c21; out[o2 + 2] = c22; out[o2 + 3] = c23;
        out[o3] = c30; out[o3 + 1] = c31; out[o3 + 2] = c32; out[o3 + 3] = c33;
      }
    }
  }
  for (let i = 0; i < M; i++) {
    const jStart = i < M4 ? N4 : 0;
    const aRow = i * K;
    for (let j = jStart; j < N; j++) {
      let sum = 0;
      for (let k = 0; k < K; k++) sum += a[aRow + k] * b[k * N + j];
      if (accumulate) out[i * N + j] += sum;
      else out[i * N + j] = sum;
    }
  }
}

/** out[M,N] (+)= A[K,M]ᵀ · B[K,N] — both operands read contiguously along a row of k. */
export function matmulAtB(
  out: Float32Array,
  a: Float32Array,
  b: Float32Array,
  M: number,
  K: number,
  N: number,
  accumulate = false,
): void {
  const M4 = M - (M % 4);
  const N4 = N - (N % 4);
  for (let i = 0; i < M4; i += 4) {
    for (let j = 0; j < N4; j += 4) {
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
      let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
      let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      let ak = i;
      let bk = j;
      for (let k = 0; k < K; k++, ak += M, bk += N) {
        const x0 = a[ak];
        const x1 = a[ak + 1];
        const x2 = a[ak + 2];
        const x3 = a[ak + 3];
        const y0 = b[bk];
        const y1 = b[bk + 1];
        const y2 = b[bk + 2];
        const y3 = b[bk + 3];
        c00 += x0 * y0; c01 += x0 * y1; c02 += x0 * y2; c03 += x0 * y3;
        c10 += x1 * y0; c11 += x1 * y1; c12 += x1 * y2; c13 += x1 * y3;
        c20 += x2 * y0; c21 += x2 * y1; c22 += x2 * y2; c23 += x2 * y3;
        c30 += x3 * y0; c31 += x3 * y1; c32 += x3 * y2; c33 += x3 * y3;
      }
      const o0 = i * N + j;
      const o1 = o0 + N;
      const o2 = o1 + N;
      const o3 = o2 + N;
      if (accumulate) {
        out[o0] += c00; out[o0 + 1] += c01; out[o0 + 2] += c02; out[o0 + 3] += c03;
        out[o1] += c10; out[o1 + 1] += c11; out[o1 + 2] += c12; out[o1 + 3] += c13;
        out[o2] += c20; out[o2 + 1] += c21; out[o2 + 2] += c22; out[o2 + 3] += c23;
        out[o3] += c30; out[o3 + 1] += c31; out[o3 + 2] += c32; out[o3 + 3] += c33;
      } else {
        out[o0] = c00; out[o0 + 1] = c01; out[o0 + 2] = c02; out[o0 + 3] = c03;
        out[o1] = c10; out[o1 + 1] = c11; out[o1 + 2] = c12; out[o1 + 3] = c13;
        out[o2] = c20; out[o2 + 1] = c21; out[o2 + 2] = c22; out[o2 + 3] = c23;
        out[o3] = c30; out[o3 + 1] = c31; out[o3 + 2] = c32; out[o3 + 3] = c33;
      }
    }
  }
  for (let i = 0; i < M; i++) {
    const jStart = i < M4 ? N4 : 0;
    for (let j = jStart; j < N; j++) {
      let sum = 0;
      for (let k = 0; k < K; k++) sum += a[k * M + i] * b[k * N + j];
      if (accumulate) out[i * N + j] += sum;
      else out[i * N + j] = sum;
    }
  }
}

/** The textbook triple loop, out[M,N] = A[M,K] · B[K,N]: a reference for tests and the bench. */
export function matmulNaive(
  out: Float32Array,
  a: Float32Array,
  b: Float32Array,
  M: number,
  K: number,
  N: number,
): void {
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let sum = 0;
      for (let k = 0; k < K; k++) sum += a[i * K + k] * b[k * N + j];
      out[i * N + j] = sum;
    }
  }
}
