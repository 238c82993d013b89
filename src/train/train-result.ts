// The loop's last step: the final observation, then what train() returns.
// The result carries the best params seen (not the last), and what was
// trained with them, so that a caller can save a model or score it without
// repeating the run's preparation.

import type { Dataset } from '../data/dataset.ts';
import type { Encoding } from '../data/encoding.ts';
import { type SetName, setPart } from '../methods/report-phase.ts';
import type { HistoryPoint } from '../model/history.ts';
import type { Scores } from '../nn/metrics.ts';
import type { Net } from '../nn/network.ts';
import type { Output } from '../nn/output.ts';
import type { Profile } from '../parallel/profile.ts';
import { REPORT_SLOT } from '../parallel/shared-state.ts';
import type { LabelInfo } from './label-line.ts';
import { type Loop, measure } from './loop-start.ts';
import type { Settings } from './options.ts';
import type { StopReason } from './stop.ts';

export interface TrainResult {
  /** The best params seen; their loss is `loss`. */
  params: Float64Array;
  loss: number;
  /** Updates made in all, a resumed model's included. */
  iterations: number;
  /** The iteration this run started from: 0, or the iterations of the model it resumed. */
  startIteration: number;
  stopReason: StopReason;
  /** A point per report and one at the end, after the resumed model's saved points. */
  history: HistoryPoint[];
  /** This run's time, and its iterations per second. */
  elapsedMs: number;
  itersPerSec: number;
  threads: number;
  strategy: string;
  /** What ran the iterations, in words (auto: how they were shared). */
  runner: string;
  profile: Profile;
  /** What was trained: the resolved options, data, network and output. */
  options: Settings;
  data: Dataset;
  validation?: Dataset;
  test?: Dataset;
  /** How the data's columns became the net's numbers: what the model file keeps to read files like it. */
  encoding: Encoding;
  /** With a validation part: the best params' loss on it. */
  validationLoss?: number;
  /** The iteration the best params are of (the lowest validation loss's, with a validation part). */
  bestIteration: number;
  net: Net;
  output: Output;
  /** Where the first params came from, for the model's meta. */
  init: string;
  /** A table's label column, how it was picked and what it became. */
  label?: LabelInfo;
  /** stopReason 'failed': what failed (a worker's error); the best params so far are still returned. */
  error?: Error;
  /**
   * The best params' scores on each set, where a pool scored them before it
   * closed (on one thread, setScores measures them when asked, at the same cost).
   */
  scores?: Partial<Record<SetName, Scores>>;
}

/** Observes where the loop stopped (the history's last point), then gathers the result. */
export async function trainResult(loop: Loop, reason: StopReason): Promise<TrainResult> {
  const { tracker, runner, prepared, iterations, start, error } = loop;
  const lastReport = tracker.reportMs;
  tracker.finish(iterations, loop.loss, await measure(loop, tracker.lastParts(iterations)));
  runner.profile.reportMs += tracker.reportMs - lastReport;
  const elapsedMs = tracker.elapsedMs();
  // The summary's scores, on the pool while it is open: on MNIST a tenth of a second in one thread.
  const sets =
    setPart('train') | (prepared.validation ? setPart('validation') : 0) | (prepared.test ? setPart('test') : 0);
  // Not where a pool is still starting: a short run's summary is not worth waiting for one.
  const scores = runner.threads >= 2 && !runner.poolStarting ? await finalScores(loop, sets) : undefined;
  const { data, validation, test, encoding, net, output, init } = prepared;
  return {
    params: tracker.best.params,
    loss: tracker.best.loss,
    iterations,
    startIteration: start,
    stopReason: reason,
    history: tracker.history,
    elapsedMs,
    itersPerSec: (iterations - start) / Math.max(elapsedMs / 1000, 1e-9),
    threads: runner.threads,
    strategy: runner.strategy,
    runner: runner.describe(),
    profile: runner.profile,
    options: loop.o,
    data,
    validation,
    test,
    encoding,
    ...(validation ? { validationLoss: tracker.best.validationLoss } : {}),
    bestIteration: tracker.best.iteration,
    net,
    output,
    init,
    ...(prepared.label ? { label: prepared.label } : {}),
    ...(error ? { error } : {}),
    ...(scores ? { scores } : {}),
  };
}

/**
 * The best params' scores on each set, on the runner's threads; not a report of the loop, so
 * the profile, a table of the loop's time, is left as it was.
 */
async function finalScores(loop: Loop, sets: number): Promise<TrainResult['scores']> {
  const { busyMs, spanMs, capacityMs } = loop.runner.profile;
  const before = [busyMs[REPORT_SLOT], spanMs[REPORT_SLOT], capacityMs[REPORT_SLOT]];
  const measured = await measure(loop, sets, loop.tracker.best.params);
  [busyMs[REPORT_SLOT], spanMs[REPORT_SLOT], capacityMs[REPORT_SLOT]] = before;
  return measured?.scores;
}
