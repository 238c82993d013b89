// What the loop knows about its progress: the best weights so far, the loss
// history, the stop rules, and the progress and epoch events.
//
// With the whole training set in every iteration (the original's way) an
// iteration's loss is exact, so every iteration counts. With mini-batches a
// batch's loss is noisy: the best weights and the stop rules then use the loss
// on a fixed evaluation set, measured at each report and at each epoch's end.
//
// With a validation part, the best weights are those with the lowest loss on
// it, measured at each report (Keras' EarlyStopping with restore_best_weights),
// and the plateau rule watches that loss: early stopping.
//
// A resumed run (resume.ts) goes on from a model's counts: its iterations
// number on from the saved ones, its history and clock continue the saved
// ones, and the saved loss is the best to beat.

import type { Dataset } from '../data/dataset.ts';
import { EVAL_PART, type Reported, type SetName, setPart } from '../methods/report-phase.ts';
import type { HistoryPoint } from '../model/history.ts';
import { lossSum } from '../nn/loss.ts';
import { type Scores, score } from '../nn/metrics.ts';
import { makeScratch, type Net } from '../nn/network.ts';
import type { Output } from '../nn/output.ts';
import type { Progress, TrainEvent } from './events.ts';
import type { Resume } from './resume.ts';
import type { StopReason, StopRules } from './stop.ts';

export interface TrackerSetup {
  net: Net;
  output: Output;
  data: Dataset;
  validation?: Dataset;
  test?: Dataset;
  /** Mini-batch runs: the evaluation set's sample indices and the iterations per epoch. */
  evalSamples?: Int32Array;
  perEpoch?: number;
  batch: number;
  reportEvery: number;
  /** Stop once the test set's accuracy (the training set's, without one) reaches this; 0: never. */
  targetAccuracy: number;
  onEvent?: (event: TrainEvent) => void;
  /** The threads evaluating now (the runner's; auto: 0 until a pool takes over). */
  threads: () => number;
  /** Where the counts start: a fresh run's zeros or a model's (resume.ts). */
  resume: Resume;
}

export class Tracker {
  /** The best params, their training loss and, with a validation part, their loss on it (which chose them). */
  readonly best: { params: Float64Array; loss: number; validationLoss: number; iteration: number };
  /** The saved history (resumed runs), then a point at each report and one where the loop stopped. */
  readonly history: HistoryPoint[];
  private readonly t0 = performance.now();
  private readonly scratch;
  /** The first iteration this run observes: its first report, whatever --report-every says. */
  private readonly start: number;

  private readonly s: TrackerSetup;
  private readonly params: Float64Array;
  private readonly stop: StopRules;

  constructor(s: TrackerSetup, params: Float64Array, stop: StopRules) {
    this.s = s;
    this.params = params;
    this.stop = stop;
    this.start = s.resume.iteration;
    this.best = {
      params: Float64Array.from(params),
      loss: s.resume.loss,
      validationLoss: Infinity,
      iteration: s.resume.iteration,
    };
    this.history = s.resume.history.slice();
    this.scratch = makeScratch(s.net);
  }

  /** Time spent measuring reports (evaluation, validation and held-out sets). */
  reportMs = 0;

  elapsedMs(): number {
    return performance.now() - this.t0;
  }

  /**
   * What observe(iteration) measures, as report parts (report-phase.ts), that
   * a runner can measure on its threads and hand in: 0 where it does not report.
   */
  reportParts(iteration: number): number {
    return this.reportsAt(iteration) ? this.parts() : 0;
  }

  /** A report's parts: the evaluation set, the validation part, the held-out scores where they are wanted. */
  private parts(): number {
    const { evalSamples, validation, test, targetAccuracy } = this.s;
    const held = targetAccuracy > 0 || test ? setPart(this.heldSet()) : 0;
    return (evalSamples ? EVAL_PART : 0) | (validation ? setPart('validation') : 0) | held;
  }

  /** Whether observe(iteration) reports. */
  reportsAt(iteration: number): boolean {
    const { perEpoch, reportEvery } = this.s;
    const epochEnd = perEpoch !== undefined && iteration > 0 && iteration % perEpoch === 0;
    return iteration % reportEvery === 0 || epochEnd || iteration === this.start;
  }

  /**
   * Called once the loss of the params after `iteration` updates is known (a batch's, with mini-batches).
   * `measured`: at a report, what the caller measured of reportParts(iteration) (on a pool); the rest is
   * measured here, with the same bits.
   */
  observe(iteration: number, loss: number, measured?: Reported): StopReason | undefined {
    if (!Number.isFinite(loss)) return 'diverged';
    const { perEpoch, evalSamples } = this.s;
    const epochEnd = perEpoch !== undefined && iteration > 0 && iteration % perEpoch === 0;
    const report = this.reportsAt(iteration);
    const r0 = performance.now();
    const lossNow = evalSamples ? (report ? (measured?.evalLoss ?? this.evalLoss(evalSamples)) : undefined) : loss;
    const validation = report && this.s.validation ? this.validationLoss(measured) : undefined;
    if (lossNow !== undefined) this.consider(iteration, lossNow, validation);
    // The held-out scores, when a report needs them (an accuracy target) or a test set is there for the history.
    const held = report && (this.s.targetAccuracy > 0 || this.s.test) ? this.heldOut(measured) : undefined;
    if (report) this.reportMs += performance.now() - r0;
    const accuracy = held && this.s.targetAccuracy > 0 && !Number.isNaN(held.accuracy) ? held.accuracy : null;
    const elapsedMs = this.elapsedMs();
    if (report && lossNow !== undefined) {
      this.record(iteration, lossNow, held, validation);
      this.s.onEvent?.({ type: 'progress', ...this.progress(iteration, lossNow, accuracy, elapsedMs) });
    }
    if (epochEnd && lossNow !== undefined) this.epoch(iteration, lossNow, this.s.test ? held : undefined, elapsedMs);
    const watched = this.s.validation ? this.best.validationLoss : this.best.loss;
    const reason = this.stop.check(iteration, lossNow, watched, elapsedMs, report, accuracy);
    // The weights that reached the target are the result, whatever loss came before.
    if (reason === 'target-accuracy' && lossNow !== undefined) this.keep(iteration, lossNow, validation ?? Infinity);
    return reason;
  }

