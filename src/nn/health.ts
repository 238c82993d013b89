// Is the trained net still alive? Weights that exploded, or hidden units so
// saturated that their slope is 0 for every sample, leave a gradient that
// cannot move anything: the run then says so instead of reporting a loss
// that merely stopped falling.

import type { Dataset } from '../data/dataset.ts';
import { derivative } from './activation.ts';
import { forwardLogits, makeScratch, type Net } from './network.ts';

export interface Health {
  /** The largest |weight|. */
  maxWeight: number;
  /** The share of (sample, hidden unit) pairs whose activation's slope is below SLOPE_MIN (relu: 0). */
  saturated: number;
}

export const SLOPE_MIN = 1e-6;
/** Samples looked at: enough to tell all from most. */
const SAMPLES = 1000;

export function health(net: Net, params: Float64Array, data: Dataset): Health {
  let maxWeight = 0;
  for (const w of params) maxWeight = Math.max(maxWeight, Math.abs(w));
  const slope = derivative[net.func];
  const scratch = makeScratch(net);
  const L = net.nodes.length - 1;
  let flat = 0;
  let all = 0;
  for (let s = 0; s < Math.min(data.n, SAMPLES); s++) {
    forwardLogits(net, params, data.inputs, s * data.inDim, scratch);
    for (let l = 1; l < L; l++)
      for (let j = 0; j < net.nodes[l]; j++, all++) if (slope(scratch.acts[l][j]) < SLOPE_MIN) flat++;
  }
  return { maxWeight, saturated: all > 0 ? flat / all : 0 };
}
