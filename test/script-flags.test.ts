// The reader of the benchmark scripts' flags (scripts/script-args.ts): the
// values typed, the defaults, and each mistake in one line.
import { describe, expect, it } from 'vitest';
import { ArgError, type Flag, listOf, oneOf, readArgs, whole } from '../scripts/script-args.ts';

describe('the reader itself', () => {
  const FLAGS = {
    repeats: { describe: '', default: 5, read: whole(1) },
    threads: { describe: '', default: [0, 2], read: listOf(whole(0)) },
    grad: { describe: '', default: 'incremental', read: oneOf(['incremental', 'naive']) },
    profile: { describe: '', default: false },
  } satisfies Record<string, Flag>;
  const read = (argv: string[]) => readArgs(argv, 'bench', FLAGS);
  const mistake = (argv: string[]) => {
    try {
      read(argv);
    } catch (e) {
      if (e instanceof ArgError) return e.message;
      throw e;
    }
    return 'no mistake';
  };

  it('gives the defaults when nothing is typed', () =>
    expect(read([])).toEqual({ repeats: 5, threads: [0, 2], grad: 'incremental', profile: false }));

  it('takes a value after the flag or after an equals sign alike', () => {
    expect(read(['--repeats', '7']).repeats).toBe(7);
    expect(read(['--repeats=7']).repeats).toBe(7);
  });

  it('reads a list, skipping empty items and spaces', () =>
    expect(read(['--threads', '0, 4,']).threads).toEqual([0, 4]));

  it('refuses an empty list', () => expect(mistake(['--threads='])).toBe('--threads "": expected a whole number >= 0'));

  it('reads a switch alone, or given true or false', () => {
    expect(read(['--profile']).profile).toBe(true);
    expect(read(['--profile=false']).profile).toBe(false);
  });

  it('takes a negative number for a value, and refuses it as a value', () =>
    expect(mistake(['--repeats', '-2'])).toBe('--repeats "-2": expected a whole number >= 1'));

  it('refuses a count typed as an exponent or a decimal', () => {
    expect(mistake(['--repeats', '1e3'])).toBe('--repeats "1e3": expected a whole number >= 1');
    expect(mistake(['--repeats', '5.0'])).toBe('--repeats "5.0": expected a whole number >= 1');
  });

  it('quotes both values of a flag given twice unless both are numbers', () =>
    expect(mistake(['--threads', '0,2', '--threads', '4'])).toBe('--threads "0,2" and "4": expected it once'));

  it('says a flag is missing its value when the next word is a flag', () =>
    expect(mistake(['--repeats', '--profile'])).toBe('--repeats: expected a value after it'));

  it('refuses a flag typed with one dash', () =>
    expect(mistake(['-repeats', '5'])).toBe('-repeats: expected a flag of bench, such as --repeats (see --help)'));

  it('refuses the first mistake of several', () =>
    expect(mistake(['--grad', 'fast', '--repeats', 'x'])).toBe('--grad "fast": expected incremental or naive'));
});
