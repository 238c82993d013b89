// What --data names, as training and test sets.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ImageSet, writeMnistDir } from '../src/data/idx.ts';
import { builtinDigits } from '../src/data/mnist.ts';
import { loadSource, MNIST_TEST_SIZE } from '../src/data/sources.ts';
import { sampleClasses } from '../src/data/split.ts';
import { train } from '../src/train/trainer.ts';

function classShares(labels: Uint8Array): number[] {
  const counts = new Array(10).fill(0);
  for (const l of labels) counts[l]++;
  return counts.map((n) => n / labels.length);
}

const base = { samples: 100, seed: '1', trainSize: 0, testSize: 0, testSplit: 0 };
const dir = mkdtempSync(join(tmpdir(), 'np-src-'));

/** n tiny 2×2 images whose first pixel encodes the label. */
function images(n: number): ImageSet {
  const labels = Uint8Array.from({ length: n }, (_, i) => i % 10);
  const imgs = new Uint8Array(n * 4);
  labels.forEach((l, i) => {
    imgs[i * 4] = l * 25;
    imgs[i * 4 + 3] = 255;
  });
  return { images: imgs, labels, count: n, rows: 2, cols: 2 };
}

describe('loadSource', () => {
  it('names every kind of data it reads when given none of them (MNIST in capitals)', () => {
    const o = { samples: 10, seed: '1', trainSize: 0, testSize: 0, testSplit: 0 };
    expect(() => loadSource('MNIST', o)).toThrow(
      'data "MNIST": expected seed2class, spiral, mnist, an IDX directory, or a .csv, .tsv or .json file',
    );
  });

  it('splits the built-in digits into disjoint stratified training and test sets', () => {
    const { train: tr, test } = loadSource('mnist', { ...base, trainSize: 500, testSize: 200 });
    expect([tr.n, test?.n, tr.inDim, tr.outDim, tr.classes]).toEqual([500, 200, 785, 10, 10]);
    // Each class in proportion to its share of the 10,000, within the one sample of rounding.
    const share = classShares(builtinDigits().labels);
    const counts = new Array(10).fill(0);
    for (const c of sampleClasses(test as typeof tr) ?? []) counts[c]++;
    counts.forEach((n, c) => {
      expect(Math.abs(n - 200 * share[c])).toBeLessThan(1);
    });
  });

  it('holds out 1,000 built-in digits by default', () => {
    const { train: tr, test } = loadSource('mnist', base);
    expect([tr.n, test?.n]).toEqual([10_000 - MNIST_TEST_SIZE, MNIST_TEST_SIZE]);
  });

  it('reads a directory of IDX files, its t10k pair as the test set, with chosen sizes', () => {
    const d = join(dir, 'idx');
    writeMnistDir(d, { train: images(60), test: images(30) }, true);
    const all = loadSource(d, base);
    expect([all.train.n, all.test?.n, all.train.inDim]).toEqual([60, 30, 5]);
    const some = loadSource(d, { ...base, trainSize: 20, testSize: 10 });
    expect([some.train.n, some.test?.n]).toEqual([20, 10]);
  });

  it('turns digits into one-vs-rest data with digit', () => {
    const { train: tr } = loadSource('mnist', { ...base, trainSize: 100, testSize: 10, digit: 8 });
    expect([tr.outDim, tr.classes]).toEqual([1, 2]);
    const eights = [...tr.targets].filter((t) => t === 1).length;
    expect(Math.abs(eights - 100 * classShares(builtinDigits().labels)[8])).toBeLessThan(1);
  });

  it('holds out a share of a CSV file with testSplit', () => {
    const csv = join(dir, 'p.csv');
    writeFileSync(csv, Array.from({ length: 40 }, (_, i) => `${i},${i % 3},${i % 2}`).join('\n'));
    const { train: tr, test } = loadSource(csv, { ...base, testSplit: 0.25 });
    expect([tr.n, test?.n]).toEqual([30, 10]);
  });

  it('names --test-size when it asks for all the built-in digits', () => {
    expect(() => loadSource('mnist', { ...base, testSize: 10_000 })).toThrow('testSize 10000: expected at most 9999');
  });

  it('refuses digit options for other data, naming the option', () => {
    expect(() => loadSource('seed2class', { ...base, trainSize: 10 })).toThrow('trainSize 10: applies to digits');
    expect(() => loadSource('mnist', { ...base, testSplit: 0.2 })).toThrow(
      'testSplit 0.2: applies to data sets other than digits',
    );
  });
});

describe('training to a target accuracy', () => {
  it('stops once the test accuracy reaches it and returns the weights that did', async () => {
    const r = await train({
      data: 'mnist',
      trainSize: 2000,
      testSize: 300,
      hidden: [16],
      targetAccuracy: 0.6,
      threads: 0,
    });
    expect(r.stopReason).toBe('target-accuracy');
    const { score } = await import('../src/nn/metrics.ts');
    expect(score(r.net, r.params, r.test ?? r.data, r.output).accuracy).toBeGreaterThanOrEqual(0.6);
  });
});

describe('library data options', () => {
  it('refuses a test set that does not fit the data, and split options for a given Dataset', async () => {
    const { makeDataset } = await import('../src/data/dataset.ts');
    const data = makeDataset('d', [[1, 2, 1]], [[1]]);
    const test = makeDataset('t', [[1, 1]], [[1]]);
    await expect(train({ data, test, threads: 0 })).rejects.toThrow(
      'test "t": has 2 inputs, 1 outputs, expected 3 inputs',
    );
    await expect(train({ data, testSplit: 0.5, threads: 0 })).rejects.toThrow(
      'testSplit 0.5: applies to data named by --data',
    );
  });

  it('sets no accuracy target for one digit against the rest', async () => {
    const r = await train({ data: 'mnist', trainSize: 200, testSize: 50, digit: 8, maxIters: 1, threads: 0 });
    expect([r.options.targetAccuracy, r.output.name]).toEqual([0, 'bce']);
  });
});
