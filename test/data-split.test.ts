import { describe, expect, it } from 'vitest';
import { parseCsv } from '../src/data/load.ts';
import {
  fractionSplit,
  largestRemainder,
  randomSplit,
  sampleClasses,
  splitDataset,
  stratifiedSplit,
} from '../src/data/split.ts';
import { OptionError } from '../src/util/option-error.ts';

/** 60 samples of class 0, 30 of class 1, 10 of class 2, interleaved. */
const labels = Uint8Array.from({ length: 100 }, (_, s) => (s % 10 === 9 ? 2 : s % 3 === 0 ? 1 : 0));
const count = (idx: ArrayLike<number>, c: number) => Array.from(idx).filter((s) => labels[s] === c).length;

describe('largest remainder', () => {
  it('gives each share the floor of its quota and the rest to the largest remainders', () => {
    expect(largestRemainder(7, [60, 30, 10])).toEqual([4, 2, 1]); // quotas 4.2, 2.1, 0.7
  });

  it('breaks a tie between equal remainders towards the lower index', () => {
    expect(largestRemainder(15, [60, 30, 10])).toEqual([9, 5, 1]); // quotas 9, 4.5, 1.5
  });

  it('passes over a share at its cap', () => {
    expect(largestRemainder(1, [1, 1], [0, 2])).toEqual([0, 1]);
  });
});

describe('a stratified split', () => {
  it('holds each class in proportion, by largest remainder, in both sets', () => {
    expect(labels.filter((c) => c === 0).length).toBe(60);
    const { train, test } = stratifiedSplit(labels, 15, 7, 1);
    expect([0, 1, 2].map((c) => count(train, c))).toEqual([9, 5, 1]);
    expect([0, 1, 2].map((c) => count(test, c))).toEqual([4, 2, 1]);
  });

  it('never puts a sample in both sets or twice in one', () => {
    const { train, test } = stratifiedSplit(labels, 50, 40, 3);
    expect(new Set([...train, ...test]).size).toBe(90);
    for (const s of [...train, ...test]) expect(s).toBeLessThan(100);
  });

  it('uses every sample when the sizes add up to all of them', () => {
    const { train, test } = stratifiedSplit(labels, 63, 37, 5);
    expect([...train, ...test].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, s) => s));
  });

  it('does not give one class to both sets when both round it up', () => {
    expect(stratifiedSplit([0, 1], 1, 1, 1)).toEqual({ train: Uint32Array.of(0), test: Uint32Array.of(1) });
  });

  it('gives the same split for the same seed', () => {
    expect(stratifiedSplit(labels, 30, 20, 'a')).toEqual(stratifiedSplit(labels, 30, 20, 'a'));
  });

  it('gives another split for another seed', () => {
    expect(stratifiedSplit(labels, 30, 20, 'a').train).not.toEqual(stratifiedSplit(labels, 30, 20, 'b').train);
  });

  it('shuffles the order rather than grouping the samples by class', () => {
    const { train } = stratifiedSplit(labels, 30, 0, 2);
    const classes = Array.from(train, (s) => labels[s]);
    expect(classes).not.toEqual([...classes].sort());
  });

  it('rejects a training size beyond the samples, naming trainSize', () => {
    expect(() => stratifiedSplit(labels, 101, 0, 1)).toThrow(
      new OptionError('trainSize', 101, 'expected at most 100, the samples available'),
    );
  });

  it('rejects sizes that add up to more than the samples, naming testSize', () => {
    expect(() => stratifiedSplit(labels, 90, 11, 1)).toThrow(
      'testSize 11: expected at most 10: 100 samples, 90 for training',
    );
  });

  it('rejects a training size that is not a positive integer', () => {
    expect(() => stratifiedSplit(labels, 2.5, 0, 1)).toThrow('trainSize 2.5: expected an integer >= 1');
  });
});

describe('a split by fraction', () => {
  it('takes the rounded fraction for testing and the rest for training, disjoint', () => {
    const { train, test } = fractionSplit(10, 0.25, 1);
    expect([train.length, test.length]).toEqual([7, 3]); // 2.5 rounds up
    expect(new Set([...train, ...test]).size).toBe(10);
  });

  it('is stratified when labels are given', () => {
    const { test } = fractionSplit(100, 0.2, 1, labels);
    expect([0, 1, 2].map((c) => count(test, c))).toEqual([12, 6, 2]);
  });

  it('draws the same split from the same seed without labels', () => {
    expect(fractionSplit(50, 0.2, 9)).toEqual(fractionSplit(50, 0.2, 9));
    expect(fractionSplit(50, 0.2, 9)).toEqual(randomSplit(50, 40, 10, 9));
  });

  it('rejects a fraction outside (0, 1), naming testSplit', () => {
    expect(() => fractionSplit(10, 1, 1)).toThrow(new OptionError('testSplit', 1, 'expected a number > 0 and < 1'));
  });

  it('rejects a fraction that leaves no test sample', () => {
    expect(() => fractionSplit(4, 0.1, 1)).toThrow(
      'testSplit 0.1: leaves 4 training and 0 test samples of 4, expected at least 1 of each',
    );
  });
});

describe('splitting a data set', () => {
  const csv = Array.from({ length: 20 }, (_, s) => `${s},${s % 4 === 0 ? 2 : s % 2}`).join('\n');

  it('reads each sample class from one-hot targets', () => {
    const d = parseCsv('1,2\n2,0\n3,1\n', 'k.csv');
    expect([...(sampleClasses(d) ?? [])]).toEqual([2, 0, 1]);
  });

  it('keeps each sample row with its targets and the classes count', () => {
    const d = parseCsv(csv, 'k.csv');
    const { train, test } = splitDataset(d, 0.25, 1);
    expect([train.n, test.n, train.classes, test.classes]).toEqual([15, 5, 3, 3]);
    const classes = sampleClasses(test) ?? [];
    for (let r = 0; r < test.n; r++) {
      const x = test.inputs[r * 2];
      expect(classes[r]).toBe(x % 4 === 0 ? 2 : x % 2);
      expect(test.inputs[r * 2 + 1]).toBe(1);
    }
    expect(test.inputs.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  it('cuts in place into the very rows, in the very order, that copies would hold', () => {
    const copies = splitDataset(parseCsv(csv, 'k.csv'), 0.3, 7);
    const owned = parseCsv(csv, 'k.csv');
    const views = splitDataset(owned, 0.3, 7, 'test', true);
    for (const part of ['train', 'test'] as const) {
      expect([...views[part].inputs]).toEqual([...copies[part].inputs]);
      expect([...views[part].targets]).toEqual([...copies[part].targets]);
    }
    expect(views.test.inputs.buffer).toBe(owned.inputs.buffer);
  });

  it('splits regression data without classes', () => {
    const d = parseCsv('1,0.5\n2,1.5\n3,2.5\n4,3.5\n', 'r.csv');
    const { train, test } = splitDataset(d, 0.5, 1);
    expect([...train.targets, ...test.targets].sort()).toEqual([0.5, 1.5, 2.5, 3.5]);
  });
});
