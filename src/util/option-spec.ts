// One option described once: its kind, range, choices, default, help and
// flag. The library checks a value against it and the command line reads a
// typed word by it, so both say the same of a bad value, in the same words.

import { OptionError, show } from './option-error.ts';

/** number: any decimal; whole: an integer; text, list (comma-separated words), switch (true/false), choice. */
export type OptionKind = 'number' | 'whole' | 'text' | 'list' | 'switch' | 'choice';

export interface OptionSpec<T = unknown> {
  kind: OptionKind;
  default: T;
  /** The --help line; none: the option has no flag (a library-only value such as a Dataset). */
  help?: string;
  /** The --help section: Data:, Network:, ... */
  group?: string;
  choices?: readonly string[];
  /** 'auto' is a value too: decided from the data or at run time. */
  auto?: boolean;
  /** Bounds of a number: > gt, >= ge, < lt, <= le. */
  gt?: number;
  ge?: number;
  lt?: number;
  le?: number;
  /** For values the kind and bounds cannot say: the test, and what it expects in words. */
  valid?: (v: unknown) => boolean;
  expected?: string;
  /** The data it applies to (a flag typed for other data is refused), and that data in words. */
  data?: { applies: (data: string) => boolean; words: string };
  /** How a typed word becomes the value, where a number or the word itself will not do; throws Expected. */
  read?: (word: string) => T;
}

/** What a typed word should have been, and the word as the message shows it: numbers bare, words quoted. */
export class Expected extends Error {
  readonly shown: string;

  constructor(what: string, word: string, quote = !isNumberWord(word)) {
    super(what);
    this.shown = quote ? JSON.stringify(word) : word;
  }
}

/** A word that reads as a number: shown bare in a message, as typed. */
export function isNumberWord(word: string): boolean {
  return word.trim() !== '' && !Number.isNaN(Number(word));
}

/** What a value of `spec` is, in words: "a number > 0", "a whole number >= 1", "one of ...". */
export function expectedOf(spec: OptionSpec): string {
  if (spec.expected) return spec.expected;
  if (spec.kind === 'choice') return `one of ${(spec.choices ?? []).map(show).join(', ')}`;
  if (spec.kind === 'switch') return 'true or false';
  const what = spec.kind === 'whole' ? 'a whole number' : 'a number';
  const { gt, ge, lt, le } = spec;
  if (ge !== undefined && le !== undefined) return `${what} from ${ge} to ${le}`;
  if (ge !== undefined && lt !== undefined) return `${what} >= ${ge} and < ${lt}`;
  if (gt !== undefined) return `${what} > ${gt}`;
  if (ge !== undefined) return `${what} >= ${ge}`;
  return what;
}

/** Whether `v` is a value of `spec` (a bounded number must be finite; an unbounded one only not NaN). */
export function isValid(spec: OptionSpec, v: unknown): boolean {
  if (spec.auto && v === 'auto') return true;
  if (v === undefined && spec.default === undefined) return true; // an optional value, left out
  if (spec.valid && !spec.valid(v)) return false;
  switch (spec.kind) {
    case 'choice':
      return (spec.choices ?? []).includes(v as string);
    case 'switch':
      return typeof v === 'boolean';
    case 'number':
    case 'whole':
      return typeof v === 'number' && inRange(spec, v);
    default:
      return true;
  }
}

function inRange(spec: OptionSpec, v: number): boolean {
  const { gt, ge, lt, le } = spec;
  if (spec.kind === 'whole' && !Number.isInteger(v)) return false;
  if ([gt, ge, lt, le].every((b) => b === undefined)) return !Number.isNaN(v);
  return (
    Number.isFinite(v) &&
    (gt === undefined || v > gt) &&
    (ge === undefined || v >= ge) &&
    (lt === undefined || v < lt) &&
    (le === undefined || v <= le)
  );
}

/** Throws an OptionError naming `key` and the value unless `v` is a value of `spec`. */
export function checkValue(key: string, spec: OptionSpec, v: unknown): void {
  if (!isValid(spec, v)) throw new OptionError(key, v, `expected ${expectedOf(spec)}`);
}

/** A text row without a default: a path or a name a command may be given. */
export const textRow = (help: string, group?: string): OptionSpec<string | undefined> => ({
  kind: 'text',
  default: undefined,
  group,
  help,
});

/** A switch row, off unless typed. */
export const switchRow = (help: string, group?: string): OptionSpec<boolean> => ({
  kind: 'switch',
  default: false,
  group,
  help,
});

/** An option's name as its flag: maxIters -> max-iters. */
export function flagName(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** The defaults of a table of options, by key. */
export function defaultsOf<T extends Record<string, OptionSpec>>(table: T): { [K in keyof T]: T[K]['default'] } {
  return Object.fromEntries(Object.entries(table).map(([k, s]) => [k, s.default])) as {
    [K in keyof T]: T[K]['default'];
  };
}
