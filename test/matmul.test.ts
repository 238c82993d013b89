// matmulT against the textbook triple loop, on shapes that leave every
// remainder of its 4 × 2 blocks, and bit for bit: each entry must be the same
// ordered sum whatever block it falls in. The same for the WebAssembly SIMD
// kernel (matmul-wasm.ts), whose pairs of rows and columns leave remainders
// of their own.
import { describe, expect, it } from 'vitest';
import { createMatmulT, entry, matmulT } from '../src/nn/matmul.ts';
import { wasmMatmulT } from '../src/nn/matmul-wasm.ts';
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

const shapes = [
  [8, 4, 5],
  [7, 3, 6],
  [5, 1, 3],
  [1, 2, 1],
  [3, 5, 4],
  [6, 10, 7],
  [65, 33, 17],
];

function operands(rows: number, cols: number, inner: number) {
  const rng = stream('matmul', rows, cols, inner);
  const A = Float64Array.from({ length: rows * inner }, () => rng() - 0.5);
  const B = Float64Array.from({ length: cols * inner }, () => rng() - 0.5);
  return { A, B, C: new Float64Array(rows * cols) };
}

describe('matmulT', () => {
  for (const [rows, cols, inner] of shapes) {
    it(`equals the triple loop bit for bit for ${rows} × ${inner} times (${cols} × ${inner})ᵀ`, () => {
      const { A, B, C } = operands(rows, cols, inner);
      matmulT(A, B, C, rows, cols, inner);
      expect([...C]).toEqual([...textbook(A, B, rows, cols, inner)]);
    });
  }
});

describe('the WebAssembly SIMD kernel', () => {
  const kernel = wasmMatmulT(entry);

  it('is what createMatmulT gives where the runtime has SIMD, as Node 20 and later do', () => {
    expect(kernel).not.toBeNull();
    expect(createMatmulT()).not.toBe(matmulT);
  });

  for (const [rows, cols, inner] of shapes) {
    it(`equals the triple loop bit for bit for ${rows} × ${inner} times (${cols} × ${inner})ᵀ`, () => {
      const { A, B, C } = operands(rows, cols, inner);
      kernel?.(A, B, C, rows, cols, inner);
      expect([...C]).toEqual([...textbook(A, B, rows, cols, inner)]);
    });
  }

  for (const [rows, cols, inner] of shapes) {
    it(`gives the triple loop's bits through createMatmulT, as the expansions call it, for ${rows} × ${cols} × ${inner}`, () => {
      const { A, B, C } = operands(rows, cols, inner);
      createMatmulT()(A, B, C, rows, cols, inner);
      expect([...C]).toEqual([...textbook(A, B, rows, cols, inner)]);
    });
  }

  it('grows its memory for larger operands and still gives the same bits', () => {
    const run = wasmMatmulT(entry);
    for (const [rows, cols, inner] of [
      [4, 4, 4],
      [200, 40, 300],
    ]) {
      const { A, B, C } = operands(rows, cols, inner);
      run?.(A, B, C, rows, cols, inner);
      expect([...C]).toEqual([...textbook(A, B, rows, cols, inner)]);
    }
  });
});
