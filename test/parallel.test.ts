// One pool per (method, strategy, threads) for the whole file, each checked
// against the main thread: results must be the same bits however the work is
// split. Every hidden activation, both losses and both finite differences
// also run on a real pool, since each worker builds its own evaluator from the
// run's description.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spiral } from '../src/data/builtin.ts';
import type { Dataset } from '../src/data/dataset.ts';
import { makeDataset } from '../src/data/dataset.ts';
import { makeCandidate } from '../src/methods/candidates.ts';
import { ALL_PARTS, EVAL_PART, setPart } from '../src/methods/report-phase.ts';
import { lossSum, meanLoss } from '../src/nn/loss.ts';
import { score } from '../src/nn/metrics.ts';
import { makeScratch } from '../src/nn/network.ts';
import { createRunner } from '../src/parallel/create-runner.ts';
import type { Runner, Strategy } from '../src/parallel/runner.ts';
import type { TrainOptions } from '../src/train/options.ts';
import { train } from '../src/train/trainer.ts';
import { bytes, prepared, seedRun } from './helpers.ts';

const gradient = seedRun({ method: 'gradient', maxIters: 300, targetLoss: -Infinity });
const random = seedRun({ method: 'random', candidates: 5, seed: '3', maxIters: 300, targetLoss: -Infinity });
const es = seedRun({ method: 'es', hidden: [5, 4], batch: 10, seed: '4', maxIters: 60, targetLoss: -Infinity });
// Four candidates: a worker's first slice of iteration 0 falls in the pairs its warm-up evaluated last.
const esFew = seedRun({ method: 'es', candidates: 4, seed: '5', maxIters: 5, targetLoss: -Infinity });
const layouts: [Strategy, number][] = [
  ['run', 1],
  ['run', 2],
  ['wait', 2],
  ['spin', 1],
  ['spin-main', 2],
  ['spin-main', 3],
];
const runners = new Map<string, Runner>();
const key = (o: TrainOptions, s: Strategy, threads: number) => `${o.method}/${o.candidates}/${s}/${threads}`;

async function runnerFor(o: TrainOptions, threads: number | 'auto', strategy?: Strategy): Promise<Runner> {
  const { run, data } = prepared(o);
  return createRunner({ run, data, threads, strategy });
}

beforeAll(async () => {
  for (const o of [gradient, random, es, esFew]) {
    for (const [strategy, threads] of layouts)
      runners.set(key(o, strategy, threads), await runnerFor(o, threads, strategy));
  }
});

afterAll(async () => {
  await Promise.all([...runners.values()].map((r) => r.close()));
});

async function iterationResults(o: TrainOptions, runner: Runner, t: number): Promise<string> {
  runner.setParams(prepared(o).params);
  await runner.run(t);
  return bytes(runner.results);
}

describe('pool runners', () => {
  it('compute every gradient evaluation bit for bit as the main thread does', async () => {
    const expected = await iterationResults(gradient, await runnerFor(gradient, 0), 0);
    for (const [strategy, threads] of layouts) {
      const got = await iterationResults(gradient, runners.get(key(gradient, strategy, threads))!, 0);
      expect(got, `${strategy}/${threads}`).toBe(expected);
    }
  });

  it('give each candidate the loss the main thread computes for it', async () => {
    const runner = runners.get(key(random, 'run', 2))!;
    const { net, data, output, params } = prepared(random);
    runner.setParams(params);
    await runner.run(42);
    for (let c = 0; c < 5; c++) {
      const cand = makeCandidate(params, '3', 42, c, 0.001, new Float64Array(params.length));
      expect(runner.results[c]).toBe(meanLoss(net, cand, data, output));
    }
  });
});

describe('determinism across thread counts', () => {
  for (const o of [gradient, random, es, esFew]) {
    it(`gives byte-identical ${o.method} weights (${o.candidates ?? 2} candidates) for 0, 1, 2 and 3 threads and every strategy`, async () => {
      const expected = bytes((await train({ ...o, threads: 0 })).params);
      for (const [strategy, threads] of layouts) {
        const r = await train({ ...o, runner: runners.get(key(o, strategy, threads)) });
        expect(bytes(r.params), `${strategy}/${threads}`).toBe(expected);
      }
    });
  }
});

