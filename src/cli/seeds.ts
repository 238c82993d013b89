// --seeds: a race from many starts, "1-10" or "1,4,9", so that what a table
// says of a method rests on more than one run of it. Whole numbers only:
// "1..3" or "1-" typed for a range must not race one seed of that name.

import { show } from '../util/option-error.ts';
import { UsageError } from '../util/usage-error.ts';

/** The most seeds one race takes: each is a whole race of every method. */
export const MAX_SEEDS = 1000;

export function seedsOf(text: string): string[] {
  const refuse = () =>
    new UsageError(`--seeds ${show(text)}: expected a range like 1-10 or a list like 1,4,9 (at most ${MAX_SEEDS})`);
  const range = /^(\d+)-(\d+)$/.exec(text);
  const whole = (s: string) => /^\d+$/.test(s);
  const words = range ? [] : text.split(',').map((s) => s.trim());
  if (range ? Number(range[2]) < Number(range[1]) : !words.every(whole)) throw refuse();
  const count = range ? Number(range[2]) - Number(range[1]) + 1 : words.length;
  if (count > MAX_SEEDS) throw refuse();
  const seeds = range
    ? Array.from({ length: count }, (_, i) => String(Number(range[1]) + i))
    : words.map((s) => String(Number(s))); // 01 is seed 1
  if (new Set(seeds).size < seeds.length)
    throw new UsageError(`--seeds ${show(text)}: a seed is given twice, expected each once`);
  return seeds;
}

/** The seeds in words: "1–10" for a run of consecutive ones, else the list. */
export function seedsInWords(seeds: readonly string[]): string {
  const consecutive = seeds.every((s, i) => i === 0 || Number(s) === Number(seeds[i - 1]) + 1);
  return consecutive && seeds.length > 2 ? `${seeds[0]}–${seeds.at(-1)}` : seeds.join(', ');
}
