// The flags of compare: the data (a CSV's label, ignored columns, missing
// cells, test part), net and stopping flags exactly as train takes them (the same table entries, so a bad value reads the same), the
// methods to race, and where the chart goes.

import { METHODS } from '../train/options.ts';
import { readFlags } from './command-line.ts';
import { FLAGS } from './flags.ts';

export const COMPARE_FLAGS = {
  data: FLAGS.data,
  samples: FLAGS.samples,
  label: FLAGS.label,
  ignore: FLAGS.ignore,
  missing: FLAGS.missing,
  'test-split': FLAGS['test-split'],
  hidden: FLAGS.hidden,
  seed: { ...FLAGS.seed, describe: 'one seed for every method: the same data and the same first weights' },
  seeds: {
    type: 'string',
    requiresArg: true,
    describe: 'race from each of these seeds (1-10, or 1,4,9) and give medians and quartiles; overrides --seed',
  },
  methods: {
    type: 'string',
    default: METHODS.join(','),
    requiresArg: true,
    describe: 'comma-separated methods to race',
  },
  'target-loss': FLAGS['target-loss'],
  'target-accuracy': FLAGS['target-accuracy'],
  'max-iters': { ...FLAGS['max-iters'], describe: 'each method at most this many iterations' },
  // A race needs a finish line for the slow: random updates may never reach the target.
  'max-seconds': { ...FLAGS['max-seconds'], default: 10, describe: 'each method at most (0: no limit)' },
  threads: { ...FLAGS.threads, describe: 'threads for the numerical methods: auto, 0 (main thread) or N' },
  svg: { type: 'string', requiresArg: true, describe: 'write the loss curves of all methods as SVG' },
  png: { type: 'string', requiresArg: true, describe: 'write the loss curves of all methods as PNG' },
  log: { type: 'boolean', default: false, describe: 'the chart with a log scale for the loss' },
  json: { type: 'boolean', default: false, describe: 'the table as one JSON object' },
} as const;

/** What --help shows as examples: a command and what it does. */
const EXAMPLES = [
  ['compare', 'the built-in set: numerical gradient, random updates, ES, SPSA and backprop to its target loss'],
  [
    'compare --data mine.csv --ignore id --missing drop --test-split 0.2',
    'your own file, prepared as train prepares it',
  ],
  ['compare --data spiral --hidden 16 --max-seconds 20 --png race.png', 'a harder set, with the loss curves'],
  ['compare --seeds 1-10 --png race.png', 'every method from ten starts: medians, quartiles and a band per method'],
] as const;

export async function parseCompareArgs(argv = process.argv.slice(2)) {
  const usage =
    '[flags]\n\nTrain the same net from the same start with each method, side by side, and race them to a target.';
  return readFlags({ name: 'compare', usage, flags: COMPARE_FLAGS, examples: EXAMPLES, argv }, (y) =>
    y.options(COMPARE_FLAGS),
  );
}

export type CompareArgs = Awaited<ReturnType<typeof parseCompareArgs>>;
