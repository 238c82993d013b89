// --grad-check: the numerical gradient (as configured: --grad, --diff, --h)
// against backpropagation, at the first weights and on the first batch, with
// the largest differences and the weights where they occur. Trains nothing.

import { evaluateAll, gradientFromResults, makeEvaluator } from '../methods/evaluate.ts';
import { evalCount } from '../methods/run-spec.ts';
import { backprop } from '../nn/backprop.ts';
import { weightPos } from '../nn/network.ts';
import { resolveOptions, type TrainOptions } from './options.ts';
import { prepare } from './prepare.ts';

export interface GradCheck {
  weights: number;
  maxAbs: number;
  maxRel: number;
  /** The worst weights by absolute difference. */
  worst: { layer: number; in: number; out: number; numerical: number; analytic: number }[];
}

export function gradCheck(options: TrainOptions, show = 5): GradCheck {
  const p = prepare(resolveOptions({ ...options, method: 'gradient' }));
  const ev = makeEvaluator(p.run, p.data);
  const results = new Float64Array(evalCount(p.run.eval, p.params.length));
  evaluateAll(ev, p.params, 0, results);
  const numerical = new Float64Array(p.params.length);
  gradientFromResults(p.run.eval, results, numerical);
  const analytic = new Float64Array(p.params.length);
  backprop(p.net, p.params, p.data, p.output, analytic, ev.batches?.batch(0));
  let scale = 0;
  for (const g of analytic) scale = Math.max(scale, Math.abs(g));
  const order = [...numerical.keys()].sort((a, b) => diff(b) - diff(a));
  function diff(k: number) {
    return Math.abs(numerical[k] - analytic[k]);
  }
  return {
    weights: numerical.length,
    maxAbs: diff(order[0]),
    maxRel: diff(order[0]) / (scale || 1),
    worst: order
      .slice(0, show)
      .map((k) => ({ ...weightPos(p.net, k), numerical: numerical[k], analytic: analytic[k] })),
  };
}
