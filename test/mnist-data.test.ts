import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetFromArrays } from '../src/data/dataset.ts';
import type { ImageSet } from '../src/data/idx.ts';
import { imagesToDataset } from '../src/data/images.ts';
import { builtinDigits, digitsCachePaths, digitsFromPackage, digitsPackage } from '../src/data/mnist.ts';
import { OptionError } from '../src/util/option-error.ts';

const cacheDir = mkdtempSync(join(tmpdir(), 'digits-cache-'));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

describe('built-in digits', () => {
  // Converting the JSON takes most of a second: once for the whole group.
  let fresh: ImageSet;
  beforeAll(() => {
    fresh = digitsFromPackage();
  });

  it('holds 10,000 images of 28×28', () => {
    expect([fresh.count, fresh.rows, fresh.cols, fresh.images.length]).toEqual([10_000, 28, 28, 7_840_000]);
  });

  it('holds between 800 and 1,200 images of every digit, in digit order', () => {
    const counts = Array.from({ length: 10 }, (_, d) => fresh.labels.filter((l) => l === d).length);
    for (const c of counts) expect(c).toBeGreaterThan(800);
    for (const c of counts) expect(c).toBeLessThan(1200);
    expect([...fresh.labels].every((l, i) => i === 0 || l >= fresh.labels[i - 1])).toBe(true);
  });

  it('gives back the package values exactly as byte / 255 to 3 decimals', () => {
    const { dir } = digitsPackage();
    const three: number[] = JSON.parse(readFileSync(join(dir, 'src', 'digits', '3.json'), 'utf8')).data;
    const first3 = fresh.labels.indexOf(3) * 784;
    const bytes = fresh.images.subarray(first3, first3 + three.length);
    expect(bytes.length).toBe(three.length);
    // A loop, not toEqual: comparing 800,000 numbers element by element in the matcher takes seconds.
    const differing = three.filter((v, k) => Math.round((bytes[k] / 255) * 1000) / 1000 !== v);
    expect(differing).toEqual([]);
  });

  it('uses the whole byte range: background 0 and full ink 255', () => {
    expect(Math.min(...fresh.images.subarray(0, 784))).toBe(0);
    expect(fresh.images.some((b) => b === 255)).toBe(true);
  });

  it('writes a cache that reads back byte for byte', () => {
    const cached = builtinDigits({ cacheDir });
    expect(Buffer.from(builtinDigits({ cacheDir }).images).equals(Buffer.from(fresh.images))).toBe(true);
    expect([...cached.labels]).toEqual([...fresh.labels]);
  });

  it('rebuilds a corrupt cache instead of failing', () => {
    builtinDigits({ cacheDir });
    const [images] = digitsCachePaths(cacheDir);
    const damaged = readFileSync(images);
    damaged[damaged.length - 5] ^= 0xff; // inside gzip's CRC
    writeFileSync(images, damaged);
    expect(Buffer.from(builtinDigits({ cacheDir }).images).equals(Buffer.from(fresh.images))).toBe(true);
    expect(readFileSync(images).equals(damaged)).toBe(false);
  });
});

describe('images as a data set', () => {
  /** Two 2×2 images, labelled 3 and 7. */
  const set: ImageSet = {
    images: Uint8Array.from([0, 51, 255, 128, 1, 2, 3, 4]),
    labels: Uint8Array.from([3, 7]),
    count: 2,
    rows: 2,
    cols: 2,
  };

  it('makes each pixel Math.fround(byte / 255) and appends the bias 1 last', () => {
    const d = imagesToDataset(set, undefined, { name: 'tiny' });
    expect([d.n, d.inDim]).toEqual([2, 5]);
    expect(d.inputs).toBeInstanceOf(Float32Array);
    expect([...d.inputs.subarray(0, 5)]).toEqual([0, Math.fround(0.2), 1, Math.fround(128 / 255), 1]);
    expect(d.inputs[9]).toBe(1);
  });

  it('makes one-hot targets over 10 classes', () => {
    const d = imagesToDataset(set, undefined, { name: 'tiny' });
    expect([d.outDim, d.classes]).toEqual([10, 10]);
    expect([...d.targets.subarray(0, 10)]).toEqual([0, 0, 0, 1, 0, 0, 0, 0, 0, 0]);
    expect(d.targets.indexOf(1, 10)).toBe(17);
  });

  it('makes one 0/1 target for one digit against the rest', () => {
    const d = imagesToDataset(set, undefined, { name: 'tiny', digit: 7 });
    expect([d.outDim, d.classes, d.binary]).toEqual([1, 2, true]);
    expect([...d.targets]).toEqual([0, 1]);
  });

  it('takes the images at the given indices, in that order', () => {
    const d = imagesToDataset(set, [1, 1, 0], { name: 'picked' });
    expect(d.n).toBe(3);
    expect(d.inputs[0]).toBe(Math.fround(1 / 255));
    expect(d.inputs[10]).toBe(0);
  });

  it('keeps inputs and targets in shared memory', () => {
    const d = imagesToDataset(set, undefined, { name: 'tiny' });
    expect(d.inputs.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(d.targets.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  it('rejects a digit outside 0..9, naming the option', () => {
    expect(() => imagesToDataset(set, undefined, { name: 'tiny', digit: 10 })).toThrow(
      new OptionError('digit', 10, 'expected an integer 0..9'),
    );
  });

  it('rejects an index beyond the images', () => {
    expect(() => imagesToDataset(set, [2], { name: 'tiny' })).toThrow('data tiny: sample index 2, expected 0..1');
  });
});

describe('a data set from typed arrays', () => {
  it('takes arrays already in shared memory without copying them', () => {
    const inputs = new Float32Array(new SharedArrayBuffer(8));
    const targets = new Float64Array(new SharedArrayBuffer(8));
    const d = datasetFromArrays('s', inputs, targets, 2, 1, 0);
    expect(d.inputs).toBe(inputs);
    expect(d.targets).toBe(targets);
  });

  it('copies other arrays into shared memory', () => {
    const d = datasetFromArrays('c', Float64Array.of(2, 1), Float64Array.of(1), 2, 1, 2);
    expect(d.inputs.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect([...d.inputs, d.n, d.classes]).toEqual([2, 1, 1, 2]);
  });

  it('rejects a classes count the targets do not hold', () => {
    expect(() => datasetFromArrays('k', Float64Array.of(1, 1), Float64Array.of(1, 1, 0, 0, 0, 1), 1, 3, 3)).toThrow(
      'data k: targets are not 3 classes over 3 outputs',
    );
  });

  it('rejects targets that do not match the number of samples', () => {
    expect(() => datasetFromArrays('m', Float64Array.of(1, 1), Float64Array.of(1), 1, 1, 0)).toThrow(
      'data m: 1 targets, expected 2 samples × 1',
    );
  });
});
