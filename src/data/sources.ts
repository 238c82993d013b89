// What `--data` names, as a training set and, where there is one, a test set:
// the built-in sets, the built-in digits (split seeded, disjoint, stratified),
// a directory of MNIST IDX files (its t10k pair is the test set), or a CSV /
// JSON file (optionally cut in two by --test-split).

import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { OptionError } from '../util/option-error.ts';
import type { Dataset } from './dataset.ts';
import { type ImageSet, readMnistDir } from './idx.ts';
import { imagesToDataset } from './images.ts';
import { BUILT_IN_DATA, loadData } from './load.ts';
import { builtinDigits } from './mnist.ts';
import { splitDataset, stratifiedSplit } from './split.ts';

export interface SourceOptions {
  /** Spiral points. */
  samples: number;
  seed: string;
  /** Digits: training and test images (0: the defaults below). */
  trainSize: number;
  testSize: number;
  /** CSV / JSON: the share held out for testing (0: none). */
  testSplit: number;
  /** Digits: one-vs-rest, "is it this digit?". */
  digit?: number;
}

export interface Source {
  train: Dataset;
  test?: Dataset;
}

/** Built-in digits held out for testing unless --test-size says otherwise. */
export const MNIST_TEST_SIZE = 1000;

export function loadSource(spec: string, o: SourceOptions): Source {
  const isDir = spec !== 'mnist' && statSync(spec, { throwIfNoEntry: false })?.isDirectory();
  if (spec === 'mnist' || isDir) return digits(spec, o, isDir === true);
  for (const option of ['trainSize', 'testSize', 'digit'] as const) {
    const value = o[option];
    if (value !== undefined && value !== 0)
      throw new OptionError(option, value, 'applies to digits: mnist or an IDX directory');
  }
  const data = loadData(spec, o);
  return o.testSplit > 0 ? splitDataset(data, o.testSplit, o.seed) : { train: data };
}

function digits(spec: string, o: SourceOptions, isDir: boolean): Source {
  if (o.testSplit > 0)
    throw new OptionError('testSplit', o.testSplit, 'applies to data sets other than digits; digits have --test-size');
  const images = { name: isDir ? basename(spec) : 'mnist', digit: o.digit };
  if (!isDir) {
    const set = builtinDigits();
    const testSize = o.testSize || MNIST_TEST_SIZE;
    if (testSize >= set.count) {
      throw new OptionError('testSize', testSize, `expected at most ${set.count - 1}: ${set.count} built-in digits`);
    }
    const split = stratifiedSplit(set.labels, o.trainSize || set.count - testSize, testSize, o.seed);
    return {
      train: imagesToDataset(set, split.train, images),
      test: imagesToDataset(set, split.test, { ...images, name: `${images.name} test` }),
    };
  }
  const { train, test } = readMnistDir(spec);
  return {
    train: imagesToDataset(train, pick(train, o.trainSize, o.seed, 'trainSize'), images),
    test: imagesToDataset(test, pick(test, o.testSize, o.seed, 'testSize'), { ...images, name: `${images.name} t10k` }),
  };
}

/** All images (size 0), or a seeded stratified choice of `size` of them. */
function pick(set: ImageSet, size: number, seed: string, option: string): Uint32Array | undefined {
  if (size === 0) return undefined;
  if (size > set.count) throw new OptionError(option, size, `expected at most ${set.count}, the images there`);
  return stratifiedSplit(set.labels, size, 0, JSON.stringify([seed, option])).train;
}

export { BUILT_IN_DATA };
