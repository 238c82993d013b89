// The flags of predict, as option rows (cli/flag-reader.ts reads them; --ignore
// and --missing are train's own rows). The features of one sample come as
// plain arguments (`predict --model m.json 3 7`), kept as typed so that a bad
// one is quoted as typed.

import { OPTIONS } from '../train/options.ts';
import { type OptionSpec, switchRow, textRow } from '../util/option-spec.ts';
import { type FlagRows, readFlags, type ValuesOf } from './flag-reader.ts';

const count = (help: string): OptionSpec<number | undefined> => ({ kind: 'whole', default: undefined, ge: 0, help });

export const PREDICT_FLAGS = {
  model: {
    kind: 'text',
    default: 'model.json',
    help: 'the model file to use (as train writes it)',
  } as OptionSpec<string>,
  data: textRow(
    'predict a data set instead: seed2class, spiral, mnist (its held-out test digits), an IDX directory (its t10k set) or a .csv / .json file',
  ),
  seed: textRow("seed of spiral and of mnist's held-out split; default: the model's own (meta.seed)"),
  samples: count("points in the spiral set; default: the model's (meta.samples), else 1000"),
  digit: count('digits: one digit against the rest, for a model trained with --digit'),
  label: textRow(
    "CSV: the label column, by name or number from 1; default: the model's label column, if the file has it",
  ),
  ignore: {
    ...OPTIONS.ignore,
    default: undefined,
    group: undefined,
    data: undefined,
    help: 'CSV: columns to leave out, by name or number from 1',
  } as OptionSpec<string[] | undefined>,
  missing: {
    ...OPTIONS.missing,
    default: undefined,
    group: undefined,
    data: undefined,
    help: "CSV: a row with an empty or NA feature is not predicted: refuse counts it a failure (exit 1), drop does not; default: the model's (meta.missing), else refuse",
  } as OptionSpec<'refuse' | 'drop' | undefined>,
  out: textRow(
    'CSV: write the rows with the prediction appended (class and probabilities, or the value), same dialect',
  ),
  json: switchRow('one JSON object instead of lines of text'),
} satisfies FlagRows;

/** What --help shows as examples: a command and what it does. */
const EXAMPLES = [
  ['predict --model model.json 3 7', 'the class of the point (3, 7)'],
  ['predict --model model.json --data points.csv', 'every row of a CSV, with the accuracy where it has labels'],
  ['predict --model penguins.json Torgersen 39.1 18.7 181 3750 male', 'a row with words for its category columns'],
  ['predict --model model.json --data new.csv --out predicted.csv', 'exit 1 if a row could not be predicted (named)'],
] as const;

export async function parsePredictArgs(argv = process.argv.slice(2)) {
  const what = 'Use a trained model: outputs and classes of one sample or of a data set.';
  const parser = { 'parse-positional-numbers': false };
  const { values, parsed } = await readFlags(
    { name: 'predict', rows: PREDICT_FLAGS, examples: EXAMPLES, argv, parser },
    (y) =>
      y.command('$0 [features..]', what, (c) =>
        c.positional('features', { type: 'string', array: true, describe: "one sample's features, without the bias" }),
      ),
  );
  // After `--`, arguments land in `_`: negative features may be written either way.
  const features = [...((parsed.features as string[] | undefined) ?? []), ...parsed._.map(String)];
  return { ...(values as ValuesOf<typeof PREDICT_FLAGS>), features };
}

export type PredictArgs = Awaited<ReturnType<typeof parsePredictArgs>>;
