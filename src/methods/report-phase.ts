// A mini-batch run's reports measure the loss of a fixed evaluation set (up
// to 10,000 training samples) at every report: as much work as dozens of
// iterations, and in the main thread alone most of a pool run's serial time.
// So the threads share it, as a phase of its own (REPORT_PHASE) whose items are
// the set's samples: each sample's loss term into its slot, summed in order
// by the coordinator, which gives lossSum's own bits on any number of threads.

import type { Dataset } from '../data/dataset.ts';
import { lossTerm } from '../nn/loss.ts';
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

/** A run's evaluation set (a mini-batch run's reports measure it) and its per-sample loss terms. */
export interface ReportBuffers {
  samples: Int32Array;
  terms: Float64Array;
}

/**
 * Not a phase of an iteration: the trainer's report, items = the evaluation
 * set's samples, each one's loss term into report.terms. Summed in order
 * (reportLoss), the terms give lossSum's own bits, on any number of threads.
 */
export const REPORT_PHASE = 9;

export function allocReport(samples: Int32Array, shared: boolean): ReportBuffers {
  const copy = i32(samples.length, shared);
  copy.set(samples);
  return { samples: copy.subarray(0, samples.length), terms: f64(samples.length, shared) };
}

/** The mean of the report's terms, summed in sample order as lossSum sums them. */
export function reportLoss(report: ReportBuffers): number {
  let sum = 0;
  for (let k = 0; k < report.samples.length; k++) sum += report.terms[k];
  return sum / report.samples.length;
}

/** The loss terms of the report's samples [lo, hi), as lossSum computes each. */
export function reportTerms(
  ev: ReportEvaluator,
  params: Float64Array,
  report: ReportBuffers,
  lo: number,
  hi: number,
): void {
  const { net, data, output, scratch } = ev;
  const { samples, terms } = report;
  for (let k = lo; k < hi; k++) terms[k] = lossTerm(net, params, data, output, scratch, samples[k]);
}
