// Command-line flags of train.ts: parsed by yargs, then checked here so that
// every bad value fails with one line naming the flag, the value and what was
// expected.

import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { GRAD_MODES } from '../methods/run-spec.ts';
import { ACTIVATIONS } from '../nn/activation.ts';
import { LOSSES } from '../nn/output.ts';
import { STRATEGIES } from '../parallel/runner.ts';
import { DEFAULTS as D, DIFFS, METHODS, type TrainOptions } from '../train/options.ts';

export function parseArgs(argv = hideBin(process.argv)) {
  return yargs(argv)
    .scriptName('train')
    .usage(
      '$0 [flags]\n\nTrain a small fully connected network without backpropagation, evaluating in parallel on worker threads.',
    )
    .options({
      data: {
        type: 'string',
        default: D.data as string,
        describe:
          'seed2class (built in), spiral (generated), mnist (10,000 built-in digits), a directory of MNIST IDX files, or a .csv / .json file',
        group: 'Data:',
      },
      samples: {
        default: D.samples,
        requiresArg: true,
        coerce: numberFlag('samples'),
        describe: 'points in the spiral set',
        group: 'Data:',
      },
      'train-size': {
        default: D.trainSize,
        requiresArg: true,
        coerce: numberFlag('train-size'),
        describe: 'digits: training images, stratified by class (0: all the rest)',
        group: 'Data:',
      },
      'test-size': {
        default: D.testSize,
        requiresArg: true,
        coerce: numberFlag('test-size'),
        describe: 'digits: test images (0: 1,000 held out of mnist, all t10k images of a directory)',
        group: 'Data:',
      },
      'test-split': {
        default: D.testSplit,
        requiresArg: true,
        coerce: numberFlag('test-split'),
        describe: 'CSV / JSON: the share held out for testing, e.g. 0.2 (seeded, stratified)',
        group: 'Data:',
      },
      digit: {
        requiresArg: true,
        coerce: numberFlag('digit'),
        describe: 'digits: one digit against the rest ("is it an 8?"), one output',
        group: 'Data:',
      },
      hidden: {
        type: 'string',
        describe:
          'hidden layer sizes: 6, or 8,4 for two layers; default: 6, or 32 for wide inputs (or the --init model shape)',
        group: 'Network:',
      },
      func: { choices: ACTIVATIONS, default: D.func, describe: 'hidden activation', group: 'Network:' },
      loss: {
        choices: ['auto', ...LOSSES] as const,
        default: D.loss,
        describe:
          'bce (logistic output), mse (identity output) or ce (softmax output); auto: ce for 3+ classes, bce for 0/1 labels, else mse',
        group: 'Network:',
      },
      init: {
        type: 'string',
        default: String(D.init),
        describe:
          'rand (uniform [0,1)), xavier (±√(6/(fan-in+fan-out))), a constant such as 0.1, or a model file to continue from; auto: rand while no unit has more than 8 inputs, else xavier',
        group: 'Network:',
      },
      method: {
        choices: METHODS,
        default: D.method,
        describe:
          'gradient: numerical gradient descent; random: random candidate updates; backprop: the analytic gradient, for comparison',
        group: 'Training:',
      },
      lr: {
        default: D.lr,
        requiresArg: true,
        coerce: numberFlag('lr', true),
        describe: 'learning rate (gradient, backprop); auto: 2, or 1 for wide inputs',
        group: 'Training:',
      },
      h: {
        default: D.h,
        requiresArg: true,
        coerce: numberFlag('h'),
        describe: 'finite-difference step (gradient)',
        group: 'Training:',
      },
      diff: { choices: DIFFS, default: D.diff, describe: 'finite difference (gradient)', group: 'Training:' },
      grad: {
        choices: GRAD_MODES,
        default: D.grad,
        describe: 'incremental: differences from a cached base pass; naive: a forward pass per weight (gradient)',
        group: 'Training:',
      },
      batch: {
        default: D.batch,
        requiresArg: true,
        coerce: numberFlag('batch', true),
        describe: 'mini-batch size; 0: the whole training set each iteration; auto: 0, or 100 for wide inputs',
        group: 'Training:',
      },
      delta: {
        default: D.delta,
        requiresArg: true,
        coerce: numberFlag('delta'),
        describe: 'step of each weight: +delta, 0 or -delta (random)',
        group: 'Training:',
      },
      candidates: {
        default: D.candidates,
        requiresArg: true,
        coerce: numberFlag('candidates'),
        describe: 'candidates per iteration (random)',
        group: 'Training:',
      },
      elitist: {
        type: 'boolean',
        default: D.elitist,
        describe: 'accept the best candidate only if it beats the current loss (random)',
        group: 'Training:',
      },
      seed: {
        type: 'string',
        default: D.seed,
        describe: 'seed of every random stream: init, candidates, batches, splits, spiral',
        group: 'Training:',
      },
      'target-loss': {
        default: D.targetLoss,
        requiresArg: true,
        coerce: numberFlag('target-loss', true),
        describe: 'stop when the loss falls below this; auto: 0.2, or 0 (never) for wide inputs',
        group: 'Stopping:',
      },
      'target-accuracy': {
        default: D.targetAccuracy,
        requiresArg: true,
        coerce: numberFlag('target-accuracy', true),
        describe:
          'stop when the test accuracy reaches this (training accuracy without a test set); auto: 0 (never), or 0.9 for wide inputs',
        group: 'Stopping:',
      },
      'max-iters': {
        default: D.maxIters,
        requiresArg: true,
        coerce: numberFlag('max-iters'),
        describe: 'stop after this many iterations',
        group: 'Stopping:',
      },
      'max-seconds': {
        default: D.maxSeconds,
        requiresArg: true,
        coerce: numberFlag('max-seconds'),
        describe: 'stop after this many seconds (0: no limit)',
        group: 'Stopping:',
      },
      'min-delta': {
        default: D.minDelta,
        requiresArg: true,
        coerce: numberFlag('min-delta'),
        describe: 'plateau: least improvement of the best loss over --patience reports',
        group: 'Stopping:',
      },
      patience: {
        default: D.patience,
        requiresArg: true,
        coerce: numberFlag('patience'),
        describe: 'plateau window in reports (0: never stop on a plateau)',
        group: 'Stopping:',
      },
      threads: {
        type: 'string',
        default: String(D.threads),
        describe: 'threads that evaluate: auto, 0 (main thread, no pool) or N',
        group: 'Parallelism:',
      },
      strategy: {
        choices: STRATEGIES,
        default: D.strategy,
        describe: 'how iterations reach the workers (see README)',
        group: 'Parallelism:',
      },
      'grad-check': {
        type: 'boolean',
        default: false,
        describe: 'print the numerical gradient against backprop at the first weights, then stop (trains nothing)',
        group: 'Training:',
      },
      profile: {
        type: 'boolean',
        default: false,
        describe: "print where each iteration's time goes",
        group: 'Parallelism:',
      },
      'report-every': {
        default: D.reportEvery,
        requiresArg: true,
        coerce: numberFlag('report-every'),
        describe: 'iterations between progress lines',
        group: 'Output:',
      },
      out: { type: 'string', default: 'model.json', describe: 'model file to write', group: 'Output:' },
      quiet: { type: 'boolean', default: false, describe: 'print only the summary', group: 'Output:' },
      json: {
        type: 'boolean',
        default: false,
        describe: 'one JSON object per progress line, then a summary object',
        group: 'Output:',
      },
    })
    .example('$0', 'train 3-6-1 on the built-in 50 points by numerical gradient')
    .example(
      '$0 --method random --candidates 8 --threads 2 --seed 7',
      'random updates, 8 candidates per iteration on 2 threads',
    )
    .example('$0 --data spiral --hidden 32,32 --max-seconds 60', 'a harder set where threads pay off')
    .example('$0 --data mnist', 'real digits by numerical gradient to 90% test accuracy, defaults for wide inputs')
    .example('$0 --data points.csv --out points-model.json', 'your own x1,x2,label CSV')
    .strict()
    .help()
    .version(false)
    .wrap(Math.min(110, process.stdout.columns || 100))
    .fail((msg, err) => {
      throw new UsageError(oneLine(msg ?? err?.message ?? 'bad arguments'));
    })
    .parseSync();
}

