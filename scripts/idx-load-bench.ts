// How long a full MNIST-sized IDX directory takes to load into data sets,
// and how much memory that needs. The targets: 60,000 training +
// 10,000 test images in <= 3 s, under 1 GB resident.
//
// The script writes such a directory from the built-in digits (each one
// repeated with small seeded shifts), plain and gzipped, into a temporary
// folder; then it runs itself again in a fresh process per load (`--child
// DIR`), so that each peak resident size (maxRSS) belongs to that load alone.
//
// `node scripts/run.mjs idx-load-bench [repeats]` (default 3 loads per variant).

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ImageSet, MNIST_FILES, readMnistDir, writeMnistDir } from '../src/data/idx.ts';
import { imagesToDataset } from '../src/data/images.ts';
import { builtinDigits } from '../src/data/mnist.ts';
import { stream } from '../src/util/rng.ts';
import { median } from '../src/util/stats.ts';
import { parseScriptArgs, whole } from './script-args.ts';

interface ChildReport {
  readMs: number;
  convertMs: number;
  totalMs: number;
  maxRssMB: number;
  samples: number;
}

/** `count` images: the built-in digits in turn, each moved by -2..2 pixels in x and y (zeros shifted in). */
function shifted(digits: ImageSet, count: number, seed: string): ImageSet {
  const { rows, cols } = digits;
  const pixels = rows * cols;
  const rng = stream(seed, 'idx-load-bench', 'shift');
  const images = new Uint8Array(count * pixels);
  const labels = new Uint8Array(count);
  for (let k = 0; k < count; k++) {
    const src = k % digits.count;
    const dx = Math.floor(rng() * 5) - 2;
    const dy = Math.floor(rng() * 5) - 2;
    labels[k] = digits.labels[src];
    for (let y = 0; y < rows; y++) {
      const sy = y - dy;
      if (sy < 0 || sy >= rows) continue;
      for (let x = 0; x < cols; x++) {
        const sx = x - dx;
        if (sx >= 0 && sx < cols) images[k * pixels + y * cols + x] = digits.images[src * pixels + sy * cols + sx];
      }
    }
  }
  return { images, labels, count, rows, cols };
}

function child(dir: string): void {
  const t0 = performance.now();
  const { train, test } = dir === '--none' ? { train: undefined, test: undefined } : readMnistDir(dir);
  const t1 = performance.now();
  const sets = [train, test].flatMap((s, i) => (s ? [imagesToDataset(s, undefined, { name: `mnist ${i}` })] : []));
  const t2 = performance.now();
  const report: ChildReport = {
    readMs: t1 - t0,
    convertMs: t2 - t1,
    totalMs: t2 - t0,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    samples: sets.reduce((n, d) => n + d.n, 0),
  };
  console.log(JSON.stringify(report));
}

function load(dir: string): ChildReport & { wallMs: number } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', dir], { encoding: 'utf8' });
  const wallMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`child failed (${r.status}): ${r.stderr}`);
  return { ...(JSON.parse(r.stdout) as ChildReport), wallMs };
}

function parent(repeats: number): void {
  const digits = builtinDigits();
  const sets = { train: shifted(digits, 60_000, 'train'), test: shifted(digits, 10_000, 'test') };
  const root = mkdtempSync(join(tmpdir(), 'idx-load-bench-'));
  try {
    const dirs: Record<string, string> = { plain: join(root, 'plain'), gzip: join(root, 'gzip') };
    for (const [variant, dir] of Object.entries(dirs)) {
      const t0 = performance.now();
      writeMnistDir(dir, sets, variant === 'gzip');
      const ext = variant === 'gzip' ? '.gz' : '';
      const bytes = [...MNIST_FILES.train, ...MNIST_FILES.test].reduce(
        (n, f) => n + statSync(join(dir, f + ext)).size,
        0,
      );
      console.log(
        `${variant}: wrote 60,000 + 10,000 images, ${(bytes / 1e6).toFixed(1)} MB, in ${(performance.now() - t0).toFixed(0)} ms`,
      );
    }
    console.log(`Node ${process.version}; each load in a fresh process, median of ${repeats}:`);
    const none = load('--none');
    console.log(
      `  node alone (nothing loaded)          maxRSS ${none.maxRssMB.toFixed(0)} MB, wall ${none.wallMs.toFixed(0)} ms`,
    );
    for (const [variant, dir] of Object.entries(dirs)) {
      const runs = Array.from({ length: repeats }, () => load(dir));
      if (runs[0].samples !== 70_000) throw new Error(`${variant}: loaded ${runs[0].samples} samples, expected 70000`);
      const m = (f: (r: ChildReport & { wallMs: number }) => number) => median(runs.map(f)).toFixed(0).padStart(5);
      console.log(
        `  ${variant.padEnd(6)} read ${m((r) => r.readMs)} ms + to data sets ${m((r) => r.convertMs)} ms = ` +
          `${m((r) => r.totalMs)} ms; maxRSS ${m((r) => r.maxRssMB)} MB; process wall ${m((r) => r.wallMs)} ms`,
      );
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

// --child is this script's own call of itself, never typed: it stays out of the flags and their --help.
if (process.argv[2] === '--child') child(process.argv[3]);
else {
  const { repeats } = await parseScriptArgs(
    'bench:load',
    'How long a full MNIST-sized IDX directory (60,000 + 10,000 images) takes to load, and its peak memory.',
    {
      repeats: { describe: 'loads per variant, each in a fresh process', default: 3, read: whole(1), positional: true },
    },
  );
  parent(repeats);
}
