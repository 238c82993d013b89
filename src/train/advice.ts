// What to say after a run whose net can no longer learn: exploded weights, or
// hidden units saturated or dead. The CLI shows it on stderr; the model is
// saved all the same.

import { health, SLOPE_MIN } from '../nn/health.ts';
import { stepFlag } from './method-registry.ts';
import { inputSpread } from './notes.ts';
import type { TrainResult } from './train-result.ts';

/** Weights past this are no longer a scale a logistic or tanh unit can use. */
const EXPLODED = 1e3;

/** What to say when the trained net can no longer learn: exploded weights, saturated or dead units. */
export function deadNetAdvice(r: TrainResult): string | undefined {
  const h = health(r.net, r.params, r.data);
  const saturated = h.saturated > 0.99;
  if (!saturated && h.maxWeight <= EXPLODED) return undefined;
  const what = [
    ...(saturated
      ? [
          `${(100 * h.saturated).toFixed(1)}% of the hidden units' slopes are below ${SLOPE_MIN.toExponential(0)} (saturated or dead)`,
        ]
      : []),
    ...(h.maxWeight > EXPLODED ? [`the largest weight is ${h.maxWeight.toPrecision(2)}`] : []),
  ];
  const spread = inputSpread(r.data);
  // Inputs of very different sizes saturate a unit however small the step: scaling is the cure, so it goes first.
  const scale =
    r.options.scale === 'none' && spread.ratio > 100
      ? `The inputs' scales differ (${spread.range}): try --scale standard; or a smaller`
      : 'Try a smaller';
  return `${what.join(' and ')}: the net can hardly learn any more. ${scale} ${stepFlag(r.options)}, or --init xavier.`;
}
