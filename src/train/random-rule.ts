// --method random: K candidates from (seed, t, c), keep the one with the least
// loss (--elitist: only if it beats the current params). The loss observed is
// the kept params', after the update.

import type { Dataset } from '../data/dataset.ts';
import { bestCandidate, makeCandidate } from '../methods/candidates.ts';
import type { RunSpec } from '../methods/run-spec.ts';
import { meanLoss } from '../nn/loss.ts';
import type { Net } from '../nn/network.ts';
import type { Output } from '../nn/output.ts';
import type { Settings } from './settings.ts';
import { evaluationRunner, type UpdateRule } from './update-rule.ts';

export function randomRule(o: Settings, run: RunSpec, net: Net, output: Output, data: Dataset): UpdateRule {
  return {
    runner: evaluationRunner(o, run, data),
    measures: 'after',
    startLoss: (params) => meanLoss(net, params, data, output),
    loss: () => NaN,
    update(t, results, params, loss) {
      const c = bestCandidate(results, o.candidates);
      // On a mini-batch the current weights' loss on the same batch is the last result.
      // On a task, on the iteration's episodes, as on a batch.
      const current = run.eval.batch > 0 || (run.eval.episodes ?? 0) > 0 ? results[o.candidates] : loss;
      if (o.elitist && !(results[c] < current)) return current; // a NaN candidate is no better either
      makeCandidate(params, o.seed, t, c, o.delta, params);
      return results[c];
    },
  };
}
