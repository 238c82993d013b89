// How every command ends on a mistake: one line, `<command>: <what>`, naming
// a bad option by its flag; exit code 2 for what the user gave (flags, files),
// 1 for a failure of the run itself.

import { InputError } from '../util/input-error.ts';
import { OptionError, show } from '../util/option-error.ts';
import { flagName } from '../util/option-spec.ts';
import { UsageError } from '../util/usage-error.ts';

/** The error in one line; bad options are named by their flag, a list (--hidden) as it was typed: 8,0. */
export function errorLine(err: unknown): string {
  if (err instanceof OptionError) {
    const typed = Array.isArray(err.value) ? err.value.join(',') : show(err.value);
    return `--${flagName(err.option)} ${typed}: ${err.problem}`;
  }
  return (err as Error).message;
}

/** Runs a command's body; an error it throws becomes the one line and the exit code. */
export async function runCommand(name: string, body: () => Promise<void> | void): Promise<void> {
  try {
    await body();
  } catch (err) {
    console.error(`${name}: ${errorLine(err)}`);
    process.exitCode = err instanceof UsageError || err instanceof OptionError || err instanceof InputError ? 2 : 1;
  }
}
