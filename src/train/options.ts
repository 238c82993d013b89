// A run's options: DEFAULTS and their checks come from the option table
// (option-table.ts), merged with what the caller gives and checked here, so
// that a library user and a command-line user get the same error naming the
// option and its value.

import type { ScaleName } from '../data/encoding.ts';
import type { Runner, WorkerFault } from '../parallel/runner.ts';
import { OptionError } from '../util/option-error.ts';
import { checkValue, defaultsOf } from '../util/option-spec.ts';
import type { TrainEvent } from './events.ts';
import { methodOf } from './method-registry.ts';
import { OPTIONS } from './option-table.ts';

export { METHODS, type Method } from './method-registry.ts';
export { DIFFS, type Diff, OPTIMIZERS, type Optimizer } from './option-table.ts';

/** --init's named schemes; any other string is a model file's path. */
const INIT_SCHEMES: readonly string[] = ['auto', 'rand', 'xavier'];
export const isModelPath = (init: unknown): init is string => typeof init === 'string' && !INIT_SCHEMES.includes(init);

export const DEFAULTS = defaultsOf(OPTIONS);

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

function checkOptions(o: ResolvedOptions): void {
  for (const [key, spec] of Object.entries(OPTIONS)) checkValue(key, spec, o[key as keyof TrainSettings]);
  methodOf(o.method).check?.(o);
}
