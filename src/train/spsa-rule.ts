// --method spsa: two losses estimate the whole gradient (methods/spsa.ts),
// w ← w − a_k·g with --lr as a and --delta as c; the results hold E(w) too,
// so the loss is measured before the update, as with numerical gradients.

import type { Dataset } from '../data/dataset.ts';
import type { RunSpec } from '../methods/run-spec.ts';
import { perturbGain, spsaSigns, stepGain } from '../methods/spsa.ts';
import type { Settings } from './settings.ts';
import { evaluationRunner, type UpdateRule } from './update-rule.ts';

export function spsaRule(o: Settings, run: RunSpec, data: Dataset, P: number): UpdateRule {
  const signs = new Float64Array(P);
  return {
    runner: evaluationRunner(o, run, data),
    measures: 'before',
    startLoss: () => NaN,
    loss: (results) => results[2],
    update(t, results, params, loss) {
      spsaSigns(o.seed, t, signs);
      const step = (stepGain(o.lr, t) * (results[0] - results[1])) / (2 * perturbGain(o.delta, t));
      for (let i = 0; i < P; i++) params[i] -= step / signs[i]; // 1/Δ_i = Δ_i for ±1, written as Spall's
      return loss;
    },
  };
}
