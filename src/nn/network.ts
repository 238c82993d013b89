// The network: layer sizes plus ONE flat Float64Array of weights.
//
// Layer l connects nodes[l] inputs to nodes[l+1] outputs through an
// in × out matrix stored row-major at offsets[l]: weight (l, i, j) lives at
// offsets[l] + i * nodes[l+1] + j. The first layer's last input is the
// constant 1, so its row plays the bias; hidden layers carry no bias unit
// (as in the original). Keeping every weight in one array makes perturbing,
// sharing with workers and saving plain loops over one buffer.

import type { Rng } from '../util/rng.ts';
import { type ActivationName, activations } from './activation.ts';

export interface Net {
  readonly nodes: readonly number[];
  readonly func: ActivationName;
  /** offsets[l] = index of weight (l, 0, 0); offsets[layers] = param count. */
  readonly offsets: readonly number[];
}

export interface WeightPos {
  layer: number;
  in: number;
  out: number;
}

export function makeNet(nodes: readonly number[], func: ActivationName = 'logistic'): Net {
  if (nodes.length < 2) throw new Error(`nodes ${JSON.stringify(nodes)}: expected at least 2 layer sizes`);
  for (const n of nodes) {
    if (!Number.isInteger(n) || n < 1) throw new Error(`nodes ${JSON.stringify(nodes)}: expected positive integers`);
  }
  const offsets = [0];
  for (let l = 0; l + 1 < nodes.length; l++) offsets.push(offsets[l] + nodes[l] * nodes[l + 1]);
  return { nodes: [...nodes], func, offsets };
}

export function paramCount(net: Net): number {
  return net.offsets[net.offsets.length - 1];
}

export function layerCount(net: Net): number {
  return net.nodes.length - 1;
}

export function weightIndex(net: Net, layer: number, i: number, j: number): number {
  return net.offsets[layer] + i * net.nodes[layer + 1] + j;
}

export function weightPos(net: Net, k: number): WeightPos {
  if (!Number.isInteger(k) || k < 0 || k >= paramCount(net)) {
    throw new Error(`weight index ${k}: expected an integer in [0, ${paramCount(net)})`);
  }
  let layer = 0;
  while (k >= net.offsets[layer + 1]) layer++;
  const local = k - net.offsets[layer];
  const outs = net.nodes[layer + 1];
  return { layer, in: Math.floor(local / outs), out: local % outs };
}

export function constantParams(net: Net, value: number): Float64Array {
  return new Float64Array(paramCount(net)).fill(value);
}

/**
 * Xavier/Glorot: uniform in ±√(6 / (fan-in + fan-out)) per layer, so that a
 * unit's pre-activation stays near 1 however many inputs it has; uniform
 * [0, 1) over 785 pixel inputs would saturate every logistic unit at once.
 */
export function xavierParams(net: Net, rng: Rng): Float64Array {
  const params = new Float64Array(paramCount(net));
  for (let l = 0; l + 1 < net.nodes.length; l++) {
    const limit = Math.sqrt(6 / (net.nodes[l] + net.nodes[l + 1]));
    for (let k = net.offsets[l]; k < net.offsets[l + 1]; k++) params[k] = (2 * rng() - 1) * limit;
  }
  return params;
}

/** Uniform [0, 1), as the original's `gen-nn :rand`. */
export function randomParams(net: Net, rng: Rng): Float64Array {
  const params = new Float64Array(paramCount(net));
  for (let k = 0; k < params.length; k++) params[k] = rng();
  return params;
}

/** Scratch buffers for one forward pass; one set per thread, reused. */
export interface Scratch {
  /** acts[l] holds layer l's values; acts[0] is the input. */
  readonly acts: Float64Array[];
}

export function makeScratch(net: Net): Scratch {
  return { acts: net.nodes.map((n) => new Float64Array(n)) };
}

/**
 * Forward pass up to the output layer's pre-activations (logits), which are
 * left in scratch.acts[last] and returned. The output function is applied by
 * the caller (output.ts), so that the loss can be computed from the logits in
 * a numerically stable form.
 */
export function forwardLogits(
  net: Net,
  params: Float64Array,
  inputs: Float64Array | Float32Array,
  inputOffset: number,
  scratch: Scratch,
): Float64Array {
  const { nodes, offsets } = net;
  const act = activations[net.func];
  const layers = nodes.length - 1;
  let prev = scratch.acts[0];
  for (let i = 0; i < nodes[0]; i++) prev[i] = inputs[inputOffset + i];
  for (let l = 0; l < layers; l++) {
    const nIn = nodes[l];
    const nOut = nodes[l + 1];
    const next = scratch.acts[l + 1];
    next.fill(0);
    let w = offsets[l];
    for (let i = 0; i < nIn; i++, w += nOut) {
      const a = prev[i];
      if (a === 0) continue; // adds nothing: most pixels of a digit, every resting relu unit
      for (let j = 0; j < nOut; j++) next[j] += a * params[w + j];
    }
    if (l + 1 < layers) for (let j = 0; j < nOut; j++) next[j] = act(next[j]);
    prev = next;
  }
  return prev;
}
