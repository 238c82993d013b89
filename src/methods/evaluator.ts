// One thread's evaluator, and what a job's kind (jobs.ts) supplies to it.
// Every kind keeps its own evaluation in its own file (*-job.ts), written
// against this shape, so evaluate.ts can dispatch without naming any kind.

import type { Dataset } from '../data/dataset.ts';
import { lossSum } from '../nn/loss.ts';
import type { Net, Scratch } from '../nn/network.ts';
import type { Output } from '../nn/output.ts';
import type { EpisodeFn } from '../tasks/episodic.ts';
import type { BaseBuffers } from './base-buffers.ts';
import type { Batches } from './batches.ts';
import type { EsBase, EsEval } from './es-eval.ts';
import type { EvalSpec } from './eval-spec.ts';
import type { Incremental } from './incremental.ts';
import type { ReportBuffers } from './report-phase.ts';

/** One thread's working memory: a private copy of the params to perturb. */
export interface Evaluator extends EvaluatorParts {
  readonly net: Net;
  readonly data: Dataset;
  readonly output: Output;
  readonly spec: EvalSpec;
  readonly work: Float64Array;
  readonly scratch: Scratch;
  /** This thread's view of the mini-batches, when the run has them. */
  readonly batches?: Batches;
  /** The trainer's reports: the evaluation set's samples, and where their loss terms go (REPORT_PHASE). */
  readonly report?: ReportBuffers;
}

/** What a kind keeps in an evaluator besides what every one has. */
export interface EvaluatorParts {
  /** Incremental gradients: this thread's cached base pass. */
  readonly incremental?: Incremental;
  /** SPSA: the iteration's signs (spsa.ts). */
  readonly signs?: Float64Array;
  /** Evolution strategies: the thread's noise and its share of the base (es-eval.ts). */
  readonly es?: EsEval;
  /** Incremental gradients with sparse inputs: the evaluations' cost prefix (see phaseCost). */
  readonly costs?: Float64Array | null;
  /** A task run: its objective's episodes (task-job.ts). */
  readonly task?: TaskEval;
}

/** A task run's part of an evaluator (task-job.ts): its episodes per point, and how one is played. */
export interface TaskEval {
  readonly episodes: number;
  readonly play: EpisodeFn;
  /** The task's name or the module's path, which an episode's error begins with. */
  readonly label: string;
  /** A problem with the objective's starts (a reset that draws from elsewhere than its stream), in words. */
  startProblem(seed: string): string | undefined;
}

/** What the threads of a pool share besides params and results: a base pass, for the runs that have one. */
export type SharedBase = BaseBuffers | EsBase;

/** What a kind builds its evaluator parts from. */
export interface Built {
  net: Net;
  output: Output;
  data: Dataset;
  spec: EvalSpec;
  /** The most samples a base pass holds (baseCapacity). */
  capacity: number;
  /** The pool's shared base, where the run has one (allocSharedBase). */
  base?: SharedBase;
}

/** Items [lo, hi) of one phase of iteration t (or of its evaluations), from params into results. */
export type RangeFn = (
  ev: Evaluator,
  params: Float64Array,
  t: number,
  lo: number,
  hi: number,
  results: Float64Array,
) => void;

/** Items [lo, hi) of phase `phase` of iteration t, from params into results. */
export type PhaseFn = (
  ev: Evaluator,
  params: Float64Array,
  t: number,
  phase: number,
  lo: number,
  hi: number,
  results: Float64Array,
) => void;

/**
 * Everything that differs by what a job evaluates: one per kind, in the
 * kind's own file. What a kind leaves out has the plain meaning: no parts,
 * no base, one phase of `count` evaluations, no extra memory.
 */
export interface Job {
  /** The evaluations of an iteration, numbered as the kind's file says. */
  count(spec: EvalSpec, params: number): number;
  evaluateRange: RangeFn;
  parts?(built: Built): EvaluatorParts;
  /** Incremental differences from a base pass, with deep nets' expansions (their memory: memory.ts). */
  incremental?(spec: EvalSpec): boolean;
  /** Whether the threads of a pool share a base phase (allocBase, for up to baseCapacity samples). */
  sharesBase?(spec: EvalSpec): boolean;
  allocBase?(net: Net, capacity: number, shared: boolean): SharedBase;
  /** Each phase's items (evaluate.ts's phaseCounts). */
  phaseCounts?(ev: Evaluator, t: number): number[];
  /** What each phase computes, one name per phase: how many phases an iteration has, and a profile's table. */
  phaseNames?(spec: EvalSpec): string[];
  evaluatePhase?: PhaseFn;
  phaseCost?(ev: Evaluator, phase: number): Float64Array | undefined;
  /** The fewest items worth a call of their own in a phase (phaseLeast). */
  phaseLeast?(ev: Evaluator, phase: number): number;
  /**
   * A task run's points (task-job.ts): the params each of the kind's evaluations
   * scores, `points` of them; point p of iteration t written into out (or params itself).
   */
  points?(spec: EvalSpec, params: number): number;
  point?(ev: Evaluator, params: Float64Array, t: number, p: number, out: Float64Array): Float64Array;
  /** A task run: what the coordinator adds to results from the points' losses (es: ĝ; task-results.ts). */
  fromLosses?(spec: EvalSpec, net: Net): (t: number, results: Float64Array) => void;
  /** Weight-sized arrays a run keeps beyond every run's, with `workers` pool workers (memory.ts). */
  copies?(spec: EvalSpec, workers: number): number;
  /** The bytes of the base it allocates for up to `capacity` samples (memory.ts). */
  baseBytes?(nodes: readonly number[], spec: EvalSpec, capacity: number): number;
}

/** The most samples a base pass holds: a batch, or the whole set. */
export function baseCapacity(spec: EvalSpec, samples: number): number {
  return spec.batch > 0 ? Math.min(spec.batch, samples) : samples;
}

/** The mean loss of params on iteration t's batch (or the whole set), with the thread's scratch. */
export function batchLoss(ev: Evaluator, t: number): (params: Float64Array) => number {
  const { net, data, output, scratch } = ev;
  const samples = ev.batches?.batch(t);
  const count = samples ? samples.length : data.n;
  return (p) => lossSum(net, p, data, output, scratch, samples) / count;
}

/** The items of a base phase: iteration t's batch, or the whole set. */
export function baseItems(ev: Evaluator, t: number): number {
  return ev.batches ? ev.batches.batch(t).length : ev.data.n;
}
