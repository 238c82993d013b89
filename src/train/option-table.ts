// Every option of train() as one row: kind, range, choices, default, help,
// --help section and the data it applies to. DEFAULTS, the settings' types,
// the library's checks and every command's flags all come from here, so an
// option is added by adding its row (and using it). Rows are in --help order.
// --method's choices and help are the method registry's (options.ts adds
// them): this table imports no method, so that update rules may read the
// settings' types it gives without a cycle.

import type { Dataset } from '../data/dataset.ts';
import { SCALES, type ScaleName } from '../data/encoding.ts';
import { isTableFile } from '../data/load.ts';
import { GRAD_MODES, type GradMode } from '../methods/run-spec.ts';
import type { Model } from '../model/model-file.ts';
import { ACTIVATIONS, type ActivationName } from '../nn/activation.ts';
import { LOSSES, type LossName } from '../nn/output.ts';
import { STRATEGIES, type Strategy } from '../parallel/runner.ts';
import { TASK_NAMES } from '../tasks/tasks.ts';
import { Expected, type OptionSpec } from '../util/option-spec.ts';

export type Optimizer = 'adam' | 'sgd';
export const OPTIMIZERS: readonly Optimizer[] = ['adam', 'sgd'];
export type Diff = 'forward' | 'central';
export const DIFFS: readonly Diff[] = ['forward', 'central'];

const [DATA, TASK, NET, TRAINING, STOPPING, THREADS, OUTPUT] = [
  'Data:',
  'Task (instead of data):',
  'Network:',
  'Training:',
  'Stopping:',
  'Parallelism:',
  'Output:',
];
const CSV = { applies: isTableFile, words: 'a CSV file' };
const SPIRAL = { applies: (d: string) => d === 'spiral', words: '--data spiral only' };
/** A task's own flags: a data run refuses them (a task run never checks data flags this way). */
const ON_TASK = { applies: () => false, words: '--task or --objective' };
const num = <T = number>(
  d: T,
  group: string,
  help: string,
  bounds: Pick<OptionSpec, 'gt' | 'ge' | 'lt' | 'le' | 'auto'> = {},
): OptionSpec<T> => ({
  kind: 'number',
  default: d,
  group,
  help,
  ...bounds,
});
const whole = (d: number, ge: number, group: string, help: string): OptionSpec<number> => ({
  kind: 'whole',
  default: d,
  ge,
  group,
  help,
});
const choice = <T extends string>(d: T, choices: readonly T[], group: string, help: string): OptionSpec<T> => ({
  kind: 'choice',
  default: d,
  choices,
  group,
  help,
});
const auto = { auto: true };

/** --ignore id,date: the names (or numbers) between commas, each trimmed. */
function columnList(word: string): string[] {
  const names = word.split(',').map((c) => c.trim());
  if (names.some((c) => c === ''))
    throw new Expected('column names or numbers between commas, like id,date', word, true);
  return names;
}

