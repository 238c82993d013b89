// The flags of plot, as option rows (cli/flag-reader.ts reads them), with
// --curves beside them, which takes several files. Which picture is drawn follows from
// the flags given: --curves, --speedup, or a model's pictures (--csv, --svg or
// --png, --digits, --confusion).

import { type OptionSpec, switchRow, textRow } from '../util/option-spec.ts';
import { type FlagRows, readFlags, type ValuesOf } from './flag-reader.ts';

/** Past this a PNG of a few charts' size runs to gigabytes of pixels. */
export const MAX_SCALE = 10;

const [MODEL, RUNS, OUTPUT] = ['Model:', 'Runs:', 'Output:'];
const positive = <T extends number | undefined>(d: T, group: string, help: string): OptionSpec<T> => ({
  kind: 'whole',
  default: d,
  gt: 0,
  group,
  help,
});

export const PLOT_FLAGS = {
  model: { ...textRow('the model file (as train writes it)', MODEL), default: 'model.json' } as OptionSpec<string>,
  data: textRow(
    "its data: a built-in name, mnist, an IDX directory or a .csv / .json file; default: the model's own",
    MODEL,
  ),
  seed: textRow("seed of spiral, mnist's split and plot-classify's points; default: the model's", MODEL),
  samples: positive(undefined, MODEL, "points in the spiral set; default: the model's (meta.samples), else 1000"),
  points: positive(120, MODEL, 'plot-classify: random points to classify'),
  csv: textRow('plot-classify: write x1,x2,class lines here (2-D data)', MODEL),
  digits: textRow('image data: a grid of test digits, misclassified first (.svg/.png)', MODEL),
  confusion: textRow('the confusion matrix as a heat map (.svg/.png)', MODEL),
  log: switchRow('curves: a log scale for the loss', RUNS),
  speedup: textRow('speedup and efficiency from a results file of npm run speedup (in bench-results)', RUNS),
  scale: {
    kind: 'whole',
    default: 2,
    ge: 1,
    le: MAX_SCALE,
    group: OUTPUT,
    help: `PNG pixels per SVG pixel, at most ${MAX_SCALE}`,
  } as OptionSpec<number>,
  svg: textRow('write the chart (2-D data: the decision map) as SVG', OUTPUT),
  png: textRow('write the chart (2-D data: the decision map) as PNG', OUTPUT),
} satisfies FlagRows;

/** What --help shows as examples: a command and what it does. */
const EXAMPLES = [
  ['plot --model model.json --points 120 --csv out.csv', 'classify random points of the square (plot-classify)'],
  ['plot --model model.json --svg map.svg', 'the decision map of a 2-D model over its data'],
  ['plot --curves a.json b.json --log --svg loss.svg', 'loss curves of several runs'],
  ['plot --model digits.json --data mnist --digits digits.png --confusion confusion.png', 'digits'],
  ['plot --speedup bench-results/speedup-....json --svg speedup.svg', 'speedup and efficiency'],
] as const;

export async function parsePlotArgs(argv = process.argv.slice(2)) {
  const usage = '[flags]\n\nPictures of a model, of runs and of speedups, as SVG or PNG.';
  // --curves takes several files by design, so it is no row: any flag of a row given twice is a mistake.
  const curves = { type: 'string', array: true, requiresArg: true, group: RUNS } as const;
  const { values, parsed } = await readFlags(
    { name: 'plot', usage, rows: PLOT_FLAGS, extra: ['curves'], examples: EXAMPLES, argv },
    (y) => y.option('curves', { ...curves, describe: 'loss curves of these model files, on one chart' }),
  );
  return { ...(values as ValuesOf<typeof PLOT_FLAGS>), curves: parsed.curves as string[] | undefined };
}

export type PlotArgs = Awaited<ReturnType<typeof parsePlotArgs>>;
