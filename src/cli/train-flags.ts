// The flags of train: every option row of train() that has a flag
// (train/option-table.ts), and the command's own rows: where the model goes,
// what is printed. yargs loads only when there are flags to parse: a plain
// `npm run train` takes the rows' defaults without it.

import type { TrainSettings } from '../train/options.ts';
import { OPTIONS } from '../train/options.ts';
import { type OptionSpec, switchRow, textRow } from '../util/option-spec.ts';
import { defaultValues, type FlagRows, readFlags } from './flag-reader.ts';
import { checkNpmTookFlags } from './npm-flags.ts';

const OUTPUT = 'Output:';

/** The command's own rows, beside train()'s options. */
const COMMAND = {
  gradCheck: switchRow(
    'print the numerical gradient against backprop at the first weights, then stop (trains nothing)',
    'Training:',
  ),
  profile: switchRow("print where each iteration's time goes", 'Parallelism:'),
  out: {
    kind: 'text',
    default: 'model.json',
    group: OUTPUT,
    help: 'model file to write',
    valid: (v: unknown) => v !== '',
    expected: 'a file path',
  } as OptionSpec<string>,
  plot: textRow('2-D data: write the decision map here at the end (.svg or .png)', OUTPUT),
  quiet: switchRow('print only the summary', OUTPUT),
  json: switchRow('one JSON object per progress line, then a summary object', OUTPUT),
};

type OptionKey = keyof typeof OPTIONS;
const FLAGGED = Object.keys(OPTIONS).filter((k) => OPTIONS[k as OptionKey].help !== undefined) as OptionKey[];

export const TRAIN_FLAGS: FlagRows = {
  ...Object.fromEntries(FLAGGED.map((k) => [k, OPTIONS[k] as OptionSpec])),
  ...COMMAND,
};

/** What --help shows as examples: a command and what it does. */
const EXAMPLES = [
  ['train', 'train 3-6-1 on the built-in 50 points by numerical gradient'],
  [
    'train --method random --candidates 8 --threads 2 --seed 7',
    'random updates, 8 candidates per iteration on 2 threads',
  ],
  ['train --data spiral --hidden 32,32 --max-seconds 60', 'a harder set where threads pay off'],
  ['train --data mnist', 'real digits by numerical gradient to 90% test accuracy, defaults for wide inputs'],
  ['train --data points.csv --out points-model.json', 'your own x1,x2,label CSV'],
  ['train --data penguins.csv --label species --missing drop', 'a spreadsheet export: class names, word columns, NAs'],
] as const;

type CommandValues = { [K in keyof typeof COMMAND]: (typeof COMMAND)[K]['default'] };

/** train()'s options as typed, and the command's own values. */
export interface Args {
  options: Omit<TrainSettings, 'test'>;
  command: CommandValues;
}

export async function parseArgs(argv = process.argv.slice(2)): Promise<Args> {
  if (argv.length === 0) checkNpmTookFlags('train', TRAIN_FLAGS, argv); // `npm run train --seed 3` reaches train with no flags at all
  const usage =
    '[flags]\n\nTrain a small fully connected network without backpropagation, in parallel on worker threads.';
  const values =
    argv.length === 0
      ? defaultValues(TRAIN_FLAGS)
      : (await readFlags({ name: 'train', usage, rows: TRAIN_FLAGS, examples: EXAMPLES, argv })).values;
  return split(values);
}

/** Values by key into train()'s options and the command's own. */
export function split(values: Record<string, unknown>): Args {
  const pick = (keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, values[k]]));
  return { options: pick(FLAGGED) as Args['options'], command: pick(Object.keys(COMMAND)) as CommandValues };
}
