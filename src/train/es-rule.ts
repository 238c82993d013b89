// --method es: the population's losses become ĝ (methods/es.ts, computed by
// the threads, each a range of weights), and ĝ a step: Adam (Kingma & Ba
// 2015, as Salimans et al. used) or plain SGD, with decoupled weight decay
// (w ← w − lr·wd·w). The results hold E(w) on the iteration's batch, so the
// loss is measured before the update, as with numerical gradients. Adam's
// moments live here, not in the model file: a resumed run starts them afresh.

import type { Dataset } from '../data/dataset.ts';
import type { RunSpec } from '../methods/run-spec.ts';
import type { Settings } from './settings.ts';
import { evaluationRunner, type UpdateRule } from './update-rule.ts';

export const BETA1 = 0.9;
export const BETA2 = 0.999;
export const EPSILON = 1e-8;

export function esRule(o: Settings, run: RunSpec, data: Dataset, P: number): UpdateRule {
  const K = o.candidates;
  const m = new Float64Array(P);
  const v = new Float64Array(P);
  let steps = 0;
  return {
    runner: evaluationRunner(o, run, data),
    measures: 'before',
    startLoss: () => NaN,
    loss: (results) => results[K],
    update(_t, results, params, loss) {
      steps++;
      const decay = o.lr * o.weightDecay;
      if (o.optimizer === 'sgd') {
        for (let k = 0; k < P; k++) params[k] -= o.lr * results[K + 1 + k] + decay * params[k];
        return loss;
      }
      const c1 = 1 - BETA1 ** steps;
      const c2 = 1 - BETA2 ** steps;
      for (let k = 0; k < P; k++) {
        const g = results[K + 1 + k];
        m[k] = BETA1 * m[k] + (1 - BETA1) * g;
        v[k] = BETA2 * v[k] + (1 - BETA2) * g * g;
        params[k] -= (o.lr * (m[k] / c1)) / (Math.sqrt(v[k] / c2) + EPSILON) + decay * params[k];
      }
      return loss;
    },
  };
}
