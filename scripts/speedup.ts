// npm run speedup: seconds per iteration for each workload × method × strategy
// × thread count, measured on warmed pools, repeats interleaved round-robin
// so that every ratio compares runs made side by side.

import { availableParallelism, cpus } from 'node:os';
import { GRAD_MODES, type GradMode } from '../src/methods/run-spec.ts';
import { createRunner } from '../src/parallel/create-runner.ts';
import { formatProfile, type Profile } from '../src/parallel/profile.ts';
import { type Runner, STRATEGIES, type Strategy } from '../src/parallel/runner.ts';
import { TASK_NAMES } from '../src/tasks/tasks.ts';
import { type Method, resolveOptions, type TrainOptions } from '../src/train/options.ts';
import { prepare } from '../src/train/prepare.ts';
import { openTask } from '../src/train/task-open.ts';
import { train } from '../src/train/trainer.ts';
import { formatCeiling, parallelCeiling } from './ceiling.ts';
import { type Profiled, phaseTable } from './phase-table.ts';
import { Expected, listOf, oneOf, parseScriptArgs, threadCount, whole } from './script-args.ts';
import { type Group, printGroup, type Row, summarise, writeResults } from './speedup-report.ts';
import { WORKLOADS, type Workload, workload } from './workloads.ts';

const isTask = (name: string) => (TASK_NAMES as readonly string[]).includes(name);

const cores = availableParallelism();
const METHODS = ['gradient', 'random', 'es'] as const;
/** Refused now rather than when the results are written, after the whole run. */
const folder = (s: string) => {
  if (s.trim() === '') throw new Expected('a folder', s);
  return s;
};
const a = await parseScriptArgs(
  'speedup',
  'Seconds per iteration for each workload, method, strategy and thread count, on warmed pools.',
  {
    workloads: {
      describe:
        'comma-separated: seed2class, spiral, digits (784-32-10 on 1,000 of the built-in digits), and the tasks cartpole, acrobot, pendulum (a policy, episodes for samples)',
      default: [...WORKLOADS, 'pendulum'],
      read: listOf(oneOf([...WORKLOADS, ...TASK_NAMES])),
    },
    methods: {
      describe: 'comma-separated: gradient, random, es (es with its defaults for the data: population, batch)',
      default: [...METHODS],
      read: listOf(oneOf(METHODS)),
    },
    threads: {
      describe: 'thread counts to time, comma-separated',
      default: Array.from({ length: 2 * cores + 1 }, (_, i) => i),
      read: listOf(threadCount),
    },
    strategies: {
      describe: `comma-separated, or all: ${STRATEGIES.join(', ')}`,
      default: ['spin-main'] as Strategy[],
      read: (s: string) => {
        const named = listOf(oneOf([...STRATEGIES, 'all'] as const))(s);
        return named.includes('all') ? [...STRATEGIES] : (named as Strategy[]);
      },
    },
    repeats: { describe: 'timed repeats per configuration (median reported)', default: 5, read: whole(1) },
    'min-ms': { describe: 'least duration of one repeat, in milliseconds', default: 200, read: whole(0) },
    samples: { describe: 'spiral points', default: 1000, read: whole(2) },
    grad: {
      describe:
        'gradient evaluations: incremental, or naive (a forward pass per weight, as docs/speedup.md measured first)',
      default: 'incremental' as GradMode,
      read: oneOf(GRAD_MODES),
    },
    candidates: { describe: 'random-update candidates per iteration', default: 16, read: whole(1) },
    profile: { describe: 'print where the time goes for each configuration', default: false },
    'out-dir': { describe: 'where the JSON and CSV go', default: 'bench-results', read: folder },
  },
);
const strategies = a.strategies;
const threadCounts = a.threads;
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
  /** The same repeats less the reports' time (mini-batch runs measure the evaluation set at each epoch's end). */
  iterationTimes: number[];
  profile?: Profile;
}

/**
 * auto before its choice is made and carried out (a pool started when it chose
 * one): its first iterations run in the main thread by design, a cost of the
 * run's start that bench:startup and whole runs show; the table is of the
 * iterations after it, as the fixed choices' are of warmed pools.
 */
function undecided(runner: Runner): boolean {
  if (runner.strategy !== 'auto') return false;
  return !runner.choice || (runner.choice.threads >= 2 && runner.threads < 2);
}

async function measure(o: TrainOptions, c: Config): Promise<number> {
  const r = await train({ ...o, maxIters: c.iters, runner: c.runner });
  c.profile = r.profile;
  // Per evaluation round: a gradient run evaluates once more than it updates,
  // to know the loss of its final weights.
  c.iterationTimes.push((r.elapsedMs - r.profile.reportMs) / r.profile.iterations);
  return r.elapsedMs / r.profile.iterations;
}

