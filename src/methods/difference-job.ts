// Finite differences of every weight, the numerical gradient's evaluations:
//   forward : e < P: E(w + h·1_e);  e = P: E(w)
//   central : e < P: E(w + h·1_e);  P ≤ e < 2P: E(w − h·1_(e−P));  e = 2P: E(w)
// With incremental gradients (incremental.ts) an iteration first has a base
// pass over the batch's samples, shared by a pool's threads, and the stepped
// entries then hold the difference E(w ± h·1_k) − E(w), evaluated directly.

import { paramCount } from '../nn/network.ts';
import { allocBase, type BaseBuffers, baseBufferBytes } from './base-buffers.ts';
import type { EvalSpec } from './eval-spec.ts';
import { baseItems, batchLoss, type Evaluator, type Job, type RangeFn } from './evaluator.ts';
import { Incremental } from './incremental.ts';
import { incrementalCosts } from './incremental-costs.ts';

const incremental = (spec: EvalSpec) => spec.grad === 'incremental';

/** forward (halves 1) or central (halves 2) differences. */
function differenceJob(halves: number): Job {
  const count = (_spec: EvalSpec, params: number) => halves * params + 1;
  const evaluateRange: RangeFn = (ev, params, t, lo, hi, results) => {
    const last = count(ev.spec, ev.work.length) - 1; // E(w)
    if (ev.incremental) differences(ev, ev.incremental, params, t, lo, hi, results, last);
    else wholePasses(ev, params, t, lo, hi, results, last);
  };
  return {
    count,
    points: count,
    point(ev, params, _t, p, out) {
      const P = params.length;
      if (p === halves * P) return params;
      out.set(params);
      if (p < P) out[p] += ev.spec.h;
      else out[p - P] -= ev.spec.h;
      return out;
    },
    incremental,
    sharesBase: incremental,
    allocBase,
    parts({ net, output, data, spec, capacity, base }) {
      if (!incremental(spec)) return {};
      const inc = new Incremental(net, output, data, (base as BaseBuffers) ?? allocBase(net, capacity, false), spec.h);
      return { incremental: inc, costs: incrementalCosts(count(spec, paramCount(net)), net, data) };
    },
    phaseNames: (spec) => (incremental(spec) ? ['base pass', 'differences'] : ['forward passes']),
    phaseCounts(ev, t) {
      const evals = count(ev.spec, ev.work.length);
      return ev.incremental ? [baseItems(ev, t), evals] : [evals];
    },
    evaluatePhase(ev, params, t, phase, lo, hi, results) {
      if (ev.incremental && phase === 0) {
        ev.incremental.base.begin(params, ev.batches?.batch(t));
        ev.incremental.base.compute(params, lo, hi);
      } else evaluateRange(ev, params, t, lo, hi, results);
    },
    evaluateRange,
    // With incremental gradients a weight's cost depends on how often its input is not 0 (incremental-costs.ts).
    phaseCost: (ev, phase) => (ev.incremental && phase === 1 ? (ev.costs ?? undefined) : undefined),
    // A chunk of differences visits every sample of the batch (a search and a loop each), whatever its size:
    // below about a hidden layer's row of weights that costs as much as the weights themselves.
    phaseLeast: (ev, phase) => (ev.incremental && phase === 1 ? LEAST_DIFFERENCES : 1),
    // Central differences' results hold two per weight.
    copies: () => halves - 1,
    baseBytes: (nodes, spec, capacity) => (incremental(spec) ? baseBufferBytes(nodes, capacity) : 0),
  };
}

/** The fewest incremental differences a pool thread claims at once (phaseLeast). */
const LEAST_DIFFERENCES = 16;

export const FORWARD = differenceJob(1);
export const CENTRAL = differenceJob(2);

/** The naive form: a whole forward pass per stepped weight, and E(w) at `last`. */
function wholePasses(
  ev: Evaluator,
  params: Float64Array,
  t: number,
  lo: number,
  hi: number,
  results: Float64Array,
  last: number,
): void {
  const { work, spec } = ev;
  const P = work.length;
  const loss = batchLoss(ev, t);
  work.set(params);
  for (let e = lo; e < hi; e++) {
    if (e === last) {
      results[e] = loss(work);
      continue;
    }
    const k = e < P ? e : e - P;
    const saved = work[k];
    work[k] = e < P ? saved + spec.h : saved - spec.h;
    results[e] = loss(work);
    work[k] = saved;
  }
}

/** The incremental form: E(w) at `last`, differences elsewhere, a layer at a time. */
function differences(
  ev: Evaluator,
  inc: Incremental,
  params: Float64Array,
  t: number,
  lo: number,
  hi: number,
  results: Float64Array,
  last: number,
): void {
  const { offsets } = ev.net;
  const P = ev.work.length;
  inc.base.begin(params, ev.batches?.batch(t));
  for (let e = lo; e < hi; ) {
    if (e === last) {
      results[e++] = inc.base.loss();
      continue;
    }
    // The longest run of indices within one layer (and one half of a central job).
    const neg = e >= P; // central differences: the second half steps down
    const k = neg ? e - P : e;
    let l = 0;
    while (k >= offsets[l + 1]) l++;
    const end = Math.min(hi, e + offsets[l + 1] - k);
    inc.block(params, l, k - offsets[l], k - offsets[l] + end - e, neg ? -ev.spec.h : ev.spec.h, results, e);
    e = end;
  }
}

/** Gradient from a gradient iteration's results; returns E(w). */
export function gradientFromResults(spec: EvalSpec, results: Float64Array, grad: Float64Array): number {
  const P = grad.length;
  const differences = incremental(spec);
  if (spec.kind === 'forward') {
    const base = results[P];
    for (let k = 0; k < P; k++) grad[k] = (differences ? results[k] : results[k] - base) / spec.h;
    return base;
  }
  for (let k = 0; k < P; k++) grad[k] = (results[k] - results[P + k]) / (2 * spec.h);
  return results[2 * P];
}
