// What a finished run comes to: its scores on each set; the summary (why it
// stopped, losses and scores, speed and threads, where its model went), which
// the CLI prints as text or as --json; and what its model file's meta says.

import type { Dataset } from '../data/dataset.ts';
import { targetUnits } from '../data/encoding.ts';
import type { SetName } from '../methods/report-phase.ts';
import { type Scores, score } from '../nn/metrics.ts';
import type { LabelInfo } from './label-line.ts';
import { methodMeta } from './method-registry.ts';
import type { TrainResult } from './train-result.ts';

export interface Summary {
  stopReason: string;
  iterations: number;
  /** With a validation part: the iteration whose weights were kept (the lowest validation loss). */
  bestIteration?: number;
  loss: number;
  train: Scores;
  validation: Scores | null;
  test: Scores | null;
  /** A table's label column: its name, how it was picked, and what it became. */
  label?: LabelInfo;
  /** Class names (a label column of words), for the confusion table. */
  classNames?: string[];
  wallSeconds: number;
  itersPerSec: number;
  threads: number;
  strategy: string;
  runner: string;
  model: string;
  /** --plot: where the decision map went. */
  map?: string;
}

export interface SetScores {
  train: Scores;
  validation: Scores | null;
  test: Scores | null;
}

export function summary(r: TrainResult, sets: SetScores, model: string, map?: string): Summary {
  const t = r.encoding.target;
  return {
    stopReason: r.stopReason,
    iterations: r.iterations,
    ...(r.validation ? { bestIteration: r.bestIteration } : {}),
    loss: r.loss,
    ...sets,
    ...(r.label ? { label: r.label } : {}),
    ...(t.type === 'classes' ? { classNames: t.classes } : {}),
    wallSeconds: r.elapsedMs / 1000,
    itersPerSec: r.itersPerSec,
    threads: r.threads,
    strategy: r.strategy,
    runner: r.runner,
    model,
    ...(map === undefined ? {} : { map }),
  };
}

/** The trained net's scores on each of its sets, in the target's units. */
export function setScores(r: TrainResult): SetScores {
  const units = targetUnits(r.encoding);
  const on = (d: Dataset | undefined, name: SetName) =>
    d ? (r.scores?.[name] ?? score(r.net, r.params, d, r.output, units)) : null;
  return { train: on(r.data, 'train') as Scores, validation: on(r.validation, 'validation'), test: on(r.test, 'test') };
}

/** What the model file's meta says of a run: how it was made (method, data, seed, settings) and how it ended. */
export function runMeta(r: TrainResult, picks: Record<string, unknown>, sets: SetScores): Record<string, unknown> {
  const o = r.options;
  const testAccuracy = sets.test?.accuracy;
  return {
    method: o.method,
    ...picks,
    init: r.init,
    iterations: r.iterations,
    loss: r.loss,
    accuracy: Number.isNaN(sets.train.accuracy) ? null : sets.train.accuracy,
    ...(testAccuracy !== undefined && !Number.isNaN(testAccuracy) ? { testAccuracy } : {}),
    ...(r.validationLoss !== undefined ? { validationLoss: r.validationLoss } : {}),
    // The iteration whose weights the file holds: plot --curves marks it.
    bestIteration: r.bestIteration,
    ...(o.validationSplit > 0 ? { validationSplit: o.validationSplit } : {}),
    stopReason: r.stopReason,
    ...methodMeta(o),
    date: new Date().toISOString(),
  };
}
