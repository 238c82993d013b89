// npm run speedup:tasks: the whole-process speedup of training on a task, as a
// user sees it: `train --task T` run from start to exit at 1 thread and at N,
// alternating (a pair at a time, so that a drift of the machine's speed falls
// on both), with each process's CPU time, all threads together. The run is a
// fixed amount of work (--max-iters, no target, no clock), the same weights at
// any thread count.

import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TASK_NAMES } from '../src/tasks/tasks.ts';
import { median, spread } from '../src/util/stats.ts';
import { formatCeiling, parallelCeiling } from './ceiling.ts';
import { oneOf, parseScriptArgs, threadCount, whole } from './script-args.ts';

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
const out = join(mkdtempSync(join(tmpdir(), 'speedup-tasks-')), 'policy.json');
const trainJs = new URL('../dist/train.js', import.meta.url).pathname;
const hook = new URL('../scripts/cpu-at-exit.mjs', import.meta.url).href;

/** One whole process: wall and CPU milliseconds, and its held-out return (the same at any thread count). */
function run(threads: number) {
  const args = ['--import', hook, trainJs, '--task', a.task, '--method', a.method, '--threads', String(threads)];
  args.push('--max-iters', String(a.iters), '--target-return', '1e9', '--max-seconds', '0', '--quiet', '--out', out);
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
  const wallMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`train exited ${r.status}: ${r.stderr}`);
  const cpuMs = Number(/cpu-ms ([\d.]+)/.exec(r.stderr)?.[1]);
  const heldOut = /held-out: +(\S+)/.exec(r.stdout)?.[1];
  return { wallMs, cpuMs, heldOut };
}

console.log(
  `train --task ${a.task} --method ${a.method} --max-iters ${a.iters}: ${a.pairs} pairs of whole processes, 1 thread then ${a.threads}`,
);
const pairs = [];
for (let p = 0; p < a.pairs; p++) {
  const one = run(1);
  const n = run(a.threads);
  if (one.heldOut !== n.heldOut) throw new Error(`held-out ${one.heldOut} at 1 thread, ${n.heldOut} at ${a.threads}`);
  pairs.push({ one, n });
  console.log(
    `pair ${p + 1}: 1 thread ${(one.wallMs / 1000).toFixed(2)} s (CPU ${(one.cpuMs / 1000).toFixed(2)} s), ${a.threads} threads ${(n.wallMs / 1000).toFixed(2)} s (CPU ${(n.cpuMs / 1000).toFixed(2)} s): ${(one.wallMs / n.wallMs).toFixed(2)}×`,
  );
}
const ratio = pairs.map((x) => x.one.wallMs / x.n.wallMs);
const cpu = pairs.map((x) => x.n.cpuMs / x.one.cpuMs);
const fmt = (v: number[]) => `${median(v).toFixed(2)} (spread ${(100 * spread(v)).toFixed(1)}%)`;
console.log(
  `wall, 1 thread: ${fmt(pairs.map((x) => x.one.wallMs / 1000))} s; ${a.threads} threads: ${fmt(pairs.map((x) => x.n.wallMs / 1000))} s`,
);
console.log(
  `speedup (median of the pairs' ratios): ${fmt(ratio)}×; efficiency ${(median(ratio) / a.threads).toFixed(2)}`,
);
console.log(`CPU time at ${a.threads} threads / at 1: ${fmt(cpu)}`);
console.log(`held-out return of every run: ${pairs[0].one.heldOut}`);
console.log(formatCeiling(await parallelCeiling([a.threads])));
