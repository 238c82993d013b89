// npm run bench:es: what one evolution-strategies candidate costs on the
// built-in digits (785-32-10, a batch of 100), against a dense forward pass
// of the same batch: rank 1 (the default: its share of the pairs' X·A, then
// Z + (X·A)·Bᵀ and the second layer), rank 0 (a Gaussian per weight, then a
// whole forward pass), and the base product X·W₀ every rank-r candidate of an
// iteration shares. Configurations are timed in repeats interleaved
// round-robin, each repeat a fresh iteration (fresh noise), median reported.

import { cpus } from 'node:os';
import { Batches } from '../src/methods/batches.ts';
import { evaluatePhase, makeEvaluator } from '../src/methods/evaluate.ts';
import { describeRun, type EvalSpec } from '../src/methods/run-spec.ts';
import { lossSum } from '../src/nn/loss.ts';
import { makeNet, makeScratch, paramCount, xavierParams } from '../src/nn/network.ts';
import { ce } from '../src/nn/output.ts';
import { stream } from '../src/util/rng.ts';
import { median, spread } from '../src/util/stats.ts';
import { parseScriptArgs, whole } from './script-args.ts';
import { thousandDigits } from './workloads.ts';

const a = await parseScriptArgs(
  'bench:es',
  'The cost of one ES candidate against a dense forward pass, on 785-32-10.',
  {
    repeats: { describe: 'timed repeats per configuration (median reported)', default: 15, read: whole(1) },
    candidates: { describe: 'candidates per timed iteration (an even number)', default: 200, read: whole(2) },
    batch: { describe: 'samples per batch', default: 100, read: whole(1) },
  },
);
const data = thousandDigits();
const net = makeNet([785, 32, 10]);
const params = xavierParams(net, stream('bench-es'));
const K = a.candidates - (a.candidates % 2);
const spec = (rank: number): EvalSpec => ({
  kind: 'es',
  seed: '1',
  h: 0,
  delta: 0,
  candidates: K,
  sigma: 0.03,
  rank,
  batch: a.batch,
  grad: 'naive',
});
const low = makeEvaluator(describeRun(net, ce, spec(1)), data);
const dense = makeEvaluator(describeRun(net, ce, spec(0)), data);
const batches = new Batches(data.n, a.batch, '1');
const results = new Float64Array(K + 1 + paramCount(net));
const scratch = makeScratch(net);

/** Microseconds per item of fn(t), over `items` items. */
function timed(items: number, fn: (t: number) => void): (t: number) => number {
  return (t) => {
    const t0 = performance.now();
    fn(t);
    return ((performance.now() - t0) * 1000) / items;
  };
}
const passes = 20;
const configs = [
  {
    name: 'dense forward pass of the batch',
    run: timed(passes, (t) => {
      for (let i = 0; i < passes; i++) lossSum(net, params, data, ce, scratch, batches.batch(t));
    }),
  },
  {
    name: 'base product X·W₀ (once per iteration)',
    run: timed(1, (t) => evaluatePhase(low, params, t, 0, 0, batches.batch(t).length, results)),
  },
  {
    name: 'rank-1 candidate',
    run: timed(K, (t) => {
      evaluatePhase(low, params, t, 0, 0, batches.batch(t).length, results);
      evaluatePhase(low, params, t, 1, 0, K, results);
    }),
  },
  {
    name: 'rank-0 (dense) candidate',
    run: timed(K / 10, (t) => evaluatePhase(dense, params, t, 0, 0, K / 10, results)),
  },
];
const times = configs.map(() => [] as number[]);
for (let t = 0; t < 3; t++) for (const c of configs) c.run(t); // warm the JIT
for (let r = 0; r < a.repeats; r++) for (const [i, c] of configs.entries()) times[i].push(c.run(100 + r));
// The rank-1 time above includes the base product once; each candidate's share of it is reported apart.
const [forward, base, rank1, rank0] = times.map((x) => median(x));
const share = base / K;
console.log(`machine: ${cpus()[0]?.model ?? 'unknown'}, Node ${process.version}; ${a.repeats} repeats, median`);
console.log(`digits 785-32-10, batch of ${a.batch}, ${K} candidates per iteration (${K / 2} pairs):`);
const row = (name: string, us: number, note = '') =>
  console.log(`  ${name.padEnd(44)} ${us.toFixed(1).padStart(8)} µs${note}`);
row(configs[0].name, forward, `  ±${(spread(times[0]) * 100).toFixed(0)}%`);
row(configs[1].name, base, `  ±${(spread(times[1]) * 100).toFixed(0)}%`);
row('rank-1 candidate, its own work', rank1 - share, `  = 1/${(forward / (rank1 - share)).toFixed(1)} of a dense pass`);
row('rank-1 candidate with its share of X·W₀', rank1, `  = 1/${(forward / rank1).toFixed(1)} of a dense pass`);
row(configs[3].name, rank0, `  = ${(rank0 / forward).toFixed(2)} dense passes`);
