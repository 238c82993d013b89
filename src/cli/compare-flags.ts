// The flags of compare: the data and net as train takes them, the methods to
// race, their common budget and where the chart goes.

import { METHODS } from '../train/options.ts';
import { UsageError } from './flags.ts';

export const COMPARE_FLAGS = {
  data: {
    type: 'string',
    default: 'seed2class',
    describe: 'as train: a built-in name, mnist, an IDX directory or a file',
  },
  hidden: {
    type: 'string',
    requiresArg: true,
    describe: 'hidden layer sizes (default: as train chooses for the data)',
  },
  seed: {
    type: 'string',
    default: '1',
    requiresArg: true,
    describe: 'one seed for every method: same data, same start',
  },
  methods: {
    type: 'string',
    default: METHODS.join(','),
    requiresArg: true,
    describe: 'comma-separated methods to race',
  },
  'max-iters': { default: 1_000_000, requiresArg: true, coerce: number('max-iters'), describe: 'each method at most' },
  'max-seconds': {
    default: 10,
    requiresArg: true,
    coerce: number('max-seconds'),
    describe: 'each method at most (0: no limit)',
  },
  'target-loss': {
    requiresArg: true,
    coerce: number('target-loss'),
    describe: "the target (default: train's for the data)",
  },
  'target-accuracy': {
    requiresArg: true,
    coerce: number('target-accuracy'),
    describe: "the target accuracy (default: train's)",
  },
  threads: { type: 'string', default: 'auto', requiresArg: true, describe: 'threads for the numerical methods' },
  svg: { type: 'string', requiresArg: true, describe: 'write the loss curves of all methods as SVG' },
  png: { type: 'string', requiresArg: true, describe: 'write the loss curves of all methods as PNG' },
  log: { type: 'boolean', default: false, describe: 'the chart with a log scale for the loss' },
  json: { type: 'boolean', default: false, describe: 'the table as one JSON object' },
} as const;

function number(flag: string): (v: unknown) => number {
  return (v) => {
    const n = typeof v === 'string' && v.trim() === '' ? NaN : Number(v);
    if (!Number.isFinite(n) || n < 0) throw new UsageError(`--${flag} ${JSON.stringify(v)}: expected a number >= 0`);
    return n;
  };
}

export async function parseCompareArgs(argv = process.argv.slice(2)) {
  const { default: yargs } = await import('yargs');
  return yargs(argv)
    .scriptName('compare')
    .usage(
      '$0 [flags]\n\nTrain the same net from the same start with each method, side by side, and race them to a target.',
    )
    .options(COMPARE_FLAGS)
    .example('$0', 'the built-in set: random updates, numerical gradient and backprop to its target loss')
    .example('$0 --data spiral --hidden 16 --max-seconds 20 --png race.png', 'a harder set, with the loss curves')
    .strict()
    .help()
    .version(false)
    .wrap(Math.min(110, process.stdout.columns || 100))
    .fail((msg, err) => {
      throw new UsageError((msg ?? err?.message ?? 'bad arguments').replace(/\s*\n\s*/g, ' '));
    })
    .parseSync();
}

export type CompareArgs = Awaited<ReturnType<typeof parseCompareArgs>>;
