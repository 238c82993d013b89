// matmulT's inner kernel in WebAssembly SIMD, assembled here byte by byte
// (no toolchain to install). V8 does not vectorise JavaScript; with f64x2
// lanes one instruction does two multiply-adds, and the expansions' products
// (methods/expansion.ts) run about 2× faster than matmul.ts's blocked loops.
//
// Lanes run along the output's columns, never along the sum: each entry is
// still acc = acc + a·b over the inner index in order, a multiply and an add
// each rounded (WebAssembly has no fused multiply-add here), so the bits are
// matmul.ts's. B comes transposed (inner × cols) so that two neighbouring
// columns load as one vector. In the text format, the kernel is:
//
//   (func $mm (param $a $bt $c $rows $cols $inner $r0 $r1 i32) ;; byte offsets, sizes, columns done
//     (local $i $r $q $pa0 $pa1 $pb $pc i32) (local $s00 $s01 $s10 $s11 $x0 $x1 $b0 $b1 v128)
//     for $i = 0; $i < $rows; $i += 2          ;; two rows of A
//       $pa0 = $a + 8·$i·$inner; $pa1 = $pa0 + 8·$inner
//       for $r = $r0; $r < $r1; $r += $step     ;; $step = 4 (mm4: 4 columns) or 2 (mm2)
//         $s.. = 0; $pb = $bt + 8·$r
//         for $q = 0; $q < $inner; $q++
//           $x0 = f64x2.splat(A[$i][$q]); $x1 = f64x2.splat(A[$i + 1][$q])
//           $b0 = v128.load($pb); $b1 = v128.load($pb + 16)           ;; Bt[$q][$r..$r+3]
//           $s00 += $x0·$b0; $s10 += $x1·$b0; $s01 += $x0·$b1; $s11 += $x1·$b1
//           $pb += 8·$cols
//         store $s00, $s01 at C[$i][$r..]; $s10, $s11 at C[$i + 1][$r..]
//
// mm2 is the same with the $b1 half left out, for a remaining pair of columns.

const I32 = 0x7f;
const V128 = 0x7b;

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}

const vec = (items: number[][]) => [...uleb(items.length), ...items.flat()];
const section = (id: number, bytes: number[]) => [id, ...uleb(bytes.length), ...bytes];
const name = (s: string) => [...uleb(s.length), ...[...s].map((c) => c.charCodeAt(0))];

// Instructions.
const get = (i: number) => [0x20, ...uleb(i)];
const set = (i: number) => [0x21, ...uleb(i)];
const i32 = (n: number) => [0x41, ...uleb(n)]; // 0..63 only: signed LEB128 agrees with unsigned below 64
const [ADD, MUL, SHL, EQZ, LT_U] = [[0x6a], [0x6c], [0x74], [0x45], [0x49]];
const simd = (op: number) => [0xfd, ...uleb(op)];
const F64_LOAD = [0x2b, 3, 0];
const v128Load = (offset: number) => [...simd(0), 4, ...uleb(offset)];
const v128Store = (offset: number) => [...simd(11), 4, ...uleb(offset)];
const [SPLAT, F_ADD, F_MUL] = [simd(20), simd(240), simd(242)];
const ZERO = [...simd(12), ...new Array(16).fill(0)];
const times8 = [...i32(3), ...SHL];
/** for (; local < limit; local += step) { body }, with the test first. */
const forLoop = (local: number, limit: number[], step: number, body: number[]) => [
  ...[0x02, 0x40, 0x03, 0x40],
  ...[...get(local), ...limit, ...LT_U, ...EQZ, 0x0d, 1],
  ...body,
  ...[...get(local), ...i32(step), ...ADD, ...set(local), 0x0c, 0, 0x0b, 0x0b],
];

// Params, then locals by index.
const [A, BT, C, ROWS, COLS, INNER, R0, R1] = [0, 1, 2, 3, 4, 5, 6, 7];
const [I, R, Q, PA0, PA1, PB, PC] = [8, 9, 10, 11, 12, 13, 14];
const [S00, S01, S10, S11, X0, X1, B0, B1] = [15, 16, 17, 18, 19, 20, 21, 22];

