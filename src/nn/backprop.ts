// Analytic gradient by backpropagation: the reference the numerical gradients
// are checked against, and `--method backprop` for comparison. Mean loss over
// the samples, like meanLoss.

import type { Dataset } from '../data/dataset.ts';
import { derivative } from './activation.ts';
import { forwardLogits, makeScratch, type Net, paramCount, type Scratch } from './network.ts';
import type { Output } from './output.ts';

/** Working memory of one backward pass: per-layer deltas and the activated outputs. */
export interface BackpropScratch {
  forward: Scratch;
  deltas: Float64Array[];
  y: Float64Array;
}

export function makeBackpropScratch(net: Net): BackpropScratch {
  return {
    forward: makeScratch(net),
    deltas: net.nodes.map((n) => new Float64Array(n)),
    y: new Float64Array(net.nodes[net.nodes.length - 1]),
  };
}

/**
 * Writes dE/dw over `samples` (all, in order, if none) into grad and returns E.
 * Every output pairs with its loss so that dE/dz = y − d at the logits.
 */
export function backprop(
  net: Net,
  params: Float64Array,
  data: Dataset,
  output: Output,
  grad: Float64Array,
  samples?: Int32Array,
  scratch = makeBackpropScratch(net),
): number {
  const { nodes, offsets } = net;
  const L = nodes.length - 1;
  const dAct = derivative[net.func];
  const { deltas, y } = scratch;
  const acts = scratch.forward.acts;
  const n = samples ? samples.length : data.n;
  grad.fill(0);
  let loss = 0;
  for (let q = 0; q < n; q++) {
    const s = samples ? samples[q] : q;
    const logits = forwardLogits(net, params, data.inputs, s * data.inDim, scratch.forward);
    loss += output.sampleLoss(logits, data.targets, s * data.outDim);
    y.set(logits);
    output.activate(y);
    for (let k = 0; k < nodes[L]; k++) deltas[L][k] = y[k] - data.targets[s * data.outDim + k];
    for (let l = L - 1; l >= 0; l--) {
      const a = acts[l];
      const dOut = deltas[l + 1];
      const nOut = nodes[l + 1];
      for (let i = 0, w = offsets[l]; i < nodes[l]; i++, w += nOut) {
        const ai = a[i];
        if (l === 0 && ai === 0) continue; // an input of 0 adds nothing, and no delta is needed below layer 1
        let back = 0;
        for (let j = 0; j < nOut; j++) {
          grad[w + j] += ai * dOut[j];
          back += params[w + j] * dOut[j];
        }
        if (l > 0) deltas[l][i] = back * dAct(ai);
      }
    }
  }
  for (let k = 0; k < grad.length; k++) grad[k] /= n;
  return loss / n;
}

/** The gradient alone, over the whole data set. */
export function backpropGradient(net: Net, params: Float64Array, data: Dataset, output: Output): Float64Array {
  const grad = new Float64Array(paramCount(net));
  backprop(net, params, data, output, grad);
  return grad;
}
