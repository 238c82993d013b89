// --checkpoint-every N: the trainer hands over the best model so far every N
// iterations; it is written to --out the way the final model is (through a
// temporary file, so a kill mid-write leaves the last checkpoint whole), and
// `--init` of it resumes the run.

import { saveModel } from '../model/model-file.ts';
import { makeNet } from '../nn/network.ts';
import type { LossName } from '../nn/output.ts';
import type { CheckpointEvent, StartEvent, TrainEvent } from '../train/events.ts';

/** What a checkpoint says of its run beyond the events: as the final model's meta says it. */
export interface RunMeta {
  seed: string;
  /** meta.data (model-data.ts): a name, or a path from the model's folder. */
  data: string;
  /** The spiral's size. */
  samples?: number;
  /** The one digit trained for. */
  digit?: number;
}

/** Wraps an event handler: checkpoints are saved to `out`, everything else passes on. */
export function withCheckpoints(out: string, meta: RunMeta, next: (e: TrainEvent) => void): (e: TrainEvent) => void {
  let start: StartEvent | undefined;
  return (e) => {
    if (e.type === 'start') start = e;
    if (e.type !== 'checkpoint') return next(e);
    if (start) save(out, start, meta, e);
  };
}

function save(out: string, s: StartEvent, meta: RunMeta, e: CheckpointEvent): void {
  saveModel(out, {
    net: makeNet(s.nodes, s.func as Parameters<typeof makeNet>[1]),
    params: e.params,
    loss: s.loss as LossName,
    history: e.history,
    ...(s.encoding ? { encoding: s.encoding } : {}),
    meta: {
      method: s.method,
      ...meta,
      iterations: e.iteration,
      loss: e.loss,
      stopReason: 'checkpoint',
      date: new Date().toISOString(),
    },
  });
}
