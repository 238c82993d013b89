// Flags typed for a run they do not apply to (--samples on the built-in set,
// --delta with numerical gradients, --lr with random updates) are refused
// rather than ignored, so no one believes a flag had an effect it cannot have.
// Which data a flag applies to is in its row; which methods, in the methods' registry.

import { METHODS, takes } from '../train/method-registry.ts';
import { DEFAULTS, type TrainOptions } from '../train/options.ts';
import { flagName } from '../util/option-spec.ts';
import { UsageError } from '../util/usage-error.ts';
import type { FlagRows } from './flag-reader.ts';

/** "--method random or spsa" */
const or = (names: readonly string[]) => [names.slice(0, -1).join(', '), names.at(-1)].filter(Boolean).join(' or ');

/** Throws for the first flag typed (`typed`) that the run `o` cannot use, by method and by data. */
export function checkApplies(o: TrainOptions, rows: FlagRows, typed: (flag: string) => boolean): void {
  const method = o.method ?? DEFAULTS.method;
  for (const key of Object.keys(rows)) {
    const users: readonly string[] = METHODS.filter((m) => takes(m, key)); // none: an option of every method
    if (users.length > 0 && users.length < METHODS.length && typed(flagName(key)) && !users.includes(method))
      throw new UsageError(
        `--${flagName(key)}: applies to --method ${or(users)} only, expected without it for --method ${method}`,
      );
  }
  checkDataFlags(o, rows, typed);
}

/** The data flags alone (compare races several methods, so only these apply to all). */
export function checkDataFlags(o: TrainOptions, rows: FlagRows, typed: (flag: string) => boolean): void {
  for (const [key, spec] of Object.entries(rows))
    if (spec.data && typed(flagName(key)) && !spec.data.applies(String(o.data)))
      throw new UsageError(
        `--${flagName(key)}: applies to ${spec.data.words}, expected without it for --data ${String(o.data)}`,
      );
}
