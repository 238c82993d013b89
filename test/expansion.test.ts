// The shared downstream expansions (expansion.ts) against a sample's loss by
// whole forward passes. Stepping weight (i, j) by δ/a_i moves unit j's
// pre-activation by δ and nothing else upstream, so the exact changes f(δ) at
// δ = 0, ±s, ±2s give each Taylor coefficient by the classic central stencils
// (error O(s²)): the expansion's four coefficients must match them, each
// within 1e-3 of the unit's largest. Steps this large (s = 0.01) are far past
// where training uses the series; they are what makes every order visible.
import { describe, expect, it } from 'vitest';
import { makeDataset } from '../src/data/dataset.ts';
import { evaluateAll, makeEvaluator } from '../src/methods/evaluate.ts';
import { describeRun, type EvalSpec, evalCount } from '../src/methods/run-spec.ts';
import type { ActivationName } from '../src/nn/activation.ts';
import { forwardLogits, makeNet, makeScratch, type Net, paramCount, randomParams } from '../src/nn/network.ts';
import { bce, ce, mse, type Output } from '../src/nn/output.ts';
import { poly } from '../src/nn/series.ts';
import { stream } from '../src/util/rng.ts';
import { stencil } from './stencil.ts';

const spec = (h: number): EvalSpec => ({
  kind: 'forward',
  seed: 'e',
  h,
  delta: 0,
  candidates: 0,
  sigma: 0,
  rank: 0,
  batch: 0,
  grad: 'incremental',
});

/** Runs whose steps reach past DEEP_MAX get quartics; the default step, cubics (expansion.ts). */
const QUARTIC = 1e-3;
const CUBIC = 1e-5;

function setup(nodes: number[], func: ActivationName, output: Output, h = QUARTIC) {
  const K = nodes[nodes.length - 1];
  const rng = stream('expansion', nodes.join('-'), func);
  const xs = Array.from({ length: 6 }, () => [0, 1, 2].map(() => 2 * rng() - 1).concat(1));
  const ys = xs.map((_, s) => (K === 1 ? [s % 2] : Array.from({ length: K }, (_, k) => (k === s % K ? 1 : 0))));
  const data = makeDataset('e', xs, ys);
  const net = makeNet(nodes, func);
  const params = randomParams(net, stream('expansion', 'init', func)).map((w) => 2 * w - 1);
  const ev = makeEvaluator(describeRun(net, output, spec(h)), data);
  evaluateAll(ev, params, 0, new Float64Array(evalCount(spec(h), paramCount(net))));
  const buf = ev.incremental?.base.buf;
  if (!buf) throw new Error('incremental gradients keep a base pass');
  return { data, net, params, buf };
}

/** Sample p's loss term with params. */
function sampleLoss(net: Net, output: Output, params: Float64Array, data: ReturnType<typeof setup>['data'], p: number) {
  const logits = forwardLogits(net, params, data.inputs, p * data.inDim, makeScratch(net));
  return output.sampleLoss(logits, data.targets, p * data.outDim);
}

/** Unit j of layer m in sample p: its exact loss change f(δ), by its weight from unit 0 below. */
function exactChange(s: ReturnType<typeof setup>, output: Output, m: number, j: number, p: number) {
  const { net, params, data } = s;
  const below = m === 1 ? data.inputs[p * data.inDim] : s.buf.a[m - 1][p * net.nodes[m - 1]];
  const base = sampleLoss(net, output, params, data, p);
  return (delta: number) => {
    const moved = params.slice();
    moved[net.offsets[m - 1] + j] += delta / below;
    return sampleLoss(net, output, moved, data, p) - base;
  };
}

/** The largest gap between the expansion's first `orders` coefficients and the stencil's, as a share of the unit's largest. */
function gap(s: ReturnType<typeof setup>, output: Output, m: number, j: number, p: number, orders = 4): number {
  const coef = s.buf.deep[m];
  const at = (p * s.net.nodes[m] + j) * 4;
  const ours = [0, 1, 2, 3].slice(0, orders).map((n) => coef[at + n]);
  const theirs = stencil(exactChange(s, output, m, j, p), 0.01);
  const scale = Math.max(...ours.map(Math.abs), 1e-6);
  return Math.max(...ours.map((c, n) => Math.abs(c - theirs[n]))) / scale;
}

describe('shared downstream expansions', () => {
  for (const [name, nodes, m] of [
    ['the layer two before the output', [4, 5, 4, 3], 1],
    ['a layer three before the output', [4, 3, 5, 4, 3], 1],
    ['the second of three hidden layers', [4, 3, 5, 4, 3], 2],
  ] as const) {
    for (const func of ['logistic', 'tanh'] as const) {
      for (const [outName, output] of [
        ['softmax', ce],
        ['logistic', bce],
        ['identity', mse],
      ] as const) {
        const shape = [...nodes.slice(0, -1), output === bce ? 1 : 3];
        it(`give the four Taylor coefficients of the exact change for ${name}, ${func} units, ${outName} outputs`, () => {
          const s = setup(shape, func, output, QUARTIC);
          for (let p = 0; p < 3; p++)
            for (let j = 0; j < s.net.nodes[m]; j++)
              expect(gap(s, output, m, j, p), `sample ${p}, unit ${j}`).toBeLessThan(1e-3);
        });

        it(`give three at the default step, and no fourth, for ${name}, ${func} units, ${outName} outputs`, () => {
          const s = setup(shape, func, output, CUBIC);
          for (let p = 0; p < 3; p++)
            for (let j = 0; j < s.net.nodes[m]; j++) {
              expect(gap(s, output, m, j, p, 3), `sample ${p}, unit ${j}`).toBeLessThan(1e-3);
              expect(s.buf.deep[m][(p * s.net.nodes[m] + j) * 4 + 3]).toBe(0);
            }
        });
      }
    }
  }

  it('give relu units the exact change within their limit, whose orders come from the loss alone', () => {
    // relu bends nothing: within its limit a unit's change reaches the logits along a straight line, and
    // the quartic is the loss's series along it. Limits are short (a logit may move 1e-3), too short for
    // stencils; at half the limit the exact change itself must match to 1e-10 (its own rounding: ~1e-12).
    const s = setup([4, 5, 4, 3], 'relu', ce, CUBIC);
    let checked = 0;
    for (let p = 0; p < 6; p++)
      for (let j = 0; j < 5; j++) {
        const at = p * 5 + j;
        if (s.buf.deep[1][at * 4] === 0) continue; // an off unit: 0 on both sides proves little
        const delta = Math.min(0.02, s.buf.deepLimit[1][at] / 2);
        const exact = exactChange(s, ce, 1, j, p)(delta);
        expect(Math.abs(poly(s.buf.deep[1], at * 4, delta) - exact), `sample ${p}, unit ${j}`).toBeLessThan(
          1e-10 * Math.abs(exact),
        );
        checked++;
      }
    expect(checked).toBeGreaterThan(5);
  });

  it('have room for four coefficients per unit and sample of the layers before the last two only', () => {
    const s = setup([4, 5, 4, 3, 3], 'tanh', ce);
    expect(s.buf.deep.map((d) => d.length)).toEqual([1, 4 * 5 * 6, 4 * 4 * 6, 1, 1]);
  });
});
