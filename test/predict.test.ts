import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Model, saveModel } from '../src/model/model-file.ts';
import { forwardLogits, makeNet, makeScratch, randomParams, weightIndex } from '../src/nn/network.ts';
import { outputs } from '../src/nn/output.ts';
import { stream } from '../src/util/rng.ts';

const dir = mkdtempSync(join(tmpdir(), 'np-predict-'));

function predictCli(...args: string[]) {
  const r = spawnSync(process.execPath, ['dist/predict.js', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.trim() };
}

function write(name: string, m: Model): string {
  const path = join(dir, name);
  saveModel(path, m);
  return path;
}

/** Random weights around 0, so that the points below fall in different classes. */
const around0 = (n: ReturnType<typeof makeNet>, seed: string) =>
  randomParams(n, stream(seed, 'init')).map((w) => 4 * (w - 0.5));
// Two features, six logistic hidden units, one logistic output: the built-in set's net.
const net = makeNet([3, 6, 1]);
const binary: Model = { net, params: around0(net, 's'), loss: 'bce', meta: {} };
const binaryPath = write('binary.json', binary);
// Softmax over 3 classes, with tanh hidden units and weights around 0 so that every class comes up.
const net3 = makeNet([3, 4, 3], 'tanh');
const params3 = around0(net3, 'p3');
const softmaxPath = write('softmax.json', { net: net3, params: params3, loss: 'ce', meta: {} });

/** The model's own forward pass and the output layer's prediction: the oracle. */
function expected(n: typeof net, params: Float64Array, loss: 'bce' | 'ce', features: number[]) {
  const logits = forwardLogits(n, params, Float64Array.from([...features, 1]), 0, makeScratch(n));
  const y = Float64Array.from(logits);
  outputs[loss].activate(y);
  return { class: outputs[loss].predict(logits), outputs: [...y] };
}

describe('predict for features on the command line', () => {
  const points = [
    [3, 7],
    [0, 0],
    [-1.5, 2],
    [9, 1],
  ];

  it("gives the class and outputs of the model's forward pass and its output layer's predict", () => {
    const classes = new Set<number>();
    for (const f of points) {
      const r = predictCli('--model', binaryPath, '--json', ...f.map(String));
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).samples).toEqual([{ features: f, ...expected(net, binary.params, 'bce', f) }]);
      classes.add(JSON.parse(r.stdout).samples[0].class);
    }
    expect(classes).toEqual(new Set([0, 1])); // the oracle is not one constant answer
  });

  it('gives the argmax class of a softmax model', () => {
    const classes = new Set<number>();
    for (const f of [...points, [5, -5], [-5, 5], [2, 2]]) {
      const got = JSON.parse(predictCli('--model', softmaxPath, '--json', ...f.map(String)).stdout).samples[0];
      const want = expected(net3, params3, 'ce', f);
      expect(got.class).toBe(want.class);
      expect(got.outputs).toEqual(want.outputs);
      classes.add(got.class);
    }
    expect(classes.size).toBeGreaterThan(1); // the oracle is not one constant answer
  });

  it('prints the features, the class and the output as text', () => {
    const r = predictCli('--model', binaryPath, '3', '7');
    const { class: c, outputs: y } = expected(net, binary.params, 'bce', [3, 7]);
    expect(r.stdout.trim().split('\n')).toEqual([
      `model ${binaryPath}: net [3,6,1] logistic/bce`,
      'features  class  output',
      `     3 7  ${String(c).padStart(5)}  ${y[0].toFixed(6)}`,
    ]);
  });
});

