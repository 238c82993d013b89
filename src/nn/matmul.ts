// C = A·Bᵀ for row-major matrices whose rows share the inner dimension, as
// the shared downstream expansions need them (methods/expansion.ts). Plain
// dot products run at about 1 ns per multiply-add in V8; working on 4 rows of
// A against 2 rows of B at once loads 6 values for 8 products and keeps the 8
// sums in registers: 2–3× faster. Each entry is still one sum over the inner
// index in order, so its bits do not depend on the blocking.

import { wasmMatmulT } from './matmul-wasm.ts';

export type MatmulT = (
  A: Float64Array,
  B: Float64Array,
  C: Float64Array,
  rows: number,
  cols: number,
  inner: number,
) => void;

/**
 * The fastest matmulT here, for one thread (it keeps its own memory): the
 * WebAssembly SIMD kernel of matmul-wasm.ts where the runtime has it, else
 * this file's. Both give every entry the same bits.
 */
export function createMatmulT(): MatmulT {
  return wasmMatmulT(entry, matmulT) ?? matmulT;
}

/** Σ_q A[i·inner + q]·B[r·inner + q], in order: one entry of C. */
export function entry(A: Float64Array, B: Float64Array, _C: Float64Array, i: number, r: number, inner: number): number {
  return dot(A, i * inner, B, r * inner, inner);
}

/**
 * C[i·cols + r] = Σ_q A[i·inner + q]·B[r·inner + q] for i < rows, r < cols
 * (B holds the cols rows of Bᵀ).
 */
export function matmulT(
  A: Float64Array,
  B: Float64Array,
  C: Float64Array,
  rows: number,
  cols: number,
  inner: number,
): void {
  const rows4 = rows & ~3;
  const cols2 = cols & ~1;
  for (let i = 0; i < rows4; i += 4) {
    const a0 = i * inner;
    const a1 = a0 + inner;
    const a2 = a1 + inner;
    const a3 = a2 + inner;
    for (let r = 0; r < cols2; r += 2) {
      const b0 = r * inner;
      const b1 = b0 + inner;
      let s00 = 0;
      let s01 = 0;
      let s10 = 0;
      let s11 = 0;
      let s20 = 0;
      let s21 = 0;
      let s30 = 0;
      let s31 = 0;
      for (let q = 0; q < inner; q++) {
        const c0 = B[b0 + q];
        const c1 = B[b1 + q];
        let x = A[a0 + q];
        s00 += x * c0;
        s01 += x * c1;
        x = A[a1 + q];
        s10 += x * c0;
        s11 += x * c1;
        x = A[a2 + q];
        s20 += x * c0;
        s21 += x * c1;
        x = A[a3 + q];
        s30 += x * c0;
        s31 += x * c1;
      }
      const o = i * cols + r;
      C[o] = s00;
      C[o + 1] = s01;
      C[o + cols] = s10;
      C[o + cols + 1] = s11;
      C[o + 2 * cols] = s20;
      C[o + 2 * cols + 1] = s21;
      C[o + 3 * cols] = s30;
      C[o + 3 * cols + 1] = s31;
    }
    if (cols2 < cols) {
      // The odd column (all of a matrix-vector product): 4 rows against it at once.
      const b0 = cols2 * inner;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let q = 0; q < inner; q++) {
        const c = B[b0 + q];
        s0 += A[a0 + q] * c;
        s1 += A[a1 + q] * c;
        s2 += A[a2 + q] * c;
        s3 += A[a3 + q] * c;
      }
      const o = i * cols + cols2;
      C[o] = s0;
      C[o + cols] = s1;
      C[o + 2 * cols] = s2;
      C[o + 3 * cols] = s3;
    }
  }
  for (let i = rows4; i < rows; i++)
    for (let r = 0; r < cols; r++) C[i * cols + r] = dot(A, i * inner, B, r * inner, inner);
}

function dot(A: Float64Array, a: number, B: Float64Array, b: number, n: number): number {
  let s = 0;
  for (let q = 0; q < n; q++) s += A[a + q] * B[b + q];
  return s;
}
