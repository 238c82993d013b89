// --method gradient: the finite differences of every weight (evaluate.ts),
// then a step (step.ts): w ← w − lr·g as the original, or Adam. The results
// hold E(w) too, so the loss is measured before the update.

import type { Dataset } from '../data/dataset.ts';
import { gradientFromResults } from '../methods/evaluate.ts';
import type { RunSpec } from '../methods/run-spec.ts';
import type { Settings } from './settings.ts';
import { makeStep } from './step.ts';
import { evaluationRunner, type UpdateRule } from './update-rule.ts';

export function gradientRule(o: Settings, run: RunSpec, data: Dataset, P: number): UpdateRule {
  const grad = new Float64Array(P);
  const step = makeStep(o, P);
  return {
    runner: evaluationRunner(o, run, data),
    measures: 'before',
    startLoss: () => NaN,
    loss: (results) => gradientFromResults(run.eval, results, grad),
    update(_t, _results, params, loss) {
      step(params, grad, 0, o.lr);
      return loss;
    },
  };
}
