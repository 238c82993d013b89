// SPSA (methods/spsa.ts, train/spsa-rule.ts): its gains by hand, its three
// evaluations against whole losses, its update against the formula, and a run
// of the built-in set to the original's loss target.
import { describe, expect, it } from 'vitest';
import { seed2class } from '../src/data/builtin.ts';
import { evaluateAll, makeEvaluator } from '../src/methods/evaluate.ts';
import { describeRun, type EvalSpec } from '../src/methods/run-spec.ts';
import { perturbGain, spsaSigns, stepGain } from '../src/methods/spsa.ts';
import { meanLoss } from '../src/nn/loss.ts';
import { makeNet, paramCount, randomParams } from '../src/nn/network.ts';
import { bce } from '../src/nn/output.ts';
import { resolveOptions, type Settings } from '../src/train/options.ts';
import { spsaRule } from '../src/train/spsa-rule.ts';
import { train } from '../src/train/trainer.ts';
import { stream } from '../src/util/rng.ts';

const data = seed2class();
const net = makeNet([3, 6, 1]);
const P = paramCount(net);
const spec: EvalSpec = {
  kind: 'spsa',
  seed: 'q',
  h: 0,
  delta: 0.01,
  candidates: 0,
  sigma: 0,
  rank: 0,
  batch: 0,
  grad: 'naive',
};

describe('spsa', () => {
  it("decays its gains as Spall's a/(k + 1 + 50)^0.602 and c/(k + 1)^0.101", () => {
    expect(stepGain(2, 0)).toBeCloseTo(2 / 51 ** 0.602, 15);
    expect(stepGain(2, 949)).toBeCloseTo(2 / 1000 ** 0.602, 15);
    expect(perturbGain(0.01, 0)).toBe(0.01);
    expect(perturbGain(0.01, 9)).toBeCloseTo(0.01 / 10 ** 0.101, 15);
  });

  it('evaluates E(w + c_t·Δ), E(w − c_t·Δ) and E(w), Δ the ±1 signs of stream (seed, spsa, t)', () => {
    const params = randomParams(net, stream('spsa-test'));
    const results = new Float64Array(3);
    evaluateAll(makeEvaluator(describeRun(net, bce, spec), data), params, 4, results);
    const signs = spsaSigns('q', 4, new Float64Array(P));
    expect(signs.every((s) => s === 1 || s === -1)).toBe(true);
    const c = 0.01 / 5 ** 0.101;
    const at = (side: number) => params.map((w, i) => w + side * c * signs[i]);
    expect([...results]).toEqual([
      meanLoss(net, at(1), data, bce),
      meanLoss(net, at(-1), data, bce),
      meanLoss(net, params, data, bce),
    ]);
  });

  it('steps every weight by a_t·(E₊ − E₋)/(2·c_t·Δ_i)', () => {
    const o = { ...resolveOptions({ method: 'spsa' }), lr: 2, delta: 0.01, seed: 'q', optimizer: 'sgd' } as Settings;
    const rule = spsaRule(o, describeRun(net, bce, spec), data, P);
    const params = randomParams(net, stream('spsa-step'));
    const before = params.slice();
    const signs = spsaSigns('q', 4, new Float64Array(P));
    expect(rule.loss(Float64Array.from([0.7, 0.5, 0.6]))).toBe(0.6);
    rule.update(4, Float64Array.from([0.7, 0.5, 0.6]), params, 0.6);
    const g = (2 / (4 + 1 + 50) ** 0.602) * ((0.7 - 0.5) / (2 * (0.01 / 5 ** 0.101)));
    for (let i = 0; i < P; i++) expect(params[i]).toBeCloseTo(before[i] - g * signs[i], 14);
  });

  it('trains the built-in set to loss < 0.2 from the default seed', async () => {
    const r = await train({ method: 'spsa', threads: 0, maxIters: 60_000 });
    expect(r.stopReason).toBe('target-loss');
    expect(r.loss).toBeLessThan(0.2);
  });
});
