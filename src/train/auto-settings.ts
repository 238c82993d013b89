// What 'auto' means for a given data set. The original's small sets (a few
// features) keep the original's choices: 6 hidden units, weights uniform in
// [0, 1), the whole set every iteration, lr 2, stop below loss 0.2. Wide
// inputs (images: hundreds of pixels) need others: uniform [0, 1) over 785
// inputs saturates every unit; a whole-set iteration is slow; and what a
// digit classifier aims at is an accuracy on digits it has not seen.

import type { Dataset } from '../data/dataset.ts';
import type { ResolvedOptions, Settings } from './options.ts';

/** Inputs at least this wide (the bias included) count as wide. */
export const WIDE_INPUTS = 100;
/** The most inputs per unit (any layer) for which 'auto' keeps the original's uniform [0, 1). */
export const MAX_RAND_FAN_IN = 8;

const NARROW = { hidden: [6], init: 'rand', batch: 0, lr: 2, targetLoss: 0.2, targetAccuracy: 0 } as const;
const WIDE = { hidden: [32], init: 'xavier', batch: 100, lr: 1, targetLoss: 0, targetAccuracy: 0.9 } as const;

/** The options with every 'auto' decided, and the decisions as "option value" pairs. */
export function decideAuto(
  o: ResolvedOptions,
  data: Dataset,
  fromModel: boolean,
): { settings: Settings; chosen: string[] } {
  const pick = data.inDim >= WIDE_INPUTS ? WIDE : NARROW;
  const chosen: string[] = [];
  const decideValue = (key: string, given: unknown, value: unknown, shown = String(value)) => {
    if (given !== 'auto' && given !== undefined) return given;
    chosen.push(`${key} ${shown}`);
    return value;
  };
  const decide = <K extends keyof typeof pick>(key: K, given: unknown, shown = String(pick[key])) =>
    decideValue(key, given, pick[key], shown);
  const hidden = fromModel ? o.hidden : (decide('hidden', o.hidden, pick.hidden.join(',')) as number[]);
  // The original's uniform [0, 1) only suits few inputs per unit: 32 of them already saturate a logistic unit.
  const fanIn = Math.max(data.inDim, ...(hidden ?? []));
  const init = fanIn > MAX_RAND_FAN_IN ? 'xavier' : pick.init;
  const settings: Settings = {
    ...o,
    hidden,
    init: fromModel ? o.init : (decideValue('init', o.init, init) as Settings['init']),
    batch: decide('batch', o.batch) as number,
    lr: o.method === 'random' ? 0 : (decide('lr', o.lr) as number),
    targetLoss: decide('targetLoss', o.targetLoss) as number,
    // One digit against the rest: "never" is already right 90% of the time, so no accuracy target.
    targetAccuracy: decideValue(
      'targetAccuracy',
      o.targetAccuracy,
      data.classes === 2 ? 0 : pick.targetAccuracy,
    ) as number,
  };
  return { settings, chosen };
}
