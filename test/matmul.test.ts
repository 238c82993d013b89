// matmulT against the textbook triple loop, on shapes that leave every
// remainder of its 4 × 2 blocks, and bit for bit: each entry must be the same
// ordered sum whatever block it falls in.
import { describe, expect, it } from 'vitest';
import { matmulT } from '../src/nn/matmul.ts';
import { stream } from '../src/util/rng.ts';

function textbook(A: Float64Array, B: Float64Array, rows: number, cols: number, inner: number): Float64Array {
  const C = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++)
    for (let r = 0; r < cols; r++) {
      let s = 0;
      for (let q = 0; q < inner; q++) s += A[i * inner + q] * B[r * inner + q];
      C[i * cols + r] = s;
    }
  return C;
}

describe('matmulT', () => {
  for (const [rows, cols, inner] of [
    [8, 4, 5],
    [7, 3, 6],
    [5, 1, 3],
    [1, 2, 1],
    [3, 5, 4],
  ]) {
    it(`equals the triple loop bit for bit for ${rows} × ${inner} times (${cols} × ${inner})ᵀ`, () => {
      const rng = stream('matmul', rows, cols, inner);
      const A = Float64Array.from({ length: rows * inner }, () => rng() - 0.5);
      const B = Float64Array.from({ length: cols * inner }, () => rng() - 0.5);
      const C = new Float64Array(rows * cols);
      matmulT(A, B, C, rows, cols, inner);
      expect([...C]).toEqual([...textbook(A, B, rows, cols, inner)]);
    });
  }
});
