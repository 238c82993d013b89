// MNIST's IDX files: a big-endian int32 header (magic 2051 for images, then
// count, rows, cols; magic 2049 for labels, then count) followed by one
// unsigned byte per pixel or label. Files may be gzipped; gzip is recognised
// by its magic bytes (1f 8b), whatever the name says. The bytes stay in the
// Buffer they were read into: a 60,000-image set is 47 MB, never an array
// of JS numbers. Every error is one line naming the file and the value.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { unreadable } from '../util/files.ts';

// zlib loads when a gzip file is met: as a static import it costs every start-up ~4 ms.
const zlib = (): typeof import('node:zlib') => createRequire(import.meta.url)('node:zlib');

/** Images as bytes, row-major, image after image, with their labels. */
export interface ImageSet {
  /** count × rows × cols pixels, 0 (background) to 255. */
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
  readonly count: number;
  readonly rows: number;
  readonly cols: number;
}

export const IMAGES_MAGIC = 2051;
export const LABELS_MAGIC = 2049;
/** MNIST and its look-alikes (Fashion-MNIST, KMNIST) have ten classes. */
export const LABEL_LIMIT = 10;

export const MNIST_FILES = {
  train: ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte'],
  test: ['t10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'],
} as const;

/** A file's bytes, unzipped if they start with the gzip magic. */
export function readMaybeGzip(path: string): Buffer {
  const name = basename(path);
  let raw: Buffer;
  try {
    raw = readFileSync(path);
  } catch (err) {
    throw new Error(`${name}: ${unreadable(path, err)}`);
  }
  if (raw.length < 2 || raw[0] !== 0x1f || raw[1] !== 0x8b) return raw;
  try {
    return zlib().gunzipSync(raw);
  } catch (err) {
    throw new Error(`${name}: corrupt gzip data (${(err as Error).message})`);
  }
}

/** Checks an IDX header and the length of what follows; returns the dimensions and the data. */
export function parseIdx(
  bytes: Uint8Array,
  name: string,
  kind: 'images' | 'labels',
): { dims: number[]; data: Uint8Array } {
  const magic = kind === 'images' ? IMAGES_MAGIC : LABELS_MAGIC;
  const header = 4 * (kind === 'images' ? 4 : 2);
  // The magic first: a wrong file is named as such even when it is too short to be what was asked for.
  if (bytes.length >= 4) {
    const found = new DataView(bytes.buffer, bytes.byteOffset, 4).getInt32(0);
    if (found !== magic) throw new Error(`${name}: magic ${found}, expected ${magic} (${kind})`);
  }
  if (bytes.length < header)
    throw new Error(`${name}: ${bytes.length} bytes, shorter than the ${header}-byte IDX header (${kind})`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, header);
  const dims: number[] = [];
  for (let at = 4; at < header; at += 4) dims.push(view.getInt32(at));
  const labels = ['count', 'rows', 'cols'];
  dims.forEach((d, i) => {
    if (d < 0 || (i > 0 && d === 0)) throw new Error(`${name}: ${labels[i]} ${d}, expected ${i > 0 ? '>= 1' : '>= 0'}`);
  });
  const size = dims.reduce((a, b) => a * b, 1);
  const body = bytes.length - header;
  if (body !== size) {
    const what = body < size ? 'truncated' : `${body - size} trailing bytes`;
    throw new Error(`${name}: ${body} data bytes after the header, expected ${dims.join(' × ')} = ${size} (${what})`);
  }
  return { dims, data: bytes.subarray(header) };
}

/** Reads a pair of IDX files into one checked image set. */
export function readImageSet(imagesPath: string, labelsPath: string): ImageSet {
  const imagesName = basename(imagesPath);
  const labelsName = basename(labelsPath);
  const images = parseIdx(readMaybeGzip(imagesPath), imagesName, 'images');
  const labels = parseIdx(readMaybeGzip(labelsPath), labelsName, 'labels');
  const [count, rows, cols] = images.dims;
  if (labels.dims[0] !== count)
    throw new Error(`${labelsName}: ${labels.dims[0]} labels, expected ${count} as ${imagesName} has images`);
  const bad = labels.data.findIndex((v) => v >= LABEL_LIMIT);
  if (bad >= 0)
    throw new Error(`${labelsName}: label ${labels.data[bad]} at item ${bad}, expected 0..${LABEL_LIMIT - 1}`);
  return { images: images.data, labels: labels.data, count, rows, cols };
}

/** The path of `file` or `file.gz` in dir, whichever exists (the plain one first). */
function findIdx(dir: string, file: string): string | undefined {
  return [file, `${file}.gz`].map((f) => join(dir, f)).find((p) => existsSync(p));
}

/** Reads a directory holding the four standard MNIST files, each plain or gzipped. */
export function readMnistDir(dir: string): { train: ImageSet; test: ImageSet } {
  const all = [...MNIST_FILES.train, ...MNIST_FILES.test];
  const paths = all.map((f) => findIdx(dir, f));
  const missing = all.filter((_, i) => !paths[i]);
  if (missing.length > 0) {
    throw new Error(
      `${dir}: no ${missing.join(', ')} (or .gz); expected the four MNIST files ${all.join(', ')}, each plain or .gz`,
    );
  }
  const [trainImages, trainLabels, testImages, testLabels] = paths as string[];
  const train = readImageSet(trainImages, trainLabels);
  const test = readImageSet(testImages, testLabels);
  if (test.rows !== train.rows || test.cols !== train.cols) {
    throw new Error(
      `${basename(testImages)}: ${test.rows}×${test.cols} images, expected ${train.rows}×${train.cols} as the training set`,
    );
  }
  return { train, test };
}

/** An IDX file's bytes: the header for `dims`, then the data. */
export function idxBytes(magic: number, dims: readonly number[], data: Uint8Array): Buffer {
  const header = Buffer.alloc(4 + 4 * dims.length);
  header.writeInt32BE(magic, 0);
  for (const [i, d] of dims.entries()) header.writeInt32BE(d, 4 + 4 * i);
  return Buffer.concat([header, data]);
}

export function writeIdx(path: string, bytes: Uint8Array, gzip = path.endsWith('.gz')): void {
  writeFileSync(path, gzip ? zlib().gzipSync(bytes) : bytes);
}

/** Writes an image set as an images and a labels file. */
export function writeImageSet(imagesPath: string, labelsPath: string, set: ImageSet, gzip?: boolean): void {
  writeIdx(imagesPath, idxBytes(IMAGES_MAGIC, [set.count, set.rows, set.cols], set.images), gzip);
  writeIdx(labelsPath, idxBytes(LABELS_MAGIC, [set.count], set.labels), gzip);
}

/** Writes the four standard files into dir (with .gz names when gzipped). */
export function writeMnistDir(dir: string, sets: { train: ImageSet; test: ImageSet }, gzip = false): void {
  mkdirSync(dir, { recursive: true });
  const ext = gzip ? '.gz' : '';
  for (const part of ['train', 'test'] as const) {
    const [images, labels] = MNIST_FILES[part];
    writeImageSet(join(dir, images + ext), join(dir, labels + ext), sets[part], gzip);
  }
}
