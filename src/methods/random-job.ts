// Random updates' evaluations: e < K: the loss of candidate e, whose steps come
// from the stream (seed, t, e) (candidates.ts); on a mini-batch, e = K is the
// current weights' loss on the same batch, which elitist selection needs.

import { makeCandidate } from './candidates.ts';
import { batchLoss, type Job } from './evaluator.ts';

export const RANDOM: Job = {
  count: (spec) => spec.candidates + (spec.batch > 0 ? 1 : 0),
  evaluateRange(ev, params, t, lo, hi, results) {
    const { spec, work } = ev;
    const loss = batchLoss(ev, t);
    for (let c = lo; c < hi; c++) {
      results[c] = c < spec.candidates ? loss(makeCandidate(params, spec.seed, t, c, spec.delta, work)) : loss(params);
    }
  },
};
