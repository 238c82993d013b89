// Small shared fixtures for the tests.
import { seed2class } from '../src/datasets.ts';
import { makeNet, randomParams } from '../src/network.ts';
import { bce } from '../src/output.ts';
import { stream } from '../src/rng.ts';
import type { TrainOptions } from '../src/trainer.ts';

/** Options of a short, fully specified run on the built-in set. */
export function seedRun(over: Partial<TrainOptions> = {}): TrainOptions {
  const net = makeNet([3, 6, 1]);
  return {
    net, data: seed2class(), output: bce, params: randomParams(net, stream('1', 'init')),
    method: 'gradient', seed: '1', lr: 2, h: 1e-5, diff: 'forward', delta: 0.001, candidates: 2, elitist: false,
    targetLoss: 0.2, maxIters: 100_000, maxSeconds: 0, minDelta: 0, patience: 0, reportEvery: 100, threads: 0,
    ...over,
  };
}

export function bytes(a: Float64Array): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex');
}
