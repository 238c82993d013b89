// An iteration's evaluations in the main thread: what each index holds, that any
// range and any split of the work gives the same values, and that incremental
// differences stay right at steps far below and far above their series' limits
// (oracles: whole forward passes, backprop, losses recomputed on their own).
// Written for mutation testing (npm run mutate, docs/mutation.md).
import { describe, expect, it } from 'vitest';
import { type Dataset, makeDataset } from '../src/data/dataset.ts';
import { allocBase, type BaseBuffers } from '../src/methods/base-buffers.ts';
import { Batches } from '../src/methods/batches.ts';
import { makeCandidate } from '../src/methods/candidates.ts';
import {
  baseCapacity,
  type Evaluator,
  evaluateAll,
  evaluatePhase,
  evaluateRange,
  gradientFromResults,
  makeEvaluator,
  phaseCost,
  phaseCounts,
  usesBasePass,
} from '../src/methods/evaluate.ts';
import { buildRun, describeRun, type EvalSpec, evalCount, type RunSpec } from '../src/methods/run-spec.ts';
import type { ActivationName } from '../src/nn/activation.ts';
import { backpropGradient } from '../src/nn/backprop.ts';
import { meanLoss } from '../src/nn/loss.ts';
import { forwardLogits, makeNet, makeScratch, type Net, paramCount, randomParams } from '../src/nn/network.ts';
import { bce, ce, type Output } from '../src/nn/output.ts';
import { stream } from '../src/util/rng.ts';

const spec = (over: Partial<EvalSpec> = {}): EvalSpec => ({
  kind: 'forward',
  seed: 'm',
  h: 1e-4,
  delta: 0.05,
  candidates: 3,
  sigma: 0,
  rank: 0,
  batch: 0,
  grad: 'naive',
  ...over,
});

/** n samples of 3 features (some exactly 0) and the bias; K one-hot classes, or one 0/1 output. */
function dataset(n: number, K: number, name = 'm'): Dataset {
  const rng = stream(name, n, K);
  const xs = Array.from({ length: n }, () => [0, 1, 2].map(() => (rng() < 0.3 ? 0 : 2 * rng() - 1)).concat(1));
  const ys = xs.map((_, s) => (K === 1 ? [s % 2] : Array.from({ length: K }, (_, k) => (k === s % K ? 1 : 0))));
  return makeDataset(name, xs, ys);
}

/** The rows `samples` of a data set as a data set of their own. */
function subset(data: Dataset, samples: Int32Array): Dataset {
  const row = (a: Float64Array | Float32Array, s: number, d: number) => [...a.subarray(s * d, (s + 1) * d)];
  return makeDataset(
    'subset',
    [...samples].map((s) => row(data.inputs, s, data.inDim)),
    [...samples].map((s) => row(data.targets, s, data.outDim)),
  );
}

function evaluator(net: Net, output: Output, data: Dataset, s: EvalSpec, base?: BaseBuffers): Evaluator {
  return makeEvaluator(describeRun(net, output, s), data, base);
}

/** Every evaluation of iteration t, with the base pass first where there is one. */
function allResults(ev: Evaluator, params: Float64Array, t = 0): Float64Array {
  const results = new Float64Array(evalCount(ev.spec, paramCount(ev.net)));
  evaluateAll(ev, params, t, results);
  return results;
}

function gradient(ev: Evaluator, params: Float64Array, t = 0): Float64Array {
  const grad = new Float64Array(paramCount(ev.net));
  gradientFromResults(ev.spec, allResults(ev, params, t), grad);
  return grad;
}

/** The largest difference over the largest component of the reference. */
function relDiff(a: Float64Array, b: Float64Array): number {
  let worst = 0;
  let scale = 0;
  for (let k = 0; k < a.length; k++) {
    worst = Math.max(worst, Math.abs(a[k] - b[k]));
    scale = Math.max(scale, Math.abs(b[k]));
  }
  return worst / scale;
}

const nets: [string, Output, number][] = [
  ['binary', bce, 1],
  ['softmax', ce, 3],
];
const funcs: ActivationName[] = ['logistic', 'relu', 'tanh'];

describe('evaluation counts', () => {
  it('counts P perturbed losses and E(w) for forward differences', () => {
    expect(evalCount(spec({ kind: 'forward' }), 10)).toBe(11);
  });

  it('counts 2P perturbed losses and E(w) for central differences', () => {
    expect(evalCount(spec({ kind: 'central' }), 10)).toBe(21);
  });

  it('counts one loss per candidate for random updates', () => {
    expect(evalCount(spec({ kind: 'random', candidates: 4 }), 10)).toBe(4);
  });

  it("adds the current weights' loss after the candidates on a mini-batch", () => {
    expect(evalCount(spec({ kind: 'random', candidates: 4, batch: 8 }), 10)).toBe(5);
  });
});

