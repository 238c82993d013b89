// Which input storage computes faster: the first layer's dot products over
// Float32Array or Float64Array inputs (the loop of forwardLogits, 785 inputs
// into 32 hidden units per sample), on the 10,000 built-in digits. Float32
// halves the memory; this says what it costs or saves in time.
//
// `node scripts/run.mjs input-bench [samples]` (default 10000; the digits repeat past that).

import { builtinDigits } from '../src/data/mnist.ts';
import { median } from '../src/util/stats.ts';
import { parseScriptArgs, whole } from './script-args.ts';

const HIDDEN = 32;
const REPEATS = 5;

// Three copies of one loop, so that each keeps the array type it is called with:
// V8 specialises a function to the element kinds it has seen.
function layer32(inputs: Float32Array, w: Float64Array, n: number, inDim: number, next: Float64Array): number {
  let check = 0;
  for (let s = 0; s < n; s++) {
    next.fill(0);
    const base = s * inDim;
    for (let i = 0; i < inDim; i++) {
      const a = inputs[base + i];
      const row = i * HIDDEN;
      for (let j = 0; j < HIDDEN; j++) next[j] += a * w[row + j];
    }
    check += next[s % HIDDEN];
  }
  return check;
}

function layer64(inputs: Float64Array, w: Float64Array, n: number, inDim: number, next: Float64Array): number {
  let check = 0;
  for (let s = 0; s < n; s++) {
    next.fill(0);
    const base = s * inDim;
    for (let i = 0; i < inDim; i++) {
      const a = inputs[base + i];
      const row = i * HIDDEN;
      for (let j = 0; j < HIDDEN; j++) next[j] += a * w[row + j];
    }
    check += next[s % HIDDEN];
  }
  return check;
}

/** The same loop fed both types, as forwardLogits would be if data sets of both kinds ran in one process. */
function layerMixed(
  inputs: Float32Array | Float64Array,
  w: Float64Array,
  n: number,
  inDim: number,
  next: Float64Array,
) {
  let check = 0;
  for (let s = 0; s < n; s++) {
    next.fill(0);
    const base = s * inDim;
    for (let i = 0; i < inDim; i++) {
      const a = inputs[base + i];
      const row = i * HIDDEN;
      for (let j = 0; j < HIDDEN; j++) next[j] += a * w[row + j];
    }
    check += next[s % HIDDEN];
  }
  return check;
}

const { samples: n } = await parseScriptArgs(
  'bench:inputs',
  "The first layer's dot products over Float32Array against Float64Array inputs, on the built-in digits.",
  {
    samples: { describe: 'samples (the digits repeat past 10,000)', default: 10_000, read: whole(1), positional: true },
  },
);
const digits = builtinDigits();
const pixels = digits.rows * digits.cols;
const inDim = pixels + 1;
const in32 = new Float32Array(n * inDim);
for (let s = 0; s < n; s++) {
  const from = (s % digits.count) * pixels;
  for (let p = 0; p < pixels; p++) in32[s * inDim + p] = digits.images[from + p] / 255;
  in32[s * inDim + pixels] = 1;
}
const in64 = Float64Array.from(in32); // the same values, widened
const w = Float64Array.from({ length: inDim * HIDDEN }, (_, k) => ((k * 7919) % 1000) / 1000 - 0.5);
const next = new Float64Array(HIDDEN);

const runs: Record<string, () => number> = {
  float32: () => layer32(in32, w, n, inDim, next),
  float64: () => layer64(in64, w, n, inDim, next),
  'mixed, float32': () => layerMixed(in32, w, n, inDim, next),
  'mixed, float64': () => layerMixed(in64, w, n, inDim, next),
};
// Wall time and this process's CPU time: on a busy machine the wall time also counts the waits
// for a core, while the CPU time counts only the computing (cache contention aside).
const times: Record<string, number[]> = Object.fromEntries(Object.keys(runs).map((name) => [name, []]));
const cpu: Record<string, number[]> = Object.fromEntries(Object.keys(runs).map((name) => [name, []]));
const checks: Record<string, number> = {};
for (const [name, run] of Object.entries(runs)) checks[name] = run(); // warm-up: every loop optimised first
for (let r = 0; r < REPEATS; r++) {
  // Round-robin, so that a busy machine slows every variant alike.
  for (const [name, run] of Object.entries(runs)) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    run();
    const c = process.cpuUsage(c0);
    times[name].push(performance.now() - t0);
    cpu[name].push((c.user + c.system) / 1000);
  }
}
if (new Set(Object.values(checks)).size !== 1) console.log('checksums differ:', checks);
console.log(`${n} samples × ${inDim} inputs × ${HIDDEN} hidden, median of ${REPEATS} (Node ${process.version})`);
const base = median(times.float64);
const cpuBase = median(cpu.float64);
for (const [name, t] of Object.entries(times)) {
  const m = median(t);
  const c = median(cpu[name]);
  const ratios = `${(m / base).toFixed(3)} × float64 wall, ${(c / cpuBase).toFixed(3)} × cpu`;
  console.log(
    `  ${name.padEnd(15)} wall ${m.toFixed(1).padStart(7)} ms, cpu ${c.toFixed(1).padStart(7)} ms   ${ratios}`,
  );
}
