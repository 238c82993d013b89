// npm run speedup:tasks: the whole-process speedup of training on a task, as a
// user sees it: `train --task T` run from start to exit at 1 thread and at N,
// alternating pairs with each process's CPU time (whole-runs.ts). The run is a
// fixed amount of work (--max-iters, no target, no clock), the same weights at
// any thread count.

import { TASK_NAMES } from '../src/tasks/tasks.ts';
import { median } from '../src/util/stats.ts';
import { formatCeiling, parallelCeiling } from './ceiling.ts';
import { oneOf, parseScriptArgs, threadCount, whole } from './script-args.ts';
import { medianSpread, pairedRuns } from './whole-runs.ts';

const a = await parseScriptArgs(
  'speedup:tasks',
  'Whole-process speedup of train --task: 1 thread against N, in pairs.',
  {
    task: { describe: 'the task', default: 'pendulum', read: oneOf(TASK_NAMES) },
    threads: { describe: 'the thread count set against 1', default: 2, read: threadCount },
    pairs: { describe: 'pairs of runs (1 thread, then N)', default: 5, read: whole(1) },
    iters: { describe: 'iterations of each run', default: 1000, read: whole(1) },
    method: {
      describe: 'es, random, spsa or gradient',
      default: 'es',
      read: oneOf(['es', 'random', 'spsa', 'gradient'] as const),
    },
  },
);

// What the machine lets threads gain right now, before and after: no run can beat it.
console.log(formatCeiling(await parallelCeiling([a.threads])));
const what = `train --task ${a.task} --method ${a.method} --max-iters ${a.iters}`;
console.log(`${what}: ${a.pairs} pairs of whole processes, 1 thread then ${a.threads}`);
const args = ['--task', a.task, '--method', a.method, '--max-iters', String(a.iters)];
const p = pairedRuns([...args, '--target-return', '1e9', '--max-seconds', '0'], a.threads, a.pairs, (k, q) => {
  const [one, n] = [q.one[k], q.n[k]];
  const s = (ms: number) => (ms / 1000).toFixed(2);
  console.log(
    `pair ${k + 1}: 1 thread ${s(one.wallMs)} s (CPU ${s(one.cpuMs)} s), ${a.threads} threads ${s(n.wallMs)} s (CPU ${s(n.cpuMs)} s): ${q.speedup[k].toFixed(2)}×`,
  );
});
const secs = (xs: { wallMs: number }[]) => medianSpread(xs.map((x) => x.wallMs / 1000));
console.log(`wall, 1 thread: ${secs(p.one)} s; ${a.threads} threads: ${secs(p.n)} s`);
console.log(
  `speedup (median of the pairs' ratios): ${medianSpread(p.speedup)}×; efficiency ${(median(p.speedup) / a.threads).toFixed(2)}`,
);
console.log(`CPU time at ${a.threads} threads / at 1: ${medianSpread(p.cpu)}`);
console.log(`held-out return of every run: ${p.one[0].result}`);
console.log(formatCeiling(await parallelCeiling([a.threads])));
