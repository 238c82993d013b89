// Each method's update rule (src/train/*-rule.ts) on hand-made results: what
// it measures, what it does to the params, what loss it reports. The loop
// that calls them (trainer.ts and its steps) is tested whole elsewhere; here, one rule at a
// time, and that the loop itself never names a method.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeDataset } from '../src/data/dataset.ts';
import { makeCandidate } from '../src/methods/candidates.ts';
import { describeRun, type EvalSpec } from '../src/methods/run-spec.ts';
import { makeNet } from '../src/nn/network.ts';
import { bce } from '../src/nn/output.ts';
import { backpropRule } from '../src/train/backprop-rule.ts';
import { gradientRule } from '../src/train/gradient-rule.ts';
import { resolveOptions, type Settings } from '../src/train/options.ts';
import { randomRule } from '../src/train/random-rule.ts';

const net = makeNet([2, 1]); // two weights
const data = makeDataset('r', [[1, 1]], [[1]]);
const settings = (over: Partial<Settings>) =>
  ({ ...resolveOptions({}), lr: 0.5, optimizer: 'sgd', ...over }) as Settings;
const spec = (over: Partial<EvalSpec>): EvalSpec => ({
  kind: 'forward',
  seed: 's',
  h: 0.1,
  delta: 0.25,
  candidates: 2,
  sigma: 0,
  rank: 0,
  batch: 0,
  grad: 'naive',
  ...over,
});

describe('update rules', () => {
  it('gradient: measures E(w) before the update, then steps each weight by lr times its difference over h', () => {
    // Forward differences: results = [E(w + h·e0), E(w + h·e1), E(w)].
    const rule = gradientRule(settings({}), describeRun(net, bce, spec({})), data, 2);
    const params = Float64Array.from([1, 2]);
    const results = Float64Array.from([0.7, 0.4, 0.5]);
    expect(rule.measures).toBe('before');
    expect(rule.loss(results)).toBe(0.5);
    rule.update(0, results, params, 0.5);
    expect([...params]).toEqual([1 - 0.5 * ((0.7 - 0.5) / 0.1), 2 - 0.5 * ((0.4 - 0.5) / 0.1)]);
  });

  it('backprop: reads the gradient and then the loss from its results', () => {
    const rule = backpropRule(settings({}), net, bce, data, 2);
    const params = Float64Array.from([1, 2]);
    const results = Float64Array.from([0.2, -0.4, 0.9]);
    expect(rule.loss(results)).toBe(0.9);
    rule.update(0, results, params, 0.9);
    expect([...params]).toEqual([0.9, 2.2]);
  });

  it('random: keeps the candidate of least loss and reports its loss after the update', () => {
    const run = describeRun(net, bce, spec({ kind: 'random' }));
    const rule = randomRule(settings({ method: 'random', candidates: 2, delta: 0.25, seed: 's' }), run, net, bce, data);
    const params = Float64Array.from([1, 2]);
    const expected = makeCandidate(params, run.eval.seed, 7, 1, 0.25, new Float64Array(2));
    expect(rule.measures).toBe('after');
    expect(rule.update(7, Float64Array.from([0.6, 0.3]), params, 0.5)).toBe(0.3);
    expect([...params]).toEqual([...expected]);
  });

  it('random, elitist: keeps the current params when no candidate beats them', () => {
    const run = describeRun(net, bce, spec({ kind: 'random' }));
    const rule = randomRule(settings({ method: 'random', candidates: 2, elitist: true }), run, net, bce, data);
    const params = Float64Array.from([1, 2]);
    expect(rule.update(7, Float64Array.from([0.6, 0.7]), params, 0.5)).toBe(0.5);
    expect([...params]).toEqual([1, 2]);
  });

  it('leave the training loop free of any method by name', () => {
    for (const step of ['trainer', 'loop-start', 'iteration', 'train-result']) {
      const loop = readFileSync(`src/train/${step}.ts`, 'utf8');
      for (const name of ['gradient', 'backprop', 'random', 'es', 'spsa']) expect(loop).not.toContain(`'${name}'`);
    }
  });
});
