// What one thread does with a range of an iteration's loss evaluations.
//
// An iteration is a list of independent evaluations, numbered e = 0..count-1:
//   forward : e < P: E(w + h·1_e);  e = P: E(w)
//   central : e < P: E(w + h·1_e);  P ≤ e < 2P: E(w − h·1_(e−P));  e = 2P: E(w)
//   random  : e < K: E(candidate e);  with mini-batches, e = K: E(w)
//   spsa    : E(w + c_t·Δ_t), E(w − c_t·Δ_t), E(w)  (spsa.ts)
//   es      : e < K: E(candidate e);  e = K: E(w);  K < e: ĝ_(e−K−1)  (es-eval.ts)
// With incremental gradients (incremental.ts) the perturbed entries hold the
// difference E(w ± h·1_k) − E(w) instead, evaluated directly.
// Any thread may evaluate any range; results land in results[e], so merging
// is a loop in index order and the outcome cannot depend on the split.

import type { Dataset } from '../data/dataset.ts';
import { lossSum } from '../nn/loss.ts';
import { makeScratch, type Net, paramCount, type Scratch } from '../nn/network.ts';
import type { Output } from '../nn/output.ts';
import { allocBase, type BaseBuffers } from './base-buffers.ts';
import { Batches } from './batches.ts';
import { makeCandidate } from './candidates.ts';
import { allocEsBase, type EsBase, EsEval } from './es-eval.ts';
import { Incremental } from './incremental.ts';
import { REPORT_PHASE, type ReportBuffers, reportTerms } from './report-phase.ts';
import { buildRun, type EvalSpec, evalCount, type RunSpec } from './run-spec.ts';
import { perturbGain, spsaPoint, spsaSigns } from './spsa.ts';

/** One thread's working memory: a private copy of the params to perturb. */
export interface Evaluator {
  readonly net: Net;
  readonly data: Dataset;
  readonly output: Output;
  readonly spec: EvalSpec;
  readonly work: Float64Array;
  readonly scratch: Scratch;
  /** This thread's view of the mini-batches, when the run has them. */
  readonly batches?: Batches;
  /** Incremental gradients: this thread's cached base pass. */
  readonly incremental?: Incremental;
  /** SPSA: the iteration's signs (spsa.ts). */
  readonly signs?: Float64Array;
  /** Evolution strategies: the thread's noise and its share of the base (es-eval.ts). */
  readonly es?: EsEval;
  /** Incremental gradients with sparse inputs: the evaluations' cost prefix (see phaseCost). */
  readonly costs?: Float64Array | null;
  /** The trainer's reports: the evaluation set's samples, and where their loss terms go (REPORT_PHASE). */
  readonly report?: ReportBuffers;
}

/** What the threads of a pool share besides params and results: a base pass, for the runs that have one. */
export type SharedBase = BaseBuffers | EsBase;

/** The shared base of a run (sharedBaseItems > 0), in SharedArrayBuffers. */
export function allocSharedBase(run: RunSpec, data: Dataset): SharedBase | undefined {
  const { net, spec } = buildRun(run);
  if (sharedBaseItems(spec, data.n) === 0) return undefined;
  const capacity = baseCapacity(spec, data.n);
  return spec.kind === 'es' ? allocEsBase(net, capacity, true) : allocBase(net, capacity, true);
}

/** The samples of an iteration's base phase, at most; 0 for runs without one. */
export function sharedBaseItems(spec: EvalSpec, samples: number): number {
  return usesBasePass(spec) || (spec.kind === 'es' && spec.rank > 0) ? baseCapacity(spec, samples) : 0;
}

/**
 * Every thread, the coordinator included, builds its evaluator from the run's
 * one description. Runs with a base phase (incremental gradients, low-rank
 * ES) share it between the threads of a pool: `base` (allocSharedBase);
 * without one, the evaluator keeps its own.
 */
