// The corpus of bad inputs (test/fixtures/bad/, IDX directories made below):
// every one gives one line naming the input, the value as written and what
// was expected, exit code 2, and nothing written into the working directory.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IMAGES_MAGIC, type ImageSet, idxBytes, LABELS_MAGIC, MNIST_FILES, writeMnistDir } from '../src/data/idx.ts';

const fixtures = resolve('test/fixtures');

/** Runs a command in a fresh directory holding the fixtures; returns what it said and what it left. */
function run(cmd: 'train' | 'predict', args: string[], setup?: (cwd: string) => void) {
  const cwd = mkdtempSync(join(tmpdir(), 'np-bad-'));
  cpSync(join(fixtures, 'bad'), cwd, { recursive: true });
  cpSync(join(fixtures, 'model-3-2-1.json'), join(cwd, 'good-model.json'));
  setup?.(cwd);
  const before = readdirSync(cwd, { recursive: true, encoding: 'utf8' }).sort();
  const r = spawnSync(process.execPath, [resolve(`dist/${cmd}.js`), ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
  });
  const after = readdirSync(cwd, { recursive: true, encoding: 'utf8' }).sort();
  return { code: r.status, stderr: r.stderr.trim(), stdout: r.stdout, added: after.filter((f) => !before.includes(f)) };
}

function refuses(cmd: 'train' | 'predict', args: string[], line: string, setup?: (cwd: string) => void): void {
  const r = run(cmd, args, setup);
  expect(r.stderr).toBe(`${cmd}: ${line}`);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.added).toEqual([]);
}

const CSV: [string, string][] = [
  ['ragged.csv', 'ragged.csv line 2: 2 columns, expected 3'],
  ['non-numeric.csv', 'non-numeric.csv line 2, column "column 1": "x" is not a number, expected a number'],
  [
    'nan.csv',
    'nan.csv line 2, column "column 2": a missing value, expected a value (or --missing drop to drop such rows)',
  ],
  [
    'missing.csv',
    'missing.csv line 3, column "x2": a missing value, expected a value (or --missing drop to drop such rows)',
  ],
  ['infinity.csv', 'infinity.csv line 2, column "column 2": "Infinity" is not a number, expected a number'],
  [
    'mixed-label.csv',
    'mixed-label.csv line 3, column "label": "3": the label column mixes numbers and words, expected one kind',
  ],
  [
    'id-column.csv',
    '--data "id-column.csv": column "id" has 30 distinct words, expected at most 20 categories (--ignore "id" to leave it out)',
  ],
  ['open-quote.csv', 'open-quote.csv line 1: the quote that opens column 2 is never closed'],
  ['empty.csv', 'empty.csv: no data rows, expected lines of x1,...,xn,label'],
  ['header-only.csv', 'header-only.csv: no data rows, expected lines of x1,...,xn,label'],
  // Not dropped as a header: a header names every column.
  ['typo-first-row.csv', 'typo-first-row.csv line 1, column "column 2": "2.5.1" is not a number, expected a number'],
];

/**
 * What predict says where it differs from train: a model reads a file by its own columns (a file of
 * as many columns as its features has no label column), and a missing cell leaves its row
 * unpredicted, named, with the other rows predicted and exit code 1.
 */
const PREDICT: Record<string, string> = {
  'mixed-label.csv': 'mixed-label.csv line 2, column "label": "cat" is not a number, expected a number',
  'id-column.csv': 'id-column.csv line 2, column "id": "row0" is not a number, expected a number',
};
const UNPREDICTED: Record<string, string> = {
  'nan.csv': 'nan.csv line 2, column "column 2": a missing value, row not predicted',
  'missing.csv': 'missing.csv line 3, column "x2": a missing value, row not predicted',
};

