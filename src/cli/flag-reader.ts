// How every command reads its flags from option rows (util/option-spec.ts):
// yargs is told each flag's kind, choices, default and help, and a coerce
// reads each typed word by its row and checks it with the library's own check,
// so a bad value reads the same from every command and from train(). What yargs
// does not do is done here: a flag given twice, a switch given a word other
// than true or false, --no- of a flag with a value, negative numbers as values,
// flags that npm took for its own.

import type { Argv, Options } from 'yargs';
import { show } from '../util/option-error.ts';
import { Expected, expectedOf, flagName, isValid, type OptionSpec } from '../util/option-spec.ts';
import { UsageError } from '../util/usage-error.ts';
import { examples, helpWidth } from './help.ts';
import { checkNpmTookFlags } from './npm-flags.ts';
import { unknownLine } from './unknown.ts';

/** A command's flags: option rows by key (maxIters is typed --max-iters). */
export type FlagRows = Record<string, OptionSpec>;
/** The values a command's rows give, by key. */
export type ValuesOf<R extends FlagRows> = { [K in keyof R]: R[K] extends OptionSpec<infer T> ? T : never };

export interface CommandLine {
  /** The command: train, plot, ... */
  name: string;
  /** Under "Usage:", after the name; none where a yargs command says it. */
  usage?: string;
  rows: FlagRows;
  /** Flags that `build` adds, not rows (plot's --curves), for the near-match of a mistyped flag. */
  extra?: readonly string[];
  examples: readonly (readonly [string, string])[];
  argv: string[];
  /** The row typed as the command's one plain word, `[name]`, instead of as a flag. */
  positional?: string;
  /** yargs parser settings beside parse-numbers, which is always off. */
  parser?: Record<string, boolean>;
}

/** Reads `c.argv` into values by key, every row's default where a flag was not typed; `build` adds what rows cannot say. */
export async function readFlags(c: CommandLine, build: (y: Argv) => Argv = (y) => y) {
  checkNpmTookFlags(c.name, c.rows, c.argv);
  switchValues(c.argv, c.rows, c.extra);
  const argv = negativeWords(c.argv);
  const flags = [...Object.keys(c.rows).map(flagName), ...(c.extra ?? [])];
  // -max-iters: yargs would read it as the one-letter flags -m -a -x ...; it is a flag typed with one dash.
  const dashed = argv.slice(0, argv.includes('--') ? argv.indexOf('--') : argv.length).find(isOneDashWord);
  const name = dashed?.slice(1).split('=')[0];
  if (dashed) throw new UsageError(unknownLine(`Unknown argument: ${name}`, [dashed], flags, c.name) as string);
  const { default: yargs } = await import('yargs');
  // Words stay words: a row reads its own numbers, and a flag given twice arrives as both words.
  let y = yargs(argv)
    .scriptName(c.name)
    .parserConfiguration({ 'parse-numbers': false, ...c.parser });
  if (c.usage) y = y.usage(`$0 ${c.usage}`);
  // yargs reads flags in the order it was told them: told in the order typed, the first mistake typed is the one named.
  // With --help, the rows' own order is the help's.
  const at = (key: string) => argv.findIndex((w) => w.replace(/^--/, '').split('=')[0] === flagName(key)) >>> 0;
  const rows = Object.entries(c.rows).filter(([key]) => key !== c.positional);
  if (!argv.includes('--help')) rows.sort(([p], [q]) => at(p) - at(q));
  const options = Object.fromEntries(rows.map(([key, spec]) => [flagName(key), yargsOption(key, spec)]));
  const pos = c.positional;
  if (pos) {
    const coerce = (v: unknown) => (v === undefined ? v : readValue(pos, c.rows[pos], v, pos));
    y = y.command(`$0 [${pos}]`, '', (cmd) => cmd.positional(pos, { coerce }));
  }
  const a = build(
    y
      .options(options)
      .epilog(examples(c.examples))
      .strict()
      .help()
      .version(false)
      .wrap(helpWidth())
      .fail((msg, err) => {
        if (err && err.name !== 'YError') throw err; // ours, from a coerce: already one line
        throw new UsageError(mistakeLine(c, msg ?? err?.message ?? '', flags));
      }),
  ).parseSync() as Record<string, unknown> & { _: (string | number)[] };
  const values: Record<string, unknown> = { _: a._ };
  for (const [key, spec] of Object.entries(c.rows)) values[key] = a[flagName(key)] ?? spec.default;
  return { values, parsed: a };
}

/** A flag typed with one dash and several letters (-h, the step, is one letter, -h1e-4 with its value; -3 a number). */
const isOneDashWord = (w: string) => /^-[A-Za-z]{2}/.test(w);