describe('predict --data', () => {
  // z = x1 − x2 (no hidden layer, bias weight 0): class 1 exactly where x1 > x2.
  const line = makeNet([3, 1]);
  const lineParams = new Float64Array(3);
  lineParams[weightIndex(line, 0, 0, 0)] = 1;
  lineParams[weightIndex(line, 0, 1, 0)] = -1;
  const linePath = write('line.json', { net: line, params: lineParams, loss: 'bce', meta: {} });
  // By hand: rows 1, 2, 4 and 5 are right (2 > 1: 1; 1 < 2: 0; 0 < 5: 0; 5 > 0: 1), row 3 is wrong (3 > 1 but 0).
  const csv = join(dir, 'points.csv');
  writeFileSync(csv, 'x1,x2,label\n2,1,1\n1,2,0\n3,1,0\n0,5,0\n5,0,1\n');

  it('gives the accuracy on a labelled CSV that a hand count gives', () => {
    const r = predictCli('--model', linePath, '--data', csv, '--json');
    const doc = JSON.parse(r.stdout);
    expect(doc.samples.map((s: { class: number; label: number }) => [s.class, s.label])).toEqual([
      [1, 1],
      [0, 0],
      [1, 0],
      [0, 0],
      [1, 1],
    ]);
    expect([doc.right, doc.accuracy]).toEqual([4, 0.8]);
  });

  it("keeps in --json both the model's loss function and the loss on the data", () => {
    const doc = JSON.parse(predictCli('--model', linePath, '--data', csv, '--json').stdout);
    expect(doc.lossName).toBe('bce');
    expect(typeof doc.loss).toBe('number');
  });

  it('prints one row per sample, then the loss and the accuracy', () => {
    const lines = predictCli('--model', linePath, '--data', csv).stdout.trim().split('\n');
    expect(lines[0]).toBe(`model ${linePath}: net [3,1] logistic/bce; data points.csv, 5 samples`);
    expect(lines[1]).toBe('line  features  class  label  output');
    expect(lines[4]).toBe(`   4       3 1      1      0  ${(1 / (1 + Math.exp(-2))).toFixed(6)}`);
    expect(lines.at(-1)).toBe('accuracy: 80.0% (4 of 5 right)');
  });

  it('predicts the 1,000 held-out test digits of mnist, not the training digits', () => {
    const digits = makeNet([785, 10]);
    const path = write('digits.json', { net: digits, params: new Float64Array(7850), loss: 'ce', meta: { seed: '1' } });
    const doc = JSON.parse(predictCli('--model', path, '--data', 'mnist', '--json').stdout);
    // All logits 0: every output 1/10, and argmax picks class 0, right for the zeros among 1,000 test digits.
    expect([doc.data, doc.samples.length, doc.samples[0].outputs[3]]).toEqual(['mnist test', 1000, 0.1]);
    const zeros = doc.samples.filter((s: { label: number }) => s.label === 0).length;
    expect(doc.right).toBe(zeros);
  });
});

describe('predict and bad input', () => {
  const cases: [string, string[], string][] = [
    [
      'a missing model file',
      ['--model', join(dir, 'none.json'), '3', '7'],
      `--model "${join(dir, 'none.json')}": cannot read the file (ENOENT)`,
    ],
    [
      'too many features',
      ['--model', binaryPath, '3', '7', '1'],
      `features "3 7 1": 3 values, expected 2, the features of ${binaryPath} (its bias input is added)`,
    ],
    ['a feature that is not a number', ['--model', binaryPath, '3', 'x7'], 'feature 2 "x7": expected a finite number'],
    [
      'data that does not fit the model',
      ['--model', binaryPath, '--data', 'mnist'],
      `--data "mnist": has 784 features and 10 outputs, expected 2 features and 1 output as ${binaryPath} (nodes [3,6,1])`,
    ],
    [
      'no input at all',
      ['--model', binaryPath],
      `no input: expected 2 features (e.g. predict --model ${binaryPath} 3 7) or --data`,
    ],
    [
      'a flag given twice',
      ['--model', 'a.json', '--model', 'b.json'],
      '--model "a.json" and "b.json": expected it once',
    ],
    ['--model without its value', ['--model'], '--model: expected a value after it'],
    ['an unknown flag', ['--frobnicate', '3'], '--frobnicate: expected a flag of predict (see --help)'],
    ['a misspelt flag', ['--digits', '3'], '--digits: expected a flag of predict, such as --digit (see --help)'],
    ['a switch given a word', ['--json=yes'], '--json "yes": expected true or false, or the flag alone'],
    ['--samples not a whole number', ['--samples', '2.5'], '--samples 2.5: expected a whole number >= 0'],
  ];
  for (const [what, args, message] of cases) {
    it(`names ${what} in one line on stderr, exits 2 and prints nothing else`, () => {
      const r = predictCli(...args);
      expect([r.code, r.stderr, r.stdout]).toEqual([2, `predict: ${message}`, '']);
    });
  }
});
