// --method NAME → its update rule (update-rule.ts): the one place a method is named.

import type { Dataset } from '../data/dataset.ts';
import type { RunSpec } from '../methods/run-spec.ts';
import { type Net, paramCount } from '../nn/network.ts';
import type { Output } from '../nn/output.ts';
import { backpropRule } from './backprop-rule.ts';
import { esRule } from './es-rule.ts';
import { gradientRule } from './gradient-rule.ts';
import type { Settings } from './options.ts';
import { randomRule } from './random-rule.ts';
import { spsaRule } from './spsa-rule.ts';
import type { UpdateRule } from './update-rule.ts';

export function updateRule(o: Settings, run: RunSpec, net: Net, output: Output, data: Dataset): UpdateRule {
  const P = paramCount(net);
  switch (o.method) {
    case 'gradient':
      return gradientRule(o, run, data, P);
    case 'backprop':
      return backpropRule(o, net, output, data, P);
    case 'random':
      return randomRule(o, run, net, output, data);
    case 'es':
      return esRule(o, run, data, P);
    case 'spsa':
      return spsaRule(o, run, data, P);
  }
}