describe('run descriptions', () => {
  const run = (over: Partial<RunSpec>, evalOver: Partial<EvalSpec> = {}) =>
    ({ nodes: [3, 2, 1], func: 'tanh', loss: 'bce', eval: spec(evalOver), ...over }) as RunSpec;

  it('build every evaluation kind', () => {
    for (const kind of ['forward', 'central', 'random'] as const)
      expect(buildRun(run({}, { kind })).spec.kind).toBe(kind);
  });

  it('reject an unknown activation, naming it', () => {
    expect(() => buildRun(run({ func: 'swish' as ActivationName }))).toThrow(/run: func "swish" is not an activation/);
  });

  it('reject an unknown loss, naming it', () => {
    expect(() => buildRun(run({ loss: 'hinge' as 'bce' }))).toThrow(/run: loss "hinge" is not a loss/);
  });

  it('reject an unknown evaluation kind, naming it', () => {
    expect(() => buildRun(run({}, { kind: 'adam' as 'forward' }))).toThrow(/run: eval kind "adam" is unknown/);
  });

  it('reject an unknown gradient mode, naming it', () => {
    expect(() => buildRun(run({}, { grad: 'exact' as 'naive' }))).toThrow(/run: grad "exact" is unknown/);
  });
});

describe('phases of an iteration', () => {
  // Fixtures are built inside each test: work done while collecting tests would make
  // every mutant it reaches "static" for Stryker, which then runs all tests for it.
  const net = () => makeNet([4, 3, 2]);
  const data = () => dataset(10, 2);

  it('use a base pass for incremental gradients only, never for random updates', () => {
    expect(usesBasePass(spec({ kind: 'forward', grad: 'incremental' }))).toBe(true);
    expect(usesBasePass(spec({ kind: 'central', grad: 'incremental' }))).toBe(true);
    expect(usesBasePass(spec({ kind: 'central', grad: 'naive' }))).toBe(false);
    expect(usesBasePass(spec({ kind: 'random', grad: 'incremental' }))).toBe(false);
  });

  it('size the base pass for a batch, or the whole set if the batch is larger or absent', () => {
    expect(baseCapacity(spec({ batch: 4 }), 10)).toBe(4);
    expect(baseCapacity(spec({ batch: 40 }), 10)).toBe(10);
    expect(baseCapacity(spec({ batch: 0 }), 10)).toBe(10);
  });

  it('are the evaluations alone for whole forward passes', () => {
    expect(phaseCounts(evaluator(net(), ce, data(), spec({ grad: 'naive' })), 0)).toEqual([paramCount(net()) + 1]);
  });

  it('are the candidates alone for random updates', () => {
    expect(phaseCounts(evaluator(net(), ce, data(), spec({ kind: 'random', grad: 'incremental' })), 0)).toEqual([3]);
  });

  it("are the batch's samples, then the evaluations, for incremental gradients", () => {
    const P = paramCount(net());
    expect(phaseCounts(evaluator(net(), ce, data(), spec({ grad: 'incremental' })), 0)).toEqual([10, P + 1]);
    const onBatches = evaluator(net(), ce, data(), spec({ kind: 'central', grad: 'incremental', batch: 4 }));
    expect(phaseCounts(onBatches, 2)).toEqual([2, 2 * P + 1]); // the epoch's last batch: 10 − 2·4
  });
});