export function makeEvaluator(run: RunSpec, data: Dataset, base?: SharedBase, report?: ReportBuffers): Evaluator {
  const { net, output, spec } = buildRun(run);
  const batches = spec.batch > 0 ? new Batches(data.n, spec.batch, spec.seed) : undefined;
  const capacity = baseCapacity(spec, data.n);
  const incremental = usesBasePass(spec)
    ? new Incremental(net, output, data, (base as BaseBuffers) ?? allocBase(net, capacity, false), spec.h)
    : undefined;
  const es = spec.kind === 'es' ? new EsEval(net, spec, capacity, base as EsBase | undefined) : undefined;
  const work = new Float64Array(paramCount(net));
  const costs = incremental ? incrementalCosts(spec, net, data) : null;
  const signs = spec.kind === 'spsa' ? new Float64Array(work.length) : undefined;
  const scratch = makeScratch(net);
  return { net, data, output, spec, work, scratch, batches, incremental, costs, signs, es, report };
}

export function usesBasePass(spec: EvalSpec): boolean {
  return (spec.kind === 'forward' || spec.kind === 'central') && spec.grad === 'incremental';
}

/** The most samples a base pass holds: a batch, or the whole set. */
export function baseCapacity(spec: EvalSpec, samples: number): number {
  return spec.batch > 0 ? Math.min(spec.batch, samples) : samples;
}

/** How many phases an iteration of this run has (phaseCounts): each is a hand-off between threads. */
export function phaseCountOf(spec: EvalSpec): number {
  if (spec.kind === 'es') return spec.rank > 0 ? 3 : 2;
  return usesBasePass(spec) ? 2 : 1;
}

/**
 * An iteration's phases, run one after the other, each a count of independent
 * items: with incremental gradients first the base pass (items: the batch's
 * samples), then the evaluations; otherwise the evaluations alone.
 */
export function phaseCounts(ev: Evaluator, t: number): number[] {
  const count = evalCount(ev.spec, ev.work.length);
  if (ev.es) {
    const P = ev.work.length;
    const evals = [ev.spec.candidates + 1, P];
    return ev.spec.rank > 0 ? [ev.batches ? ev.batches.batch(t).length : ev.data.n, ...evals] : evals;
  }
  if (!ev.incremental) return [count];
  return [ev.batches ? ev.batches.batch(t).length : ev.data.n, count];
}

/**
 * Prefix sums of the relative costs of a phase's items, where they differ
 * enough to matter for splitting; undefined where they are about equal. With
 * incremental gradients a weight costs one quartic per sample where its input
 * is not 0: a first-layer weight in proportion to how often its input is
 * non-zero (most pixels of a digit are 0), a later one about a whole batch.
 */
export function phaseCost(ev: Evaluator, phase: number): Float64Array | undefined {
  if (!ev.incremental || phase !== 1) return undefined;
  return ev.costs ?? undefined;
}

/** Per-item work besides the quartics (its result, its loop), in quartics over a batch. */
const ITEM_COST = 0.02;

/** The cost prefix of an incremental job's evaluations (see phaseCost); null for none worth having. */
function incrementalCosts(spec: EvalSpec, net: Net, data: Dataset): Float64Array | null {
  const { nodes, offsets } = net;
  const L = nodes.length - 1;
  const P = offsets[L];
  const share = nonZeroShare(data);
  if (share.every((x) => x > 0.5)) return null; // dense inputs: every weight costs about the same
  const perWeight = new Float64Array(P).fill(1 + ITEM_COST);
  for (let i = 0; i < nodes[0]; i++) perWeight.fill(share[i] + ITEM_COST, i * nodes[1], (i + 1) * nodes[1]);
  const count = evalCount(spec, P);
  const prefix = new Float64Array(count + 1);
  // Every evaluation but the last (E(w) itself, from the base pass) steps one weight.
  for (let e = 0; e < count; e++) prefix[e + 1] = prefix[e] + (e < count - 1 ? perWeight[e % P] : 1);
  return prefix;
}

/** Per input: the share of the data set's samples where it is not 0. */
function nonZeroShare(data: Dataset): number[] {
  const counts = new Array<number>(data.inDim).fill(0);
  for (let s = 0; s < data.n; s++)
    for (let i = 0, at = s * data.inDim; i < data.inDim; i++, at++) if (data.inputs[at] !== 0) counts[i]++;
  return counts.map((c) => c / Math.max(1, data.n));
}

