// Evolution strategies' evaluations (es-eval.ts): e < K: the loss of
// candidate e;  e = K: E(w);  K < e: ĝ_(e−K−1). An iteration's phases: with
// low-rank noise first the base pass over the batch's samples (shared by a
// pool's threads), then the K + 1 losses, then ĝ, each thread a range of
// weights.

import { allocEsBase, type EsBase, EsEval } from './es-eval.ts';
import { EsGrad } from './es-grad.ts';
import { noiseKey, noiseLayout } from './es-noise.ts';
import type { EvalSpec } from './eval-spec.ts';
import { baseItems, type Evaluator, type Job } from './evaluator.ts';

/** The fewest weights of ĝ a pool thread claims at once (phaseLeast). */
const LEAST_GRADIENT = 256;

/** The phase of ĝ: the last, after the base pass (low rank) and the candidates. */
const gradientPhase = (spec: EvalSpec) => (spec.rank > 0 ? 2 : 1);

export const ES: Job = {
  count: (spec, params) => spec.candidates + 1 + params, // the K losses, E(w), then ĝ
  // A task run plays the K candidates only: E(w) would be an episode more that the update does not use (and
  // one item too many to split evenly). The coordinator gives the population's mean loss in its place, as
  // OpenAI's ES reports, and ĝ (task-results.ts).
  points: (spec) => spec.candidates,
  point: (ev, params, t, p, out) => (ev.es as EsEval).candidate(params, t, p, out),
  fromLosses(spec, net) {
    const K = spec.candidates;
    const grad = new EsGrad(net, noiseLayout(net, 0), noiseKey(spec.seed), spec);
    return (t, results) => {
      let sum = 0;
      for (let c = 0; c < K; c++) sum += results[c];
      results[K] = sum / K;
      grad.range(t, results, 0, results.length - K - 1, results, K + 1);
    };
  },
  sharesBase: (spec) => spec.rank > 0,
  allocBase: allocEsBase,
  parts: ({ net, spec, capacity, base }) => ({ es: new EsEval(net, spec, capacity, base as EsBase | undefined) }),
  phaseNames: (spec) => [...(spec.rank > 0 ? ['base pass'] : []), 'candidates', 'ĝ'],
  phaseCounts(ev, t) {
    const evals = [ev.spec.candidates + 1, ev.work.length];
    return ev.spec.rank > 0 ? [baseItems(ev, t), ...evals] : evals;
  },
  // A chunk of ĝ draws every pair's noise for its rows and multiplies the pairs' factors (es-grad.ts), a cost of
  // its own per call: chunks of fewer weights than a few rows of the first layer would pay it over and over.
  phaseLeast: (ev, phase) => (phase === gradientPhase(ev.spec) ? LEAST_GRADIENT : 1),
  evaluatePhase(ev, params, t, phase, lo, hi, results) {
    const es = ev.es as EsEval;
    if (ev.spec.rank > 0 && phase === 0) es.baseRows(params, ev.data, ev.batches?.batch(t), lo, hi);
    else if (phase === gradientPhase(ev.spec)) {
      const first = ev.spec.candidates + 1; // the update phase's items are weights; results hold them after the losses
      evaluateRange(ev, params, t, first + lo, first + hi, results);
    } else evaluateRange(ev, params, t, lo, hi, results);
  },
  evaluateRange,
  // The optimiser's two moments, and each thread's noise of a dense pair (es-eval.ts).
  copies: (spec, workers) => 2 + (spec.rank === 0 ? 1 + workers : 0),
  // Low-rank: the first layer's pre-activations and non-zero inputs, and per thread X·A over the batch.
  baseBytes: (nodes, spec, capacity) =>
    spec.rank > 0 ? 2 * capacity * (8 * (nodes[1] + spec.rank) + 12 * nodes[0]) : 0,
};

function evaluateRange(
  ev: Evaluator,
  params: Float64Array,
  t: number,
  lo: number,
  hi: number,
  results: Float64Array,
): void {
  const { data, output, scratch, work, spec } = ev;
  const es = ev.es as EsEval;
  const first = spec.candidates + 1;
  const io = { data, output, scratch, samples: ev.batches?.batch(t) };
  if (lo < first) es.losses(lo, Math.min(hi, first), t, params, work, io, results);
  if (hi > first) es.grad.range(t, results, Math.max(lo, first) - first, hi - first, results, Math.max(lo, first));
}
