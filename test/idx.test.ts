import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import {
  IMAGES_MAGIC,
  type ImageSet,
  idxBytes,
  LABELS_MAGIC,
  parseIdx,
  readImageSet,
  readMnistDir,
  writeImageSet,
  writeMnistDir,
} from '../src/data/idx.ts';

const dir = mkdtempSync(join(tmpdir(), 'idx-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Three 2×3 images whose pixel p of image i is 10·i + p, labelled 7, 0, 9. */
const tiny: ImageSet = {
  images: Uint8Array.from({ length: 18 }, (_, k) => 10 * Math.floor(k / 6) + (k % 6)),
  labels: Uint8Array.from([7, 0, 9]),
  count: 3,
  rows: 2,
  cols: 3,
};

/** Writes raw bytes as a file in the test directory and returns its path. */
function file(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

const labelsPath = () => file('l-idx1-ubyte', idxBytes(LABELS_MAGIC, [3], tiny.labels));

describe('IDX files', () => {
  it('writes the big-endian header: magic 2051, count, rows, cols, then the pixels', () => {
    const bytes = idxBytes(IMAGES_MAGIC, [3, 2, 3], tiny.images);
    expect([...bytes.subarray(0, 16)]).toEqual([0, 0, 8, 3, 0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0, 3]);
    expect([...bytes.subarray(16)]).toEqual([...tiny.images]);
  });

  it('reads back plain files byte for byte', () => {
    writeImageSet(join(dir, 'p-images'), join(dir, 'p-labels'), tiny);
    const set = readImageSet(join(dir, 'p-images'), join(dir, 'p-labels'));
    expect([set.count, set.rows, set.cols]).toEqual([3, 2, 3]);
    expect([...set.images]).toEqual([...tiny.images]);
    expect([...set.labels]).toEqual([7, 0, 9]);
  });

  it('reads back gzipped files byte for byte', () => {
    writeImageSet(join(dir, 'g-images.gz'), join(dir, 'g-labels.gz'), tiny);
    const set = readImageSet(join(dir, 'g-images.gz'), join(dir, 'g-labels.gz'));
    expect([...set.images]).toEqual([...tiny.images]);
    expect([...set.labels]).toEqual([7, 0, 9]);
  });

  it('recognises gzip by its magic bytes, not by the file name', () => {
    const images = file('zipped-but-plain-name', gzipSync(idxBytes(IMAGES_MAGIC, [3, 2, 3], tiny.images)));
    expect([...readImageSet(images, labelsPath()).images]).toEqual([...tiny.images]);
  });

  it('rejects a labels file given as images, naming the file and both magic numbers', () => {
    const images = file('train-images-idx3-ubyte.gz', gzipSync(idxBytes(LABELS_MAGIC, [3], tiny.labels)));
    expect(() => readImageSet(images, labelsPath())).toThrow(
      'train-images-idx3-ubyte.gz: magic 2049, expected 2051 (images)',
    );
  });

  it('rejects a truncated file, with the sizes it expected', () => {
    const images = file('short', idxBytes(IMAGES_MAGIC, [3, 2, 3], tiny.images.subarray(0, 17)));
    expect(() => readImageSet(images, labelsPath())).toThrow(
      'short: 17 data bytes after the header, expected 3 × 2 × 3 = 18 (truncated)',
    );
  });

  it('rejects trailing bytes after the data', () => {
    const images = file('long', Buffer.concat([idxBytes(IMAGES_MAGIC, [3, 2, 3], tiny.images), Buffer.from([1, 2])]));
    expect(() => readImageSet(images, labelsPath())).toThrow('(2 trailing bytes)');
  });

  it('rejects a file shorter than its header', () => {
    expect(() => parseIdx(Uint8Array.from([0, 0, 8, 3, 0]), 'stub', 'images')).toThrow(
      'stub: 5 bytes, shorter than the 16-byte IDX header (images)',
    );
  });

  it('rejects a negative count', () => {
    expect(() => parseIdx(idxBytes(LABELS_MAGIC, [-1], new Uint8Array()), 'neg', 'labels')).toThrow(
      'neg: count -1, expected >= 0',
    );
  });

  it('rejects a labels file whose count differs from the images', () => {
    const images = file('i3', idxBytes(IMAGES_MAGIC, [3, 2, 3], tiny.images));
    const labels = file('l2', idxBytes(LABELS_MAGIC, [2], tiny.labels.subarray(0, 2)));
    expect(() => readImageSet(images, labels)).toThrow('l2: 2 labels, expected 3 as i3 has images');
  });

  it('rejects a label of 10 or more, naming the item', () => {
    const images = file('i3', idxBytes(IMAGES_MAGIC, [3, 2, 3], tiny.images));
    const labels = file('l12', idxBytes(LABELS_MAGIC, [3], Uint8Array.from([1, 12, 3])));
    expect(() => readImageSet(images, labels)).toThrow('l12: label 12 at item 1, expected 0..9');
  });

  it('rejects corrupt gzip data', () => {
    const zipped = gzipSync(idxBytes(IMAGES_MAGIC, [3, 2, 3], tiny.images));
    const images = file('cut.gz', zipped.subarray(0, zipped.length - 6));
    expect(() => readImageSet(images, labelsPath())).toThrow(/^cut\.gz: corrupt gzip data \(.+\)$/);
  });

  it('names a file that cannot be read', () => {
    expect(() => readImageSet(join(dir, 'absent'), labelsPath())).toThrow('absent: cannot read the file (ENOENT)');
  });
});

describe('an MNIST directory', () => {
  const test: ImageSet = { ...tiny, count: 1, images: tiny.images.subarray(6, 12), labels: tiny.labels.subarray(1, 2) };

  it('reads the four standard files, plain or gzipped', () => {
    for (const gzip of [false, true]) {
      const mnist = join(dir, `mnist-${gzip}`);
      writeMnistDir(mnist, { train: tiny, test }, gzip);
      const sets = readMnistDir(mnist);
      expect([...sets.train.labels, ...sets.test.labels]).toEqual([7, 0, 9, 0]);
      expect([...sets.test.images]).toEqual([10, 11, 12, 13, 14, 15]);
    }
  });

  it('names the directory, the missing files and the four it expects', () => {
    const empty = mkdtempSync(join(dir, 'empty-'));
    expect(() => readMnistDir(empty)).toThrow(
      `${empty}: no train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, ` +
        't10k-labels-idx1-ubyte (or .gz); expected the four MNIST files train-images-idx3-ubyte, ' +
        'train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte, each plain or .gz',
    );
  });

  it('rejects test images of another size than the training images', () => {
    const mixed = join(dir, 'mixed');
    writeMnistDir(mixed, { train: tiny, test: { ...test, rows: 3, cols: 2 } });
    expect(() => readMnistDir(mixed)).toThrow('t10k-images-idx3-ubyte: 3×2 images, expected 2×3 as the training set');
  });
});
