// Random-update candidates. Candidate c of iteration t moves every weight by
// +δ, 0 or −δ (uniformly), drawn from its own stream (seed, t, c): any thread
// builds the same candidate, so workers send back losses only and the
// coordinator rebuilds the winner itself.

import { stream } from '../util/rng.ts';

export function makeCandidate(
  params: Float64Array,
  seed: string,
  t: number,
  c: number,
  delta: number,
  out: Float64Array,
): Float64Array {
  const rng = stream(seed, 'candidate', t, c);
  for (let k = 0; k < params.length; k++) {
    const step = Math.floor(rng() * 3) - 1; // −1, 0 or +1
    out[k] = params[k] + step * delta;
  }
  return out;
}

/** Index of the lowest loss; ties go to the lower index, as the original. */
export function bestCandidate(losses: Float64Array, count: number): number {
  let best = 0;
  for (let c = 1; c < count; c++) if (losses[c] < losses[best]) best = c;
  return best;
}
