// Analytic gradient by backpropagation: the independent method the numerical
// gradients are checked against. Mean loss over the data set, like meanLoss.

import type { Dataset } from '../data/dataset.ts';
import { forwardLogits, makeScratch, type Net, paramCount } from './network.ts';
import type { Output } from './output.ts';

/** dE/dz of the hidden activation, from its output value a. */
const derivative = {
  logistic: (a: number) => a * (1 - a),
  relu: (a: number) => (a > 0 ? 1 : 0),
  tanh: (a: number) => 1 - a * a,
};

export function backpropGradient(net: Net, params: Float64Array, data: Dataset, output: Output): Float64Array {
  const { nodes, offsets } = net;
  const layers = nodes.length - 1;
  const grad = new Float64Array(paramCount(net));
  const scratch = makeScratch(net);
  const deltas = nodes.map((n) => new Float64Array(n));
  for (let s = 0; s < data.n; s++) {
    const logits = forwardLogits(net, params, data.inputs, s * data.inDim, scratch);
    // Both outputs pair with their loss so that dE/dz = y − d.
    const y = Float64Array.from(logits);
    output.activate(y);
    for (let k = 0; k < nodes[layers]; k++) deltas[layers][k] = y[k] - data.targets[s * data.outDim + k];
    for (let l = layers - 1; l >= 0; l--) {
      const a = scratch.acts[l];
      const nOut = nodes[l + 1];
      for (let i = 0; i < nodes[l]; i++) {
        let back = 0;
        for (let j = 0; j < nOut; j++) {
          const w = offsets[l] + i * nOut + j;
          grad[w] += (a[i] * deltas[l + 1][j]) / data.n;
          back += params[w] * deltas[l + 1][j];
        }
        if (l > 0) deltas[l][i] = back * derivative[net.func](a[i]);
      }
    }
  }
  return grad;
}
