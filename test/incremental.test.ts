// Incremental finite differences against whole forward passes (naive): the
// same finite difference, not the analytic derivative, for every shape the
// issue names, to 1e-9 of the largest gradient component.
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../src/data/dataset.ts';
import { makeDataset } from '../src/data/dataset.ts';
import { Batches } from '../src/methods/batches.ts';
import { evaluateAll, gradientFromResults, makeEvaluator } from '../src/methods/evaluate.ts';
import { describeRun, type EvalSpec, evalCount, type GradMode } from '../src/methods/run-spec.ts';
import type { ActivationName } from '../src/nn/activation.ts';
import { backpropGradient } from '../src/nn/backprop.ts';
import { forwardLogits, makeNet, makeScratch, type Net, paramCount, randomParams } from '../src/nn/network.ts';
import { bce, ce, mse, type Output } from '../src/nn/output.ts';
import { stream } from '../src/util/rng.ts';

function gradient(net: Net, output: Output, data: Dataset, params: Float64Array, spec: EvalSpec, t = 0) {
  const results = new Float64Array(evalCount(spec, paramCount(net)));
  evaluateAll(makeEvaluator(describeRun(net, output, spec), data), params, t, results);
  const grad = new Float64Array(paramCount(net));
  return { grad, loss: gradientFromResults(spec, results, grad) };
}

/** Forward differences by whole forward passes, summed sample by sample: Σ_p [ℓ_p(w + h·1_k) − ℓ_p(w)] / (S·h). */
function perSampleDifferences(
  net: Net,
  output: Output,
  data: Dataset,
  params: Float64Array,
  h: number,
  samples?: Int32Array,
): Float64Array {
  const scratch = makeScratch(net);
  const ps = samples ? [...samples] : Array.from({ length: data.n }, (_, p) => p);
  const term = (w: Float64Array, p: number) =>
    output.sampleLoss(forwardLogits(net, w, data.inputs, p * data.inDim, scratch), data.targets, p * data.outDim);
  const base = ps.map((p) => term(params, p));
  const grad = new Float64Array(params.length);
  const moved = params.slice();
  for (let k = 0; k < params.length; k++) {
    moved[k] = params[k] + h;
    let sum = 0;
    ps.forEach((p, i) => {
      sum += term(moved, p) - base[i];
    });
    moved[k] = params[k];
    grad[k] = sum / (ps.length * h);
  }
  return grad;
}

function relDiff(a: Float64Array, b: Float64Array): number {
  let worst = 0;
  let scale = 0;
  for (let k = 0; k < a.length; k++) {
    worst = Math.max(worst, Math.abs(a[k] - b[k]));
    scale = Math.max(scale, Math.abs(b[k]));
  }
  return worst / scale;
}

/** Samples with 3 features (some exactly 0, as pixels often are) plus the bias, and K classes. */
function dataset(n: number, K: number, zeros: boolean): Dataset {
  const rng = stream('inc', n, K);
  const xs = Array.from({ length: n }, () => [0, 1, 2].map(() => (zeros && rng() < 0.4 ? 0 : 2 * rng() - 1)).concat(1));
  const ys = xs.map((_, s) => (K === 1 ? [s % 2] : Array.from({ length: K }, (_, k) => (k === s % K ? 1 : 0))));
  return makeDataset(`inc${n}`, xs, ys);
}

// h = 1e-4: the naive oracle subtracts two sums of N loss terms, each rounded to ~1e-16,
// so its own error is about N·1e-16/h: at h = 1e-5 and 40 samples that alone is ~1e-9 of
// the gradient. The incremental form evaluates the difference directly and has no such floor.
const spec = (kind: 'forward' | 'central', grad: GradMode, batch = 0): EvalSpec => ({
  kind,
  seed: 'b',
  h: 1e-4,
  delta: 0,
  candidates: 0,
  sigma: 0,
  rank: 0,
  batch,
  grad,
});

// Depth counts weight layers: depth 3 and up expand their early units downstream (expansion.ts).
const shapes: [string, number[]][] = [
  ['depth 2', [4, 5]],
  ['depth 3', [4, 5, 3]],
  ['depth 4', [4, 5, 6, 3]],
  ['depth 5', [4, 3, 5, 4, 3]],
];
const funcs: ActivationName[] = ['logistic', 'relu', 'tanh'];

