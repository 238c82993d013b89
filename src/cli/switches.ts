// Switches (boolean flags) given a value: yargs reads any word but "true" as
// false, so `--elitist=yes` or `--quiet=1` silently did the opposite of what
// was typed. Only true and false are taken; anything else is refused.

import { UsageError } from './flags.ts';

/** Throws a UsageError for a boolean flag of `flags` written `--flag=value` with a value other than true or false. */
export function switchValues(
  argv: readonly string[],
  flags: Record<string, { readonly type?: string; readonly [key: string]: unknown }>,
): void {
  for (const word of argv) {
    if (word === '--') return; // what follows is not flags
    const m = /^--([^=]+)=(.*)$/s.exec(word);
    if (!m || flags[m[1]]?.type !== 'boolean' || m[2] === 'true' || m[2] === 'false') continue;
    throw new UsageError(`--${m[1]} ${JSON.stringify(m[2])}: expected true or false, or the flag alone`);
  }
}
