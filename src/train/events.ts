// What train() tells its caller as it goes; the CLI decides how to show it.

export interface Progress {
  iteration: number;
  loss: number;
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
  threads: number;
  strategy: string;
  runner: string;
  params: number;
  evalsPerIter: number;
}

export type TrainEvent = StartEvent | ({ type: 'progress' } & Progress);