function kernel(step: 2 | 4): number[] {
  const wide = step === 4;
  const acc = (s: number, x: number, b: number) => [...get(s), ...get(x), ...get(b), ...F_MUL, ...F_ADD, ...set(s)];
  const load = (pa: number, x: number) => [...get(pa), ...get(Q), ...times8, ...ADD, ...F64_LOAD, ...SPLAT, ...set(x)];
  const inner = [
    ...load(PA0, X0),
    ...load(PA1, X1),
    ...get(PB),
    ...v128Load(0),
    ...set(B0),
    ...acc(S00, X0, B0),
    ...acc(S10, X1, B0),
    ...(wide ? [...get(PB), ...v128Load(16), ...set(B1), ...acc(S01, X0, B1), ...acc(S11, X1, B1)] : []),
    ...[...get(PB), ...get(COLS), ...times8, ...ADD, ...set(PB)],
  ];
  const store = (s: number, offset: number) => [...get(PC), ...get(s), ...v128Store(offset)];
  const column = [
    ...[S00, S01, S10, S11].flatMap((s) => [...ZERO, ...set(s)]),
    ...[...get(BT), ...get(R), ...times8, ...ADD, ...set(PB)],
    ...i32(0),
    ...set(Q),
    ...forLoop(Q, get(INNER), 1, inner),
    ...[...get(C), ...get(I), ...get(COLS), ...MUL, ...get(R), ...ADD, ...times8, ...ADD, ...set(PC)],
    ...store(S00, 0),
    ...(wide ? store(S01, 16) : []),
    ...[...get(PC), ...get(COLS), ...times8, ...ADD, ...set(PC)],
    ...store(S10, 0),
    ...(wide ? store(S11, 16) : []),
  ];
  const row = [
    ...[...get(A), ...get(I), ...get(INNER), ...MUL, ...times8, ...ADD, ...set(PA0)],
    ...[...get(PA0), ...get(INNER), ...times8, ...ADD, ...set(PA1)],
    ...get(R0),
    ...set(R),
    ...forLoop(R, get(R1), step, column),
  ];
  const body = [...i32(0), ...set(I), ...forLoop(I, get(ROWS), 2, row), 0x0b];
  const locals = vec([
    [7, I32],
    [8, V128],
  ]);
  return [...uleb(locals.length + body.length), ...locals, ...body];
}

/** The module: memory imported as env.mem; mm4 and mm2 exported, both (a, bt, c, rows, cols, inner, r0, r1) → (). */
export function matmulModule(): Uint8Array {
  const params = vec(new Array(8).fill([I32]));
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec([[0x60, ...params, 0x00]])),
    ...section(2, vec([[...name('env'), ...name('mem'), 0x02, 0x00, 0x01]])),
    ...section(3, vec([[0x00], [0x00]])),
    ...section(
      7,
      vec([
        [...name('mm4'), 0x00, 0x00],
        [...name('mm2'), 0x00, 0x01],
      ]),
    ),
    ...section(10, vec([kernel(4), kernel(2)])),
  ]);
}

type Kernel = (
  a: number,
  bt: number,
  c: number,
  rows: number,
  cols: number,
  inner: number,
  r0: number,
  r1: number,
) => void;

/** The part of the WebAssembly API used here (the project's type libraries have no DOM). */
interface Wasm {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: new (limits: { initial: number }) => { buffer: ArrayBuffer; grow(pages: number): number };
}
const wasm = (globalThis as unknown as { WebAssembly?: Wasm }).WebAssembly;

let compiled: object | null | undefined;

/**
 * A matmulT (same arguments, same bits) on this kernel, with its own memory:
 * one per thread. null where WebAssembly SIMD is not available. Whole pairs
 * of rows and columns go to the kernel; an odd last row or column is left to
 * `rest`, one entry's dot product, and products with a single row or column
 * (matrix-vector) to `small`.
 */
export function wasmMatmulT(
  rest: (A: Float64Array, B: Float64Array, C: Float64Array, i: number, r: number, inner: number) => number,
  small?: (A: Float64Array, B: Float64Array, C: Float64Array, rows: number, cols: number, inner: number) => void,
): ((A: Float64Array, B: Float64Array, C: Float64Array, rows: number, cols: number, inner: number) => void) | null {
  if (compiled === undefined)
    try {
      compiled = wasm ? new wasm.Module(matmulModule()) : null; // throws where SIMD is not supported
    } catch {
      compiled = null;
    }
  if (!wasm || !compiled) return null;
  const mem = new wasm.Memory({ initial: 1 });
  const exports = new wasm.Instance(compiled, { env: { mem } }).exports;
  const [mm4, mm2] = [exports.mm4 as Kernel, exports.mm2 as Kernel];
  let f = new Float64Array(mem.buffer);
  return (A, B, C, rows, cols, inner) => {
    const rows2 = rows & ~1;
    const cols2 = cols & ~1;
    const cols4 = cols & ~3;
    if (small && (rows2 === 0 || cols2 === 0)) return small(A, B, C, rows, cols, inner); // a single row or column
    const bt = rows * inner;
    const c = bt + inner * cols;
    const bytes = 8 * (c + rows * cols);
    if (bytes > mem.buffer.byteLength) {
      mem.grow(Math.ceil((bytes - mem.buffer.byteLength) / 65536));
      f = new Float64Array(mem.buffer);
    }
    f.set(A.subarray(0, bt));
    for (let r = 0; r < cols; r++) for (let q = 0, i = r * inner; q < inner; q++, i++) f[bt + q * cols + r] = B[i];
    if (cols4 > 0) mm4(0, 8 * bt, 8 * c, rows2, cols, inner, 0, cols4);
    if (cols2 > cols4) mm2(0, 8 * bt, 8 * c, rows2, cols, inner, cols4, cols2);
    for (let i = 0; i < rows2; i++) for (let r = 0; r < cols2; r++) C[i * cols + r] = f[c + i * cols + r];
    for (let i = 0; i < rows; i++)
      for (let r = i < rows2 ? cols2 : 0; r < cols; r++) C[i * cols + r] = rest(A, B, C, i, r, inner);
  };
}
