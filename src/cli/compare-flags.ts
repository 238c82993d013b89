// The flags of compare: the data, net and stopping flags exactly as train
// takes them (the same table entries, so a bad value reads the same), the
// methods to race, and where the chart goes.

import { METHODS } from '../train/options.ts';
import { negativeWords, once, oneLine } from './args.ts';
import { FLAGS, UsageError } from './flags.ts';
import { examples, helpWidth } from './help.ts';
import { givenOnce } from './repeated.ts';
import { switchValues } from './switches.ts';
import { unknownLine } from './unknown.ts';

export const COMPARE_FLAGS = {
  data: FLAGS.data,
  hidden: FLAGS.hidden,
  seed: { ...FLAGS.seed, describe: 'one seed for every method: the same data and the same first weights' },
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
  ['compare', 'the built-in set: random updates, numerical gradient and backprop to its target loss'],
  ['compare --data spiral --hidden 16 --max-seconds 20 --png race.png', 'a harder set, with the loss curves'],
] as const;

export async function parseCompareArgs(argv = process.argv.slice(2)) {
  // Read as train reads its flags (args.ts): a flag twice, a switch given a word, --no- of a
  // flag with a value and a negative -Infinity are found in the command line before yargs.
  givenOnce(argv, COMPARE_FLAGS);
  switchValues(argv, COMPARE_FLAGS);
  const { default: yargs } = await import('yargs');
  return once(
    yargs(negativeWords(argv))
      .scriptName('compare')
      .usage(
        '$0 [flags]\n\nTrain the same net from the same start with each method, side by side, and race them to a target.',
      )
      .options(COMPARE_FLAGS)
      .epilog(examples(EXAMPLES))
      .strict()
      .help()
      .version(false)
      .wrap(helpWidth())
      .fail((msg, err) => {
        const unknown = unknownLine(msg ?? '', argv, Object.keys(COMPARE_FLAGS), 'compare');
        throw new UsageError(unknown ?? oneLine(msg ?? err?.message ?? 'bad arguments'));
      })
      .parseSync(),
    COMPARE_FLAGS,
  );
}

export type CompareArgs = Awaited<ReturnType<typeof parseCompareArgs>>;
