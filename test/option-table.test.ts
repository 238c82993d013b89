// The option table is the one place an option is described: its defaults must
// pass its own checks, its words for a range must say what the check does,
// and the command line must refuse a bad value in the library's own words.
import { describe, expect, it } from 'vitest';
import { readValue } from '../src/cli/flag-reader.ts';
import { TRAIN_FLAGS } from '../src/cli/train-flags.ts';
import { DEFAULTS, OPTIONS, resolveOptions } from '../src/train/options.ts';
import { OptionError } from '../src/util/option-error.ts';
import { checkValue, expectedOf, flagName, isValid, type OptionSpec } from '../src/util/option-spec.ts';

const spec = (s: Partial<OptionSpec>): OptionSpec => ({ kind: 'number', default: 0, ...s });

/** A number just outside a row's bounds, or undefined for a row without any. */
function outside(s: OptionSpec): number | undefined {
  if (s.gt !== undefined) return s.gt;
  if (s.ge !== undefined) return s.ge - 1;
  if (s.lt !== undefined) return s.lt;
  if (s.le !== undefined) return s.le + 1;
  return undefined;
}

/** The message a thrown function gave, or 'no error'. */
function message(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
}

describe('the option table', () => {
  it('has defaults that pass their own rows', () => {
    for (const [key, row] of Object.entries(OPTIONS))
      expect(isValid(row, DEFAULTS[key as keyof typeof DEFAULTS]), key).toBe(true);
    expect(() => resolveOptions({})).not.toThrow();
  });

  it('words a range as its check reads it', () => {
    expect(expectedOf(spec({ gt: 0 }))).toBe('a number > 0');
    expect(expectedOf(spec({ ge: 0 }))).toBe('a number >= 0');
    expect(expectedOf(spec({ ge: 0, le: 1 }))).toBe('a number from 0 to 1');
    expect(expectedOf(spec({ ge: 0, lt: 1 }))).toBe('a number >= 0 and < 1');
    expect(expectedOf(spec({ kind: 'whole', ge: 2 }))).toBe('a whole number >= 2');
    expect(expectedOf(spec({ kind: 'choice', choices: ['a', 'b'] }))).toBe('one of "a", "b"');
  });

  it('checks a range as it words it: the bound itself in or out, a fraction out of a whole number', () => {
    expect(isValid(spec({ gt: 0 }), 0)).toBe(false);
    expect(isValid(spec({ ge: 0 }), 0)).toBe(true);
    expect(isValid(spec({ ge: 0, lt: 1 }), 1)).toBe(false);
    expect(isValid(spec({ ge: 0, le: 1 }), 1)).toBe(true);
    expect(isValid(spec({ kind: 'whole', ge: 0 }), 1.5)).toBe(false);
    expect(isValid(spec({ gt: 0 }), Infinity)).toBe(false);
    expect(isValid(spec({}), Infinity)).toBe(true); // an unbounded number (a target loss) may be infinite
    expect(isValid(spec({}), NaN)).toBe(false);
    expect(isValid(spec({ auto: true, gt: 0 }), 'auto')).toBe(true);
  });

  it('refuses in train() a value outside every bounded row, naming the option and the value', () => {
    for (const [key, row] of Object.entries(OPTIONS)) {
      const bad = outside(row);
      if (bad === undefined) continue;
      expect(() => resolveOptions({ [key]: bad }), key).toThrow(OptionError);
      expect(
        message(() => resolveOptions({ [key]: bad })),
        key,
      ).toBe(`${key} ${bad}: expected ${expectedOf(row)}`);
    }
  });

  it('refuses on the command line each such value in the same words, naming the flag', () => {
    for (const [key, row] of Object.entries(TRAIN_FLAGS)) {
      const bad = outside(row);
      if (bad === undefined || row.read) continue; // a row that reads its own words (--threads) quotes them as typed
      const library = message(() => checkValue(key, row, bad)).replace(`${key} `, `--${flagName(key)} `);
      expect(
        message(() => readValue(key, row, String(bad))),
        key,
      ).toBe(library);
    }
  });

  it('gives every row with help a flag of train', () => {
    const withHelp = Object.keys(OPTIONS).filter((k) => OPTIONS[k as keyof typeof OPTIONS].help !== undefined);
    expect(Object.keys(TRAIN_FLAGS)).toEqual(expect.arrayContaining(withHelp));
  });

  it('refuses an option it does not have, naming it', () => {
    expect(message(() => resolveOptions({ learningRate: 1 } as never))).toBe('learningRate 1: no such option');
  });
});