// What the machine lets threads gain right now, before and after: no pool can beat it.
const poolCounts = threadCounts.filter((n) => n >= 2);
if (poolCounts.length) console.log(formatCeiling(await parallelCeiling(poolCounts)));
const groups: Group[] = [];

/** A data workload's options and run, as train prepares them. */
async function dataRun(w: Workload, method: Method) {
  const es = method === 'es';
  const o: TrainOptions = {
    data: w.data,
    hidden: w.nodes.slice(1, -1),
    method,
    seed: '1',
    lr: es ? 'auto' : 0.01,
    candidates: es ? 'auto' : a.candidates,
    grad: a.grad,
    batch: es ? 'auto' : 0,
    targetLoss: -Infinity,
    maxIters: 1,
    patience: 0,
    reportEvery: 2 ** 30,
    threads: 0,
  };
  const { run, data, settings } = prepare(resolveOptions(o));
  const label =
    method === 'gradient'
      ? `gradient (${a.grad})`
      : es
        ? `es (${settings.candidates} candidates, batch ${settings.batch || 'all'})`
        : method;
  return { o, run, data, label };
}

/** A task workload: the task's own settings for the method, episodes its items; one held-out episode a run. */
async function taskRun(task: string, method: Method) {
  const o: TrainOptions = {
    task,
    method,
    seed: '1',
    maxIters: 1,
    reportEvery: 2 ** 30,
    targetReturn: 1e9,
    maxSeconds: 0,
    heldOut: 1,
    threads: 0,
  };
  const t = await openTask(resolveOptions(o), o);
  const label = `${method} (${t.results.points} points × ${t.s.episodes} episode${t.s.episodes === 1 ? '' : 's'})`;
  return { o, run: t.spec, data: t.data, label };
}
for (const wname of a.workloads) {
  const w = isTask(wname) ? undefined : workload(wname, a.samples, '1');
  for (const method of a.methods as readonly Method[]) {
    const { o, run, data, label } = w ? await dataRun(w, method) : await taskRun(wname, method);
    const configs: Config[] = [];
    for (const threads of threadCounts) {
      for (const strategy of threads === 0 ? (['spin-main'] as Strategy[]) : strategies) {
        const runner = await createRunner({ run, data, threads, strategy });
        configs.push({
          strategy: threads === 0 ? 'inline' : strategy,
          threads,
          runner,
          iters: 1,
          times: [],
          iterationTimes: [],
        });
      }
    }
    // The default, measured like the rest: auto's choice and its adaptive switching included.
    const auto = await createRunner({ run, data, threads: 'auto' });
    configs.push({ strategy: 'auto', threads: auto.threads, runner: auto, iters: 1, times: [], iterationTimes: [] });
    // Warm each configuration (JIT in every thread) with runs of doubling
    // length, then size its repeats to last about min-ms.
    for (const c of configs) {
      let msPerIter = await measure(o, c);
      while (msPerIter * c.iters < a['min-ms'] || undecided(c.runner)) {
        c.iters *= 2;
        msPerIter = await measure(o, c);
      }
      c.iters = Math.max(1, Math.ceil(a['min-ms'] / msPerIter));
    }
    for (const c of configs) c.iterationTimes = []; // the warm-up's are not repeats
    for (let r = 0; r < a.repeats; r++) for (const c of configs) c.times.push(await measure(o, c));
    // auto's pool joins during the run: its thread count is known only now.
    for (const c of configs) c.threads = c.runner.threads;
    await Promise.all(configs.map((c) => c.runner.close()));

    const name = w?.name ?? `${wname} (task)`;
    const rows: Row[] = configs.map((c) => ({
      workload: name,
      method: label,
      strategy: c.strategy,
      threads: c.threads,
      iters: c.iters,
      msPerIter: c.times,
    }));
    const group = summarise(name, label, rows, auto.choice?.why ?? '', auto.describe(), cores);
    groups.push(group);
    printGroup(group);
    // Mini-batch runs measure the evaluation set at each epoch's end, in the main thread: the same
    // table without that time, the iterations alone.
    if (w && run.eval.batch > 0) {
      const alone = rows.map((row, i) => ({ ...row, msPerIter: configs[i].iterationTimes }));
      const title = `${label}, iterations alone (epoch reports excluded)`;
      printGroup(summarise(name, title, alone, auto.choice?.why ?? '', auto.describe(), cores));
    }
    console.log(phaseTable(configs.filter((c) => c.strategy !== 'auto') as Profiled[]));
    if (a.profile) for (const c of configs) console.log(`${c.strategy} ${c.threads}: ${formatProfile(c.profile!)}`);
  }
}
if (poolCounts.length) console.log(`\n${formatCeiling(await parallelCeiling(poolCounts))}`);
const files = writeResults(a['out-dir'], machine, a, groups);
console.log(`\nraw runs: ${files.join(', ')}`);