describe('every network and evaluation on a pool', () => {
  const regression = makeDataset(
    'reg',
    [
      [0.5, -1, 1],
      [1.5, 0.2, 1],
      [-0.3, 0.8, 1],
      [0.9, 0.1, 1],
    ],
    [[0.3], [-1.2], [0.7], [2]],
  );
  const cases: [string, TrainOptions][] = [
    ['tanh, bce, forward', { func: 'tanh' }],
    ['relu, bce, central', { func: 'relu', diff: 'central', init: 0.1 }],
    ['logistic, mse, central', { data: regression, loss: 'mse', diff: 'central', lr: 0.1 }],
    ['tanh, mse, random', { data: regression, func: 'tanh', method: 'random', candidates: 6, lr: 0.1 }],
    ['relu, bce, random, elitist', { func: 'relu', method: 'random', candidates: 4, elitist: true, delta: 0.05 }],
    ['logistic, two hidden layers, central', { hidden: [4, 3], diff: 'central' }],
    ['logistic, two hidden layers, steps past the cubic expansions', { hidden: [4, 3], h: 1e-3 }],
    ['tanh, three hidden layers, mini-batches', { func: 'tanh', hidden: [5, 4, 3], batch: 10 }],
    ['relu, two hidden layers, central', { func: 'relu', hidden: [5, 4], diff: 'central' }],
    ['logistic, bce, spsa', { method: 'spsa', delta: 0.01 }],
    ['es, rank 1, whole set', { method: 'es' }],
    [
      'es, rank 2, two hidden layers, mini-batches, sgd',
      { method: 'es', rank: 2, hidden: [5, 4], batch: 10, optimizer: 'sgd' },
    ],
    ['es, dense noise, weight decay', { method: 'es', rank: 0, candidates: 6, weightDecay: 0.01 }],
  ];
  for (const [name, over] of cases) {
    it(`trains ${name} to the main thread's exact weights on 2 and 3 threads`, async () => {
      const o = seedRun({ maxIters: 40, targetLoss: -Infinity, ...over });
      const expected = bytes((await train({ ...o, threads: 0 })).params);
      for (const threads of [2, 3]) expect(bytes((await train({ ...o, threads })).params), `${threads}`).toBe(expected);
    });
  }
});

describe('training the built-in set on a pool', () => {
  it('reaches loss < 0.2 by numerical gradient', async () => {
    const r = await train(seedRun({ method: 'gradient', runner: runners.get(key(gradient, 'spin-main', 2)) }));
    expect(r.stopReason).toBe('target-loss');
    expect(r.loss).toBeLessThan(0.2);
  });

  it('reaches loss < 0.2 by random updates with 8 candidates', async () => {
    const r = await train(seedRun({ method: 'random', candidates: 8, seed: '7', threads: 2 }));
    expect(r.stopReason).toBe('target-loss');
    expect(r.loss).toBeLessThan(0.2);
  });
});

describe('reports on a pool', () => {
  it("measure the evaluation set's loss with the main thread's bits, on every strategy", async () => {
    const o = seedRun({ method: 'es', batch: 10, samples: 300, data: 'spiral', hidden: [6] });
    const { run, data, net, output, params } = prepared(o);
    const report = Int32Array.from({ length: 150 }, (_, i) => (i * 7) % data.n);
    const expected = lossSum(net, params, data, output, makeScratch(net), report) / report.length;
    for (const [strategy, threads] of [
      ['spin-main', 0],
      ['run', 2],
      ['spin-main', 3],
      ['wait', 2],
    ] as const) {
      const runner = await createRunner({ run, data, threads, strategy, report: { samples: report } });
      runner.setParams(params);
      expect((await runner.report?.(EVAL_PART))?.evalLoss, `${strategy}/${threads}`).toBe(expected);
      await runner.close();
    }
  });

  it("give the summary a pool's scores of every set with score()'s bits", async () => {
    const test = spiral(120, 'other points');
    const o = seedRun({ data: spiral(300, 'x'), test, validationSplit: 0.25, hidden: [6], maxIters: 40 });
    const r = await train({ ...o, threads: 2 });
    const units = { center: 0, scale: 1 };
    expect(r.scores).toEqual({
      train: score(r.net, r.params, r.data, r.output, units),
      validation: score(r.net, r.params, r.validation as Dataset, r.output, units),
      test: score(r.net, r.params, test, r.output, units),
    });
  });

  it("score whole sets with score()'s bits, each part alone or all at once, on every strategy", async () => {
    const o = seedRun({ method: 'es', batch: 10, samples: 300, data: 'spiral', hidden: [6] });
    const { run, data, net, output, params } = prepared(o);
    const test = spiral(120, 'other points');
    const units = { center: 0, scale: 1 };
    const samples = Int32Array.from({ length: 50 }, (_, i) => (i * 3) % data.n);
    for (const [strategy, threads] of [
      ['spin-main', 0],
      ['run', 2],
      ['spin-main', 3],
    ] as const) {
      const runner = await createRunner({
        run,
        data,
        threads,
        strategy,
        report: { samples, sets: { train: data, test } },
      });
      runner.setParams(params);
      const testOnly = await runner.report?.(setPart('test'));
      expect(testOnly?.scores, `${strategy}/${threads}`).toEqual({ test: score(net, params, test, output, units) });
      const all = await runner.report?.(ALL_PARTS);
      expect(all?.scores.train, `${strategy}/${threads}`).toEqual(score(net, params, data, output, units));
      expect(all?.scores.test, `${strategy}/${threads}`).toEqual(testOnly?.scores.test);
      expect(all?.evalLoss).toBe(lossSum(net, params, data, output, makeScratch(net), samples) / samples.length);
      await runner.close();
    }
  });
});
