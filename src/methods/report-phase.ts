// A report scores the current params: a mini-batch run's evaluation set (up
// to 10,000 training samples), the validation part, and the held-out scores
// (the test set, or the training set without one) that the history and an
// accuracy target need; at the end, each set's scores for the summary. On
// MNIST that is as much work as dozens of iterations, and in the main thread
// alone it was most of a pool run's serial time. So the threads share it, as
// a phase of its own (REPORT_PHASE) whose items are the samples of the parts
// asked for: each sample's loss term (and prediction) into its slot, summed in
// order by the coordinator, which gives lossSum's and score()'s own bits on
// any number of threads.

import type { Dataset } from '../data/dataset.ts';
import { lossTerm } from '../nn/loss.ts';
import { type Scores, sampleScore, scoresFrom, type TargetUnits } from '../nn/metrics.ts';
import type { Net, Scratch } from '../nn/network.ts';
import type { Output } from '../nn/output.ts';
import { f64, i32 } from './base-buffers.ts';

/** What a thread needs to compute loss terms: the evaluator's net, data, output and scratch. */
export interface ReportEvaluator {
  readonly net: Net;
  readonly data: Dataset;
  readonly output: Output;
  readonly scratch: Scratch;
}

/** The data sets a report can score whole. */
export const SETS = ['train', 'validation', 'test'] as const;
export type SetName = (typeof SETS)[number];

/** A set a report scores: every sample's loss term and prediction (sampleScore). */
export interface SetBuffers {
  data: Dataset;
  terms: Float64Array;
  predictions: Float64Array;
}

/** A run's report buffers: the evaluation set (a task's held-out episodes) and its terms, and the sets it scores. */
export interface ReportBuffers {
  samples: Int32Array;
  terms: Float64Array;
  sets: Partial<Record<SetName, SetBuffers>>;
}

/** What a runner's reports can measure: the evaluation set's samples (training-set indices), and whole sets. */
export interface ReportSpec {
  samples?: Int32Array;
  sets?: Partial<Record<SetName, Dataset>>;
  /** A regression's target units, for the sets' RMSE. */
  units?: TargetUnits;
}

/**
 * Not a phase of an iteration: the trainer's report, its job's `t` the parts
 * it measures (reportParts), its items their samples in that order.
 */
export const REPORT_PHASE = 9;

/** Report parts, as bits: the evaluation set's loss, then each set's scores. */
export const EVAL_PART = 1;
export const setPart = (name: SetName): number => 2 << SETS.indexOf(name);
export const ALL_PARTS = SETS.reduce((bits, name) => bits | setPart(name), EVAL_PART);

export function allocReport(spec: ReportSpec, shared: boolean): ReportBuffers {
  const n = spec.samples?.length ?? 0;
  const samples = i32(n, shared);
  if (spec.samples) samples.set(spec.samples);
  const sets: ReportBuffers['sets'] = {};
  for (const name of SETS) {
    const data = spec.sets?.[name];
    if (data) sets[name] = { data, terms: f64(data.n, shared), predictions: f64(data.n, shared) };
  }
  return { samples: samples.subarray(0, n), terms: f64(n, shared), sets };
}

/** The spec without what one job of at most `most` items cannot hold (left to the main thread, as the tracker does). */
export function fitting(spec: ReportSpec, most: number): ReportSpec {
  const sets = Object.fromEntries(Object.entries(spec.sets ?? {}).filter(([, d]) => d.n <= most));
  const samples = spec.samples && spec.samples.length <= most ? spec.samples : undefined;
  return { ...spec, sets, ...(samples ? { samples } : { samples: undefined }) };
}

/** Each single part of `parts` that this report holds, in item order. */
export function eachPart(report: ReportBuffers, parts: number): number[] {
  const held = [
    ...(report.samples.length > 0 ? [EVAL_PART] : []),
    ...SETS.filter((name) => report.sets[name]).map(setPart),
  ];
  return held.filter((part) => (parts & part) !== 0);
}

/** The parts of `parts` this report can measure, and their items in all. */
export function reportItems(report: ReportBuffers, parts: number): number {
  let count = parts & EVAL_PART ? report.samples.length : 0;
  for (const name of SETS) if (parts & setPart(name)) count += report.sets[name]?.data.n ?? 0;
  return count;
}

/** The mean of the evaluation set's terms, summed in sample order as lossSum sums them. */
export function reportLoss(report: ReportBuffers): number {
  let sum = 0;
  for (let k = 0; k < report.samples.length; k++) sum += report.terms[k];
  return sum / report.samples.length;
}

/** What a report measured: the evaluation set's loss, each set's scores. */
export interface Reported {
  evalLoss?: number;
  scores: Partial<Record<SetName, Scores>>;
}

/** The report of `parts`, once its items are computed: sums in sample order. */
export function reported(report: ReportBuffers, parts: number, output: Output, units?: TargetUnits): Reported {
  const r: Reported = { scores: {} };
  if (parts & EVAL_PART && report.samples.length > 0) r.evalLoss = reportLoss(report);
  for (const name of SETS) {
    const set = report.sets[name];
    if (set && parts & setPart(name)) r.scores[name] = scoresFrom(set.data, output, set.terms, set.predictions, units);
  }
  return r;
}

/** Items [lo, hi) of the report of `parts`: the evaluation set's loss terms, then each set's terms and predictions. */
export function reportTerms(
  ev: ReportEvaluator,
  params: Float64Array,
  report: ReportBuffers,
  parts: number,
  lo: number,
  hi: number,
): void {
  const { net, data, output, scratch } = ev;
  let at = 0; // the first item of the part in hand
  if (parts & EVAL_PART) {
    const { samples, terms } = report;
    for (let k = Math.max(lo, at); k < Math.min(hi, at + samples.length); k++)
      terms[k - at] = lossTerm(net, params, data, output, scratch, samples[k - at]);
    at += samples.length;
  }
  for (const name of SETS) {
    const set = report.sets[name];
    if (!set || !(parts & setPart(name))) continue;
    for (let k = Math.max(lo, at); k < Math.min(hi, at + set.data.n); k++)
      sampleScore(net, params, set.data, output, scratch, k - at, set.terms, set.predictions, k - at);
    at += set.data.n;
  }
}
