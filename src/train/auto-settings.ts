// What 'auto' means for a given data set. The original's small sets (a few
// features) keep the original's choices: 6 hidden units, weights uniform in
// [0, 1), the whole set every iteration, lr 2, stop below loss 0.2. Wide
// inputs (images: hundreds of pixels) need others: uniform [0, 1) over 785
// inputs saturates every unit; a whole-set iteration is slow; and what a
// digit classifier aims at is an accuracy on digits it has not seen.
// A user's own table (CSV / JSON) aims at rows it has not seen: its columns
// are scaled, a validation part picks the best weights and says when to stop,
// and there is no loss target (a loss of 0.2 means nothing for unknown data).

import type { Dataset } from '../data/dataset.ts';
import { type DataKind, methodOf, takes } from './method-registry.ts';
import type { ResolvedOptions, Settings } from './options.ts';

/** Inputs at least this wide (the bias included) count as wide. */
export const WIDE_INPUTS = 100;
/** The most inputs per unit (any layer) for which 'auto' keeps the original's uniform [0, 1). */
export const MAX_RAND_FAN_IN = 8;

const NARROW = { hidden: [6], init: 'rand', batch: 0, lr: 2, targetLoss: 0.2, targetAccuracy: 0 } as const;
const WIDE = { hidden: [32], init: 'xavier', batch: 100, lr: 1, targetLoss: 0, targetAccuracy: 0.9 } as const;
// A table trains as scikit-learn's default MLP does: 100 hidden units and Adam, whose per-weight
// step takes that width where plain descent diverges (docs/data.md, *Against scikit-learn*).
const TABLE = { hidden: [100], init: 'xavier', batch: 0, lr: 0.01, targetLoss: 0, targetAccuracy: 0 } as const;
/** Plain gradient descent's rates on a table (--optimizer sgd): a regression's squared error takes half. Adam takes TABLE's lr on any data. */
const TABLE_SGD_LR = { classes: 1, regression: 0.5 } as const;
/**
 * Candidates where a method decides none per data (method-registry.ts: es
 * does): the original's random method keeps its 2.
 */
const CANDIDATES = 2;

/**
 * A user's table with more rows than this trains on mini-batches of BATCH,
 * scikit-learn's: at 100 hidden units a whole-set iteration of 1,347 digits
 * costs 25 times a batch's, for the same accuracy (docs/data.md).
 */
export const WHOLE_SET_ROWS = 1000;
const BATCH = 200;

/**
 * What 'auto' means before the data is read: a user's file is scaled and
 * keeps a validation part (how large is the data's to say: 'auto' is
 * passed on, see finishSource); built-in data is neither.
 */
export function decideSource(
  o: Pick<ResolvedOptions, 'scale' | 'validationSplit'>,
  userData: boolean,
): { scale: Settings['scale']; validationSplit: number | 'auto'; chosen: string[] } {
  const chosen: string[] = [];
  const scale = o.scale !== 'auto' ? o.scale : userData ? 'standard' : 'none';
  if (o.scale === 'auto' && userData) chosen.push(`scale ${scale}`);
  const validationSplit = o.validationSplit !== 'auto' ? o.validationSplit : userData ? 'auto' : 0;
  return { scale, validationSplit, chosen };
}

/** The options with every 'auto' decided, and the decisions as "option value" pairs. */
export function decideAuto(
  o: Omit<ResolvedOptions, 'scale' | 'validationSplit'> & Pick<Settings, 'scale' | 'validationSplit'>,
  data: Dataset,
  fromModel: boolean,
  userData = false,
): { settings: Settings; chosen: string[] } {
  // A regression's squared error has no bounded slope as cross-entropy has: at lr 1 it stalls on
  // plateaus or diverges on tables where 0.5 reaches scikit-learn's R² (README, *Your own data*).
  const regression = o.loss === 'mse' || (o.loss === 'auto' && !data.binary && data.classes < 3);
  const kind: DataKind = userData ? 'table' : data.inDim >= WIDE_INPUTS ? 'wide' : 'narrow';
  const optimizer = decideOptimizer(o.method, o.optimizer, kind);
  const sgdLr = TABLE_SGD_LR[regression ? 'regression' : 'classes'];
  const table = {
    ...TABLE,
    batch: data.n > WHOLE_SET_ROWS ? BATCH : 0,
    lr: optimizer.value === 'adam' ? TABLE.lr : sgdLr,
  };
  // Adam's step is about lr per weight whatever the gradient's size: the plain-descent rates (2, 1) would be far too large.
  const base = kind === 'table' ? table : kind === 'wide' ? WIDE : NARROW;
  const pick = optimizer.value === 'adam' ? { ...base, lr: TABLE.lr } : base;
  // The method's own population, noise and step for this kind of data, where it has them (es).
  const own = methodOf(o.method).perData?.[kind];
  const chosen: string[] = optimizer.perData ? [`optimizer ${optimizer.value}`] : [];
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
    // A method that takes no lr (random) makes no step of a rate.
    lr: !takes(o.method, 'lr') ? 0 : own ? (decideValue('lr', o.lr, own.lr) as number) : (decide('lr', o.lr) as number),
    candidates: own
      ? (decideValue('candidates', o.candidates, own.candidates) as number)
      : o.candidates === 'auto'
        ? CANDIDATES
        : o.candidates,
    sigma: own ? (decideValue('sigma', o.sigma, own.sigma) as number) : o.sigma === 'auto' ? 0 : o.sigma,
    optimizer: optimizer.value,
    targetLoss: decide('targetLoss', o.targetLoss) as number,
    // A validation loss that creeps down by less than this over --patience reports is done; the
    // built-in sets keep the original's 1e-5 (not shown: it is no choice made for the data).
    minDelta:
      o.minDelta !== 'auto'
        ? o.minDelta
        : o.validationSplit > 0
          ? (decideValue('minDelta', 'auto', 1e-3) as number)
          : 1e-5,
    // One digit against the rest: "never" is already right 90% of the time, so no accuracy target.
    targetAccuracy: decideValue(
      'targetAccuracy',
      o.targetAccuracy,
      data.classes === 2 ? 0 : pick.targetAccuracy,
    ) as number,
  };
  return { settings, chosen };
}

/**
 * --optimizer auto: the method's own step where it has one (es: Adam), else
 * Adam on a table and the original's plain descent on the built-in sets.
 * `perData`: chosen for the data, so shown on the "for this data" line.
 */
function decideOptimizer(
  method: ResolvedOptions['method'],
  given: ResolvedOptions['optimizer'],
  kind: DataKind,
): { value: Settings['optimizer']; perData: boolean } {
  if (given !== 'auto') return { value: given, perData: false };
  const own = methodOf(method).optimizer;
  if (own) return { value: own, perData: false };
  if (!takes(method, 'optimizer')) return { value: 'sgd', perData: false };
  return kind === 'table' ? { value: 'adam', perData: true } : { value: 'sgd', perData: false };
}
