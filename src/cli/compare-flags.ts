// The flags of compare: the data (a CSV's label, ignored columns, missing
// cells, test part), net and stopping flags as train takes them (the same
// rows, so a bad value reads the same), the methods to race, and the chart.

import { METHODS } from '../train/method-registry.ts';
import { OPTIONS } from '../train/options.ts';
import { type OptionSpec, switchRow, textRow } from '../util/option-spec.ts';
import { type FlagRows, readFlags, type ValuesOf } from './flag-reader.ts';

const [RACE, OUTPUT] = ['Race:', 'Output:'];
const as = <T>(spec: OptionSpec<T>, change: Partial<OptionSpec<T>> = {}): OptionSpec<T> => ({ ...spec, ...change });

export const COMPARE_FLAGS = {
  data: as(OPTIONS.data),
  samples: as(OPTIONS.samples),
  label: as(OPTIONS.label),
  ignore: as(OPTIONS.ignore),
  missing: as(OPTIONS.missing),
  testSplit: as(OPTIONS.testSplit),
  task: as(OPTIONS.task),
  objective: as(OPTIONS.objective),
  targetReturn: as(OPTIONS.targetReturn),
  hidden: as(OPTIONS.hidden),
  seed: as(OPTIONS.seed, { help: 'one seed for every method: the same data and the same first weights' }),
  seeds: textRow(
    'race from each of these seeds (1-10, or 1,4,9) and give medians and quartiles; overrides --seed',
    RACE,
  ),
  methods: {
    kind: 'text',
    default: METHODS.join(','),
    group: RACE,
    help: 'comma-separated methods to race',
  } as OptionSpec<string>,
  targetLoss: as(OPTIONS.targetLoss),
  targetAccuracy: as(OPTIONS.targetAccuracy),
  maxIters: as(OPTIONS.maxIters, { help: 'each method at most this many iterations' }),
  // A race needs a finish line for the slow: random updates may never reach the target.
  maxSeconds: as(OPTIONS.maxSeconds, { default: 10, help: 'each method at most (0: no limit)' }),
  threads: as(OPTIONS.threads, { help: 'threads for the numerical methods: auto, 0 (main thread) or N' }),
  svg: textRow('write the loss curves of all methods as SVG', OUTPUT),
  png: textRow('write the loss curves of all methods as PNG', OUTPUT),
  log: switchRow('the chart with a log scale for the loss', OUTPUT),
  json: switchRow('the table as one JSON object', OUTPUT),
} satisfies FlagRows;

/** What --help shows as examples: a command and what it does. */
const EXAMPLES = [
  ['compare', 'the built-in set: numerical gradient, random updates, ES, SPSA and backprop to its target loss'],
  [
    'compare --data mine.csv --ignore id --missing drop --test-split 0.2',
    'your own file, prepared as train prepares it',
  ],
  ['compare --data spiral --hidden 16 --max-seconds 20 --png race.png', 'a harder set, with the loss curves'],
  ['compare --task cartpole --seeds 1-10', 'the methods that train on a task, over ten seeds, to its threshold'],
  ['compare --seeds 1-10 --png race.png', 'every method from ten starts: medians, quartiles and a band per method'],
] as const;

export async function parseCompareArgs(argv = process.argv.slice(2)) {
  const usage =
    '[flags]\n\nTrain the same net from the same start with each method, side by side, and race them to a target.';
  const { values } = await readFlags({ name: 'compare', usage, rows: COMPARE_FLAGS, examples: EXAMPLES, argv });
  return values as CompareArgs;
}

export type CompareArgs = ValuesOf<typeof COMPARE_FLAGS> & { data: string };
