// Reading the user's files, with an error that names the option and the path.

import { readFileSync } from 'node:fs';
import { OptionError } from './option-error.ts';

export function readText(path: string, option: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new OptionError(option, path, `cannot read the file (${(err as NodeJS.ErrnoException).code ?? err})`);
  }
}

export function parseJson(text: string, name: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`${name}: not valid JSON (${(err as Error).message})`);
  }
}
