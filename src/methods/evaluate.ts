// What one thread does with a range of an iteration's loss evaluations.
//
// An iteration is a list of independent evaluations, numbered e = 0..count-1,
// as its kind's own file says (jobs.ts: finite differences, random candidates,
// SPSA's perturbations, evolution strategies). Some kinds first have a base
// phase, shared by a pool's threads, and then the evaluations that read it.
// Any thread may evaluate any range; results land in results[e], so merging
// is a loop in index order and the outcome cannot depend on the split.

import type { Dataset } from '../data/dataset.ts';
import { makeScratch, paramCount } from '../nn/network.ts';
import { Batches } from './batches.ts';
import type { EvalSpec } from './eval-spec.ts';
import { baseCapacity, type Evaluator, type PhaseFn, type RangeFn, type SharedBase } from './evaluator.ts';
import { jobOf } from './jobs.ts';
import { REPORT_PHASE, type ReportBuffers, reportTerms } from './report-phase.ts';
import { buildRun, evalCount, type RunSpec } from './run-spec.ts';
import { heldOutReturns, taskPart } from './task-job.ts';

export { gradientFromResults } from './difference-job.ts';
export { baseCapacity, type Evaluator, type SharedBase } from './evaluator.ts';

/** The shared base of a run (sharedBaseItems > 0), in SharedArrayBuffers. */
export function allocSharedBase(run: RunSpec, data: Dataset): SharedBase | undefined {
  const { net, spec } = buildRun(run);
  const job = jobOf(spec);
  if (sharedBaseItems(spec, data.n) === 0 || !job.allocBase) return undefined;
  return job.allocBase(net, baseCapacity(spec, data.n), true);
}

/** The samples of an iteration's base phase, at most; 0 for runs without one. */
export function sharedBaseItems(spec: EvalSpec, samples: number): number {
  return jobOf(spec).sharesBase?.(spec) ? baseCapacity(spec, samples) : 0;
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
  const parts = jobOf(spec).parts?.({ net, output, data, spec, capacity, base }) ?? {};
  const work = new Float64Array(paramCount(net));
  const scratch = makeScratch(net);
  const task = run.task && taskPart(run.task, { net, spec });
  return { net, data, output, spec, work, scratch, batches, report, ...parts, ...(task ? { task } : {}) };
}

/** Incremental differences from a base pass (the numerical gradient's default). */
export function usesBasePass(spec: EvalSpec): boolean {
  return jobOf(spec).incremental?.(spec) ?? false;
}

/** How many phases an iteration of this run has (phaseCounts): each is a hand-off between threads. */
export function phaseCountOf(spec: EvalSpec): number {
  return phaseNamesOf(spec).length;
}

/** What each of an iteration's phases computes, for a profile's table. */
export function phaseNamesOf(spec: EvalSpec): string[] {
  return jobOf(spec).phaseNames?.(spec) ?? ['evaluations'];
}

/**
 * An iteration's phases, run one after the other, each a count of independent
 * items: with a base phase first its samples, then the evaluations; otherwise
 * the evaluations alone.
 */
export function phaseCounts(ev: Evaluator, t: number): number[] {
  return jobOf(ev.spec).phaseCounts?.(ev, t) ?? [evalCount(ev.spec, ev.work.length)];
}

/**
 * Prefix sums of the relative costs of a phase's items, where they differ
 * enough to matter for splitting; undefined where they are about equal.
 */
export function phaseCost(ev: Evaluator, phase: number): Float64Array | undefined {
  return jobOf(ev.spec).phaseCost?.(ev, phase);
}

/** The fewest items a pool thread should claim at once in a phase: 1 unless a call costs enough of its own. */
export function phaseLeast(ev: Evaluator, phase: number): number {
  return jobOf(ev.spec).phaseLeast?.(ev, phase) ?? 1;
}

/** Items [lo, hi) of phase `phase` of iteration t. */
export const evaluatePhase: PhaseFn = (ev, params, t, phase, lo, hi, results) => {
  const job = jobOf(ev.spec);
  if (phase === REPORT_PHASE && ev.task) heldOutReturns(ev, params, ev.report as ReportBuffers, lo, hi);
  else if (phase === REPORT_PHASE)
    reportTerms(ev, params, ev.report as ReportBuffers, t, lo, hi); // t: its parts
  else if (job.evaluatePhase) job.evaluatePhase(ev, params, t, phase, lo, hi, results);
  else job.evaluateRange(ev, params, t, lo, hi, results);
};

/** Every phase of iteration t, in this thread. */
export function evaluateAll(ev: Evaluator, params: Float64Array, t: number, results: Float64Array): void {
  phaseCounts(ev, t).forEach((count, phase) => {
    evaluatePhase(ev, params, t, phase, 0, count, results);
  });
}

/** Evaluates e in [lo, hi) of iteration t from `params` into results[e]. */
export const evaluateRange: RangeFn = (ev, params, t, lo, hi, results) => {
  jobOf(ev.spec).evaluateRange(ev, params, t, lo, hi, results);
};
