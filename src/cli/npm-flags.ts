// Flags npm takes for its own when typed before `--`, and whether a flag was
// typed at all: what the command line says before yargs reads it.

import { flagName } from '../util/option-spec.ts';
import { UsageError } from '../util/usage-error.ts';

/** Flags of ours that are npm options as well: set in an .npmrc they would look taken. */
const NPM_OWN = new Set(['json', 'diff']);

/**
 * `npm run train --max-iters 5`, without the `--`: npm takes --max-iters for an option of its own
 * (npm_config_max_iters=true) and passes on only "5". Found in the environment npm sets, so that
 * the user hears what happened rather than about a stray "5" or, for a switch, nothing at all.
 */
export function checkNpmTookFlags(name: string, rows: object, argv: string[], env = process.env): void {
  // Only under `npm run <name>` itself, for flags that are not npm's own too, and were not passed on after all.
  if (env.npm_lifecycle_event !== name) return;
  const took = Object.keys(rows)
    .map(flagName)
    .filter((f) => !NPM_OWN.has(f) && env[`npm_config_${f.replace(/-/g, '_')}`] !== undefined && !typedIn(argv, f));
  if (took.length === 0) return;
  const listed = took.map((f) => `--${f}`);
  throw new UsageError(
    `${listed.join(', ')}: taken by npm as its own option${took.length > 1 ? 's' : ''}; expected after --, as in npm run ${name} -- ${listed[0]} ...`,
  );
}

/** Whether `--flag` is among the words, alone or as --flag=value. */
export function typedIn(argv: readonly string[], flag: string): boolean {
  // A one-letter flag (-h, the step) is written with one dash too, as --help lists it.
  const forms = flag.length === 1 ? [`--${flag}`, `-${flag}`] : [`--${flag}`];
  return argv.some((w) => forms.some((f) => w === f || w.startsWith(`${f}=`)));
}
