// Reading the user's files, with an error that names the option and the path.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { OptionError } from './option-error.ts';

export function readText(path: string, option: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new OptionError(option, path, unreadable(path, err));
  }
}

/**
 * "cannot read the file (ENOENT; tried /where/it/looked)": the error's code, and
 * the absolute path tried where the path given was relative, since a relative
 * path is read from the folder the command runs in, which may not be the one
 * the user thinks of.
 */
export function unreadable(path: string, err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code ?? String(err);
  const tried = resolve(path);
  return `cannot read the file (${code}${tried === path ? '' : `; tried ${tried}`})`;
}

export function parseJson(text: string, name: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`${name}: not valid JSON (${(err as Error).message})`);
  }
}
