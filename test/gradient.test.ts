import { describe, expect, it } from 'vitest';
import { seed2class } from '../src/data/builtin.ts';
import type { Dataset } from '../src/data/dataset.ts';
import { makeDataset } from '../src/data/dataset.ts';
import { evaluateRange, gradientFromResults, makeEvaluator } from '../src/methods/evaluate.ts';
import { describeRun, type EvalSpec, evalCount } from '../src/methods/run-spec.ts';
import { backpropGradient } from '../src/nn/backprop.ts';
import { makeNet, type Net, paramCount, randomParams } from '../src/nn/network.ts';
import { bce, mse, type Output } from '../src/nn/output.ts';
import { stream } from '../src/util/rng.ts';

function numericalGradient(
  net: Net,
  params: Float64Array,
  data: Dataset,
  output: Output,
  kind: 'forward' | 'central',
  h: number,
) {
  const spec: EvalSpec = { kind, seed: '1', h, delta: 0, candidates: 0, sigma: 0, rank: 0, batch: 0, grad: 'naive' };
  const results = new Float64Array(evalCount(spec, paramCount(net)));
  evaluateRange(makeEvaluator(describeRun(net, output, spec), data), params, 0, 0, results.length, results);
  const grad = new Float64Array(paramCount(net));
  const loss = gradientFromResults(spec, results, grad);
  return { grad, loss };
}

function maxRelError(a: Float64Array, b: Float64Array): number {
  let worst = 0;
  for (let k = 0; k < a.length; k++) worst = Math.max(worst, Math.abs(a[k] - b[k]) / Math.max(1e-3, Math.abs(b[k])));
  return worst;
}

describe('numerical gradient against backpropagation', () => {
  const tiny = makeDataset(
    'tiny',
    [
      [0.5, -1, 1],
      [1.5, 0.2, 1],
      [-0.3, 0.8, 1],
    ],
    [[1], [0], [1]],
  );

  it('agrees to 1e-7 by central differences on a tiny 3-2-1 net', () => {
    const net = makeNet([3, 2, 1]);
    const params = randomParams(net, stream('g', 'init'));
    const { grad } = numericalGradient(net, params, tiny, bce, 'central', 1e-5);
    expect(maxRelError(grad, backpropGradient(net, params, tiny, bce))).toBeLessThan(1e-7);
  });

  it('agrees to about h by forward differences on the 3-6-1 net and the built-in set', () => {
    const net = makeNet([3, 6, 1]);
    const params = randomParams(net, stream('1', 'init'));
    const data = seed2class();
    const { grad } = numericalGradient(net, params, data, bce, 'forward', 1e-5);
    expect(maxRelError(grad, backpropGradient(net, params, data, bce))).toBeLessThan(1e-3);
  });

  it('agrees for deeper tanh and relu nets with a squared-error loss', () => {
    for (const func of ['tanh', 'relu'] as const) {
      const net = makeNet([3, 3, 2, 1], func);
      const params = randomParams(net, stream(func, 'init')).map((w) => w - 0.5);
      const data = makeDataset(
        'reg',
        [
          [0.5, -1, 1],
          [1.5, 0.2, 1],
        ],
        [[0.3], [-1.2]],
      );
      const { grad } = numericalGradient(net, params, data, mse, 'central', 1e-6);
      expect(maxRelError(grad, backpropGradient(net, params, data, mse))).toBeLessThan(1e-6);
    }
  });

  it('reports E(w) of the unperturbed params with the gradient', () => {
    const net = makeNet([3, 2, 1]);
    const params = randomParams(net, stream('g', 'init'));
    const fwd = numericalGradient(net, params, tiny, bce, 'forward', 1e-5);
    const cen = numericalGradient(net, params, tiny, bce, 'central', 1e-5);
    expect(fwd.loss).toBe(cen.loss);
  });
});
