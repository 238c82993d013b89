// Command-line flags of train.ts: parsed by yargs, then checked here so that
// every bad value fails with one line naming the flag, the value and what was
// expected. yargs loads only when there are flags to parse: a plain
// `npm run train` takes the table's defaults without it.

import type { TrainOptions } from '../train/options.ts';
import { checkNpmTookFlags, columnList, readFlags } from './command-line.ts';
import { FLAGS, UsageError } from './flags.ts';

export { negativeWords } from './command-line.ts';
export { UsageError } from './flags.ts';

export async function parseArgs(argv = process.argv.slice(2)): Promise<Args> {
  if (argv.length > 0) return parseWithYargs(argv);
  checkNpmTookFlags('train', FLAGS, argv); // `npm run train --seed 3` reaches train with no flags at all
  return defaultArgs();
}

/** What yargs gives for no flags at all: every flag's default, under its name and its camelCase alias. */
export function defaultArgs(): Args {
  const a: Record<string, unknown> = { _: [], $0: 'train' };
  for (const [flag, spec] of Object.entries(FLAGS)) {
    if (!('default' in spec)) continue;
    a[flag] = spec.default;
    a[flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())] = spec.default;
  }
  return a as Args;
}

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

export async function parseWithYargs(argv: string[]) {
  const usage =
    '[flags]\n\nTrain a small fully connected network without backpropagation, in parallel on worker threads.';
  return readFlags({ name: 'train', usage, flags: FLAGS, examples: EXAMPLES, argv }, (y) => y.options(FLAGS));
}

export type Args = Awaited<ReturnType<typeof parseWithYargs>>;

function check(ok: boolean, flag: string, value: unknown, expected: string): void {
  if (!ok) throw new UsageError(`--${flag} ${JSON.stringify(value)}: expected ${expected}`);
}

/**
 * Flags to train() options. Only the forms a flag is typed in are checked
 * here (a number, a list); ranges and choices are train()'s to check.
 */
export function toOptions(a: Args): TrainOptions {
  check(a.threads === 'auto' || /^\d+$/.test(a.threads), 'threads', a.threads, 'auto or a whole number >= 0');
  if (a.hidden !== undefined) check(/^\d+(,\d+)*$/.test(a.hidden), 'hidden', a.hidden, 'layer sizes like 6 or 8,4');
  check(a.out !== '', 'out', a.out, 'a file path');
  // Any number, Infinity included, is a constant, never a file name; a non-finite one is refused as typed.
  const init = a.init === 'rand' || a.init.trim() === '' || Number.isNaN(Number(a.init)) ? a.init : Number(a.init);
  if (typeof init === 'number' && !Number.isFinite(init))
    throw new UsageError(`--init ${a.init}: expected rand, xavier, a finite constant or a model file`);
  return {
    data: a.data,
    samples: a.samples,
    trainSize: a['train-size'],
    testSize: a['test-size'],
    testSplit: a['test-split'],
    digit: a.digit,
    label: a.label,
    ignore: a.ignore === undefined ? undefined : columnList(a.ignore),
    missing: a.missing,
    scale: a.scale,
    validationSplit: a['validation-split'],
    hidden: a.hidden?.split(',').map(Number),
    func: a.func,
    loss: a.loss,
    init,
    method: a.method,
    lr: a.lr,
    h: a.h,
    diff: a.diff,
    grad: a.grad,
    batch: a.batch,
    delta: a.delta,
    candidates: a.candidates,
    sigma: a.sigma,
    rank: a.rank,
    optimizer: a.optimizer,
    weightDecay: a['weight-decay'],
    elitist: a.elitist,
    seed: a.seed,
    targetLoss: a['target-loss'],
    maxIters: a['max-iters'],
    maxSeconds: a['max-seconds'],
    minDelta: a['min-delta'],
    patience: a.patience,
    reportEvery: a['report-every'],
    checkpointEvery: a['checkpoint-every'],
    targetAccuracy: a['target-accuracy'],
    threads: a.threads === 'auto' ? 'auto' : Number(a.threads),
    strategy: a.strategy,
  };
}

/** An option's name as its flag: maxIters -> --max-iters. */
export function flagOf(option: string): string {
  return `--${option.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}
