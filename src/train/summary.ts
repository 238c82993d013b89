// What a finished run comes to, in one object: why it stopped, its losses and
// scores on each set, its speed and threads, where its model went. The CLI
// prints it as text or as --json; a library user gets the same fields.

import type { Scores } from '../nn/metrics.ts';
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
    ...(r.bestIteration !== undefined ? { bestIteration: r.bestIteration } : {}),
    loss: r.loss,
    ...sets,
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