describe('a bad CSV', () => {
  for (const [file, line] of CSV) {
    it(`${file}: train and predict refuse it in one line`, () => {
      refuses('train', ['--data', file], line);
      if (file in UNPREDICTED) {
        const r = run('predict', ['--model', 'good-model.json', '--data', file]);
        expect([r.code, r.stderr.split('\n')]).toEqual([
          1,
          [`predict: ${UNPREDICTED[file]}`, `predict: ${file}: 1 of 2 rows not predicted`],
        ]);
        expect(r.stdout).toMatch(/^model good-model.json: .*, 1 samples\n/);
      } else refuses('predict', ['--model', 'good-model.json', '--data', file], PREDICT[file] ?? line);
    });
  }

  it('labels that are neither 0/1 nor classes, for a logistic or softmax output', () => {
    refuses(
      'train',
      ['--data', 'signed-labels.csv', '--loss', 'bce'],
      '--loss "bce": data signed-labels.csv has targets other than 0 and 1; expected binary labels (or mse)',
    );
    refuses(
      'train',
      ['--data', 'fractional-labels.csv', '--loss', 'ce'],
      '--loss "ce": data fractional-labels.csv has no one-hot classes; expected 3 or more classes (or bce, mse)',
    );
  });
});

const JSON_DATA: [string, string][] = [
  ['missing-ans.json', 'missing-ans.json sample 0 "ans": undefined, expected a non-empty array of numbers'],
  ['missing-x.json', 'missing-x.json sample 0 "x": undefined, expected a non-empty array of numbers'],
  ['mixed-lengths.json', 'mixed-lengths.json sample 1 "x": [3,4] has 2 values, expected 3 as sample 0'],
  ['no-bias.json', 'no-bias.json sample 0 "x": [1,2] does not end with the bias input 1, expected [...,1]'],
  ['not-array.json', 'not-array.json: expected [{"x":[...,1],"ans":[...]}, ...]'],
  ['broken.json', 'broken.json: not valid JSON (Unexpected end of JSON input)'],
];

describe('a bad data set in the original JSON shape', () => {
  for (const [file, line] of JSON_DATA) it(file, () => refuses('train', ['--data', file], line));
});

const MODELS: [string, string][] = [
  ['model-wrong-shape.json', 'model-wrong-shape.json: weights[0] has 2 rows, expected 3 (nodes[0])'],
  ['model-infinite.json', 'model-infinite.json: weights[0][1][1] is Infinity, expected a finite number'],
  ['model-nan.json', 'model-nan.json: weights[0][1][1] is "NaN", expected a finite number'],
  ['model-unknown-func.json', 'model-unknown-func.json: "func" is "sigmoid", expected logistic, relu or tanh'],
  [
    'model-unknown-output.json',
    'model-unknown-output.json: "output" is "relu", expected logistic, identity or softmax',
  ],
];

describe('a bad model file', () => {
  for (const [file, line] of MODELS) {
    it(`${file}: as --init of train and --model of predict`, () => {
      refuses('train', ['--init', file], line);
      refuses('predict', ['--model', file, '1', '2'], line);
    });
  }

  it('one whose loss does not fit the data: the model is named, not --loss', () => {
    refuses(
      'train',
      ['--init', 'model-softmax-one-output.json'],
      '--init "model-softmax-one-output.json": the model was trained with --loss ce, but data seed2class has no one-hot classes; expected a model for this data',
    );
  });

  it('one that does not fit the data', () => {
    refuses(
      'train',
      ['--init', 'model-4-inputs.json'],
      '--init "model-4-inputs.json": nodes [4,2,1] do not fit data seed2class (3 inputs with bias, 1 outputs)',
    );
    refuses(
      'predict',
      ['--model', 'model-4-inputs.json', '1', '2'],
      'features "1 2": 2 values, expected 3, the features of model-4-inputs.json (its bias input is added)',
    );
  });
});

