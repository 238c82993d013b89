// A run's options: DEFAULTS and their checks come from the option table
// (option-table.ts), merged with what the caller gives and checked here, so
// that a library user and a command-line user get the same error naming the
// option and its value.

import { OptionError } from '../util/option-error.ts';
import { checkValue, defaultsOf, type OptionSpec } from '../util/option-spec.ts';
import { METHODS, type Method, methodOf } from './method-registry.ts';
import { OPTION_TABLE } from './option-table.ts';
import type { ResolvedOptions, TrainOptions as TableOptions, TrainSettings as TableSettings } from './settings.ts';

export { METHODS, type Method } from './method-registry.ts';
export { DIFFS, type Diff, OPTIMIZERS, type Optimizer } from './option-table.ts';
export type { ResolvedOptions, Settings } from './settings.ts';

/** Every option's value, --method one of the registry's names (the table's types know only a string). */
export type TrainSettings = Omit<TableSettings, 'method'> & { method: Method };
/** What train() takes, --method one of the registry's names. */
export type TrainOptions = Omit<TableOptions, 'method'> & { method?: Method };

/** The option table, --method's choices and help the registry's methods. */
export const OPTIONS = {
  ...OPTION_TABLE,
  method: {
    ...OPTION_TABLE.method,
    choices: METHODS,
    help: METHODS.map((m) => `${m}: ${methodOf(m).help}`).join('; '),
  } as OptionSpec<string>,
};

/** --init's named schemes; any other string is a model file's path. */
const INIT_SCHEMES: readonly string[] = ['auto', 'rand', 'xavier'];
export const isModelPath = (init: unknown): init is string => typeof init === 'string' && !INIT_SCHEMES.includes(init);

export const DEFAULTS = defaultsOf(OPTION_TABLE) as TrainSettings;

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
  methodOf(o.method).check?.(o); // a method's own checks, once its name is known to be one
}
