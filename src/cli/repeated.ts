// A flag given twice, found in the command line itself. yargs usually
// collects both values in an array (see once() in args.ts), but not always:
// a number flag (untyped for yargs, parsed by its coerce) repeated with the
// value 1 is counted up instead (`--max-iters 5 --max-iters 1` ran 6
// iterations), and a word then 1 is glued together (`--lr fast --lr 1` read
// "fast1"). Reading argv before yargs does catches every case the same way.

import { UsageError } from './flags.ts';

interface FlagSpec {
  readonly type?: string;
  readonly coerce?: unknown;
  readonly [key: string]: unknown;
}

/** Throws a UsageError naming the first non-boolean flag of `flags` given more than once, with its values as typed. */
export function givenOnce(argv: readonly string[], flags: Record<string, FlagSpec>): void {
  const byName = new Map<string, string>();
  for (const flag of Object.keys(flags)) {
    byName.set(flag, flag);
    byName.set(
      flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()),
      flag,
    ); // --maxIters is --max-iters
  }
  const values = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i];
    if (word === '--') break; // what follows is not flags
    const m = /^--([^=]+)(?:=(.*))?$/s.exec(word);
    const flag = m && byName.get(m[1]);
    if (!m || !flag || flags[flag].type === 'boolean') continue;
    const value = m[2] ?? (argv[i + 1]?.startsWith('--') ? undefined : argv[i + 1]);
    if (value === undefined) continue; // a missing value is yargs' to report
    if (m[2] === undefined) i++;
    const seen = values.get(flag) ?? [];
    seen.push(value);
    values.set(flag, seen);
    if (seen.length === 2) {
      // Numbers as typed, words quoted: as the other messages show them.
      const shown = seen.map((v) => (flags[flag].coerce ? v : JSON.stringify(v)));
      throw new UsageError(`--${flag} ${shown.join(' and ')}: expected it once`);
    }
  }
}
