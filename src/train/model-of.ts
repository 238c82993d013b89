// A run's result as a model: what saveModel writes and predict() applies.

import { worthKeeping } from '../data/encoding.ts';
import type { Model } from '../model/model-file.ts';
import type { TrainResult } from './trainer.ts';

/** The best params with the net, the loss and the encoding (only where the data needs one to be read). */
export function modelOf(r: TrainResult, meta: Record<string, unknown> = {}): Model {
  return {
    net: r.net,
    params: r.params,
    loss: r.output.name,
    history: r.history,
    ...(worthKeeping(r.encoding) ? { encoding: r.encoding } : {}),
    meta,
  };
}
