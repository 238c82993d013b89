// Evolution strategies (methods/es*.ts, train/es-rule.ts): fitness shaping and
// the update by hand, the noise drawn by address against drawn in one go, the
// low-rank candidates against whole forward passes through the weights they
// stand for, and Adam's first step.
import { describe, expect, it } from 'vitest';
import { seed2class } from '../src/data/builtin.ts';
import { makeDataset } from '../src/data/dataset.ts';
import { Batches } from '../src/methods/batches.ts';
import { centredRanks, pairWeights } from '../src/methods/es.ts';
import { EsGrad } from '../src/methods/es-grad.ts';
import { gaussians, noiseKey, noiseLayout, pairKey } from '../src/methods/es-noise.ts';
import { allocSharedBase, evaluateAll, makeEvaluator } from '../src/methods/evaluate.ts';
import { describeRun, type EvalSpec } from '../src/methods/run-spec.ts';
import { lossSum } from '../src/nn/loss.ts';
import { makeNet, paramCount, xavierParams } from '../src/nn/network.ts';
import { bce, ce } from '../src/nn/output.ts';
import { makeSharedState } from '../src/parallel/shared-state.ts';
import { workerMain } from '../src/parallel/worker-main.ts';
import { esRule } from '../src/train/es-rule.ts';
import { resolveOptions, type Settings } from '../src/train/options.ts';
import { train } from '../src/train/trainer.ts';
import { stream } from '../src/util/rng.ts';

const spec = (over: Partial<EvalSpec>): EvalSpec => ({
  kind: 'es',
  seed: 'e',
  h: 0,
  delta: 0,
  candidates: 6,
  sigma: 0.1,
  rank: 0,
  batch: 0,
  grad: 'naive',
  ...over,
});

/** Pair p's noise of iteration t, drawn in one go. */
function pairNoise(seed: string, t: number, p: number, size: number): Float64Array {
  const out = new Float64Array(size);
  gaussians(pairKey(noiseKey(seed), t, p), 0, size, out, 0);
  return out;
}

describe('fitness shaping', () => {
  it('ranks losses from −½ (least) to +½ (largest), evenly spaced', () => {
    const u = centredRanks([3, 1, 2, 6, 5, 4], 6, new Float64Array(6));
    expect([...u].map((x) => +x.toFixed(12))).toEqual([-0.1, -0.5, -0.3, 0.5, 0.3, 0.1]);
  });

  it('ranks a NaN loss last and gives tied losses the mean of their ranks', () => {
    // Ranks 0..3 over 3: 1 and 1 share ranks 1 and 2, so both get 1.5/3 − ½ = 0.
    expect([...centredRanks([NaN, 1, 1, 0], 4, new Float64Array(4))].map((x) => +x.toFixed(12))).toEqual(
      [0.5, 0, 0, -0.5].map((x) => +x.toFixed(12)),
    );
  });

  it('gives a population that ties throughout no step: every pair weighs 0', () => {
    const u = centredRanks(new Float64Array(8).fill(-500), 8, new Float64Array(8));
    expect([...pairWeights(u, 8, new Float64Array(4))]).toEqual([0, 0, 0, 0]);
  });

  it("weighs each pair's noise by u(+) − u(−)", () => {
    const d = pairWeights(Float64Array.from([-0.1, -0.5, -0.3, 0.5, 0.3, 0.1]), 6, new Float64Array(3));
    expect([...d].map((x) => +x.toFixed(12))).toEqual([0.4, -0.8, 0.2]);
  });
});

describe('the noise', () => {
  it('gives any slice the bits of the whole drawn in one go', () => {
    const whole = pairNoise('s', 7, 3, 1001);
    const pk = pairKey(noiseKey('s'), 7, 3);
    const rng = stream('slices');
    for (let trial = 0; trial < 50; trial++) {
      const lo = Math.floor(rng() * 1000);
      const hi = lo + 1 + Math.floor(rng() * (1001 - lo - 1));
      const part = new Float64Array(hi - lo);
      gaussians(pk, lo, hi, part, 0);
      expect(part).toEqual(whole.subarray(lo, hi));
    }
  });

  it('is standard normal: mean near 0, variance near 1, pairs and iterations uncorrelated', () => {
    const a = pairNoise('s', 1, 0, 200_000);
    const b = pairNoise('s', 1, 1, 200_000);
    const c = pairNoise('s', 2, 0, 200_000);
    const mean = (x: Float64Array) => x.reduce((s, v) => s + v, 0) / x.length;
    const dot = (x: Float64Array, y: Float64Array) => x.reduce((s, v, i) => s + v * y[i], 0) / x.length;
    expect(Math.abs(mean(a))).toBeLessThan(0.01); // 4.5 standard errors
    expect(Math.abs(dot(a, a) - 1)).toBeLessThan(0.015);
    expect(Math.abs(dot(a, b))).toBeLessThan(0.01);
    expect(Math.abs(dot(a, c))).toBeLessThan(0.01);
  });

  it('depends on the seed', () => {
    expect(pairNoise('1', 0, 0, 8)).not.toEqual(pairNoise('2', 0, 0, 8));
  });
});

