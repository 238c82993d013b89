// What train() tells its caller as it goes; the CLI decides how to show it.

export interface Progress {
  iteration: number;
  loss: number;
  /** With a target accuracy: the test set's accuracy (the training set's without one); else null. */
  accuracy: number | null;
  bestLoss: number;
  elapsedMs: number;
  itersPerSec: number;
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
  /** Mini-batch size; 0: the whole set. */
  batch: number;
  threads: number;
  strategy: string;
  runner: string;
  params: number;
  evalsPerIter: number;
  /** The options decided from the data ('auto'), in words, e.g. "hidden 32". */
  chosen: string[];
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

export type TrainEvent = StartEvent | ({ type: 'progress' } & Progress) | EpochEvent;
