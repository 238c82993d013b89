// npm run speedup: seconds per iteration for each workload × method × strategy
// × thread count, measured on warmed pools, repeats interleaved round-robin
// so that every ratio compares runs made side by side.

import { availableParallelism, cpus } from 'node:os';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { createRunner } from '../src/parallel/create-runner.ts';
import { formatProfile, type Profile } from '../src/parallel/profile.ts';
import { type Runner, STRATEGIES, type Strategy } from '../src/parallel/runner.ts';
import { type Method, resolveOptions, type TrainOptions } from '../src/train/options.ts';
import { prepare } from '../src/train/prepare.ts';
import { train } from '../src/train/trainer.ts';
import { type Group, printGroup, type Row, summarise, writeResults } from './speedup-report.ts';
import { WORKLOADS, workload } from './workloads.ts';

const cores = availableParallelism();
const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
const a = yargs(hideBin(process.argv))
  .scriptName('speedup')
  .options({
    workloads: { type: 'string', default: WORKLOADS.join(','), describe: 'comma-separated: seed2class, spiral' },
    methods: { type: 'string', default: 'gradient,random', describe: 'comma-separated: gradient, random' },
    threads: {
      type: 'string',
      default: Array.from({ length: 2 * cores + 1 }, (_, i) => i).join(','),
      describe: 'thread counts to time',
    },
    strategies: { type: 'string', default: 'spin-main', describe: `comma-separated, or all: ${STRATEGIES.join(', ')}` },
    repeats: { type: 'number', default: 5, describe: 'timed repeats per configuration (median reported)' },
    'min-ms': { type: 'number', default: 200, describe: 'least duration of one repeat' },
    samples: { type: 'number', default: 1000, describe: 'spiral points' },
    grad: {
      choices: ['incremental', 'naive'] as const,
      default: 'incremental' as const,
      describe: 'gradient evaluations (naive: a forward pass per weight, as docs/speedup.md measured first)',
    },
    candidates: { type: 'number', default: 16, describe: 'random-update candidates per iteration' },
    profile: { type: 'boolean', default: false, describe: 'print where the time goes for each configuration' },
    'out-dir': { type: 'string', default: 'bench-results', describe: 'where the JSON and CSV go' },
  })
  .strict()
  .help()
  .version(false)
  .parseSync();

const strategies = (a.strategies === 'all' ? [...STRATEGIES] : list(a.strategies)) as Strategy[];
for (const s of strategies)
  if (!STRATEGIES.includes(s)) throw new Error(`--strategies ${s}: expected ${STRATEGIES.join(', ')} or all`);
const threadCounts = list(a.threads).map(Number);
const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores,
  node: process.version,
  platform: `${process.platform}-${process.arch}`,
};
console.log(
  `machine: ${machine.cpu}, ${cores} cores, Node ${machine.node}; ${a.repeats} repeats of >= ${a['min-ms']} ms each`,
);

interface Config {
  strategy: string;
  threads: number;
  runner: Runner;
  iters: number;
  times: number[];
  profile?: Profile;
}

async function measure(o: TrainOptions, c: Config): Promise<number> {
  const r = await train({ ...o, maxIters: c.iters, runner: c.runner });
  c.profile = r.profile;
  // Per evaluation round: a gradient run evaluates once more than it updates,
  // to know the loss of its final weights.
  return r.elapsedMs / r.profile.iterations;
}

const groups: Group[] = [];
for (const wname of list(a.workloads)) {
  const w = workload(wname, a.samples, '1');
  for (const method of list(a.methods) as Method[]) {
    const o: TrainOptions = {
      data: w.data,
      hidden: w.nodes.slice(1, -1),
      method,
      seed: '1',
      lr: 0.01,
      candidates: a.candidates,
      grad: a.grad,
      batch: 0,
      targetLoss: -Infinity,
      maxIters: 1,
      patience: 0,
      reportEvery: 2 ** 30,
      threads: 0,
    };
    const { run, data } = prepare(resolveOptions(o));
    const configs: Config[] = [];
    for (const threads of threadCounts) {
      for (const strategy of threads === 0 ? (['spin-main'] as Strategy[]) : strategies) {
        const runner = await createRunner({ run, data, threads, strategy });
        configs.push({ strategy: threads === 0 ? 'inline' : strategy, threads, runner, iters: 1, times: [] });
      }
    }
    // The default, measured like the rest: auto's choice and its adaptive switching included.
    const auto = await createRunner({ run, data, threads: 'auto' });
    configs.push({ strategy: 'auto', threads: auto.threads, runner: auto, iters: 1, times: [] });
    // Warm each configuration (JIT in every thread) with runs of doubling
    // length, then size its repeats to last about min-ms.
    for (const c of configs) {
      let msPerIter = await measure(o, c);
      while (msPerIter * c.iters < a['min-ms']) {
        c.iters *= 2;
        msPerIter = await measure(o, c);
      }
      c.iters = Math.max(1, Math.ceil(a['min-ms'] / msPerIter));
    }
    for (let r = 0; r < a.repeats; r++) for (const c of configs) c.times.push(await measure(o, c));
    // auto's pool joins during the run: its thread count is known only now.
    for (const c of configs) c.threads = c.runner.threads;
    await Promise.all(configs.map((c) => c.runner.close()));

    const label = method === 'gradient' ? `gradient (${a.grad})` : method;
    const rows: Row[] = configs.map((c) => ({
      workload: w.name,
      method: label,
      strategy: c.strategy,
      threads: c.threads,
      iters: c.iters,
      msPerIter: c.times,
    }));
    const group = summarise(w.name, label, rows, auto.choice?.why ?? '', auto.describe(), cores);
    groups.push(group);
    printGroup(group);
    if (a.profile) for (const c of configs) console.log(`${c.strategy} ${c.threads}: ${formatProfile(c.profile!)}`);
  }
}
const files = writeResults(a['out-dir'], machine, a, groups);
console.log(`\nraw runs: ${files.join(', ')}`);
