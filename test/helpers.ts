// Small shared fixtures for the tests.
import { seed2class } from '../src/data/builtin.ts';
import { resolveOptions, type TrainOptions } from '../src/train/options.ts';
import { type Prepared, prepare } from '../src/train/prepare.ts';

/** Options of a short, fully specified run on the built-in set, in the main thread. */
export function seedRun(over: TrainOptions = {}): TrainOptions {
  return {
    data: seed2class(),
    hidden: [6],
    func: 'logistic',
    init: 'rand',
    method: 'gradient',
    seed: '1',
    lr: 2,
    h: 1e-5,
    diff: 'forward',
    delta: 0.001,
    candidates: 2,
    elitist: false,
    targetLoss: 0.2,
    maxIters: 100_000,
    maxSeconds: 0,
    minDelta: 0,
    patience: 0,
    reportEvery: 100,
    threads: 0,
    ...over,
  };
}

/** What a run of these options evaluates: data, net, output, first params and the run's description. */
export function prepared(o: TrainOptions): Prepared {
  return prepare(resolveOptions(o));
}

export function bytes(a: Float64Array): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex');
}