describe('random-update evaluations', () => {
  const fixture = () => {
    const net = makeNet([4, 3, 3], 'tanh');
    const params = randomParams(net, stream('rnd', 'init'));
    const candidate = (s: EvalSpec, t: number, c: number) =>
      makeCandidate(params, s.seed, t, c, s.delta, new Float64Array(params.length));
    return { net, params, data: dataset(10, 3), candidate };
  };

  it('give candidate c of iteration t the mean loss of that candidate', () => {
    const { net, params, data, candidate } = fixture();
    const s = spec({ kind: 'random' });
    const results = new Float64Array(3);
    evaluateRange(evaluator(net, ce, data, s), params, 5, 0, 3, results);
    expect([...results]).toEqual([0, 1, 2].map((c) => meanLoss(net, candidate(s, 5, c), data, ce)));
  });

  it("give the candidates' and then the current weights' loss on iteration t's mini-batch", () => {
    const { net, params, data, candidate } = fixture();
    const s = spec({ kind: 'random', batch: 4 });
    const batch = subset(data, new Batches(data.n, 4, s.seed).batch(1));
    const results = new Float64Array(4);
    evaluateRange(evaluator(net, ce, data, s), params, 1, 0, 4, results);
    const expected = [0, 1, 2].map((c) => meanLoss(net, candidate(s, 1, c), batch, ce));
    expected.push(meanLoss(net, params, batch, ce));
    for (let e = 0; e < 4; e++) expect(results[e], `evaluation ${e}`).toBeCloseTo(expected[e], 15);
  });

  it('evaluate only the range they are given', () => {
    const { net, params, data } = fixture();
    const results = new Float64Array(4).fill(-1);
    evaluateRange(evaluator(net, ce, data, spec({ kind: 'random', batch: 4 })), params, 1, 1, 3, results);
    expect([results[0], results[3]]).toEqual([-1, -1]);
    expect(results[1]).toBeGreaterThan(0);
    expect(results[2]).toBeGreaterThan(0);
  });
});

describe('gradient evaluations over a range', () => {
  for (const grad of ['naive', 'incremental'] as const) {
    for (const kind of ['forward', 'central'] as const) {
      it(`give the full evaluation's values in any range and nothing outside it (${grad}, ${kind})`, () => {
        const net = makeNet([4, 5, 3, 3], 'tanh'); // 20 + 15 + 9 weights: layers start at 0, 20 and 35
        const params = randomParams(net, stream('range', 'init')).map((w) => 2 * w - 1);
        const data = dataset(12, 3);
        const s = spec({ kind, grad });
        const full = allResults(evaluator(net, ce, data, s), params);
        const count = full.length;
        // ranges starting and ending inside a row, across layers, and into the second half
        const ranges = [
          [7, 13],
          [18, 37],
          [24, 29],
          [21, 23],
          [66, 71],
          [36, 38],
          [40, count],
          [0, 1],
        ].filter(([lo, hi]) => lo < hi && hi <= count);
        for (const [lo, hi] of ranges) {
          const ev = evaluator(net, ce, data, s);
          const results = new Float64Array(count).fill(-7);
          const phases = phaseCounts(ev, 0);
          if (phases.length === 2) evaluatePhase(ev, params, 0, 0, 0, phases[0], results);
          evaluatePhase(ev, params, 0, phases.length - 1, lo, hi, results);
          for (let e = 0; e < count; e++) {
            expect(results[e], `[${lo}, ${hi}): ${e}`).toBe(e >= lo && e < hi ? full[e] : -7);
          }
        }
      });
    }
  }
});

describe('the base pass of incremental gradients', () => {
  const fixture = () => {
    const net = makeNet([4, 5, 4, 3], 'logistic');
    const params = randomParams(net, stream('base', 'init')).map((w) => 2 * w - 1);
    const data = dataset(9, 3);
    const s = spec({ kind: 'central', grad: 'incremental' });
    return { net, params, data, s, reference: allResults(evaluator(net, ce, data, s), params) };
  };

  it('is read by every evaluator that shares its buffers, whichever computed it', () => {
    const { net, params, data, s, reference } = fixture();
    const base = allocBase(net, baseCapacity(s, data.n), true);
    const a = evaluator(net, ce, data, s, base);
    const b = evaluator(net, ce, data, s, base);
    const results = new Float64Array(reference.length);
    evaluatePhase(a, params, 0, 0, 0, data.n, results);
    evaluatePhase(b, params, 0, 1, 0, reference.length, results);
    expect([...results]).toEqual([...reference]);
  });

  it('gives the same bits when split over samples and computed in any order', () => {
    const { net, params, data, s, reference } = fixture();
    const base = allocBase(net, baseCapacity(s, data.n), true);
    const a = evaluator(net, ce, data, s, base);
    const b = evaluator(net, ce, data, s, base);
    const results = new Float64Array(reference.length);
    evaluatePhase(a, params, 0, 0, 6, 9, results);
    evaluatePhase(b, params, 0, 0, 3, 6, results);
    evaluatePhase(a, params, 0, 0, 0, 3, results);
    evaluatePhase(b, params, 0, 1, 0, 20, results);
    evaluatePhase(a, params, 0, 1, 20, reference.length, results);
    expect([...results]).toEqual([...reference]);
  });

  it("is rebuilt for the next iteration's weights", () => {
    const { net, params, data, s } = fixture();
    const next = params.map((w) => w + 0.01);
    const ev = evaluator(net, ce, data, s);
    allResults(ev, params);
    expect([...allResults(ev, next, 1)]).toEqual([...allResults(evaluator(net, ce, data, s), next, 1)]);
  });

  it('refuses a batch larger than its buffers, naming both sizes', () => {
    const { net, params, data, s } = fixture();
    const ev = evaluator(net, ce, data, s, allocBase(net, 4, false));
    expect(() => allResults(ev, params)).toThrow(/base pass of 9 samples: room for 4/);
  });

  it("covers the epoch's short last batch after a full one", () => {
    const { net, params, data } = fixture();
    const onBatches = (grad: 'naive' | 'incremental') => evaluator(net, ce, data, spec({ grad, batch: 4 }));
    const inc = onBatches('incremental');
    const naive = onBatches('naive');
    gradient(inc, params, 0);
    expect(relDiff(gradient(inc, params, 2), gradient(naive, params, 2))).toBeLessThan(1e-9);
  });
});

