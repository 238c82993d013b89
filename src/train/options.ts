// A run's options: one defaults object (the CLI's defaults come from it too),
// merged with what the caller gives, and checked here so that a library user
// and a command-line user get the same error naming the option and its value.

import type { Dataset } from '../data/dataset.ts';
import { SCALES, type ScaleName } from '../data/encoding.ts';
import { GRAD_MODES, type GradMode } from '../methods/run-spec.ts';
import type { Model } from '../model/model-file.ts';
import { ACTIVATIONS, type ActivationName } from '../nn/activation.ts';
import { LOSSES, type LossName } from '../nn/output.ts';
import { type Runner, STRATEGIES, type Strategy, type WorkerFault } from '../parallel/runner.ts';
import { OptionError, show } from '../util/option-error.ts';
import type { TrainEvent } from './events.ts';
import { METHODS, type Method, methodOf } from './method-registry.ts';

export { METHODS, type Method } from './method-registry.ts';
export type Optimizer = 'adam' | 'sgd';
export const OPTIMIZERS: readonly Optimizer[] = ['adam', 'sgd'];
export type Diff = 'forward' | 'central';
export const DIFFS: readonly Diff[] = ['forward', 'central'];

/** --init's named schemes; any other string is a model file's path. */
const INIT_SCHEMES: readonly string[] = ['auto', 'rand', 'xavier'];
export const isModelPath = (init: unknown): init is string => typeof init === 'string' && !INIT_SCHEMES.includes(init);

export const DEFAULTS = {
  /** A built-in name (seed2class, spiral), a .csv/.json path, or a Dataset. */
  data: 'seed2class' as string | Dataset,
  /** A test set, for data given as a Dataset (files and built-in sets bring their own, see testSplit). */
  test: undefined as Dataset | undefined,
  /** Spiral points. */
  samples: 1000,
  /** Digits (mnist, an IDX directory): training and test images; 0: mnist holds 1,000 out, IDX uses all. */
  trainSize: 0,
  testSize: 0,
  /** CSV / JSON: the share held out as a test set (seeded, stratified by class); 0: none. */
  testSplit: 0,
  /** Digits: train "is it this digit?" (one output) instead of ten classes. */
  digit: undefined as number | undefined,
  /** CSV: the label column, by name or number from 1; undefined: the last. */
  label: undefined as string | undefined,
  /** CSV: columns to leave out, by name or number from 1. */
  ignore: [] as string[],
  /** CSV: rows with a missing cell are refused, or dropped. */
  missing: 'refuse' as 'refuse' | 'drop',
  /** Number columns (and a regression target) shifted and scaled, fitted on the training part; auto: standard for a user's file, none for built-in data. */
  scale: 'auto' as 'auto' | ScaleName,
  /** The share of the training part held out to pick the best weights and stop; auto: 0.15 for a user's file, else 0. */
  validationSplit: 'auto' as number | 'auto',
  // 'auto' (and hidden undefined): chosen from the data, see auto-settings.ts.
  /** Hidden layer sizes; undefined: auto, or the init model's. */
  hidden: undefined as number[] | undefined,
  func: 'logistic' as ActivationName,
  /** auto: bce for 0/1 labels, else mse. */
  loss: 'auto' as 'auto' | LossName,
  /** 'rand' (uniform [0, 1) from the seed), 'xavier', a constant, a model file's path, a loaded Model, or auto. */
  init: 'auto' as 'auto' | 'rand' | 'xavier' | number | string | Model,
  method: 'gradient' as Method,
  lr: 'auto' as number | 'auto',
  h: 1e-5,
  diff: 'forward' as Diff,
  /** incremental: finite differences from a cached base pass; naive: a whole forward pass per weight. */
  grad: 'incremental' as GradMode,
  delta: 0.001,
  /** Candidates per iteration (random), the population (es); auto: 2 for random, per data for es. */
  candidates: 'auto' as number | 'auto',
  /** ES: the noise's scale; auto: per data (auto-settings.ts). */
  sigma: 'auto' as number | 'auto',
  /** ES: the rank of each layer's perturbation (0: dense). */
  rank: 1,
  /** ES: how ĝ becomes the step. */
  optimizer: 'adam' as Optimizer,
  /** ES: decoupled weight decay, w ← w − lr·wd·w each update. */
  weightDecay: 0,
  elitist: false,
  /** Mini-batch size; 0: the whole training set each iteration, as the original. */
  batch: 'auto' as number | 'auto',
  seed: '1',
  targetLoss: 'auto' as number | 'auto',
  /** Stop once the test set's accuracy (the training set's, without one) reaches this; 0: never. */
  targetAccuracy: 'auto' as number | 'auto',
  maxIters: 1_000_000,
  /** 0: no limit. */
  maxSeconds: 0,
  /** Plateau: least improvement of the best loss over `patience` reports, a share of max(loss, 1); auto: 1e-5, or 1e-3 with a validation part. */
  minDelta: 'auto' as number | 'auto',
  /** Plateau window in reports; 0: never stop on a plateau. */
  patience: 20,
  reportEvery: 100,
  /** Iterations between checkpoint events (the best model so far, for the caller to save); 0: none. */
  checkpointEvery: 0,
  /** Threads that evaluate: 0 = main thread only, or auto. */
  threads: 'auto' as number | 'auto',
  strategy: 'spin-main' as Strategy,
};

