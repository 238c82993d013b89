// What this machine lets threads gain right now: a kernel with nothing
// shared, split evenly over n worker threads, timed against
// one thread, side by side. A virtual machine whose cores are busy elsewhere,
// or are two halves of one physical core, shows it here: no pool can beat this
// ratio, so the benchmarks print it beside their own speedups.

import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { median } from '../src/util/stats.ts';

// Plain CommonJS for an eval worker: each message is an amount of work; the reply comes when it is done.
// The work is the project's own kind: a sparse input times a layer's weights (784-64, in cache), one
// sample after another, each worker with its own arrays. (A chain of square roots, as this used to be,
// leaves a core's arithmetic units half idle and hides a sibling that shares them.)
const KERNEL = `
const { parentPort } = require('node:worker_threads');
const W = new Float64Array(785 * 64).map((_, i) => Math.sin(i));
const X = new Float64Array(785 * 64).map((_, i) => (i % 5 === 0 ? 0.5 : 0));
const z = new Float64Array(64);
function sample(s) {
  z.fill(0);
  for (let i = 0, at = s * 785; i < 785; i++) {
    const v = X[at + i];
    if (v === 0) continue;
    for (let j = 0, w = i * 64; j < 64; j++) z[j] += v * W[w + j];
  }
  return z[s & 63];
}
parentPort.on('message', (n) => {
  let s = 0;
  for (let i = 0; i < n; i++) s += sample(i & 63);
  parentPort.postMessage(s);
});`;

async function run(w: Worker, n: number): Promise<void> {
  const done = once(w, 'message'); // rejects should the worker fail
  w.postMessage(n);
  await done;
}

/** Seconds for `workers` to do `total` units of work between them, evenly. */
async function timeSplit(workers: Worker[], total: number): Promise<number> {
  const t0 = performance.now();
  await Promise.all(workers.map((w) => run(w, Math.round(total / workers.length))));
  return performance.now() - t0;
}

/**
 * Speedup of a perfectly parallel kernel on each thread count (1 is 1), the
 * one-thread run lasting about `ms`; medians of `repeats` runs, interleaved.
 */
export async function parallelCeiling(threadCounts: number[], ms = 200, repeats = 5): Promise<Map<number, number>> {
  const most = Math.max(1, ...threadCounts);
  const workers = Array.from({ length: most }, () => new Worker(KERNEL, { eval: true }));
  try {
    await timeSplit(workers, 2000 * most); // start and warm every worker
    let total = 2000;
    for (let t = await timeSplit(workers.slice(0, 1), total); t < ms; t = await timeSplit(workers.slice(0, 1), total))
      total *= 2;
    const counts = [...new Set([1, ...threadCounts.filter((n) => n >= 1)])];
    const times = new Map<number, number[]>(counts.map((n) => [n, []]));
    for (let r = 0; r < repeats; r++)
      for (const n of counts) times.get(n)?.push(await timeSplit(workers.slice(0, n), total));
    const one = median(times.get(1) ?? []);
    return new Map(counts.map((n) => [n, one / median(times.get(n) ?? [])]));
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** "machine ceiling: 2 threads 1.93×, 4 threads 3.80×" */
export function formatCeiling(ceiling: Map<number, number>): string {
  const parts = [...ceiling].filter(([n]) => n > 1).map(([n, x]) => `${n} threads ${x.toFixed(2)}×`);
  return `machine ceiling (a layer kernel with nothing shared, split evenly): ${parts.join(', ')}`;
}
