// A run's update rule (update-rule.ts), as its method's registry entry builds it.

import type { Dataset } from '../data/dataset.ts';
import type { RunSpec } from '../methods/run-spec.ts';
import type { Net } from '../nn/network.ts';
import type { Output } from '../nn/output.ts';
import { methodOf } from './method-registry.ts';
import type { Settings } from './options.ts';
import type { UpdateRule } from './update-rule.ts';

export function updateRule(o: Settings, run: RunSpec, net: Net, output: Output, data: Dataset): UpdateRule {
  return methodOf(o.method).rule(o, run, net, output, data);
}