export type TrainSettings = typeof DEFAULTS;

/** What train() takes: any settings (the rest from DEFAULTS) and hooks that have no default. */
export interface TrainOptions extends Partial<TrainSettings> {
  /** First weights, overriding init. */
  params?: Float64Array;
  /** A started runner to reuse (benchmarks); train() then leaves it open. */
  runner?: Runner;
  signal?: AbortSignal;
  onEvent?: (event: TrainEvent) => void;
  /** Test-only: make pool workers fail (see WorkerFault). */
  fault?: WorkerFault;
}

export type ResolvedOptions = TrainSettings & Omit<TrainOptions, keyof TrainSettings>;

/** Options once 'auto' has been decided for the data (auto-settings.ts). */
export type Settings = Omit<
  ResolvedOptions,
  | 'hidden'
  | 'lr'
  | 'batch'
  | 'targetLoss'
  | 'targetAccuracy'
  | 'scale'
  | 'validationSplit'
  | 'minDelta'
  | 'candidates'
  | 'sigma'
> & {
  candidates: number;
  sigma: number;
  minDelta: number;
  hidden?: number[];
  scale: ScaleName;
  validationSplit: number;
  lr: number;
  batch: number;
  targetLoss: number;
  targetAccuracy: number;
};

const HOOKS = ['params', 'runner', 'signal', 'onEvent', 'fault'];

/** DEFAULTS merged with the caller's options, checked; throws OptionError on the first bad one. */
export function resolveOptions(given: TrainOptions): ResolvedOptions {
  for (const key of Object.keys(given)) {
    if (!(key in DEFAULTS) && !HOOKS.includes(key))
      throw new OptionError(key, (given as Record<string, unknown>)[key], 'no such option');
  }
  const defined = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined));
  const o: ResolvedOptions = { ...DEFAULTS, ...defined };
  checkOptions(o);
  return o;
}

function check(ok: boolean, option: string, value: unknown, expected: string): void {
  if (!ok) throw new OptionError(option, value, `expected ${expected}`);
}

