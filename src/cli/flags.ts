// The flags of train: one table, read by yargs when there are flags to parse
// (args.ts) and for the defaults when there are none.

import { SCALES } from '../data/encoding.ts';
import { GRAD_MODES } from '../methods/run-spec.ts';
import { ACTIVATIONS } from '../nn/activation.ts';
import { LOSSES } from '../nn/output.ts';
import { STRATEGIES } from '../parallel/runner.ts';
import { DEFAULTS as D, DIFFS, METHODS, OPTIMIZERS } from '../train/options.ts';

export const FLAGS = {
  data: {
    type: 'string',
    requiresArg: true,
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
  label: {
    type: 'string',
    requiresArg: true,
    describe: 'CSV: the label column, by header name or number from 1 (default: the last)',
    group: 'Data:',
  },
  ignore: {
    type: 'string',
    requiresArg: true,
    describe: 'CSV: columns to leave out, by name or number from 1, e.g. id,date',
    group: 'Data:',
  },
  missing: {
    choices: ['refuse', 'drop'] as const,
    requiresArg: true,
    default: D.missing,
    describe: 'CSV: rows with an empty or NA cell are refused (naming line and column) or dropped',
    group: 'Data:',
  },
  scale: {
    choices: ['auto', ...SCALES] as const,
    requiresArg: true,
    default: D.scale,
    describe:
      'number columns (and a regression target) scaled by the training part: standard (mean 0, sd 1), minmax (0..1) or none; auto: standard for a CSV / JSON file, none for built-in data',
    group: 'Data:',
  },
  'validation-split': {
    default: D.validationSplit,
    requiresArg: true,
    coerce: numberFlag('validation-split', true),
    describe:
      'the share of the training rows held out to pick the best weights and stop early (0: none); auto: 0.15 for a CSV / JSON file, else 0',
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
    requiresArg: true,
    describe:
      'hidden layer sizes: 6, or 8,4 for two layers; default: 6, or 32 for wide inputs (or the --init model shape)',
    group: 'Network:',
  },
  func: { choices: ACTIVATIONS, requiresArg: true, default: D.func, describe: 'hidden activation', group: 'Network:' },
  loss: {
    choices: ['auto', ...LOSSES] as const,
    requiresArg: true,
    default: D.loss,
    describe:
      'bce (logistic output), mse (identity output) or ce (softmax output); auto: ce for 3+ classes, bce for 0/1 labels, else mse',
    group: 'Network:',
  },
  init: {
    type: 'string',
    requiresArg: true,
    default: String(D.init),
    describe:
      'rand (uniform [0,1)), xavier (±√(6/(fan-in+fan-out))), a constant such as 0.1, or a model file to continue from; auto: rand while no unit has more than 8 inputs, else xavier',
    group: 'Network:',
  },
  method: {
    choices: METHODS,
    requiresArg: true,
    default: D.method,
    describe:
      'gradient: numerical gradient descent; random: random candidate updates; es: evolution strategies, every candidate’s loss ranked into a gradient estimate; spsa: simultaneous perturbation, two losses estimate the gradient (a third, E(w), is reported); backprop: the analytic gradient, for comparison',
    group: 'Training:',
  },
  lr: {
    default: D.lr,
    requiresArg: true,
    coerce: numberFlag('lr', true),
    describe:
      'learning rate (gradient, backprop; es: the optimiser step; spsa: its gain a); auto: 2, or 1 for wide inputs (es: 0.05, 0.01 wide, 0.02 for a file)',
    group: 'Training:',
  },
  h: {
    default: D.h,
    requiresArg: true,
    coerce: numberFlag('h'),
    describe: 'finite-difference step (gradient)',
    group: 'Training:',
  },
  diff: {
    choices: DIFFS,
    requiresArg: true,
    default: D.diff,
    describe: 'finite difference (gradient)',
    group: 'Training:',
  },
  grad: {
    choices: GRAD_MODES,
    requiresArg: true,
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
    describe: 'step of each weight: +delta, 0 or -delta (random); spsa: its perturbation c',
    group: 'Training:',
  },
  candidates: {
    default: D.candidates,
    requiresArg: true,
    coerce: numberFlag('candidates', true),
    describe:
      'candidates per iteration (random); the population, an even number (es); auto: 2 (random), es: 20, 200 wide, 50 for a file',
    group: 'Training:',
  },
  sigma: {
    default: D.sigma,
    requiresArg: true,
    coerce: numberFlag('sigma', true),
    describe: 'scale of the noise ε (es); auto: 0.1, 0.03 wide, 0.05 for a file',
    group: 'Training:',
  },
  rank: {
    default: D.rank,
    requiresArg: true,
    coerce: numberFlag('rank'),
    describe: "rank of each layer's noise, A·Bᵀ (es); 0: dense, a Gaussian per weight",
    group: 'Training:',
  },
  optimizer: {
    choices: OPTIMIZERS,
    requiresArg: true,
    default: D.optimizer,
    describe: 'how the gradient estimate becomes a step (es)',
    group: 'Training:',
  },
  'weight-decay': {
    default: D.weightDecay,
    requiresArg: true,
    coerce: numberFlag('weight-decay'),
    describe: 'decoupled weight decay: w ← w − lr·wd·w each update (es)',
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
    requiresArg: true,
    default: D.seed,
    describe: 'seed of every random stream: init, candidates, batches, splits, spiral',
    group: 'Training:',
  },
  'target-loss': {
    default: D.targetLoss,
    requiresArg: true,
    coerce: numberFlag('target-loss', true),
    describe: 'stop when the loss falls below this (0 or less: never); auto: 0.2 for built-in data, else 0',
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
    coerce: numberFlag('min-delta', true),
    describe:
      'plateau: least improvement of the best loss over --patience reports (a share of the loss above 1); auto: 1e-5, or 0.001 with a validation part',
    group: 'Stopping:',
  },
  patience: {
    default: D.patience,
    requiresArg: true,
    coerce: numberFlag('patience'),
    describe:
      'plateau window in reports (0: never stop on a plateau); with a validation part, reports without a better validation loss before stopping early',
    group: 'Stopping:',
  },
  threads: {
    type: 'string',
    requiresArg: true,
    default: String(D.threads),
    describe: 'threads that evaluate: auto, 0 (main thread, no pool) or N',
    group: 'Parallelism:',
  },
  strategy: {
    choices: STRATEGIES,
    requiresArg: true,
    default: D.strategy,
    describe: 'how iterations reach the workers (see docs/threads.md)',
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
  'checkpoint-every': {
    default: D.checkpointEvery,
    requiresArg: true,
    coerce: numberFlag('checkpoint-every'),
    describe: 'save the best model so far to --out every N iterations (0: only at the end)',
    group: 'Output:',
  },
  out: { type: 'string', requiresArg: true, default: 'model.json', describe: 'model file to write', group: 'Output:' },
  plot: {
    type: 'string',
    requiresArg: true,
    describe: '2-D data: write the decision map here at the end (.svg or .png)',
    group: 'Output:',
  },
  quiet: { type: 'boolean', default: false, describe: 'print only the summary', group: 'Output:' },
  json: {
    type: 'boolean',
    default: false,
    describe: 'one JSON object per progress line, then a summary object',
    group: 'Output:',
  },
} as const;

/** Numbers parsed here rather than by yargs, so a bad one is quoted as typed. */
function numberFlag(flag: string): (v: unknown) => number;
function numberFlag(flag: string, auto: true): (v: unknown) => number | 'auto';
function numberFlag(flag: string, auto = false) {
  return (v: unknown): number | 'auto' => {
    if (Array.isArray(v))
      throw new UsageError(`--${flag} ${v.map((x) => JSON.stringify(x)).join(' and ')}: expected it once`);
    if (auto && v === 'auto') return 'auto';
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
    if (Number.isNaN(n))
      throw new UsageError(`--${flag} ${JSON.stringify(v)}: expected a number${auto ? ' or auto' : ''}`);
    // Said here, as typed (1e999, Infinity): past this point it is Infinity, and in JSON null.
    if (!Number.isFinite(n)) throw new UsageError(`--${flag} ${String(v)}: expected a finite number`);
    return n;
  };
}

/** A mistake in the command line: printed as one line, exit code 2. */
export class UsageError extends Error {}