describe('incremental differences at extreme steps', () => {
  for (const func of funcs) {
    for (const [name, output, K] of nets) {
      it(`match backprop to 1e-7 at h = 1e-10, far below rounding of whole passes (${func}, ${name})`, () => {
        // A difference of two losses ~1 loses ~1e-16 / 1e-10 = 1e-6 of the gradient to rounding;
        // the series of the difference itself does not.
        const net = makeNet([4, 5, 4, K], func);
        const params = randomParams(net, stream(func, name, 'tiny')).map((w) => 2 * w - 1);
        const data = dataset(20, K, `tiny${K}`);
        const inc = gradient(evaluator(net, output, data, spec({ h: 1e-10, grad: 'incremental' })), params);
        expect(relDiff(inc, backpropGradient(net, params, data, output))).toBeLessThan(1e-7);
      });

      it(`match whole forward passes at h = 0.5, far past the series (${func}, ${name})`, () => {
        const net = makeNet([4, 5, 4, K], func);
        const params = randomParams(net, stream(func, name, 'big')).map((w) => 2 * w - 1);
        const data = dataset(20, K, `big${K}`);
        const at = (grad: 'naive' | 'incremental') =>
          gradient(evaluator(net, output, data, spec({ kind: 'central', h: 0.5, grad })), params);
        expect(relDiff(at('incremental'), at('naive'))).toBeLessThan(1e-9);
      });
    }
  }

  for (const [name, output, K] of nets) {
    it(`match whole forward passes to 3e-11 at the largest steps the composed series takes (tanh, ${name})`, () => {
      // Inputs ±1 and h = 1e-3: each step of a last-hidden pre-activation is at the series' limit,
      // where its fourth-order term is still ~1e-10 of the difference; whole passes are good to ~1e-12.
      const net = makeNet([4, 6, K], 'tanh');
      const params = randomParams(net, stream('c4', name)).map((w) => 2 * w - 1);
      const rng = stream('c4', 'data');
      const xs = Array.from({ length: 20 }, () => [0, 1, 2].map(() => (rng() < 0.5 ? -1 : 1)).concat(1));
      const ys = xs.map((_, s) => (K === 1 ? [s % 2] : [0, 1, 2].map((k) => (k === s % 3 ? 1 : 0))));
      const data = makeDataset('c4', xs, ys);
      const at = (grad: 'naive' | 'incremental') =>
        gradient(evaluator(net, output, data, spec({ h: 1e-3, grad })), params);
      expect(relDiff(at('incremental'), at('naive'))).toBeLessThan(3e-11);
    });
  }

  it('match whole forward passes when large output weights amplify a small step', () => {
    // Two hidden units with the same inputs, so equal activations a, and output rows [1, 1000] and
    // [−0.5, −999]: the logits are 0.5·a and a, but a step of one unit moves the second logit about
    // 1000 times as far. (Forward differences: central ones would cancel the series' odd error terms.)
    const net = makeNet([4, 2, 2], 'logistic');
    const params = new Float64Array(paramCount(net));
    const first = randomParams(net, stream('amp', 'init'));
    for (let i = 0; i < 4; i++) params[2 * i] = params[2 * i + 1] = first[i] - 0.5;
    params.set([1, 1000, -0.5, -999], net.offsets[1]);
    const data = dataset(20, 2, 'amp');
    const at = (grad: 'naive' | 'incremental') =>
      gradient(evaluator(net, bce, data, spec({ kind: 'forward', h: 1e-3, grad })), params);
    expect(relDiff(at('incremental'), at('naive'))).toBeLessThan(1e-9);
  });

  it('match whole forward passes when tiny output weights let a large step through', () => {
    const net = makeNet([4, 5, 3], 'logistic');
    const params = randomParams(net, stream('damp', 'init')).map((w, k) => (k >= 20 ? 1e-4 : 2) * (w - 0.5));
    const data = dataset(20, 3, 'damp');
    const at = (grad: 'naive' | 'incremental') =>
      gradient(evaluator(net, ce, data, spec({ kind: 'central', h: 0.5, grad })), params);
    expect(relDiff(at('incremental'), at('naive'))).toBeLessThan(1e-9);
  });

  it('match whole forward passes when a step takes a relu unit across its kink', () => {
    const net = makeNet([4, 5, 4, 3], 'relu');
    const params = randomParams(net, stream('kink', 'init')).map((w) => 2 * w - 1);
    const data = dataset(20, 3, 'kink');
    // Move last-hidden unit 2's pre-activation in sample 3 to 1e-5, through its largest input.
    const scratch = makeScratch(net);
    forwardLogits(net, params, data.inputs, 3 * data.inDim, scratch);
    const a1 = scratch.acts[1];
    const i = a1.indexOf(Math.max(...a1));
    const at2 = (r: number) => net.offsets[1] + r * 4 + 2;
    let z = 0;
    for (let r = 0; r < 5; r++) z += a1[r] * params[at2(r)];
    params[at2(i)] += (1e-5 - z) / a1[i];
    const at = (grad: 'naive' | 'incremental') =>
      gradient(evaluator(net, ce, data, spec({ kind: 'central', h: 1e-3, grad })), params);
    expect(relDiff(at('incremental'), at('naive'))).toBeLessThan(1e-9);
  });

  it('match whole forward passes when a step takes an expanded relu unit itself across its kink', () => {
    // Unit 2 of the first hidden layer (expanded, expansion.ts) at 1e-5 in sample 3, through its bias (input 3).
    const net = makeNet([4, 5, 4, 3], 'relu');
    const params = randomParams(net, stream('kink1', 'init')).map((w) => 2 * w - 1);
    const data = dataset(20, 3, 'kink');
    const x = data.inputs.subarray(3 * data.inDim, 4 * data.inDim);
    let z = 0;
    for (let i = 0; i < 4; i++) z += x[i] * params[i * 5 + 2];
    params[3 * 5 + 2] += 1e-5 - z;
    const at = (grad: 'naive' | 'incremental') =>
      gradient(evaluator(net, ce, data, spec({ kind: 'central', h: 1e-3, grad })), params);
    expect(relDiff(at('incremental'), at('naive'))).toBeLessThan(1e-9);
  });
});