function checkOptions(o: ResolvedOptions): void {
  const oneOf = (option: keyof TrainSettings, choices: readonly unknown[]) =>
    check(choices.includes(o[option]), option, o[option], `one of ${choices.map(show).join(', ')}`);
  const positive = (option: 'h' | 'delta') =>
    check(Number.isFinite(o[option]) && o[option] > 0, option, o[option], 'a number > 0');
  type Whole =
    | 'rank'
    | 'samples'
    | 'maxIters'
    | 'reportEvery'
    | 'checkpointEvery'
    | 'patience'
    | 'trainSize'
    | 'testSize';
  const whole = (option: Whole, min: number) =>
    check(Number.isInteger(o[option]) && o[option] >= min, option, o[option], `a whole number >= ${min}`);
  const atLeast0 = (option: 'maxSeconds') =>
    check(Number.isFinite(o[option]) && o[option] >= 0, option, o[option], 'a number >= 0');
  oneOf('func', ACTIVATIONS);
  oneOf('loss', ['auto', ...LOSSES]);
  oneOf('method', METHODS);
  oneOf('diff', DIFFS);
  oneOf('grad', GRAD_MODES);
  oneOf('strategy', STRATEGIES);
  oneOf('scale', ['auto', ...SCALES]);
  oneOf('missing', ['refuse', 'drop']);
  check(
    o.label === undefined || (typeof o.label === 'string' && o.label !== ''),
    'label',
    o.label,
    'a column name or number',
  );
  check(
    Array.isArray(o.ignore) && o.ignore.every((c) => typeof c === 'string' && c !== ''),
    'ignore',
    o.ignore,
    'column names or numbers',
  );
  const auto = (
    option: 'lr' | 'batch' | 'targetLoss' | 'targetAccuracy' | 'validationSplit' | 'minDelta' | 'candidates' | 'sigma',
    ok: (v: number) => boolean,
    expected: string,
  ) =>
    check(
      o[option] === 'auto' || (typeof o[option] === 'number' && ok(o[option] as number)),
      option,
      o[option],
      expected,
    );
  auto('lr', (v) => Number.isFinite(v) && v > 0, 'a number > 0');
  auto('batch', (v) => Number.isInteger(v) && v >= 0, 'a whole number >= 0');
  auto('targetLoss', (v) => !Number.isNaN(v), 'a number');
  auto('targetAccuracy', (v) => v >= 0 && v <= 1, 'a number from 0 to 1');
  positive('h');
  positive('delta');
  auto('candidates', (v) => Number.isInteger(v) && v >= 1, 'a whole number >= 1');
  auto('sigma', (v) => Number.isFinite(v) && v > 0, 'a number > 0');
  whole('rank', 0);
  oneOf('optimizer', OPTIMIZERS);
  check(Number.isFinite(o.weightDecay) && o.weightDecay >= 0, 'weightDecay', o.weightDecay, 'a number >= 0');
  methodOf(o.method).check?.(o);
  whole('trainSize', 0);
  whole('testSize', 0);
  check(o.testSplit >= 0 && o.testSplit < 1, 'testSplit', o.testSplit, 'a number >= 0 and < 1');
  auto('validationSplit', (v) => v >= 0 && v < 1, 'a number >= 0 and < 1');
  check(
    o.digit === undefined || (Number.isInteger(o.digit) && o.digit >= 0 && o.digit <= 9),
    'digit',
    o.digit,
    'a digit 0..9',
  );
  whole('samples', 2);
  whole('maxIters', 0);
  whole('reportEvery', 1);
  whole('checkpointEvery', 0);
  whole('patience', 0);
  atLeast0('maxSeconds');
  auto('minDelta', (v) => Number.isFinite(v) && v >= 0, 'a number >= 0');
  check(typeof o.elitist === 'boolean', 'elitist', o.elitist, 'true or false');
  check(typeof o.seed === 'string' && o.seed !== '', 'seed', o.seed, 'a non-empty string');
  check(
    o.threads === 'auto' || (Number.isInteger(o.threads) && o.threads >= 0),
    'threads',
    o.threads,
    'auto or a whole number >= 0',
  );
  const hidden = o.hidden;
  check(
    hidden === undefined || (Array.isArray(hidden) && hidden.every((n) => Number.isInteger(n) && n > 0)),
    'hidden',
    hidden,
    'layer sizes of 1 or more, like 6 or 8,4',
  );
  check(typeof o.init !== 'number' || Number.isFinite(o.init), 'init', o.init, 'rand, a finite number or a model');
  check(
    typeof o.data === 'object' || (typeof o.data === 'string' && o.data !== ''),
    'data',
    o.data,
    'a data set name, a file or a Dataset',
  );
}
