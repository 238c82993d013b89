// Mini-batches: a seeded order per epoch, the same batch for every evaluation
// of an iteration on any thread, and a fixed evaluation set for the best
// weights and the stop rules.
import { describe, expect, it } from 'vitest';
import { spiral } from '../src/data/builtin.ts';
import { makeDataset } from '../src/data/dataset.ts';
import { Batches } from '../src/methods/batches.ts';
import { meanLoss } from '../src/nn/loss.ts';
import type { EpochEvent, TrainEvent } from '../src/train/events.ts';
import type { TrainOptions } from '../src/train/options.ts';
import { train } from '../src/train/trainer.ts';
import { bytes, seedRun } from './helpers.ts';

const sorted = (a: Int32Array) => [...a].sort((x, y) => x - y);

describe('Batches', () => {
  it('visits every sample exactly once per epoch, the last batch taking the rest', () => {
    const b = new Batches(10, 4, 's');
    const epoch = [b.batch(0), b.batch(1), b.batch(2)].map((x) => [...x]);
    expect(epoch.map((x) => x.length)).toEqual([4, 4, 2]);
    expect(epoch.flat().sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('gives the same batches for the same seed, whatever order they are asked in', () => {
    const a = new Batches(100, 10, 's');
    const b = new Batches(100, 10, 's');
    const late = [...a.batch(25)];
    expect([...b.batch(3)]).toEqual([...a.batch(3)]);
    expect([...b.batch(25)]).toEqual(late);
  });

  it('shuffles each epoch and each seed differently', () => {
    const a = new Batches(100, 100, 's');
    const e0 = [...a.batch(0)];
    expect([...a.batch(1)]).not.toEqual(e0);
    expect([...new Batches(100, 100, 't').batch(0)]).not.toEqual(e0);
    expect(sorted(a.batch(1))).toEqual(sorted(Int32Array.from(e0)));
  });
});

describe('training on mini-batches', () => {
  const data = spiral(60, '1');
  const base = seedRun({ data, hidden: [5], batch: 16, targetLoss: -Infinity, maxIters: 40, reportEvery: 4 });

  for (const method of ['gradient', 'random'] as const) {
    it(`gives byte-identical ${method} weights on 0, 2 and 3 threads`, async () => {
      const o: TrainOptions = { ...base, method, candidates: 4, delta: 0.05, elitist: method === 'random' };
      const expected = bytes((await train({ ...o, threads: 0 })).params);
      for (const threads of [2, 3]) expect(bytes((await train({ ...o, threads })).params), `${threads}`).toBe(expected);
    });
  }

  it('keeps the weights with the best loss on the evaluation set, measured at reports', async () => {
    const r = await train(base);
    expect(r.loss).toBe(Math.min(...r.history.map((h) => h.loss)));
    expect(meanLoss(r.net, r.params, r.data, r.output)).toBe(r.loss); // 60 samples: the whole set evaluates
  });

  it('differs from whole-set training', async () => {
    const whole = await train({ ...base, batch: 0 });
    expect(bytes((await train(base)).params)).not.toBe(bytes(whole.params));
  });

  it('reports each epoch with the test set loss and accuracy', async () => {
    const events: TrainEvent[] = [];
    const test = spiral(20, '2');
    await train({ ...base, test, maxIters: 12, onEvent: (e) => events.push(e) });
    const epochs = events.filter((e): e is EpochEvent => e.type === 'epoch');
    expect(epochs.map((e) => [e.epoch, e.iteration])).toEqual([
      [1, 4],
      [2, 8],
      [3, 12],
    ]);
    for (const e of epochs) {
      expect(e.testLoss).toBeGreaterThan(0);
      expect(e.testAccuracy).toBeGreaterThanOrEqual(0);
      expect(e.samplesPerSec).toBeGreaterThan(0);
    }
  });

  it('trains softmax outputs on mini-batches identically on a pool', async () => {
    const xs = Array.from({ length: 30 }, (_, i) => [Math.cos(i), Math.sin(i * 1.3), 1]);
    const ys = xs.map((_, i) => [i % 3 === 0 ? 1 : 0, i % 3 === 1 ? 1 : 0, i % 3 === 2 ? 1 : 0]);
    const o = seedRun({ data: makeDataset('three', xs, ys), loss: 'ce', hidden: [4], batch: 7, lr: 0.5, maxIters: 30 });
    const expected = bytes((await train({ ...o, threads: 0 })).params);
    expect(bytes((await train({ ...o, threads: 2 })).params)).toBe(expected);
  });

  it('trains softmax outputs on mini-batches identically with every strategy', async () => {
    const xs = Array.from({ length: 40 }, (_, i) => [Math.cos(i), Math.sin(i * 1.3), 1]);
    const ys = xs.map((_, i) => [i % 3 === 0 ? 1 : 0, i % 3 === 1 ? 1 : 0, i % 3 === 2 ? 1 : 0]);
    const o = seedRun({ data: makeDataset('three', xs, ys), hidden: [5], batch: 9, lr: 0.5, maxIters: 25 });
    for (const strategy of ['run', 'wait', 'spin', 'spin-main'] as const) {
      for (const method of ['gradient', 'random'] as const) {
        const base = bytes((await train({ ...o, method, candidates: 3, delta: 0.05, threads: 0 })).params);
        const got = bytes((await train({ ...o, method, candidates: 3, delta: 0.05, threads: 2, strategy })).params);
        expect(got, `${strategy} ${method}`).toBe(base);
      }
    }
  });
});