/** Items [lo, hi) of phase `phase` of iteration t. */
export function evaluatePhase(
  ev: Evaluator,
  params: Float64Array,
  t: number,
  phase: number,
  lo: number,
  hi: number,
  results: Float64Array,
): void {
  if (phase === REPORT_PHASE) reportTerms(ev, params, ev.report as ReportBuffers, lo, hi);
  else if (ev.incremental && phase === 0) {
    ev.incremental.base.begin(params, t, ev.batches?.batch(t));
    ev.incremental.base.compute(params, lo, hi);
  } else if (ev.es && ev.spec.rank > 0 && phase === 0) ev.es.baseRows(params, ev.data, ev.batches?.batch(t), lo, hi);
  else if (ev.es && phase === (ev.spec.rank > 0 ? 2 : 1)) {
    const first = ev.spec.candidates + 1; // the update phase's items are weights; results hold them after the losses
    evaluateRange(ev, params, t, first + lo, first + hi, results);
  } else evaluateRange(ev, params, t, lo, hi, results);
}

/** Every phase of iteration t, in this thread. */
export function evaluateAll(ev: Evaluator, params: Float64Array, t: number, results: Float64Array): void {
  phaseCounts(ev, t).forEach((count, phase) => {
    evaluatePhase(ev, params, t, phase, 0, count, results);
  });
}

/** Evaluates e in [lo, hi) of iteration t from `params` into results[e]. */
export function evaluateRange(
  ev: Evaluator,
  params: Float64Array,
  t: number,
  lo: number,
  hi: number,
  results: Float64Array,
): void {
  const { net, data, output, scratch, work, spec } = ev;
  const P = work.length;
  const samples = ev.batches?.batch(t);
  const count = samples ? samples.length : data.n;
  const loss = (p: Float64Array) => lossSum(net, p, data, output, scratch, samples) / count;
  if (spec.kind === 'random') {
    for (let c = lo; c < hi; c++) {
      results[c] = c < spec.candidates ? loss(makeCandidate(params, spec.seed, t, c, spec.delta, work)) : loss(params);
    }
    return;
  }
  if (ev.es) {
    const first = spec.candidates + 1;
    const io = { data, output, scratch, samples };
    if (lo < first) ev.es.losses(lo, Math.min(hi, first), t, params, work, io, results);
    if (hi > first) ev.es.grad.range(t, results, Math.max(lo, first) - first, hi - first, results, Math.max(lo, first));
    return;
  }
  if (spec.kind === 'spsa') {
    const c = perturbGain(spec.delta, t);
    const signs = ev.signs as Float64Array;
    if (lo < 2) spsaSigns(spec.seed, t, signs);
    for (let e = lo; e < hi; e++)
      results[e] = loss(e < 2 ? spsaPoint(params, signs, e === 0 ? 1 : -1, c, work) : params);
    return;
  }
  const baseIndex = evalCount(spec, P) - 1;
  if (ev.incremental) {
    differences(ev, ev.incremental, params, t, samples, lo, hi, results);
    return;
  }
  work.set(params);
  for (let e = lo; e < hi; e++) {
    if (e === baseIndex) {
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

/** The incremental form of a gradient job: E(w) at the base index, differences elsewhere, a layer at a time. */
function differences(
  ev: Evaluator,
  inc: Incremental,
  params: Float64Array,
  t: number,
  samples: Int32Array | undefined,
  lo: number,
  hi: number,
  results: Float64Array,
): void {
  const { offsets } = ev.net;
  const P = ev.work.length;
  const base = evalCount(ev.spec, P) - 1;
  inc.base.begin(params, t, samples);
  for (let e = lo; e < hi; ) {
    if (e === base) {
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
  const incremental = spec.grad === 'incremental';
  if (spec.kind === 'forward') {
    const base = results[P];
    for (let k = 0; k < P; k++) grad[k] = (incremental ? results[k] : results[k] - base) / spec.h;
    return base;
  }
  for (let k = 0; k < P; k++) grad[k] = (results[k] - results[P + k]) / (2 * spec.h);
  return results[2 * P];
}
