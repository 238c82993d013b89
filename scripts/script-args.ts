// The command line of the benchmark scripts, read by the commands' own reader
// (src/cli/flag-reader.ts): each flag a row, a mistake one line
// `<script>: <what>` with exit code 2, before any work starts, so a typo
// neither costs a benchmark run nor leaves a results file behind. What is the
// scripts' own: a compact --help, and flags handed on to another command.

import { type FlagRows, readFlags } from '../src/cli/flag-reader.ts';
import { maxThreads, THREADS_PER_CORE } from '../src/cli/thread-cap.ts';
import { Expected, flagName, type OptionSpec } from '../src/util/option-spec.ts';
import { UsageError } from '../src/util/usage-error.ts';

/** What the reader throws for a mistake: the one line to print after the script's name. */
export { Expected, UsageError as ArgError };

/** One flag: its --help line, its value when not given, and how a typed value is read (none: a switch). */
export interface Flag<T = unknown> {
  describe: string;
  default: T;
  read?: (typed: string) => T;
  /** Typed as the script's one plain word, `[name]`, instead of `--name value`. */
  positional?: boolean;
}

type Flags = Record<string, Flag>;

export type Values<F> = { [K in keyof F]: F[K] extends Flag<infer T> ? T : never };

/** Flags given on to another command (bench:mnist's to train): their rows, and the words typed for them. */
export type Pass = { rows: FlagRows; passed: string[] };

/** Digits only: a count is not typed as 1e3, 0x10 or 5.0. */
export const whole = (min: number) => (s: string) => {
  if (/^\d+$/.test(s) && Number.isSafeInteger(Number(s)) && Number(s) >= min) return Number(s);
  throw new Expected(`a whole number >= ${min}`, s);
};

/** A thread count: at most THREADS_PER_CORE per core, as train caps them. */
export const threadCount = (s: string) => {
  const most = maxThreads();
  const n = whole(0)(s);
  if (n <= most) return n;
  throw new Expected(`a whole number from 0 to ${most} (${THREADS_PER_CORE} per core)`, s);
};

/** "a, b or c" */
export const or = (names: readonly string[]) =>
  [names.slice(0, -1).join(', '), names.at(-1)].filter(Boolean).join(' or ');

export const oneOf =
  <T extends string>(names: readonly T[]) =>
  (s: string): T => {
    if (names.includes(s as T)) return s as T;
    throw new Expected(or(names), s);
  };

/** A comma-separated list of what `item` reads; empty items are skipped (0,2, is 0,2), a bad one is quoted alone. */
export const listOf =
  <T>(item: (s: string) => T) =>
  (s: string): T[] => {
    const items = s.split(',').filter((x) => x.trim());
    return (items.length ? items : [s]).map((x) => item(x.trim()));
  };

/** A script's flag as a row: a switch without `read`; numbers shown bare and lists quoted when given twice. */
function rowOf(f: Flag): OptionSpec {
  const kind = !f.read
    ? 'switch'
    : typeof f.default === 'number'
      ? 'number'
      : Array.isArray(f.default)
        ? 'list'
        : 'text';
  return { kind, default: f.default, help: f.describe, read: f.read };
}

/** Every flag's value, or an ArgError for the first mistake; the words typed for `pass`'s rows go to `pass.passed`. */
export async function readArgs<F extends Flags>(argv: readonly string[], script: string, flags: F, pass?: Pass) {
  const own = Object.fromEntries(Object.entries(flags).map(([k, f]) => [k, rowOf(f)]));
  const positional = Object.keys(flags).find((k) => flags[k].positional);
  const rows = { ...own, ...pass?.rows };
  const { values } = await readFlags({ name: script, rows, examples: [], argv: [...argv], positional });
  const switches = Object.keys(flags).filter((k) => !flags[k].read);
  if (pass) pass.passed.push(...othersWords(argv, Object.keys(own).map(flagName), switches));
  return Object.fromEntries(Object.keys(flags).map((k) => [k, values[k]])) as Values<F>;
}

/** The words of `argv` less its own flags (`--runs 3`, `--runs=3`, a switch alone) and their values. */
function othersWords(argv: readonly string[], own: readonly string[], switches: readonly string[]): string[] {
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const name = /^--([^=]+)(=.*)?$/s.exec(argv[i]);
    if (name && own.includes(name[1])) {
      if (name[2] === undefined && !switches.includes(name[1])) i++; // its value follows
    } else words.push(argv[i]);
  }
  return words;
}

/** The one line and exit code 2 of every mistake. */
export function fail(script: string, line: string): never {
  console.error(`${script}: ${line}`);
  process.exit(2);
}

/** The flags' values; or the --help, exit 0; or the mistake, exit 2: either way before the benchmark starts. */
export async function parseScriptArgs<F extends Flags>(script: string, about: string, flags: F, pass?: Pass) {
  const argv = process.argv.slice(2);
  if (argv.includes('--help')) help(script, about, flags);
  try {
    return await readArgs(argv, script, flags, pass);
  } catch (e) {
    if (e instanceof UsageError) fail(script, e.message);
    throw e;
  }
}

function help(script: string, about: string, flags: Flags): never {
  const rows = Object.entries(flags).map(([k, f]) => {
    const shown = f.read ? ` [default: ${String(f.default)}]` : '';
    return [f.positional ? `[${k}]` : `--${k}`, f.describe + shown];
  });
  // npm run speedup -- [flags]; npm run bench:startup -- [runs]; npm run bench:charts
  const what = rows.length === 0 ? '' : rows[0][0].startsWith('[') ? rows[0][0] : '[flags]';
  const usage = `npm run ${script}${what && ` -- ${what}`}`;
  rows.push(['--help', 'print this and exit']);
  const width = Math.max(...rows.map(([k]) => k.length)) + 2;
  console.log([usage, '', about, '', ...rows.map(([k, d]) => `  ${k.padEnd(width)}${d}`)].join('\n'));
  process.exit(0);
}
