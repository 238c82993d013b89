// --method backprop: the analytic gradient (BackpropRunner: the gradient,
// then the loss, in its results), then a step, as gradient-rule.ts.

import type { Dataset } from '../data/dataset.ts';
import type { Net } from '../nn/network.ts';
import type { Output } from '../nn/output.ts';
import { BackpropRunner } from './backprop-runner.ts';
import type { Settings } from './settings.ts';
import { makeStep } from './step.ts';
import type { UpdateRule } from './update-rule.ts';

export function backpropRule(o: Settings, net: Net, output: Output, data: Dataset, P: number): UpdateRule {
  const step = makeStep(o, P);
  return {
    runner: async () => new BackpropRunner(net, output, data, o.batch, o.seed),
    measures: 'before',
    startLoss: () => NaN,
    loss: (results) => results[P],
    update(_t, results, params, loss) {
      step(params, results, 0, o.lr); // the gradient, then the loss
      return loss;
    },
  };
}
