// What `--data` names, as a training set and, where there is one, a test set:
// the built-in sets, the built-in digits (split seeded, disjoint, stratified),
// a directory of MNIST IDX files (its t10k pair is the test set), or a CSV /
// JSON file (optionally cut in two by --test-split), and then, for any of
// them, a validation part held out of the training part, and the scaling
// fitted on what is left for training and applied to every part.

import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { OptionError } from '../util/option-error.ts';
import type { Dataset } from './dataset.ts';
import type { LabelColumn, TableOptions } from './encode-table.ts';
import { applyScaling, type Encoding, fitScaling, plainEncoding, type ScaleName } from './encoding.ts';
import { type ImageSet, readMnistDir } from './idx.ts';
import { imagesToDataset } from './images.ts';
import { BUILT_IN_DATA, loadEncoded } from './load.ts';
import { droppedNote } from './missing-rows.ts';
import { builtinDigits } from './mnist.ts';
import { splitDataset, stratifiedSplit } from './split.ts';

export interface SourceOptions extends TableOptions {
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
  /** The share of the training part held out for validation (0: none; auto: VALIDATION_SPLIT of enough rows). */
  validationSplit?: number | 'auto';
  /** Scaling fitted on the training part (none: the numbers as read). */
  scale?: ScaleName;
  /** A model's encoding, applied as it is: its columns, categories, classes and scaling. */
  encoding?: Encoding;
}

/** The share of a user's training rows held out for validation by default... */
export const VALIDATION_SPLIT = 0.15;
/** ...where there are this many rows: fewer would leave a validation part too small to choose by. */
export const VALIDATION_MIN_ROWS = 40;
/** ...and at most this many: its loss is measured at every report, and 10,000 rows already tell. */
export const VALIDATION_MAX_ROWS = 10_000;

export interface Source {
  train: Dataset;
  validation?: Dataset;
  test?: Dataset;
  /** How the file's columns became these numbers: what a model keeps to read files like it. */
  encoding: Encoding;
  /** What the user should know: rows dropped, constant columns left unscaled. */
  notes: string[];
  /** false: a file without the model's label column (rows to predict): its targets are 0. */
  labelled?: boolean;
  /** A table's label column and how it was picked. */
  label?: LabelColumn;
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
  const { data, encoding, dropped, missingBy, labelled, notes, label } = loadEncoded(spec, o);
  const parts = o.testSplit > 0 ? splitDataset(data, o.testSplit, o.seed, 'test', true) : { train: data };
  const source = finishSource(parts, o.encoding ?? encoding, o, true);
  if (dropped > 0) source.notes.unshift(droppedNote(data.name, dropped, data.n + dropped, missingBy ?? []));
  source.notes.unshift(...notes);
  if (label) source.label = label;
  return labelled ? source : { ...source, labelled };
}

/**
 * The validation part held out of the training part (seeded, stratified),
 * then the scaling: fitted on what is left for training, unless a model's
 * encoding brings its own, and applied to every part.
 */
export function finishSource(
  parts: { train: Dataset; test?: Dataset },
  encoding: Encoding,
  o: Pick<SourceOptions, 'validationSplit' | 'scale' | 'encoding' | 'seed'>,
  owned = false,
): Source {
  let { train } = parts;
  let validation: Dataset | undefined;
  const split = o.validationSplit === 'auto' ? autoValidation(train.n) : (o.validationSplit ?? 0);
  if (split > 0) {
    const held = renamed('validationSplit', () =>
      splitDataset(train, split, JSON.stringify([o.seed, 'validation']), 'validation', owned || train !== parts.train),
    );
    train = held.train;
    validation = held.test;
  }
  const notes: string[] = [];
  let enc = encoding;
  if (!o.encoding) {
    const fitted = fitScaling(train, encoding, o.scale ?? 'none');
    enc = fitted.enc;
    const constant = fitted.constant;
    if (constant.length > 0) {
      const named = constant.slice(0, 5).map((c) => JSON.stringify(c));
      const more = constant.length > 5 ? ` and ${constant.length - 5} more columns` : '';
      notes.push(
        `data ${train.name}: ${named.join(', ')}${more} ${constant.length === 1 ? 'is' : 'are'} ` +
          'the same in every training row: centred to 0, not scaled',
      );
    }
  }
  // Parts cut out by a split are copies of our own; data as loaded is ours when the caller says so.
  const scaled = (d: Dataset | undefined, own: boolean) => (d ? applyScaling(d, enc, own) : undefined);
  return {
    train: scaled(train, owned || train !== parts.train) as Dataset,
    validation: scaled(validation, true),
    test: scaled(parts.test, owned),
    encoding: enc,
    notes,
  };
}

/** 'auto': VALIDATION_SPLIT of the training rows, none of a small file, at most VALIDATION_MAX_ROWS of a large one. */
export function autoValidation(rows: number): number {
  if (rows < VALIDATION_MIN_ROWS) return 0;
  return Math.min(VALIDATION_SPLIT, Number((VALIDATION_MAX_ROWS / rows).toPrecision(2)));
}

/** A split's error said of the option that asked for it. */
function renamed<T>(option: string, f: () => T): T {
  try {
    return f();
  } catch (err) {
    if (err instanceof OptionError) throw new OptionError(option, err.value, err.problem);
    throw err;
  }
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
    const train = imagesToDataset(set, split.train, images);
    const test = imagesToDataset(set, split.test, { ...images, name: `${images.name} test` });
    return finishSource({ train, test }, plainEncoding(train.inDim), o);
  }
  const sets = readMnistDir(spec);
  const train = imagesToDataset(sets.train, pick(sets.train, o.trainSize, o.seed, 'trainSize'), images);
  const test = imagesToDataset(sets.test, pick(sets.test, o.testSize, o.seed, 'testSize'), {
    ...images,
    name: `${images.name} t10k`,
  });
  return finishSource({ train, test }, plainEncoding(train.inDim), o);
}

/** All images (size 0), or a seeded stratified choice of `size` of them. */
function pick(set: ImageSet, size: number, seed: string, option: string): Uint32Array | undefined {
  if (size === 0) return undefined;
  if (size > set.count) throw new OptionError(option, size, `expected at most ${set.count}, the images there`);
  return stratifiedSplit(set.labels, size, 0, JSON.stringify([seed, option])).train;
}

export { BUILT_IN_DATA };