describe('incremental against naive finite differences', () => {
  for (const [depth, hidden] of shapes) {
    for (const func of funcs) {
      for (const [outName, output, K] of [
        ['binary', bce, 1],
        ['softmax', ce, 3],
        ['identity', mse, 2],
      ] as const) {
        for (const kind of ['forward', 'central'] as const) {
          it(`agree to 1e-9 on a ${depth} ${func} net with ${outName} outputs by ${kind} differences`, () => {
            const net = makeNet([...hidden, K], func);
            const params = randomParams(net, stream(func, depth, 'init')).map((w) => 2 * w - 1);
            const data = dataset(40, K, true);
            // Deeper nets have smaller gradients, so the oracle's floor (~1e-16/h of the loss) is a larger
            // share of them: a larger step keeps it under 1e-9 (and still within the series).
            const h = hidden.length > 3 ? 1e-3 : 1e-4;
            const naive = gradient(net, output, data, params, { ...spec(kind, 'naive'), h });
            const inc = gradient(net, output, data, params, { ...spec(kind, 'incremental'), h });
            expect(relDiff(inc.grad, naive.grad)).toBeLessThan(1e-9);
            expect(inc.loss).toBe(naive.loss);
          });
        }
      }
    }
  }

  // At the default step deep nets get cubic expansions (expansion.ts). Against naive differences the
  // step must stay at most 1e-4 for that, where the whole-set oracle's floor is too coarse for these
  // nets' small gradients; summing per-sample differences of whole forward passes lowers it enough.
  for (const [depth, hidden] of shapes.slice(2)) {
    for (const func of ['logistic', 'tanh'] as const) {
      it(`agree to 1e-9 at the default step's cubics on a ${depth} ${func} net, on the whole set and on mini-batches`, () => {
        const net = makeNet([...hidden, 3], func);
        const params = randomParams(net, stream(func, depth, 'cubic')).map((w) => 2 * w - 1);
        const data = dataset(40, 3, true);
        for (const [batch, t] of [
          [0, 0],
          [16, 0],
          [16, 7],
        ]) {
          const s = { ...spec('forward', 'incremental', batch), h: 1e-4 };
          const samples = batch > 0 ? new Batches(data.n, batch, s.seed).batch(t) : undefined;
          const oracle = perSampleDifferences(net, ce, data, params, s.h, samples);
          expect(relDiff(gradient(net, ce, data, params, s, t).grad, oracle), `batch ${batch}, t ${t}`).toBeLessThan(
            1e-9,
          );
        }
      });
    }
  }

  it('agree without zero inputs and on a mini-batch', () => {
    const net = makeNet([4, 6, 3], 'tanh');
    const params = randomParams(net, stream('mb', 'init')).map((w) => w - 0.5);
    const data = dataset(50, 3, false);
    for (const t of [0, 1, 7]) {
      const naive = gradient(net, ce, data, params, spec('forward', 'naive', 16), t);
      const inc = gradient(net, ce, data, params, spec('forward', 'incremental', 16), t);
      expect(relDiff(inc.grad, naive.grad), `t ${t}`).toBeLessThan(1e-9);
    }
  });

  it('agree for a net with no hidden layer and for large steps past the series', () => {
    const data = dataset(30, 3, true);
    const flat = makeNet([4, 3]);
    const p0 = randomParams(flat, stream('flat', 'init'));
    const big: EvalSpec = { ...spec('central', 'naive'), h: 0.05 };
    expect(
      relDiff(
        gradient(flat, ce, data, p0, spec('central', 'incremental')).grad,
        gradient(flat, ce, data, p0, spec('central', 'naive')).grad,
      ),
    ).toBeLessThan(1e-9);
    const net = makeNet([4, 5, 3], 'logistic');
    const params = randomParams(net, stream('big', 'init'));
    const naive = gradient(net, ce, data, params, big);
    const inc = gradient(net, ce, data, params, { ...big, grad: 'incremental' });
    expect(relDiff(inc.grad, naive.grad)).toBeLessThan(1e-9);
  });

  it('agree for a logistic output with no hidden layer, its loss term included', () => {
    const data = dataset(30, 1, true);
    const flat = makeNet([4, 1]);
    const p0 = randomParams(flat, stream('flat-bce', 'init')).map((w) => 4 * w - 2);
    const naive = gradient(flat, bce, data, p0, spec('forward', 'naive'));
    const inc = gradient(flat, bce, data, p0, spec('forward', 'incremental'));
    expect(relDiff(inc.grad, naive.grad)).toBeLessThan(1e-9);
    expect(inc.loss).toBe(naive.loss);
  });

  it('compute the finite difference, not the derivative: they differ from backprop by about h', () => {
    const net = makeNet([4, 5, 3], 'logistic');
    const params = randomParams(net, stream('fd', 'init')).map((w) => 4 * w - 2);
    const data = dataset(40, 3, true);
    const inc = gradient(net, ce, data, params, { ...spec('forward', 'incremental'), h: 1e-3 });
    const exact = backpropGradient(net, params, data, ce);
    expect(relDiff(inc.grad, exact)).toBeGreaterThan(1e-6); // forward differences carry an O(h) term
    expect(relDiff(inc.grad, exact)).toBeLessThan(1e-2);
  });
});
