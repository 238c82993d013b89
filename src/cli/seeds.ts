// --seeds: a race from many starts, "1-10" or "1,4,9", so that what a table
// says of a method rests on more than one run of it.

import { show } from '../util/option-error.ts';
import { UsageError } from './flags.ts';

/** The most seeds one race takes: each is a whole race of every method. */
export const MAX_SEEDS = 1000;

export function seedsOf(text: string): string[] {
  const range = /^(\d+)-(\d+)$/.exec(text);
  const seeds = range
    ? Array.from({ length: Math.max(0, Number(range[2]) - Number(range[1]) + 1) }, (_, i) =>
        String(Number(range[1]) + i),
      )
    : text.split(',').map((s) => s.trim());
  const bad = range ? seeds.length === 0 : seeds.some((s) => s === '');
  if (bad || seeds.length > MAX_SEEDS)
    throw new UsageError(
      `--seeds ${show(text)}: expected a range like 1-10 or a list like 1,4,9 (at most ${MAX_SEEDS})`,
    );
  if (new Set(seeds).size < seeds.length)
    throw new UsageError(`--seeds ${show(text)}: a seed is given twice, expected each once`);
  return seeds;
}