export type Args = ReturnType<typeof parseArgs>;

/** Numbers parsed here rather than by yargs, so a bad one is quoted as typed. */
function numberFlag(flag: string): (v: unknown) => number;
function numberFlag(flag: string, auto: true): (v: unknown) => number | 'auto';
function numberFlag(flag: string, auto = false) {
  return (v: unknown): number | 'auto' => {
    if (auto && v === 'auto') return 'auto';
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
    if (Number.isNaN(n))
      throw new UsageError(`--${flag} ${JSON.stringify(v)}: expected a number${auto ? ' or auto' : ''}`);
    return n;
  };
}

/** yargs words a bad choice over several lines; say it like the other errors. */
function oneLine(msg: string): string {
  const choice = /Argument: (\S+), Given: (.+), Choices: (.+)/.exec(msg);
  if (choice) return `--${choice[1]} ${choice[2]}: expected one of ${choice[3]}`;
  return msg.replace(/\s*\n\s*/g, ' ');
}

/** A mistake in the command line: printed as one line, exit code 2. */
export class UsageError extends Error {}

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
  const init = a.init === 'rand' || a.init.trim() === '' || !Number.isFinite(Number(a.init)) ? a.init : Number(a.init);
  return {
    data: a.data,
    samples: a.samples,
    trainSize: a['train-size'],
    testSize: a['test-size'],
    testSplit: a['test-split'],
    digit: a.digit,
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
    elitist: a.elitist,
    seed: a.seed,
    targetLoss: a['target-loss'],
    maxIters: a['max-iters'],
    maxSeconds: a['max-seconds'],
    minDelta: a['min-delta'],
    patience: a.patience,
    reportEvery: a['report-every'],
    targetAccuracy: a['target-accuracy'],
    threads: a.threads === 'auto' ? 'auto' : Number(a.threads),
    strategy: a.strategy,
  };
}

/** An option's name as its flag: maxIters -> --max-iters. */
export function flagOf(option: string): string {
  return `--${option.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}
