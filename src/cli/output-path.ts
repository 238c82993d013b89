// Output paths are checked before any work, so that a typo costs a second,
// not a training run.

import { closeSync, openSync, rmSync, statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { show } from '../util/option-error.ts';
import { UsageError } from '../util/usage-error.ts';

/** A chart's file types: the renderer goes by the extension. */
export const CHART_TYPES = ['.svg', '.png'];

/**
 * Refuses a path whose folder is missing or read-only, and one not ending in one of `types`
 * where they are given (--png takes ['.png'], so its file's name says what it holds).
 */
export function checkOutput(flag: string, path: string, types: readonly string[] = []): void {
  const ext = extname(path).toLowerCase();
  if (types.length > 0 && !types.includes(ext))
    throw new UsageError(`--${flag} ${show(path)}: expected a file name ending in ${types.join(' or ')}`);
  const found = statOf(path);
  if (found?.isDirectory()) throw new UsageError(`--${flag} ${show(path)}: is a folder, expected a file path`);
  // Tried, not only asked: permission bits say little to root, or on /proc or a read-only mount.
  // The folder always (a model goes through a temporary file there), and a file already there.
  try {
    const probe = `${resolve(path)}.${process.pid}.probe`;
    closeSync(openSync(probe, 'wx'));
    rmSync(probe);
  } catch {
    throw new UsageError(`--${flag} ${show(path)}: expected a path in a folder that exists and can be written`);
  }
  try {
    if (found) closeSync(openSync(path, 'r+')); // opened for writing, not truncated: the file stays as it is
  } catch {
    throw new UsageError(`--${flag} ${show(path)}: exists and cannot be written, expected a writable file`);
  }
}

/** What a path is, or undefined where nothing is there (or a file stands where a folder should). */
function statOf(path: string) {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/** Whether two paths name one file: the same path, or a link to it (symbolic or hard). */
export function sameFile(a: string, b: string): boolean {
  if (resolve(a) === resolve(b)) return true;
  const [x, y] = [statSync(a, { throwIfNoEntry: false }), statSync(b, { throwIfNoEntry: false })];
  return x !== undefined && y !== undefined && x.dev === y.dev && x.ino === y.ino;
}
