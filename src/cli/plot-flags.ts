// The flags of plot: one table for yargs. Which picture is drawn follows from
// the flags given: --curves, --speedup, or a model's pictures (--csv, --svg or
// --png, --digits, --confusion).

import { once, oneLine } from './args.ts';
import { UsageError } from './flags.ts';

export const PLOT_FLAGS = {
  model: { type: 'string', default: 'model.json', describe: 'the model file (as train writes it)', group: 'Model:' },
  data: {
    type: 'string',
    describe: "its data: a built-in name, mnist, an IDX directory or a .csv / .json file; default: the model's own",
    group: 'Model:',
  },
  seed: {
    type: 'string',
    describe: "seed of spiral, mnist's split and plot-classify's points; default: the model's",
    group: 'Model:',
  },
  samples: {
    requiresArg: true,
    coerce: positive('samples'),
    describe: "points in the spiral set; default: the model's (meta.samples), else 1000",
    group: 'Model:',
  },
  points: {
    default: 120,
    requiresArg: true,
    coerce: positive('points'),
    describe: 'plot-classify: random points to classify',
    group: 'Model:',
  },
  csv: {
    type: 'string',
    requiresArg: true,
    describe: 'plot-classify: write x1,x2,class lines here (2-D data)',
    group: 'Model:',
  },
  digits: {
    type: 'string',
    requiresArg: true,
    describe: 'image data: a grid of test digits, misclassified first (.svg/.png)',
    group: 'Model:',
  },
  confusion: {
    type: 'string',
    requiresArg: true,
    describe: 'the confusion matrix as a heat map (.svg/.png)',
    group: 'Model:',
  },
  curves: {
    type: 'string',
    array: true,
    requiresArg: true,
    describe: 'loss curves of these model files, on one chart',
    group: 'Runs:',
  },
  log: { type: 'boolean', default: false, describe: 'curves: a log scale for the loss', group: 'Runs:' },
  speedup: {
    type: 'string',
    requiresArg: true,
    describe: 'speedup and efficiency from a speedup results file (bench-results/*.json)',
    group: 'Runs:',
  },
  scale: {
    default: 2,
    requiresArg: true,
    coerce: positive('scale'),
    describe: 'PNG pixels per SVG pixel',
    group: 'Output:',
  },
  svg: {
    type: 'string',
    requiresArg: true,
    describe: 'write the chart (2-D data: the decision map) as SVG',
    group: 'Output:',
  },
  png: {
    type: 'string',
    requiresArg: true,
    describe: 'write the chart (2-D data: the decision map) as PNG',
    group: 'Output:',
  },
} as const;

/** A whole number > 0 as typed, or one line naming the flag and the value. */
function positive(flag: string): (v: unknown) => number {
  return (v) => {
    const n = typeof v === 'string' && v.trim() === '' ? NaN : Number(v);
    if (!Number.isInteger(n) || n <= 0)
      throw new UsageError(`--${flag} ${JSON.stringify(v)}: expected a whole number > 0`);
    return n;
  };
}

export async function parsePlotArgs(argv = process.argv.slice(2)) {
  const { default: yargs } = await import('yargs');
  const a = yargs(argv)
    .scriptName('plot')
    .usage('$0 [flags]\n\nPictures of a model, of runs and of speedups, as SVG or PNG.')
    .options(PLOT_FLAGS)
    .example('$0 --model model.json --points 120 --csv out.csv', 'classify random points of the square (plot-classify)')
    .example('$0 --model model.json --svg map.svg', 'the decision map of a 2-D model over its data')
    .example('$0 --curves a.json b.json --log --svg loss.svg', 'loss curves of several runs')
    .example('$0 --model digits.json --data mnist --digits digits.png --confusion confusion.png', 'digits')
    .example('$0 --speedup bench-results/speedup-....json --svg speedup.svg', 'speedup and efficiency')
    .strict()
    .help()
    .version(false)
    .wrap(Math.min(110, process.stdout.columns || 100))
    .fail((msg, err) => {
      throw new UsageError(unknownLine(msg ?? '', argv) ?? oneLine(msg ?? err?.message ?? 'bad arguments'));
    })
    .parseSync();
  // --curves takes several files by design; any other flag given twice is a mistake.
  const { curves: _, ...single } = PLOT_FLAGS;
  return once(a, single);
}

/** yargs' "Unknown argument: colour" said like the other errors: the word as typed and what was expected. */
export function unknownLine(msg: string, argv: readonly string[]): string | undefined {
  const m = /^Unknown arguments?: (.+)$/.exec(msg.trim());
  if (!m) return undefined;
  const name = m[1].split(', ')[0];
  const typed = argv.find((w) => w.replace(/^-+/, '').split('=')[0] === name);
  if (typed === undefined || !typed.startsWith('-'))
    return `${JSON.stringify(typed ?? name)}: expected a flag; a value goes right after its flag`;
  const flags = Object.keys(PLOT_FLAGS).map((f) => `--${f}`);
  return `${typed.split('=')[0]}: expected one of ${flags.join(', ')}`;
}

export type PlotArgs = Awaited<ReturnType<typeof parsePlotArgs>>;