/** Three 2×2 images labelled 1, 0, 1. */
const tiny: ImageSet = {
  images: new Uint8Array(12).fill(7),
  labels: Uint8Array.from([1, 0, 1]),
  count: 3,
  rows: 2,
  cols: 2,
};
const [trainImages, trainLabels] = MNIST_FILES.train;

/** An IDX directory `idx` in cwd with its training images or labels replaced by `bytes`. */
function idxDir(file: string, bytes: Uint8Array) {
  return (cwd: string) => {
    mkdirSync(join(cwd, 'idx'));
    writeMnistDir(join(cwd, 'idx'), { train: tiny, test: tiny });
    writeFileSync(join(cwd, 'idx', file), bytes);
  };
}

describe('a bad IDX directory', () => {
  const images = idxBytes(IMAGES_MAGIC, [3, 2, 2], tiny.images);
  it('wrong magic', () => {
    const setup = idxDir(trainImages, idxBytes(LABELS_MAGIC, [3, 2, 2], tiny.images));
    refuses('train', ['--data', 'idx'], `${trainImages}: magic 2049, expected 2051 (images)`, setup);
  });

  it('truncated', () => {
    const setup = idxDir(trainImages, images.subarray(0, images.length - 5));
    refuses(
      'train',
      ['--data', 'idx'],
      `${trainImages}: 7 data bytes after the header, expected 3 × 2 × 2 = 12 (truncated)`,
      setup,
    );
  });

  it('labels not matching the images in count', () => {
    const setup = idxDir(trainLabels, idxBytes(LABELS_MAGIC, [2], tiny.labels.subarray(0, 2)));
    refuses('train', ['--data', 'idx'], `${trainLabels}: 2 labels, expected 3 as ${trainImages} has images`, setup);
  });

  it('corrupt gzip', () => {
    const r = run('train', ['--data', 'idx'], (cwd) => {
      idxDir(trainImages, images)(cwd);
      // A gzip header, then bytes that are no deflate stream; only the .gz is left to read.
      const plain = join(cwd, 'idx', trainImages);
      writeFileSync(`${plain}.gz`, Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0]), images]));
      rmSync(plain);
    });
    expect(r.stderr).toMatch(new RegExp(`^train: ${trainImages}\\.gz: corrupt gzip data \\(.+\\)$`));
    expect(r.code).toBe(2);
    expect(r.added).toEqual([]);
  });
});

describe('a bad flag value', () => {
  const cases: [string[], string][] = [
    [['--lr', '-1'], '--lr -1: expected a number > 0'],
    [['--lr', 'Infinity'], '--lr Infinity: expected a finite number'],
    [['--lr', '1e999'], '--lr 1e999: expected a finite number'],
    [['--target-loss', '1e999'], '--target-loss 1e999: expected a finite number'],
    [['--lr', 'fast'], '--lr "fast": expected a number or auto'],
    [['--max-iters', '1.5'], '--max-iters 1.5: expected a whole number >= 0'],
    [['--threads', '-1'], '--threads "-1": expected auto or a whole number >= 0'],
    [['--hidden', '8,0'], '--hidden 8,0: expected layer sizes of 1 or more, like 6 or 8,4'],
    [['--init', '1e999'], '--init 1e999: expected rand, xavier, a finite constant or a model file'],
    [['--test-split', '1'], '--test-split 1: expected a number >= 0 and < 1'],
    [['--frobnicate', '3'], '--frobnicate: expected a flag of train (see --help)'],
    [['--max-iter', '3'], '--max-iter: expected a flag of train, such as --max-iters (see --help)'],
    [['--lr', '1', '2'], '"2": expected a flag; a value goes right after its flag'],
    [['--out'], '--out: expected a value after it'],
    [['-h'], '-h: the finite-difference step, expected a value after it (--help lists the flags)'],
    [['--data', 'spiral', '--data', 'seed2class'], '--data "spiral" and "seed2class": expected it once'],
  ];
  for (const [args, line] of cases) it(args.join(' '), () => refuses('train', args, line));
});