describe('the update', () => {
  const net = makeNet([2, 2]); // four weights
  const losses = Float64Array.from([3, 1, 2, 6, 5, 4]); // three antithetic pairs, ranks as above

  it('is 1/(Kσ)·Σ_c u_c·ε_c over every candidate, ε_2p+1 = −ε_2p (4 weights, 3 pairs, known ranks)', () => {
    const u = [-0.1, -0.5, -0.3, 0.5, 0.3, 0.1];
    const eps = [0, 1, 2].map((p) => pairNoise('e', 5, p, 4));
    const expected = [0, 1, 2, 3].map(
      (k) => u.reduce((s, uc, c) => s + uc * (c % 2 === 0 ? 1 : -1) * eps[c >> 1][k], 0) / (6 * 0.1),
    );
    const g = new Float64Array(4);
    new EsGrad(net, noiseLayout(net, 0), noiseKey('e'), spec({})).range(5, losses, 0, 4, g, 0);
    for (let k = 0; k < 4; k++) expect(g[k]).toBeCloseTo(expected[k], 14);
  });

  it('uses A·Bᵀ/√r as each layer noise with rank r', () => {
    const deep = makeNet([3, 4, 2]);
    const layout = noiseLayout(deep, 2);
    const eps = [0, 1, 2].map((p) => {
      const noise = pairNoise('e', 5, p, layout.size);
      return Array.from({ length: paramCount(deep) }, (_, k) => {
        const l = k < 12 ? 0 : 1;
        const n = deep.nodes[l + 1];
        const i = Math.floor((k - deep.offsets[l]) / n);
        const j = (k - deep.offsets[l]) % n;
        const a = (q: number) => noise[layout.a[l] + i * 2 + q];
        const b = (q: number) => noise[layout.b[l] + j * 2 + q];
        return (a(0) * b(0) + a(1) * b(1)) / Math.SQRT2;
      });
    });
    const d = [0.4, -0.8, 0.2];
    const g = new Float64Array(paramCount(deep));
    new EsGrad(deep, layout, noiseKey('e'), spec({ rank: 2 })).range(5, losses, 0, g.length, g, 0);
    for (let k = 0; k < g.length; k++)
      expect(g[k]).toBeCloseTo(d.reduce((s, dp, p) => s + dp * eps[p][k], 0) / 0.6, 13);
  });

  it('gives every weight the same bits however the weights are split into ranges', () => {
    const deep = makeNet([30, 7, 3]);
    for (const rank of [0, 1, 3]) {
      const layout = noiseLayout(deep, rank);
      const whole = new Float64Array(paramCount(deep));
      const grad = () => new EsGrad(deep, layout, noiseKey('e'), spec({ rank }));
      grad().range(9, losses, 0, whole.length, whole, 0);
      const split = new Float64Array(whole.length);
      const g = grad(); // one thread claiming uneven ranges, one after another
      for (let lo = 0, step = 1; lo < whole.length; lo += step, step = (step * 7) % 23 || 5)
        g.range(9, losses, lo, Math.min(whole.length, lo + step), split, lo);
      expect(split, `rank ${rank}`).toEqual(whole);
    }
  });
});

describe('the candidates', () => {
  const rng = stream('es-data');
  const inputs = Array.from({ length: 40 }, () => [rng(), rng() < 0.5 ? 0 : rng(), rng(), 1]);
  const labels = inputs.map((x) => [x[0] + x[2] > 1 ? 1 : 0]);
  const data = makeDataset('es', inputs, labels);

  for (const [name, nodes, rank, batch] of [
    ['rank 1, one hidden layer', [4, 5, 1], 1, 0],
    ['rank 2, two hidden layers, a mini-batch', [4, 5, 3, 1], 2, 8],
    ['dense noise, two hidden layers', [4, 5, 3, 1], 0, 0],
  ] as const) {
    it(`${name}: each loss is the whole forward pass through w ± σ·ε`, () => {
      const net = makeNet(nodes);
      const s = spec({ rank, batch, candidates: 4, sigma: 0.3 });
      const params = xavierParams(net, stream('es-params'));
      const results = new Float64Array(4 + 1 + paramCount(net));
      const ev = makeEvaluator(describeRun(net, bce, s), data);
      evaluateAll(ev, params, 2, results); // an earlier iteration first: nothing of its batch may stay
      evaluateAll(ev, params, 3, results);
      const layout = noiseLayout(net, rank);
      const samples = batch > 0 ? new Batches(data.n, batch, 'e').batch(3) : undefined;
      const count = samples ? samples.length : data.n;
      for (let c = 0; c <= 4; c++) {
        const noise = pairNoise('e', 3, c >> 1, layout.size);
        const w = params.map((v, k) => {
          if (c === 4) return v;
          let l = 0;
          while (k >= net.offsets[l + 1]) l++;
          const n = net.nodes[l + 1];
          const i = Math.floor((k - net.offsets[l]) / n);
          const j = (k - net.offsets[l]) % n;
          let e = 0;
          if (rank === 0) e = noise[k];
          else
            for (let q = 0; q < rank; q++) e += noise[layout.a[l] + i * rank + q] * noise[layout.b[l] + j * rank + q];
          return v + (c % 2 === 0 ? 0.3 : -0.3) * (rank === 0 ? e : e / Math.sqrt(rank));
        });
        const whole = lossSum(net, w, data, bce, { acts: net.nodes.map((n) => new Float64Array(n)) }, samples) / count;
        expect(results[c], `candidate ${c}`).toBeCloseTo(whole, 13);
      }
    });
  }

  it('gives softmax outputs their loss too', () => {
    const net = makeNet([4, 6, 3]);
    const three = makeDataset(
      'three',
      inputs,
      inputs.map((x) => [x[0] > 0.5 ? 1 : 0, x[0] <= 0.5 && x[2] > 0.5 ? 1 : 0, x[0] <= 0.5 && x[2] <= 0.5 ? 1 : 0]),
    );
    const params = xavierParams(net, stream('es-ce'));
    const results = new Float64Array(2 + 1 + paramCount(net));
    evaluateAll(makeEvaluator(describeRun(net, ce, spec({ rank: 1, candidates: 2 })), three), params, 0, results);
    const whole = lossSum(net, params, three, ce, { acts: net.nodes.map((n) => new Float64Array(n)) }) / three.n;
    expect(results[2]).toBeCloseTo(whole, 13);
  });
});