  /** Keeps the current weights if they are the best yet: by validation loss where there is a validation part. */
  private consider(iteration: number, loss: number, validation: number | undefined): void {
    if (this.s.validation) {
      if (validation !== undefined && validation < this.best.validationLoss) this.keep(iteration, loss, validation);
    } else if (loss < this.best.loss) this.keep(iteration, loss);
  }

  private keep(iteration: number, loss: number, validationLoss = Infinity): void {
    this.best.iteration = iteration;
    this.best.loss = loss;
    this.best.validationLoss = validationLoss;
    this.best.params.set(this.params);
  }

  /** The set the held-out scores are of: the test set, or the training set without one. */
  private heldSet(): SetName {
    return this.s.test ? 'test' : 'train';
  }

  /** Scores on the test set, or the training set without one: as measured, or measured here. */
  private heldOut(measured?: Reported): Scores {
    const given = measured?.scores[this.heldSet()];
    return given ?? score(this.s.net, this.params, this.s.test ?? this.s.data, this.s.output);
  }

  /** The loss on the validation part: as measured, or measured here. */
  private validationLoss(measured?: Reported): number {
    return measured?.scores.validation?.loss ?? this.lossOn(this.s.validation as Dataset);
  }

  /** The last point of the history, where the loop stopped (none for a loss that is no longer finite). */
  finish(iterations: number, loss: number, measured?: Reported): void {
    const r0 = performance.now();
    this.measureLast(iterations, loss, measured);
    this.reportMs += performance.now() - r0;
  }

  /** Whether finish() measures the last weights: the history's last point is not of them. */
  measuresLast(iterations: number): boolean {
    const last = this.history[this.history.length - 1];
    return !(last && last.iteration === iterations);
  }

  /** What finish() measures of the last weights, as report parts, that a runner can hand in. */
  lastParts(iterations: number): number {
    return this.measuresLast(iterations) ? this.parts() : 0;
  }

  private measureLast(iterations: number, loss: number, given?: Reported): void {
    if (!this.measuresLast(iterations)) return;
    let measured = this.s.evalSamples ? (given?.evalLoss ?? this.evalLoss(this.s.evalSamples)) : loss;
    if (!Number.isFinite(this.best.loss) && !Number.isFinite(measured)) {
      // No loss known yet: the run stopped (Ctrl-C, the time limit, a failed worker) inside its
      // first iteration, or that iteration's loss was not finite. Either way nothing was updated:
      // the weights kept are the first ones, and their loss is measured here, once.
      const { net, data, output } = this.s;
      measured = lossSum(net, this.params, data, output, this.scratch) / data.n;
    }
    if (!Number.isFinite(measured)) return;
    if (!Number.isFinite(this.best.loss)) this.best.loss = measured;
    const validation = this.s.validation ? this.validationLoss(given) : undefined;
    // The weights the loop stopped with are a candidate like any report's: a mini-batch run or one with a
    // validation part measured them only now. (A whole set's loss here is one observe() already weighed.)
    this.consider(iterations, measured, validation);
    this.record(iterations, measured, this.s.test ? this.heldOut(given) : undefined, validation);
  }

  /** One history point; its clock counts on from the saved history's (resumed runs). */
  private record(iteration: number, loss: number, held: Scores | undefined, validation?: number): void {
    const last = this.history[this.history.length - 1];
    // A resumed run's first report repeats the saved last point when it starts from the last weights.
    if (last && last.iteration === iteration && last.loss === loss) return;
    const point: HistoryPoint = { iteration, loss, ms: this.s.resume.ms + this.elapsedMs() };
    if (validation !== undefined && Number.isFinite(validation)) point.validationLoss = validation;
    if (this.s.test && held) {
      point.testLoss = held.loss;
      if (!Number.isNaN(held.accuracy)) point.testAccuracy = held.accuracy;
    }
    this.history.push(point);
  }

  private lossOn(d: Dataset): number {
    const { net, output } = this.s;
    return lossSum(net, this.params, d, output, this.scratch) / d.n;
  }

  private evalLoss(samples: Int32Array): number {
    const { net, data, output } = this.s;
    return lossSum(net, this.params, data, output, this.scratch, samples) / samples.length;
  }

  private progress(iteration: number, loss: number, accuracy: number | null, elapsedMs: number): Progress {
    const itersPerSec = (iteration - this.start) / Math.max(elapsedMs / 1000, 1e-9);
    return { iteration, loss, accuracy, bestLoss: this.best.loss, elapsedMs, itersPerSec, threads: this.s.threads() };
  }

  private epoch(iteration: number, trainLoss: number, t: Scores | undefined, elapsedMs: number): void {
    const { batch, perEpoch = 1 } = this.s;
    this.s.onEvent?.({
      type: 'epoch',
      epoch: iteration / perEpoch,
      iteration,
      trainLoss,
      testLoss: t?.loss ?? null,
      testAccuracy: t && !Number.isNaN(t.accuracy) ? t.accuracy : null,
      elapsedMs,
      samplesPerSec: ((iteration - this.start) * batch) / Math.max(elapsedMs / 1000, 1e-9),
    });
  }
}
