// The flags of plot: one table for yargs. Which picture is drawn follows from
// the flags given: --curves, --speedup, or a model's pictures (--csv, --svg or
// --png, --digits, --confusion).

import { readFlags } from './command-line.ts';
import { UsageError } from './flags.ts';

/** Past this a PNG of a few charts' size runs to gigabytes of pixels (1000 filled 24 GB, then was killed). */
export const MAX_SCALE = 10;

export const PLOT_FLAGS = {
  model: {
    type: 'string',
    default: 'model.json',
    requiresArg: true,
    describe: 'the model file (as train writes it)',
    group: 'Model:',
  },
  data: {
    type: 'string',
    requiresArg: true,
    describe: "its data: a built-in name, mnist, an IDX directory or a .csv / .json file; default: the model's own",
    group: 'Model:',
  },
  seed: {
    type: 'string',
    requiresArg: true,
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
    describe: 'speedup and efficiency from a results file of npm run speedup (in bench-results)',
    group: 'Runs:',
  },
  scale: {
    default: 2,
    requiresArg: true,
    coerce: scaleOf,
    describe: `PNG pixels per SVG pixel, at most ${MAX_SCALE}`,
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

function scaleOf(v: unknown): number {
  const n = positive('scale')(v);
  if (n > MAX_SCALE) throw new UsageError(`--scale ${n}: expected a whole number from 1 to ${MAX_SCALE}`);
  return n;
}

/** A whole number > 0 as typed, or one line naming the flag and the value. */
function positive(flag: string): (v: unknown) => number {
  return (v) => {
    const n = typeof v === 'string' && v.trim() === '' ? NaN : Number(v);
    if (!Number.isInteger(n) || n <= 0)
      throw new UsageError(`--${flag} ${JSON.stringify(v)}: expected a whole number > 0`);
    return n;
  };
}

/** What --help shows as examples: a command and what it does. */
const EXAMPLES = [
  ['plot --model model.json --points 120 --csv out.csv', 'classify random points of the square (plot-classify)'],
  ['plot --model model.json --svg map.svg', 'the decision map of a 2-D model over its data'],
  ['plot --curves a.json b.json --log --svg loss.svg', 'loss curves of several runs'],
  ['plot --model digits.json --data mnist --digits digits.png --confusion confusion.png', 'digits'],
  ['plot --speedup bench-results/speedup-....json --svg speedup.svg', 'speedup and efficiency'],
] as const;

export async function parsePlotArgs(argv = process.argv.slice(2)) {
  // --curves takes several files by design; any other flag given twice is a mistake.
  const { curves: _, ...single } = PLOT_FLAGS;
  const usage = '[flags]\n\nPictures of a model, of runs and of speedups, as SVG or PNG.';
  return readFlags({ name: 'plot', usage, flags: PLOT_FLAGS, once: single, examples: EXAMPLES, argv }, (y) =>
    y.options(PLOT_FLAGS),
  );
}

export type PlotArgs = Awaited<ReturnType<typeof parsePlotArgs>>;
