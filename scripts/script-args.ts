// The command line of the benchmark scripts, read as the CLI commands read
// theirs (src/cli/args.ts): a mistake is one line, `<script>: <what>`, exit
// code 2, before any work starts, so a typo neither costs a benchmark run nor
// leaves a results file behind. Read by hand rather than by yargs: each script
// takes a few flags, and yargs' quirks (a flag given twice counted up, a bad
// number read as NaN, a multi-line help on every error) would each need a guard,
// as train needs them (repeated.ts, switches.ts).

import { maxThreads, THREADS_PER_CORE } from '../src/cli/thread-cap.ts';
import { unknownLine } from '../src/cli/unknown.ts';

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

/** Flags given on to another command (bench:mnist's to train), with their values, as typed. */
export type Pass = { flags: readonly string[]; passed: string[] };

/** What a reader throws: what was expected, and the part of the value at fault (the value, or an item of a list). */
export class Expected extends Error {
  readonly part: string;

  constructor(what: string, part: string) {
    super(what);
    this.part = part;
  }
}

/** A mistake in a script's command line: the one line to print after the script's name. */
export class ArgError extends Error {}

/** Digits only: a count is not typed as 1e3, 0x10 or 5.0. */
export const whole = (min: number) => (s: string) => {
  if (/^\d+$/.test(s) && Number.isSafeInteger(Number(s)) && Number(s) >= min) return Number(s);
  throw new Expected(`a whole number >= ${min}`, s);
};

/** A thread count: at most THREADS_PER_CORE per core, as train caps them (1000 would start a thousand workers). */
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

/** Every flag's value, or an ArgError for the first mistake; flags of `pass` and plain words go to `pass.passed`. */
export function readArgs<F extends Flags>(argv: readonly string[], script: string, flags: F, pass?: Pass) {
  const values: Record<string, unknown> = Object.fromEntries(Object.entries(flags).map(([k, f]) => [k, f.default]));
  const typed = new Map<string, string>();
  const names = Object.keys(flags).filter((k) => !flags[k].positional);
  const positional = Object.keys(flags).find((k) => flags[k].positional);
  // In train's words (src/cli/unknown.ts), of the one word at fault: --frob, or a stray word.
  const unknown = (name: string, word: string, known: readonly string[]) =>
    new ArgError(
      unknownLine(`Unknown argument: ${name}`, [word], known, script) ?? `${JSON.stringify(word)}: expected a flag`,
    );
  const set = (name: string, value: string) => {
    try {
      values[name] = flags[name].read?.(value);
    } catch (e) {
      if (!(e instanceof Expected)) throw e;
      const label = name === positional ? name : `--${name}`;
      // Numbers as typed, words quoted, as train shows a value.
      throw new ArgError(`${label} ${isNumber(e.part) ? e.part : JSON.stringify(e.part)}: expected ${e.message}`);
    }
    typed.set(name, value);
  };
  // A flag starts with a dash; a negative number does not count (--repeats -1 is a value, refused as such).
  const FLAG = /^--?([^-=\d.][^=]*)(?:=(.*))?$/s;
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i];
    const m = FLAG.exec(word);
    if (!m) {
      if (positional && !typed.has(positional)) set(positional, word);
      else if (pass) pass.passed.push(word);
      else if (positional) throw new ArgError(`${JSON.stringify(word)}: expected at most one word, [${positional}]`);
      else if (names.length === 0) throw new ArgError(`${JSON.stringify(word)}: expected no arguments`);
      else throw unknown(word, word, names);
      continue;
    }
    const [, name, joined] = m;
    const dashes = word.startsWith('--');
    if (dashes && pass?.flags.includes(name.replace(/^no-/, ''))) {
      pass.passed.push(word); // its value, if any, follows as a plain word
      continue;
    }
    const flag = flags[name];
    if (!dashes || !flag || flag.positional) throw unknown(name, word, [...names, ...(pass?.flags ?? [])]);
    if (!flag.read) {
      // A switch: yargs read any word but "true" as false, so --profile=yes did the opposite of what was typed.
      if (joined !== undefined && joined !== 'true' && joined !== 'false')
        throw new ArgError(`--${name} ${JSON.stringify(joined)}: expected true or false, or the flag alone`);
      values[name] = joined !== 'false';
      continue;
    }
    const value = joined ?? (i + 1 < argv.length && !FLAG.test(argv[i + 1]) ? argv[++i] : undefined);
    if (value === undefined) throw new ArgError(`--${name}: expected a value after it`);
    const before = typed.get(name);
    // Numbers as typed, else both quoted, as train says it (src/cli/repeated.ts).
    const numbers = [before, value].every((v) => v !== undefined && isNumber(v));
    const show = (v: string) => (numbers ? v : JSON.stringify(v));
    if (before !== undefined) throw new ArgError(`--${name} ${show(before)} and ${show(value)}: expected it once`);
    set(name, value);
  }
  return values as Values<F>;
}

/** The one line and exit code 2 of every mistake. */
export function fail(script: string, line: string): never {
  console.error(`${script}: ${line}`);
  process.exit(2);
}

/** The flags' values; or the --help, exit 0; or the mistake, exit 2: either way before the benchmark starts. */
export function parseScriptArgs<F extends Flags>(script: string, about: string, flags: F, pass?: Pass) {
  const argv = process.argv.slice(2);
  if (argv.includes('--help')) {
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
  try {
    return readArgs(argv, script, flags, pass);
  } catch (e) {
    if (e instanceof ArgError) fail(script, e.message);
    throw e;
  }
}

/** A word that reads as a finite number. */
function isNumber(word: string): boolean {
  return word.trim() !== '' && Number.isFinite(Number(word));
}
