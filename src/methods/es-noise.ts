// Evolution strategies' noise, drawn by address instead of in sequence: the
// value at index i of pair p's noise in iteration t is a hash of
// (seed, t, p, i), so any thread can regenerate any slice of it (a weight
// range of the update, one layer's factors of a candidate) without drawing
// what comes before. A sequential stream (util/rng.ts) would make a thread
// that updates the last weights draw every weight's noise first.
//
// Pair p's noise, per layer l (an m × n matrix, m inputs, n units):
//   rank 0: m·n Gaussians, ε_l itself, laid out as the weights are;
//   rank r: A_l (m × r) then B_l (n × r), and ε_l = A_l·B_lᵀ / √r, so every
//           entry of ε_l still has variance 1 (EGGROLL, Sarkar et al. 2025).

import type { Net } from '../nn/network.ts';
import { stream } from '../util/rng.ts';

/** Where each layer's factors sit in a pair's noise vector. */
export interface NoiseLayout {
  readonly rank: number;
  /** Per layer: the start of A (or of ε with rank 0), the start of B, and the end. */
  readonly a: number[];
  readonly b: number[];
  readonly size: number;
}

export function noiseLayout(net: Net, rank: number): NoiseLayout {
  const a: number[] = [];
  const b: number[] = [];
  let at = 0;
  for (let l = 0; l + 1 < net.nodes.length; l++) {
    const m = net.nodes[l];
    const n = net.nodes[l + 1];
    a.push(at);
    at += rank === 0 ? m * n : m * rank;
    b.push(at);
    at += rank === 0 ? 0 : n * rank;
  }
  return { rank, a, b, size: at };
}

/** The run's 32-bit key, from its seed's own stream. */
export function noiseKey(seed: string): number {
  return Math.floor(stream(seed, 'es')() * 2 ** 32) >>> 0;
}

/** A 32-bit avalanche (lowbias32, Wellons 2018): every input bit flips each output bit with odds near ½. */
export function mix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The key of pair p's noise in iteration t. */
export function pairKey(key: number, t: number, p: number): number {
  return mix32(mix32(mix32(key ^ 0x9e3779b9) ^ t) ^ Math.imul(p + 1, 0x85ebca6b));
}

const TWO_PI = 2 * Math.PI;
const U32 = 2 ** -32;

/**
 * The Gaussians at indices [lo, hi) of a pair's noise into out[at..]. Box–Muller
 * turns counter j's two uniforms into the values at 2j (cosine) and 2j + 1 (sine).
 */
export function gaussians(pk: number, lo: number, hi: number, out: Float64Array, at: number): void {
  for (let i = lo; i < hi; ) {
    const j = i >>> 1;
    const h = mix32(pk ^ mix32(j));
    const u1 = (h + 0.5) * U32;
    const u2 = (mix32(h ^ 0x68e31da4) + 0.5) * U32;
    const radius = Math.sqrt(-2 * Math.log(u1));
    if ((i & 1) === 0) {
      out[at + i - lo] = radius * Math.cos(TWO_PI * u2);
      if (++i < hi) out[at + i - lo] = radius * Math.sin(TWO_PI * u2);
      i++;
    } else {
      out[at + i - lo] = radius * Math.sin(TWO_PI * u2);
      i++;
    }
  }
}
