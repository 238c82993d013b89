// yargs' "Unknown argument: speed" said like train's other errors: the word
// as typed and what was expected, with the flag that was probably meant
// (--max-iter: --max-iters) where one is a few letters away. Every command
// says the same of its own flags.

import { nearest } from '../util/nearest.ts';

/** The one line for an unknown flag or a stray word, or undefined when `msg` is about something else. */
export function unknownLine(
  msg: string,
  argv: readonly string[],
  flags: readonly string[],
  command = 'train',
): string | undefined {
  const m = /^Unknown arguments?: (.+)$/.exec(msg.trim());
  if (!m) return undefined;
  const name = m[1].split(', ')[0];
  const typed = argv.find((w) => w.replace(/^-+/, '').split('=')[0] === name);
  if (typed === undefined || !typed.startsWith('-'))
    return `${JSON.stringify(typed ?? name)}: expected a flag; a value goes right after its flag`;
  const word = typed.split('=')[0];
  const near = nearest(word.replace(/^-+/, ''), flags);
  return `${word}: expected a flag of ${command}${near ? `, such as --${near}` : ''} (see --help)`;
}
