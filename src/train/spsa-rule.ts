// --method spsa: two losses estimate the whole gradient (methods/spsa.ts),
// w ← w − a_k·g with --lr as a and --delta as c (or Adam at rate a_k, or with
// weight decay: step.ts); the results hold E(w) too,
// so the loss is measured before the update, as with numerical gradients.

import type { Dataset } from '../data/dataset.ts';
import type { RunSpec } from '../methods/run-spec.ts';
import { perturbGain, spsaSigns, stepGain } from '../methods/spsa.ts';
import type { Settings } from './settings.ts';
import { makeStep } from './step.ts';
import { evaluationRunner, type UpdateRule } from './update-rule.ts';

export function spsaRule(o: Settings, run: RunSpec, data: Dataset, P: number): UpdateRule {
  const signs = new Float64Array(P);
  const plain = o.optimizer !== 'adam' && o.weightDecay === 0;
  const grad = new Float64Array(plain ? 0 : P);
  const step = makeStep(o, P);
  return {
    runner: evaluationRunner(o, run, data),
    measures: 'before',
    startLoss: () => NaN,
    loss: (results) => results[2],
    update(t, results, params, loss) {
      spsaSigns(o.seed, t, signs);
      const a = stepGain(o.lr, t);
      const twiceC = 2 * perturbGain(o.delta, t);
      if (plain) {
        // Spall's own order of operations, so that plain runs keep their weights to the bit.
        const move = (a * (results[0] - results[1])) / twiceC;
        for (let i = 0; i < P; i++) params[i] -= move / signs[i]; // 1/Δ_i = Δ_i for ±1, written as Spall's
        return loss;
      }
      for (let i = 0; i < P; i++) grad[i] = (results[0] - results[1]) / twiceC / signs[i];
      step(params, grad, 0, a); // Spall's gain a_k as the rate
      return loss;
    },
  };
}
