// SPSA's evaluations (spsa.ts): E(w + c_t·Δ_t), E(w − c_t·Δ_t), then E(w).
// Each thread draws the iteration's signs Δ_t itself, from the run's seed.

import { paramCount } from '../nn/network.ts';
import { batchLoss, type Job } from './evaluator.ts';
import { perturbGain, spsaPoint, spsaSigns } from './spsa.ts';

export const SPSA: Job = {
  count: () => 3,
  phaseNames: () => ['w ± cΔ, E(w)'],
  points: () => 3,
  point(ev, params, t, p, out) {
    if (p === 2) return params;
    const signs = ev.signs as Float64Array;
    spsaSigns(ev.spec.seed, t, signs);
    return spsaPoint(params, signs, p === 0 ? 1 : -1, perturbGain(ev.spec.delta, t), out);
  },
  parts: ({ net }) => ({ signs: new Float64Array(paramCount(net)) }),
  evaluateRange(ev, params, t, lo, hi, results) {
    const { spec, work } = ev;
    const loss = batchLoss(ev, t);
    const c = perturbGain(spec.delta, t);
    const signs = ev.signs as Float64Array;
    if (lo < 2) spsaSigns(spec.seed, t, signs);
    for (let e = lo; e < hi; e++)
      results[e] = loss(e < 2 ? spsaPoint(params, signs, e === 0 ? 1 : -1, c, work) : params);
  },
};
