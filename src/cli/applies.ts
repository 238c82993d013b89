// Flags typed for a run they do not apply to: --samples on the built-in set,
// --delta with numerical gradients, --lr with random updates. Each was
// ignored without a word, so the user believed it had an effect; now each
// is refused, as --digit on points already was (data/sources.ts).

import { isTableFile } from '../data/load.ts';
import type { TrainOptions } from '../train/options.ts';
import { UsageError } from './flags.ts';

const RANDOM = ['random'];
const POPULATION = ['random', 'es'];
const ES = ['es'];
const PERTURBED = ['random', 'spsa'];
const GRADIENT = ['gradient'];
const STEPPED = ['gradient', 'es', 'spsa', 'backprop'];

/** Flag -> the methods it applies to, in words for the message. */
const BY_METHOD: Record<string, [readonly string[], string]> = {
  delta: [PERTURBED, '--method random or spsa'],
  candidates: [POPULATION, '--method random or es'],
  elitist: [RANDOM, '--method random'],
  sigma: [ES, '--method es'],
  rank: [ES, '--method es'],
  optimizer: [ES, '--method es'],
  'weight-decay': [ES, '--method es'],
  lr: [STEPPED, '--method gradient, es, spsa or backprop'],
  h: [GRADIENT, '--method gradient'],
  diff: [GRADIENT, '--method gradient'],
  grad: [GRADIENT, '--method gradient'],
  'grad-check': [GRADIENT, '--method gradient'],
};

/** Throws for the first flag typed (`typed`) that the run `o` cannot use. */
export function checkApplies(o: TrainOptions, typed: (flag: string) => boolean): void {
  const method = o.method ?? 'gradient';
  for (const [flag, [methods, where]] of Object.entries(BY_METHOD))
    if (typed(flag) && !methods.includes(method))
      throw new UsageError(`--${flag}: applies to ${where} only, expected without it for --method ${method}`);
  checkDataFlags(o, typed);
}

/** The data flags alone (compare races several methods, so only these apply to all). */
export function checkDataFlags(o: TrainOptions, typed: (flag: string) => boolean): void {
  for (const flag of ['label', 'ignore', 'missing'])
    if (typed(flag) && !isTableFile(String(o.data)))
      throw new UsageError(`--${flag}: applies to a CSV file, expected without it for --data ${String(o.data)}`);
  if (typed('samples') && o.data !== 'spiral')
    throw new UsageError(`--samples: applies to --data spiral only, expected without it for --data ${String(o.data)}`);
}
