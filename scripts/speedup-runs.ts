// npm run speedup:runs: the whole-run speedup of the heavy workloads, as a
// user times them: each `train` run whole, 1 thread then N in alternating
// pairs, with CPU time and the machine's ceiling in the same run (whole-runs.ts).

import { formatCeiling, parallelCeiling } from './ceiling.ts';
import { listOf, oneOf, parseScriptArgs, threadCount, whole } from './script-args.ts';
import { medianRange, pairedRuns } from './whole-runs.ts';

/** The heavy workloads: a fixed number of iterations each, no target, no clock. */
const WORKLOADS = {
  'mnist-es': ['--data', 'mnist', '--method', 'es', '--max-iters', '200'],
  'mnist-gradient': ['--data', 'mnist', '--hidden', '64,32', '--max-iters', '300'],
  spiral: ['--data', 'spiral', '--samples', '1000', '--hidden', '32,32', '--max-iters', '300'],
  'digits-es': ['--data', 'mnist', '--train-size', '1000', '--method', 'es', '--max-iters', '300'],
  pendulum: ['--task', 'pendulum', '--max-iters', '300', '--target-return', '1e9'],
} as const;
type Name = keyof typeof WORKLOADS;
const NAMES = Object.keys(WORKLOADS) as Name[];
const never = ['--target-loss', '0', '--target-accuracy', '0', '--max-seconds', '0', '--patience', '0'];

const a = await parseScriptArgs(
  'speedup:runs',
  'Whole-run speedup of the heavy workloads: 1 thread against N, in pairs.',
  {
    workloads: { describe: `comma-separated: ${NAMES.join(', ')}`, default: NAMES, read: listOf(oneOf(NAMES)) },
    threads: { describe: 'the thread count set against 1', default: 2, read: threadCount },
    pairs: { describe: 'pairs of runs per workload (1 thread, then N)', default: 5, read: whole(1) },
  },
);

console.log(formatCeiling(await parallelCeiling([a.threads])));
const rows: string[] = [];
for (const name of a.workloads) {
  const args = [...WORKLOADS[name], ...(name === 'pendulum' ? ['--max-seconds', '0'] : never)];
  const p = pairedRuns(args, a.threads, a.pairs, (k, q) =>
    console.log(
      `${name} pair ${k + 1}: 1 thread ${(q.one[k].wallMs / 1000).toFixed(2)} s, ${a.threads} threads ${(q.n[k].wallMs / 1000).toFixed(2)} s: ${q.speedup[k].toFixed(2)}×, CPU ${q.cpu[k].toFixed(2)}×`,
    ),
  );
  const wall = (xs: { wallMs: number }[]) => medianRange(xs.map((x) => x.wallMs / 1000));
  rows.push(
    `${name.padEnd(15)} ${wall(p.one).padEnd(20)} ${wall(p.n).padEnd(20)} ${medianRange(p.speedup).padEnd(18)} ${medianRange(p.cpu)}`,
  );
}
console.log(
  `\ntrain ${'<workload>'} at 1 thread and ${a.threads}, whole processes, medians of ${a.pairs} alternating pairs (range):`,
);
console.log(
  `${'workload'.padEnd(15)} ${'1 thread, s'.padEnd(20)} ${`${a.threads} threads, s`.padEnd(20)} ${'speedup'.padEnd(18)} CPU at ${a.threads} / at 1`,
);
for (const r of rows) console.log(r);
console.log(formatCeiling(await parallelCeiling([a.threads])));