describe('the cost of incremental evaluations, for splitting them over threads', () => {
  // Inputs 0 and 1 are non-zero in 1 and 2 of the 4 samples, input 2 never, the bias always.
  const sparse = makeDataset(
    'sparse',
    [
      [1, 0, 0, 1],
      [0, 2, 0, 1],
      [0, 3, 0, 1],
      [0, 0, 0, 1],
    ],
    [[1], [0], [1], [0]],
  );

  it('weighs a first-layer weight by the share of samples where its input is not 0, every later weight as 1', () => {
    // A quartic per sample where the input is not 0, plus 0.02 for the item itself; E(w), the last item, costs 1.
    const net = makeNet([4, 5, 6, 1], 'tanh');
    const ev = evaluator(net, bce, sparse, spec({ grad: 'incremental', kind: 'central' }));
    const cost = phaseCost(ev, 1) as Float64Array;
    const P = paramCount(net);
    const per = Array.from({ length: 2 * P + 1 }, (_, e) => cost[e + 1] - cost[e]);
    const weight = (k: number) => (k < 4 * 5 ? [0.25, 0.5, 0, 1][Math.floor(k / 5)] : 1) + 0.02;
    const expected = per.map((_, e) => (e < 2 * P ? weight(e % P) : 1));
    for (let e = 0; e < per.length; e++) expect(per[e], `item ${e}`).toBeCloseTo(expected[e], 12);
  });

  it('has none where every input is mostly non-zero, nor for the base pass', () => {
    const ev = evaluator(makeNet([4, 5, 6, 2], 'tanh'), ce, dataset(40, 2), spec({ grad: 'incremental' }));
    expect(phaseCost(ev, 1)).toBeUndefined();
    const sparseNet = evaluator(makeNet([4, 5, 1], 'tanh'), bce, sparse, spec({ grad: 'incremental' }));
    expect(phaseCost(sparseNet, 1)).toBeDefined();
    expect(phaseCost(sparseNet, 0)).toBeUndefined();
  });
});
