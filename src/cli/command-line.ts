// How every command reads its flags, so that a mistake reads the same in all
// of them: the words are checked first (a flag twice, a switch given a word,
// --no- of a flag with a value, see repeated.ts and switches.ts), then yargs
// reads them, set up alike (strict, --help with examples, one-line errors).

import type { Argv } from 'yargs';
import { UsageError } from './flags.ts';
import { examples, helpWidth } from './help.ts';
import { givenOnce } from './repeated.ts';
import { switchValues } from './switches.ts';
import { unknownLine } from './unknown.ts';

type FlagTable = Record<string, { readonly type?: string; readonly [key: string]: unknown }>;

export interface CommandLine {
  /** The command: train, plot, ... */
  name: string;
  /** Under "Usage:", after the name; none where a yargs command says it. */
  usage?: string;
  flags: FlagTable;
  /** The flags that may come once (default: all of them). */
  once?: FlagTable;
  examples: readonly (readonly [string, string])[];
  argv: string[];
}

/** Flags of ours that are npm options as well: set in an .npmrc they would look taken. */
const NPM_OWN = new Set(['json', 'diff']);

/**
 * `npm run train --max-iters 5`, without the `--`: npm takes --max-iters for an option of its own
 * (npm_config_max_iters=true) and passes on only "5". Found in the environment npm sets, so that
 * the user hears what happened rather than about a stray "5" or, for a switch, nothing at all.
 */
export function checkNpmTookFlags(name: string, flags: object, argv: string[], env = process.env): void {
  // Only under `npm run <name>` itself (not a run spawned by a script or a test), for flags that are
  // not npm's own too (json, diff: an .npmrc may set those), and were not passed on after all.
  if (env.npm_lifecycle_event !== name) return;
  const took = Object.keys(flags).filter(
    (f) => !NPM_OWN.has(f) && env[`npm_config_${f.replace(/-/g, '_')}`] !== undefined && !typedIn(argv, f),
  );
  if (took.length === 0) return;
  const listed = took.map((f) => `--${f}`).join(', ');
  throw new UsageError(
    `${listed}: taken by npm as its own option${took.length > 1 ? 's' : ''}; expected after --, as in npm run ${name} -- ${took.map((f) => `--${f}`)[0]} ...`,
  );
}

/** Whether `--flag` is among the words, alone or as --flag=value. */
export function typedIn(argv: readonly string[], flag: string): boolean {
  // A one-letter flag (-h, the step) is written with one dash too, as --help lists it.
  const forms = flag.length === 1 ? [`--${flag}`, `-${flag}`] : [`--${flag}`];
  return argv.some((w) => forms.some((f) => w === f || w.startsWith(`${f}=`)));
}

/** Reads `c.argv`; `build` gives yargs the flags (and any positional words). */
export async function readFlags<T>(c: CommandLine, build: (y: Argv) => Argv<T>) {
  checkNpmTookFlags(c.name, c.flags, c.argv);
  const single = c.once ?? c.flags;
  givenOnce(c.argv, single);
  switchValues(c.argv, c.flags);
  const { default: yargs } = await import('yargs');
  let y = yargs(negativeWords(c.argv)).scriptName(c.name);
  if (c.usage) y = y.usage(`$0 ${c.usage}`);
  const a = build(
    y
      .epilog(examples(c.examples))
      .strict()
      .help()
      .version(false)
      .wrap(helpWidth())
      .fail((msg, err) => {
        const unknown = unknownLine(msg ?? '', c.argv, Object.keys(c.flags), c.name);
        throw new UsageError(unknown ?? oneLine(msg ?? err?.message ?? 'bad arguments'));
      }),
  ).parseSync();
  return once(a as typeof a & Record<string, unknown>, single);
}

/** A flag given twice: yargs collects both values; say so instead of failing on the array later. */
export function once<A extends Record<string, unknown>>(a: A, flags: object): A {
  for (const flag of Object.keys(flags)) {
    const v = a[flag];
    if (Array.isArray(v))
      throw new UsageError(`--${flag} ${v.map((x) => JSON.stringify(x)).join(' and ')}: expected it once`);
  }
  return a;
}

/**
 * `--lr -Infinity`: yargs takes a dash word for flags (-I -n -f ...) and says
 * --lr has no value; joined as `--lr=-Infinity` it is the value, refused as typed.
 */
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

/** --ignore id,date: the names (or numbers) between commas, each trimmed. */
export function columnList(v: string): string[] {
  const names = v.split(',').map((c) => c.trim());
  if (names.some((c) => c === ''))
    throw new UsageError(
      `--ignore ${JSON.stringify(v)}: expected column names or numbers between commas, like id,date`,
    );
  return names;
}
