// --method es: the population's losses become ĝ (methods/es.ts, computed by
// the threads, each a range of weights), and ĝ a step (step.ts): Adam by
// default, as Salimans et al. used, or plain SGD, with decoupled weight decay.
// The results hold E(w) on the iteration's batch, so the loss is measured
// before the update, as with numerical gradients.

import type { Dataset } from '../data/dataset.ts';
import type { RunSpec } from '../methods/run-spec.ts';
import type { Settings } from './settings.ts';
import { makeStep } from './step.ts';
import { evaluationRunner, type UpdateRule } from './update-rule.ts';

export function esRule(o: Settings, run: RunSpec, data: Dataset, P: number): UpdateRule {
  const K = o.candidates;
  const step = makeStep(o, P);
  return {
    runner: evaluationRunner(o, run, data),
    measures: 'before',
    startLoss: () => NaN,
    loss: (results) => results[K],
    update(_t, results, params, loss) {
      step(params, results, K + 1, o.lr); // ĝ follows the K losses and E(w)
      return loss;
    },
  };
}
