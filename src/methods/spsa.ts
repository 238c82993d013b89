// Simultaneous perturbation stochastic approximation (Spall 1992): every
// weight moves at once, by +c_k or −c_k, the signs Δ drawn from iteration t's
// own stream (seed, 'spsa', t). Two losses, E(w + c_k·Δ) and E(w − c_k·Δ),
// estimate the whole gradient: g_i = (E₊ − E₋) / (2·c_k·Δ_i). Any thread
// rebuilds the same points, so workers send back losses only. The gains
// decay as Spall recommends ("Implementation of the simultaneous perturbation
// algorithm for stochastic optimization", 1998): a_k = a/(k + 1 + A)^0.602,
// c_k = c/(k + 1)^0.101, with k counted from 0.

import { stream } from '../util/rng.ts';

export const ALPHA = 0.602;
export const GAMMA = 0.101;
/** Spall's stability constant: about a tenth of the iterations the early steps should stay small for. */
export const STABILITY = 50;

/** The step gain a_k for iteration k. */
export function stepGain(a: number, k: number): number {
  return a / (k + 1 + STABILITY) ** ALPHA;
}

/** The perturbation gain c_k for iteration k. */
export function perturbGain(c: number, k: number): number {
  return c / (k + 1) ** GAMMA;
}

/** Iteration t's signs, ±1 per weight, into out. */
export function spsaSigns(seed: string, t: number, out: Float64Array): Float64Array {
  const rng = stream(seed, 'spsa', t);
  for (let i = 0; i < out.length; i++) out[i] = rng() < 0.5 ? -1 : 1;
  return out;
}

/** params + side·c·signs into out (side = +1 or −1). */
export function spsaPoint(params: Float64Array, signs: Float64Array, side: number, c: number, out: Float64Array) {
  for (let i = 0; i < params.length; i++) out[i] = params[i] + side * c * signs[i];
  return out;
}
