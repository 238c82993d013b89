// Switches (boolean flags) given a value: yargs reads any word but "true" as
// false, so `--elitist=yes` or `--quiet=1` silently did the opposite of what
// was typed. Only true and false are taken; anything else is refused. And
// `--no-X` of a flag that takes a value made it false, which leaked a
// TypeError (--no-init, --no-plot) or read as the value "false".

import { UsageError } from './flags.ts';

/** Throws a UsageError for a switch of `flags` given a value other than true or false, or --no- of a flag that is no switch. */
export function switchValues(
  argv: readonly string[],
  flags: Record<string, { readonly type?: string; readonly [key: string]: unknown }>,
): void {
  for (const word of argv) {
    if (word === '--') return; // what follows is not flags
    const no = /^--no-([^=]+)/.exec(word);
    if (no && flags[no[1]] && flags[no[1]].type !== 'boolean')
      throw new UsageError(`--no-${no[1]}: --${no[1]} is not a switch, expected --${no[1]} with a value`);
    const m = /^--([^=]+)=(.*)$/s.exec(word);
    if (!m || flags[m[1]]?.type !== 'boolean' || m[2] === 'true' || m[2] === 'false') continue;
    throw new UsageError(`--${m[1]} ${JSON.stringify(m[2])}: expected true or false, or the flag alone`);
  }
}