describe('the optimiser', () => {
  const net = makeNet([3, 6, 1]);
  const P = paramCount(net);
  const run = describeRun(net, bce, spec({ candidates: 2 }));
  const settings = (over: Partial<Settings>) =>
    ({
      ...resolveOptions({ method: 'es' }),
      candidates: 2,
      sigma: 0.1,
      lr: 0.01,
      optimizer: 'adam',
      ...over,
    }) as Settings;
  // Estimates of -4, 0 and 4: Adam's first step is lr times their sign, plain descent's 4 times that.
  const results = Float64Array.from({ length: 3 + P }, (_, e) => (e < 3 ? 0.5 : 4 * ((e % 3) - 1)));

  it("takes Adam's first step: lr times the sign of each estimate", () => {
    const params = new Float64Array(P).fill(1);
    esRule(settings({}), run, seed2class(), P).update(0, results, params, 0.5);
    for (let k = 0; k < P; k++) expect(params[k]).toBeCloseTo(1 - 0.01 * Math.sign(results[3 + k]), 6);
  });

  it('steps by lr·ĝ with sgd, less lr·wd·w with weight decay', () => {
    const params = new Float64Array(P).fill(2);
    esRule(settings({ optimizer: 'sgd', weightDecay: 0.5 }), run, seed2class(), P).update(0, results, params, 0.5);
    for (let k = 0; k < P; k++) expect(params[k]).toBeCloseTo(2 - 0.01 * results[3 + k] - 0.01 * 0.5 * 2, 14);
  });

  it('reports E(w), the loss after the candidates', () => {
    expect(esRule(settings({}), run, seed2class(), P).loss(results)).toBe(0.5);
  });
});

describe('training with es', () => {
  it('reaches loss < 0.2 on the built-in set from the default seed', async () => {
    const r = await train({ method: 'es', threads: 0, maxIters: 5_000 });
    expect(r.stopReason).toBe('target-loss');
    expect(r.loss).toBeLessThan(0.2);
  });

  it('refuses an odd population', () => {
    expect(() => resolveOptions({ method: 'es', candidates: 5 })).toThrow(/candidates 5: expected an even number/);
  });
});

describe('a pool worker', () => {
  it("evaluates iteration 0's candidates afresh after its warm-up, one claim at a time", () => {
    // The warm-up runs candidates of iteration 0 on scratch params before any base pass; what it
    // cached then (X·A of the pairs it loaded last) must not stand in for the real iteration's.
    const net = makeNet([3, 6, 1]);
    const data = seed2class();
    const run = describeRun(net, bce, spec({ rank: 1, candidates: 2 })); // one pair: the warm-up loads it
    const P = paramCount(net);
    const count = 2 + 1 + P;
    const params = xavierParams(net, stream('warm'));
    const expected = new Float64Array(count);
    evaluateAll(makeEvaluator(run, data), params, 0, expected);
    const shared = makeSharedState(P, count, 1);
    shared.params.set(params);
    const base = allocSharedBase(run, data);
    const worker = workerMain({ run, data, shared, base });
    worker({ op: 'ping', warmMs: 20 });
    worker({ op: 'chunk', t: 0, phase: 0, lo: 0, hi: data.n }); // the base phase
    for (let c = 0; c < 3; c++) worker({ op: 'chunk', t: 0, phase: 1, lo: c, hi: c + 1 });
    expect([...shared.results.subarray(0, 3)]).toEqual([...expected.subarray(0, 3)]);
  });
});
