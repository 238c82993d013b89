// What train() tells its caller as it goes; the CLI decides how to show it.

import type { Encoding } from '../data/encoding.ts';
import type { HistoryPoint } from '../model/history.ts';

export interface Progress {
  iteration: number;
  loss: number;
  /** With a target accuracy: the test set's accuracy (the training set's without one); else null. */
  accuracy: number | null;
  bestLoss: number;
  elapsedMs: number;
  itersPerSec: number;
  /** Threads evaluating at this report: with --threads auto, 0 until a pool has taken over. */
  threads: number;
}

export interface StartEvent {
  type: 'start';
  nodes: number[];
  func: string;
  loss: string;
  method: string;
  data: string;
  samples: number;
  testSamples: number;
  /** Held out of the training data to pick the best weights and stop (0: none). */
  validationSamples: number;
  /** Mini-batch size; 0: the whole set. */
  batch: number;
  threads: number;
  strategy: string;
  runner: string;
  params: number;
  evalsPerIter: number;
  /** The options decided from the data ('auto'), in words, e.g. "hidden 32". */
  chosen: string[];
  /** What the user should know about the data (labels that make it a regression), in words. */
  notes: string[];
  /** How the data's columns became the inputs, where a model needs it to read them (checkpoints keep it). */
  encoding?: Encoding;
}

/** At the end of each epoch of a mini-batch run. Train loss: on the fixed evaluation set. */
export interface EpochEvent {
  type: 'epoch';
  epoch: number;
  iteration: number;
  trainLoss: number;
  testLoss: number | null;
  testAccuracy: number | null;
  elapsedMs: number;
  samplesPerSec: number;
}

/** Every checkpointEvery iterations: the best weights so far and the run's history, to save. */
export interface CheckpointEvent {
  type: 'checkpoint';
  iteration: number;
  /** A copy: the caller may keep it. */
  params: Float64Array;
  loss: number;
  history: HistoryPoint[];
}

/** A task run's start: what it trains on and how (task-train.ts). */
export interface TaskStartEvent {
  type: 'task-start';
  task: string;
  nodes: number[];
  func: string;
  method: string;
  threads: number;
  runner: string;
  params: number;
  /** Episodes per iteration, all points together (the items its threads share). */
  evalsPerIter: number;
  heldOut: number;
  targetReturn: number;
  /** What 'auto' decided for the task, as flags. */
  chosen: string[];
}

/** At each report of a task run: the training return and the held-out one. */
export interface TaskProgress {
  iteration: number;
  /** The mean return of the current weights on this iteration's training episodes (random: of the kept ones). */
  trainReturn: number;
  heldOutReturn: number;
  bestHeldOut: number;
  episodes: number;
  elapsedMs: number;
  threads: number;
}

/** Something a task run changed by itself, in words (a new start after a flat one). */
export interface TaskNoteEvent {
  type: 'task-note';
  iteration: number;
  note: string;
}

export type TrainEvent =
  | StartEvent
  | ({ type: 'progress' } & Progress)
  | EpochEvent
  | CheckpointEvent
  | TaskStartEvent
  | ({ type: 'task-progress' } & TaskProgress)
  | TaskNoteEvent;