/** The one line for what yargs refused: a stray word, an unknown flag, a bad choice, a missing value. */
function mistakeLine(c: CommandLine, msg: string, flags: readonly string[]): string {
  const name = /^Unknown arguments?: (.+)$/.exec(msg.trim())?.[1].split(', ')[0];
  const typedAsFlag = c.argv.some((w) => w.startsWith('-') && w.replace(/^-+/, '').split('=')[0] === name);
  if (name !== undefined && !typedAsFlag) {
    if (c.positional) return `${JSON.stringify(name)}: expected at most one word, [${c.positional}]`;
    if (flags.length === 0) return `${JSON.stringify(name)}: expected no arguments`;
  }
  return unknownLine(msg, c.argv, flags, c.name) ?? oneLine(msg);
}

/** The values a command takes with no flags at all: each row's default, as yargs would give them. */
export function defaultValues(rows: FlagRows): Record<string, unknown> {
  return Object.fromEntries([['_', []], ...Object.entries(rows).map(([key, spec]) => [key, spec.default])]);
}

function yargsOption(key: string, spec: OptionSpec): Options {
  const o: Options = { describe: spec.help, group: spec.group, coerce: (v: unknown) => readValue(key, spec, v) };
  if (spec.default !== undefined && !Array.isArray(spec.default)) o.default = spec.default;
  if (spec.kind === 'switch') return { ...o, type: 'boolean' };
  o.requiresArg = true;
  if (spec.kind === 'choice') o.choices = spec.choices;
  if (spec.kind === 'text' || spec.kind === 'list') o.type = 'string';
  return o;
}

/** A typed value by its row: numbers read as decimals, checked as train() checks them. */
export function readValue(key: string, spec: OptionSpec, v: unknown, flag = `--${flagName(key)}`): unknown {
  const numeric = spec.kind === 'number' || spec.kind === 'whole';
  if (Array.isArray(v)) {
    const shown = v.map((x) => (numeric ? String(x) : JSON.stringify(x)));
    throw new UsageError(`${flag} ${shown.join(' and ')}: expected it once`);
  }
  if (typeof v !== 'string') return v; // a default, or a switch
  let value: unknown = v;
  try {
    if (spec.read) value = spec.read(v);
    else if (numeric && !(spec.auto && v === 'auto')) value = readNumber(flag, v, spec.auto);
  } catch (e) {
    if (e instanceof Expected) throw new UsageError(`${flag} ${e.shown}: expected ${e.message}`);
    throw e;
  }
  if (!isValid(spec, value)) {
    const shown = Array.isArray(value) ? value.join(',') : show(value);
    throw new UsageError(`${flag} ${shown}: expected ${expectedOf(spec)}`);
  }
  return value;
}

function readNumber(flag: string, word: string, auto?: boolean): number {
  const n = word.trim() === '' ? NaN : Number(word);
  if (Number.isNaN(n))
    throw new UsageError(`${flag} ${JSON.stringify(word)}: expected a number${auto ? ' or auto' : ''}`);
  // Said here, as typed (1e999, Infinity): past this point it is Infinity, and in JSON null.
  if (!Number.isFinite(n)) throw new UsageError(`${flag} ${word}: expected a finite number`);
  return n;
}

/**
 * A switch takes true or false only (yargs reads any other word as false), and --no- only a switch
 * (yargs makes a flag with a value false).
 */
export function switchValues(argv: readonly string[], rows: FlagRows, extra: readonly string[] = []): void {
  const kinds = new Map(Object.entries(rows).map(([key, spec]) => [flagName(key), spec.kind]));
  for (const flag of extra) kinds.set(flag, 'list');
  for (const word of argv) {
    if (word === '--') return; // what follows is not flags
    const no = /^--no-([^=]+)/.exec(word);
    if (no && kinds.has(no[1]) && kinds.get(no[1]) !== 'switch')
      throw new UsageError(`--no-${no[1]}: --${no[1]} is not a switch, expected --${no[1]} with a value`);
    const m = /^--([^=]+)=(.*)$/s.exec(word);
    if (!m || kinds.get(m[1]) !== 'switch' || m[2] === 'true' || m[2] === 'false') continue;
    throw new UsageError(`--${m[1]} ${JSON.stringify(m[2])}: expected true or false, or the flag alone`);
  }
}

/** `--lr -Infinity`: yargs takes a dash word for flags; joined as `--lr=-Infinity` it is the value, refused as typed. */
export function negativeWords(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const next = argv[i + 1];
    if (/^--[^=]+$/.test(argv[i]) && next !== undefined && /^-(Infinity|NaN)$/i.test(next)) {
      out.push(`${argv[i]}=${next}`);
      i++;
    } else out.push(argv[i]);
  }
  return out;
}

/** yargs words a bad choice over several lines; say it like the other errors. */
export function oneLine(msg: string): string {
  const choice = /Argument: (\S+), Given: (.+), Choices: (.+)/.exec(msg);
  if (choice) return `--${choice[1]} ${choice[2]}: expected one of ${choice[3]}`;
  const missing = /Not enough arguments following: (\S+)/.exec(msg);
  // -h is the finite-difference step's own flag, yet people type it for help.
  if (missing?.[1] === 'h') return '-h: the finite-difference step, expected a value after it (--help lists the flags)';
  if (missing) return `--${missing[1]}: expected a value after it`;
  return msg.replace(/\s*\n\s*/g, ' ');
}