export const OPTION_TABLE = {
  data: {
    kind: 'text',
    default: 'seed2class' as string | Dataset,
    group: DATA,
    help: 'seed2class (built in), spiral (generated), mnist (10,000 built-in digits), a directory of MNIST IDX files, or a .csv / .json file',
    valid: (v: unknown) => (typeof v === 'object' && v !== null) || (typeof v === 'string' && v !== ''),
    expected: 'a data set name, a file or a Dataset',
  } as OptionSpec<string | Dataset>,
  /** A test set, for data given as a Dataset (files and built-in sets bring their own, see testSplit). */
  test: { kind: 'text', default: undefined } as OptionSpec<Dataset | undefined>,
  samples: { ...whole(1000, 2, DATA, 'points in the spiral set'), data: SPIRAL },
  trainSize: whole(0, 0, DATA, 'digits: training images, stratified by class (0: all the rest)'),
  testSize: whole(0, 0, DATA, 'digits: test images (0: 1,000 held out of mnist, all t10k images of a directory)'),
  testSplit: num(0, DATA, 'CSV / JSON: the share held out for testing, e.g. 0.2 (seeded, stratified)', {
    ge: 0,
    lt: 1,
  }),
  label: {
    kind: 'text',
    default: undefined,
    group: DATA,
    help: 'CSV: the label column, by header name or number from 1 (default: the last)',
    valid: (v: unknown) => typeof v === 'string' && v !== '',
    expected: 'a column name or number',
    data: CSV,
  } as OptionSpec<string | undefined>,
  ignore: {
    kind: 'list',
    default: [],
    group: DATA,
    help: 'CSV: columns to leave out, by name or number from 1, e.g. id,date',
    valid: (v: unknown) => Array.isArray(v) && v.every((c) => typeof c === 'string' && c !== ''),
    expected: 'column names or numbers',
    data: CSV,
    read: columnList,
  } as OptionSpec<string[]>,
  missing: {
    ...choice(
      'refuse',
      ['refuse', 'drop'] as const,
      DATA,
      'CSV: rows with an empty or NA cell are refused (naming line and column) or dropped',
    ),
    data: CSV,
  } as OptionSpec<'refuse' | 'drop'>,
  scale: choice<'auto' | ScaleName>(
    'auto',
    ['auto', ...SCALES],
    DATA,
    'number columns (and a regression target) scaled by the training part: standard (mean 0, sd 1), minmax (0..1) or none; auto: standard for a CSV / JSON file, none for built-in data',
  ),
  validationSplit: num<number | 'auto'>(
    'auto',
    DATA,
    'the share of the training rows held out to pick the best weights and stop early (0: none); auto: 0.15 for a CSV / JSON file, else 0',
    { ge: 0, lt: 1, ...auto },
  ),
  task: {
    kind: 'text',
    default: undefined,
    group: TASK,
    help: `a control task to train a policy on: ${TASK_NAMES.join(', ')} (gymnasium's -v1 dynamics)`,
    valid: (v: unknown) => typeof v === 'string' && (TASK_NAMES as readonly string[]).includes(v),
    expected: TASK_NAMES.join(', '),
  } as OptionSpec<string | undefined>,
  objective: {
    kind: 'text',
    default: undefined,
    group: TASK,
    help: 'an ES module (.mjs) exporting an environment or a score to train on (docs/tasks.md)',
    valid: (v: unknown) => typeof v === 'string' && v !== '',
    expected: 'a module file',
  } as OptionSpec<string | undefined>,
  episodes: {
    ...whole(0, 1, TASK, 'episodes per candidate per iteration, the same starts for every candidate; auto: 1'),
    default: 'auto',
    ...auto,
    data: ON_TASK,
  } as OptionSpec<number | 'auto'>,
  heldOut: {
    ...whole(100, 1, TASK, 'held-out episodes (starts training never sees) that score the weights at each report'),
    data: ON_TASK,
  },
  targetReturn: {
    ...num<number | 'auto'>(
      'auto',
      TASK,
      "stop once the held-out mean return reaches this; auto: the task's threshold (cartpole 475, acrobot -100, pendulum -200), none for a module",
      auto,
    ),
    data: ON_TASK,
  },
  digit: {
    kind: 'whole',
    default: undefined,
    ge: 0,
    le: 9,
    group: DATA,
    help: 'digits: one digit against the rest ("is it an 8?"), one output',
    expected: 'a digit 0..9',
  } as OptionSpec<number | undefined>,
  hidden: {
    kind: 'list',
    default: undefined,
    group: NET,
    help: 'hidden layer sizes: 6, or 8,4 for two layers; default: 6, 32 for wide inputs, 100 for a file (or the --init model shape)',
    valid: (v: unknown) => Array.isArray(v) && v.every((n) => Number.isInteger(n) && n > 0),
    expected: 'layer sizes of 1 or more, like 6 or 8,4',
    read: (word: string) => {
      if (!/^\d+(,\d+)*$/.test(word)) throw new Expected('layer sizes like 6 or 8,4', word, true);
      return word.split(',').map(Number);
    },
  } as OptionSpec<number[] | undefined>,
  func: choice<ActivationName>('logistic', ACTIVATIONS, NET, 'hidden activation'),
  loss: choice<'auto' | LossName>(
    'auto',
    ['auto', ...LOSSES],
    NET,
    'bce (logistic output), mse (identity output) or ce (softmax output); auto: ce for 3+ classes, bce for 0/1 labels, else mse; mse makes a regression of a number label of a CSV, whole numbers too',
  ),
  init: {
    kind: 'text',
    default: 'auto',
    group: NET,
    help: 'rand (uniform [0,1)), xavier (±√(6/(fan-in+fan-out))), a constant such as 0.1, or a model file to continue from; auto: rand while no unit has more than 8 inputs, else xavier',
    valid: (v: unknown) => typeof v !== 'number' || Number.isFinite(v),
    expected: 'rand, a finite number or a model',
    // Any number, Infinity included, is a constant, never a file name; a non-finite one is refused as typed.
    read: (word: string) => {
      const n = word === 'rand' || word.trim() === '' ? NaN : Number(word);
      if (Number.isNaN(n)) return word;
      if (!Number.isFinite(n)) throw new Expected('rand, xavier, a finite constant or a model file', word, false);
      return n;
    },
  } as OptionSpec<'auto' | 'rand' | 'xavier' | number | string | Model>,
  // Its choices and help are the method registry's (options.ts).
  method: choice<string>('gradient', [], TRAINING, ''),
  lr: num<number | 'auto'>(
    'auto',
    TRAINING,
    'learning rate (gradient, backprop; es: the optimiser step; spsa: its gain a); auto: with adam 0.01; with sgd 2, 1 for wide inputs, for a file 1 or 0.5 for a regression; es: 0.05, 0.01 wide, 0.02 for a file',
    { gt: 0, ...auto },
  ),
  h: num(1e-5, TRAINING, 'finite-difference step (gradient)', { gt: 0 }),
  diff: choice<Diff>('forward', DIFFS, TRAINING, 'finite difference (gradient)'),
  grad: choice<GradMode>(
    'incremental',
    GRAD_MODES,
    TRAINING,
    'incremental: differences from a cached base pass; naive: a forward pass per weight (gradient)',
  ),
  batch: {
    ...whole(
      0,
      0,
      TRAINING,
      'mini-batch size; 0: the whole training set each iteration; auto: 0, or 100 for wide inputs, 200 for a file of over 1000 training rows',
    ),
    default: 'auto',
    ...auto,
  } as OptionSpec<number | 'auto'>,
  delta: num(0.001, TRAINING, 'step of each weight: +delta, 0 or -delta (random); spsa: its perturbation c', { gt: 0 }),
  candidates: {
    ...whole(
      0,
      1,
      TRAINING,
      'candidates per iteration (random); the population, an even number (es); auto: 2 (random), es: 20, 200 wide, 50 for a file',
    ),
    default: 'auto',
    ...auto,
  } as OptionSpec<number | 'auto'>,
  sigma: num<number | 'auto'>('auto', TRAINING, 'scale of the noise ε (es); auto: 0.1, 0.03 wide, 0.05 for a file', {
    gt: 0,
    ...auto,
  }),
  rank: whole(1, 0, TRAINING, "rank of each layer's noise, A·Bᵀ (es); 0: dense, a Gaussian per weight"),
  optimizer: choice<'auto' | Optimizer>(
    'auto',
    ['auto', ...OPTIMIZERS],
    TRAINING,
    'how a gradient or its estimate becomes a step: adam, or sgd (plain gradient descent, w ← w − lr·g); auto: adam for es, and for gradient and backprop on a file; else sgd, as the original',
  ),
  weightDecay: num(0, TRAINING, 'decoupled weight decay: w ← w − lr·wd·w each update (gradient, backprop, es, spsa)', {
    ge: 0,
  }),
  elitist: {
    kind: 'switch',
    default: false,
    group: TRAINING,
    help: 'accept the best candidate only if it beats the current loss (random)',
  } as OptionSpec<boolean>,
  seed: {
    kind: 'text',
    default: '1',
    group: TRAINING,
    help: 'seed of every random stream: init, candidates, batches, splits, spiral',
    valid: (v: unknown) => typeof v === 'string' && v !== '',
    expected: 'a non-empty string',
  } as OptionSpec<string>,
  targetLoss: num<number | 'auto'>(
    'auto',
    STOPPING,
    'stop when the loss falls below this (0 or less: never); auto: 0.2 for built-in data, else 0',
    auto,
  ),
  targetAccuracy: num<number | 'auto'>(
    'auto',
    STOPPING,
    'stop when the test accuracy reaches this (training accuracy without a test set); auto: 0 (never), or 0.9 for wide inputs',
    { ge: 0, le: 1, ...auto },
  ),
  maxIters: whole(1_000_000, 0, STOPPING, 'stop after this many iterations'),
  maxSeconds: num(0, STOPPING, 'stop after this many seconds (0: no limit)', { ge: 0 }),
  minDelta: num<number | 'auto'>(
    'auto',
    STOPPING,
    'plateau: least improvement of the best loss over --patience reports (a share of the loss above 1); auto: 1e-5, or 0.001 with a validation part',
    { ge: 0, ...auto },
  ),
  patience: whole(
    20,
    0,
    STOPPING,
    'plateau window in reports (0: never stop on a plateau); with a validation part, reports without a better validation loss before stopping early',
  ),
  threads: {
    ...whole(0, 0, THREADS, 'threads that evaluate: auto, 0 (main thread, no pool) or N'),
    default: 'auto',
    ...auto,
    expected: 'auto or a whole number >= 0',
    read: (word: string) => {
      if (word === 'auto' || /^\d+$/.test(word)) return word === 'auto' ? 'auto' : Number(word);
      throw new Expected('auto or a whole number >= 0', word, true);
    },
  } as OptionSpec<number | 'auto'>,
  strategy: choice<Strategy>(
    'spin-main',
    STRATEGIES,
    THREADS,
    'how iterations reach the workers (see docs/threads.md)',
  ),
  reportEvery: whole(100, 1, OUTPUT, 'iterations between progress lines'),
  checkpointEvery: whole(0, 0, OUTPUT, 'save the best model so far to --out every N iterations (0: only at the end)'),
};
