// Softmax outputs with categorical cross-entropy: values by hand, extreme
// logits, and the gradient of the loss against backpropagation.
import { describe, expect, it } from 'vitest';
import { makeDataset } from '../src/data/dataset.ts';
import { evaluateRange, gradientFromResults, makeEvaluator } from '../src/methods/evaluate.ts';
import { describeRun, type EvalSpec, evalCount } from '../src/methods/run-spec.ts';
import { backpropGradient } from '../src/nn/backprop.ts';
import { meanLoss } from '../src/nn/loss.ts';
import { makeNet, paramCount, randomParams } from '../src/nn/network.ts';
import { ce, logSumExp } from '../src/nn/output.ts';
import { stream } from '../src/util/rng.ts';

const z = (...xs: number[]) => Float64Array.from(xs);
const oneHot = (k: number, n = 3) => Float64Array.from({ length: n }, (_, i) => (i === k ? 1 : 0));

describe('softmax cross-entropy', () => {
  it('is −ln of the true class probability, computed by hand', () => {
    // z = [1, 2, 3]: softmax = e^z / (e + e² + e³) = [0.0900306, 0.2447285, 0.6652410]
    expect(ce.sampleLoss(z(1, 2, 3), oneHot(0), 0)).toBeCloseTo(-Math.log(0.09003057317038046), 12);
    expect(ce.sampleLoss(z(1, 2, 3), oneHot(2), 0)).toBeCloseTo(-Math.log(0.6652409557748219), 12);
  });

  it('reads the target at the sample offset', () => {
    const targets = Float64Array.from([...oneHot(0), ...oneHot(1)]);
    expect(ce.sampleLoss(z(0, Math.log(3), 0), targets, 3)).toBeCloseTo(-Math.log(3 / 5), 12);
  });

  it('stays finite and exact at extreme logits', () => {
    expect(ce.sampleLoss(z(1000, 0, -1000), oneHot(0), 0)).toBe(0);
    expect(ce.sampleLoss(z(1000, 0, -1000), oneHot(1), 0)).toBe(1000);
    expect(ce.sampleLoss(z(-800, -800, -800), oneHot(2), 0)).toBeCloseTo(Math.log(3), 12);
    expect(logSumExp(z(710, 710))).toBeCloseTo(710 + Math.LN2, 10);
  });

  it('turns logits into probabilities that sum to one', () => {
    const y = z(1, 2, 3);
    ce.activate(y);
    expect([...y].map((v) => +v.toFixed(7))).toEqual([0.0900306, 0.2447285, 0.665241]);
    const big = z(1000, 1000, 0);
    ce.activate(big);
    expect([...big]).toEqual([0.5, 0.5, 0]);
  });

  it('predicts the largest logit, the lower index on a tie, and reads the label from one-hot targets', () => {
    expect([ce.predict(z(0.1, 3, 2)), ce.predict(z(5, 5, 1))]).toEqual([1, 0]);
    expect(ce.label(Float64Array.from([...oneHot(1), ...oneHot(2)]), 3, 3)).toBe(2);
  });
});

describe('the gradient of softmax cross-entropy', () => {
  const data = makeDataset(
    'three',
    [
      [0.5, -1, 1],
      [1.5, 0.2, 1],
      [-0.3, 0.8, 1],
      [0.1, 0.1, 1],
    ],
    [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
      [0, 1, 0],
    ],
  );

  it('by central differences agrees with backpropagation to 1e-7', () => {
    for (const func of ['logistic', 'tanh', 'relu'] as const) {
      const net = makeNet([3, 4, 3], func);
      const params = randomParams(net, stream(func, 'init')).map((w) => 2 * w - 1);
      const spec: EvalSpec = {
        kind: 'central',
        seed: '1',
        h: 1e-5,
        delta: 0,
        candidates: 0,
        sigma: 0,
        rank: 0,
        batch: 0,
        grad: 'naive',
      };
      const results = new Float64Array(evalCount(spec, paramCount(net)));
      evaluateRange(makeEvaluator(describeRun(net, ce, spec), data), params, 0, 0, results.length, results);
      const grad = new Float64Array(paramCount(net));
      gradientFromResults(spec, results, grad);
      const exact = backpropGradient(net, params, data, ce);
      let worst = 0;
      for (let k = 0; k < grad.length; k++) worst = Math.max(worst, Math.abs(grad[k] - exact[k]));
      expect(worst, func).toBeLessThan(1e-7);
    }
  });

  it('has a mean loss of ln 3 for all-zero weights and three classes', () => {
    const net = makeNet([3, 2, 3]);
    expect(meanLoss(net, new Float64Array(paramCount(net)), data, ce)).toBeCloseTo(Math.log(3), 12);
  });
});
