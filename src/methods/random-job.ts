// Random updates' evaluations: e < K: the loss of candidate e, whose steps come
// from the stream (seed, t, e) (candidates.ts); on a mini-batch, e = K is the
// current weights' loss on the same batch, which elitist selection needs.

import { makeCandidate } from './candidates.ts';
import { batchLoss, type Job } from './evaluator.ts';

export const RANDOM: Job = {
  count: (spec) => spec.candidates + (spec.batch > 0 ? 1 : 0),
  phaseNames: () => ['candidates'],
  // A task run's iterations meet new episodes, as a batch is new samples: the current weights are scored on them too.
  points: (spec) => spec.candidates + 1,
  point: (ev, params, t, p, out) =>
    p < ev.spec.candidates ? makeCandidate(params, ev.spec.seed, t, p, ev.spec.delta, out) : params,
  evaluateRange(ev, params, t, lo, hi, results) {
    const { spec, work } = ev;
    const loss = batchLoss(ev, t);
    for (let c = lo; c < hi; c++) {
      results[c] = c < spec.candidates ? loss(makeCandidate(params, spec.seed, t, c, spec.delta, work)) : loss(params);
    }
  },
};
