// npm run bench:gradient: time per iteration of the three gradients, naive
// (a forward pass per weight), incremental (a cached base pass and direct
// differences) and backprop, on the built-in 3-6-1 set, on spiral 2-32-32-1
// and on 1,000 real digits with one, two and three hidden layers (784-32-10,
// 784-64-32-10, 784-128-64-32-10); threads 0 and 2 (or --threads).
// Each configuration is warmed, then timed in repeats interleaved round-robin
// with the others, so every ratio compares runs made side by side. Beside
// each median, the fastest repeat, and beside each ratio of medians the ratio
// of fastest repeats: on a shared machine whose speed drifts, they are the
// closest to the code's own cost.
//
// A naive iteration of 784-32-10 is ~25,000 forward passes over 1,000 images:
// minutes. There it is priced from a sample of its evaluations (every one is
// the same forward pass), which the table marks with "~".

import { availableParallelism, cpus } from 'node:os';
import { seed2class, spiral } from '../src/data/builtin.ts';
import type { Dataset } from '../src/data/dataset.ts';
import { evaluateRange, makeEvaluator } from '../src/methods/evaluate.ts';
import { createRunner } from '../src/parallel/create-runner.ts';
import type { Runner } from '../src/parallel/runner.ts';
import { BackpropRunner } from '../src/train/backprop-runner.ts';
import { resolveOptions } from '../src/train/options.ts';
import { type Prepared, prepare } from '../src/train/prepare.ts';
import { median, spread } from '../src/util/stats.ts';
import { formatCeiling, parallelCeiling } from './ceiling.ts';
import { Expected, listOf, or, parseScriptArgs, threadCount, whole } from './script-args.ts';
import { thousandDigits } from './workloads.ts';

const NAMES = [
  'seed2class 3-6-1 (50)',
  'spiral 2-32-32-1 (1000)',
  'digits 784-32-10 (1000)',
  'digits2 784-64-32-10 (1000)',
  'digits3 784-128-64-32-10 (1000)',
];
const SHORT = NAMES.map((n) => n.split(' ')[0]);
// A workload by its short name, or the start of one that fits no other (spir); none, or more than one (s), is refused.
const workloadName = (s: string) => {
  if (SHORT.includes(s)) return s;
  const fits = s === '' ? [] : SHORT.filter((n) => n.startsWith(s));
  if (fits.length === 1) return fits[0];
  throw new Expected(or(SHORT), s);
};
const args = await parseScriptArgs(
  'bench:gradient',
  'Time per iteration of the naive and incremental numerical gradients and of backprop, side by side.',
  {
    repeats: { describe: 'timed repeats per configuration (median reported)', default: 5, read: whole(1) },
    threads: {
      describe: 'thread counts to time, comma-separated (0: the main thread)',
      default: [0, 2],
      read: listOf(threadCount),
    },
    workloads: { describe: `comma-separated: ${SHORT.join(', ')}`, default: SHORT, read: listOf(workloadName) },
  },
);
const { repeats, threads: threadCounts, workloads: only } = args;

interface Workload {
  name: string;
  data: Dataset;
  hidden: number[];
  /** Time a naive iteration in full, or price it from this many of its evaluations. */
  naive: 'full' | number;
}

function workloads(): Workload[] {
  const images = thousandDigits();
  const all: Workload[] = [
    { name: NAMES[0], data: seed2class(), hidden: [6], naive: 'full' },
    { name: NAMES[1], data: spiral(1000, '1'), hidden: [32, 32], naive: 'full' },
    { name: NAMES[2], data: images, hidden: [32], naive: 200 },
    { name: NAMES[3], data: images, hidden: [64, 32], naive: 40 },
    { name: NAMES[4], data: images, hidden: [128, 64, 32], naive: 20 },
  ];
  return all.filter((_, i) => only.includes(SHORT[i]));
}

interface Config {
  label: string;
  runner: Runner;
  iters: number;
  ms: number[];
}

/** Mean time of `iters` iterations (the params change a little each time: no cache can hold them). */
async function timeIterations(runner: Runner, params: Float64Array, iters: number): Promise<number> {
  // One untimed iteration first: a pool idle while the other configurations ran has parked its
  // workers and let its caches go cold, which a training run, iterating back to back, never sees.
  runner.setParams(params);
  await runner.run(0);
  const t0 = performance.now();
  for (let t = 0; t < iters; t++) {
    params[0] += 1e-12;
    runner.setParams(params);
    await runner.run(t);
  }
  return (performance.now() - t0) / iters;
}

/** Warms a configuration (the JIT in every thread) and sizes its repeats to last about 100 ms. */
async function warm(c: Config, params: Float64Array): Promise<void> {
  let iters = 1;
  for (
    let ms = await timeIterations(c.runner, params, 1);
    ms * iters < 100;
    ms = await timeIterations(c.runner, params, iters)
  ) {
    iters *= 2;
  }
  c.iters = iters;
}

