// Runs too large for this machine are refused before anything is allocated:
// a net of 10^10 weights would otherwise fail deep inside with "Invalid typed
// array length", or grow until the system kills the process, after the user
// has waited for the data to load. The estimates count the large arrays a run
// keeps (copies of the weights, the base pass, generated points); they are
// rough, but an order of magnitude is all a refusal needs.

import { availableParallelism, totalmem } from 'node:os';
import { baseCapacity, usesBasePass } from '../methods/evaluate.ts';
import { jobOf } from '../methods/jobs.ts';
import type { EvalSpec } from '../methods/run-spec.ts';
import { OptionError } from '../util/option-error.ts';

/** Weight-sized arrays in the coordinator: params, gradient, best, the runner's copy, results, scratch, checkpoint. */
const COORDINATOR_COPIES = 8;
/** Weight-sized arrays in each pool worker: its evaluator's copy and cost prefix, its warm-up's params and results. */
const WORKER_COPIES = 4;
/** A generated spiral point while it is built: a JS array of features and its label, then typed arrays. */
export const SPIRAL_POINT_BYTES = 200;
/** The share of the machine's memory a run may plan to use: the rest is the system's, Node's and the data's. */
const SHARE = 0.8;

/** The bytes a run may plan for: a share of the machine's memory, or of a container's limit where one is set. */
export function memoryBudget(): number {
  const limit = process.constrainedMemory?.() ?? 0;
  const total = totalmem();
  return SHARE * (limit > 0 && limit < total ? limit : total);
}

/** Pool workers a run may start: `threads` itself, or the cores for auto. */
function workers(threads: number | 'auto'): number {
  return threads === 'auto' ? availableParallelism() : threads;
}

/**
 * The large arrays of a run of this net: the weights' copies (and those its
 * kind keeps besides, methods/*-job.ts) and, for incremental gradients, the
 * base pass and each thread's expansion memory.
 */
export function runBytes(nodes: readonly number[], spec: EvalSpec, samples: number, threads: number | 'auto'): number {
  let weights = 0;
  for (let l = 0; l + 1 < nodes.length; l++) weights += nodes[l] * nodes[l + 1];
  const copies =
    COORDINATOR_COPIES + WORKER_COPIES * workers(threads) + (jobOf(spec).copies?.(spec, workers(threads)) ?? 0);
  const expansions = usesBasePass(spec) ? (1 + workers(threads)) * expansionBytes(nodes) : 0;
  return 8 * weights * copies + baseBytes(nodes, spec, samples) + expansions;
}

/**
 * One thread's working memory for deep nets' expansions (expansion.ts, an
 * upper bound): each expanded layer's weight powers (4 copies) and scaled
 * next weights (3), the later weights' transposes, the units' changes at two
 * layers in three orders, and the SIMD kernel's copy of a product's operands.
 */
export function expansionBytes(nodes: readonly number[]): number {
  const L = nodes.length - 1;
  if (L < 3) return 0;
  let doubles = 0;
  for (let m = 1; m <= L - 2; m++) doubles += 4 * nodes[m] * nodes[m + 1] + 3 * nodes[m + 1] * nodes[m + 2];
  for (let k = 2; k < L; k++) doubles += nodes[k] * nodes[k + 1];
  const rows = Math.max(...nodes.slice(1, L - 1));
  const cols = Math.max(...nodes.slice(3));
  const inner = Math.max(...nodes.slice(2, L));
  doubles += 6 * rows * cols + rows * inner + inner * cols + rows * cols;
  return 8 * doubles;
}

/**
 * The base a run's kind allocates for a batch (methods/*-job.ts): incremental
 * gradients' base pass (base-buffers.ts), low-rank ES's first layer; 0 for none.
 */
export function baseBytes(nodes: readonly number[], spec: EvalSpec, samples: number): number {
  return jobOf(spec).baseBytes?.(nodes, spec, baseCapacity(spec, samples)) ?? 0;
}

/**
 * 1234567 as "1,234,567". Not toLocaleString: its first call loads ICU's
 * locale data, about 30 ms of every start-up for a message rarely shown.
 */
export function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Bytes for people: 1.2 GB, 340 MB. */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'kB', 'MB', 'GB', 'TB', 'PB'];
  let i = 0;
  while (bytes >= 1000 && i < units.length - 1) {
    bytes /= 1000;
    i++;
  }
  return `${i === 0 ? bytes : bytes.toPrecision(3)} ${units[i]}`;
}

/**
 * Throws an OptionError naming `option` when `bytes` would not fit in memory:
 * `what` says what they are for, `expected` what would fit.
 */
export function checkFits(
  option: string,
  value: unknown,
  bytes: number,
  what: string,
  expected: string,
  budget = memoryBudget(),
): void {
  if (bytes <= budget) return;
  const need = `would need about ${formatBytes(bytes)}, more than the ${formatBytes(budget)} this machine can give`;
  throw new OptionError(option, value, `${what} ${need}; expected ${expected}`);
}