/** One naive evaluation's time, from `sample` evaluations spread over the job, times the job's size. */
function naiveFromSample(p: Prepared, sample: number): number {
  const run = { ...p.run, eval: { ...p.run.eval, grad: 'naive' as const } };
  const ev = makeEvaluator(run, p.data);
  const count = p.params.length + 1;
  const results = new Float64Array(count);
  const stride = Math.max(1, Math.floor(count / sample));
  evaluateRange(ev, p.params, 0, 0, 1, results); // JIT warm-up
  const t0 = performance.now();
  let n = 0;
  for (let e = 0; e < count; e += stride, n++) evaluateRange(ev, p.params, 0, e, e + 1, results);
  return ((performance.now() - t0) / n) * count;
}

const fmt = (ms: number) =>
  ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : ms >= 1 ? `${ms.toFixed(2)} ms` : `${(ms * 1000).toFixed(1)} µs`;

console.log(
  `${cpus()[0]?.model ?? 'cpu'}, ${availableParallelism()} cores, Node ${process.version}; median of ${repeats}`,
);
const poolCounts = threadCounts.filter((t) => t > 1);
if (poolCounts.length) console.log(formatCeiling(await parallelCeiling(poolCounts)));
for (const w of workloads()) {
  // Whole-set iterations: every method sees all the workload's samples.
  const base = resolveOptions({ data: w.data, hidden: w.hidden, seed: '1', init: 'rand', batch: 0 });
  const p = prepare(base);
  const params = p.params.map((x) => (x - 0.5) * 0.2); // a trained-like scale: saturated units would flatter nothing
  const configs: Config[] = [];
  for (const grad of ['naive', 'incremental'] as const) {
    if (grad === 'naive' && w.naive !== 'full') continue;
    for (const threads of threadCounts) {
      const run = { ...p.run, eval: { ...p.run.eval, grad } };
      configs.push({
        label: `${grad} ${threads}`,
        runner: await createRunner({ run, data: w.data, threads }),
        iters: 1,
        ms: [],
      });
    }
  }
  configs.push({ label: 'backprop 0', runner: new BackpropRunner(p.net, p.output, w.data, 0, '1'), iters: 1, ms: [] });
  for (const c of configs) await warm(c, params);
  for (let r = 0; r < repeats; r++) for (const c of configs) c.ms.push(await timeIterations(c.runner, params, c.iters));
  await Promise.all(configs.map((c) => c.runner.close()));
  const med = new Map(configs.map((c) => [c.label, median(c.ms)]));
  if (w.naive !== 'full') med.set('naive 0', naiveFromSample(p, w.naive));
  console.log(`\n${w.name}: ${p.params.length} weights`);
  for (const c of configs)
    console.log(
      `  ${c.label.padEnd(14)} ${fmt(median(c.ms)).padStart(10)}  ±${(100 * spread(c.ms)).toFixed(0)}%  (min ${fmt(Math.min(...c.ms))})`,
    );
  if (w.naive !== 'full')
    console.log(
      `  ${'naive 0'.padEnd(14)} ${`~${fmt(med.get('naive 0') as number)}`.padStart(10)}  (priced from ${w.naive} evaluations)`,
    );
  // Ratios of medians, and of fastest repeats (the code's own cost where the machine's speed drifts).
  const fastest = new Map(configs.map((c) => [c.label, Math.min(...c.ms)]));
  const ratio = (a: string, b: string) => ((med.get(a) as number) / (med.get(b) as number)).toFixed(2);
  const both = (a: string, b: string, unit = '') =>
    fastest.has(a) && fastest.has(b)
      ? `${ratio(a, b)}${unit} (fastest ${((fastest.get(a) as number) / (fastest.get(b) as number)).toFixed(2)}${unit})`
      : `${ratio(a, b)}${unit}`;
  console.log(
    `  naive/incremental ${ratio('naive 0', 'incremental 0')}, incremental/backprop ${both('incremental 0', 'backprop 0')}`,
  );
  for (const t of threadCounts.filter((t) => t > 1)) {
    const speedups = ['naive', 'incremental']
      .filter((g) => med.has(`${g} ${t}`))
      .map((g) => `${g} ${both(`${g} 0`, `${g} ${t}`, '×')}`);
    console.log(`  ${t} threads vs main thread: ${speedups.join(', ')} (backprop runs in the main thread only)`);
  }
}
// Again at the end: a shared machine's ceiling drifts while the benchmark runs.
if (poolCounts.length) console.log(`\n${formatCeiling(await parallelCeiling(poolCounts))}`);
