// Runs too large for the machine are refused before anything is allocated,
// with the estimate and what would fit; nothing is written.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allocBase } from '../src/methods/base-buffers.ts';
import type { EvalSpec } from '../src/methods/run-spec.ts';
import { makeNet } from '../src/nn/network.ts';
import {
  baseBytes,
  checkFits,
  expansionBytes,
  formatBytes,
  grouped,
  memoryBudget,
  runBytes,
} from '../src/train/memory.ts';
import { train } from '../src/train/trainer.ts';
import { OptionError } from '../src/util/option-error.ts';

const spec = (o: Partial<EvalSpec> = {}): EvalSpec => ({
  kind: 'forward',
  seed: '1',
  h: 1e-5,
  delta: 0.001,
  candidates: 2,
  sigma: 0,
  rank: 0,
  batch: 0,
  grad: 'naive',
  ...o,
});

describe('the memory estimate', () => {
  it('counts the copies of the weights, more for each pool worker', () => {
    // [3,6,1]: 24 weights, 8 copies in the coordinator.
    expect(runBytes([3, 6, 1], spec(), 50, 0)).toBe(8 * 24 * 8);
    expect(runBytes([3, 6, 1], spec(), 50, 2)).toBe(8 * 24 * (8 + 2 * 4));
  });

  it('adds the base pass of incremental gradients, for a batch rather than the whole set', () => {
    const whole = runBytes([785, 32, 10], spec({ grad: 'incremental' }), 9000, 0);
    const batch = runBytes([785, 32, 10], spec({ grad: 'incremental', batch: 100 }), 9000, 0);
    const weights = runBytes([785, 32, 10], spec(), 9000, 0);
    expect(batch).toBeGreaterThan(weights);
    expect(whole - weights).toBeCloseTo(90 * (batch - weights), -3);
  });

  it("counts a base pass as large as allocBase makes it, a deep net's expansions included", () => {
    for (const nodes of [
      [785, 32, 10],
      [785, 64, 32, 10],
      [785, 128, 64, 32, 10],
    ]) {
      const base = baseBytes(nodes, spec({ grad: 'incremental' }), 100);
      const buf = allocBase(makeNet(nodes), 100, false);
      const arrays = Object.values(buf).flatMap((v) => (Array.isArray(v) ? v : typeof v === 'number' ? [] : [v]));
      const bytes = arrays.reduce((sum, a) => sum + a.byteLength, 0);
      // allocBase gives its empty arrays one element each: a few dozen bytes that do not grow with samples.
      expect(Math.abs(base / 2 - bytes), nodes.join('-')).toBeLessThan(200);
    }
  });

  it("adds each thread's expansion memory for nets with two hidden layers or more, none for one", () => {
    const incremental = spec({ grad: 'incremental', batch: 100 });
    expect(expansionBytes([785, 32, 10])).toBe(0);
    const deep = [785, 64, 32, 10];
    const perThread = expansionBytes(deep);
    // 64·32 weights in 4 powers, 32·10 scaled thrice, 32·10 transposed, changes 6·64·10, the kernel's operands.
    expect(perThread).toBe(8 * (4 * 64 * 32 + 3 * 32 * 10 + 32 * 10 + 6 * 64 * 10 + 64 * 32 + 32 * 10 + 64 * 10));
    const withWorkers = runBytes(deep, incremental, 9000, 2) - runBytes(deep, incremental, 9000, 0);
    expect(withWorkers - (runBytes(deep, spec(), 9000, 2) - runBytes(deep, spec(), 9000, 0))).toBe(2 * perThread);
  });

  it('says bytes the way people read them', () => {
    expect(formatBytes(512)).toBe('512 bytes');
    expect(formatBytes(1_280_000_000_000)).toBe('1.28 TB');
    expect(formatBytes(20_200_000_000)).toBe('20.2 GB');
  });

  it('groups thousands with commas as en-US does', () => {
    for (const n of [0, 7, 999, 1000, 24, 25_450, 1_000_004_000_000, 123_456_789]) {
      expect(grouped(n)).toBe(n.toLocaleString('en-US'));
    }
  });

  it('throws an OptionError naming the option, the need and the budget', () => {
    expect(() => checkFits('hidden', [8], 2e9, 'a net', 'smaller hidden layers', 1e9)).toThrow(
      new OptionError(
        'hidden',
        [8],
        'a net would need about 2.00 GB, more than the 1.00 GB this machine can give; expected smaller hidden layers',
      ),
    );
    expect(() => checkFits('hidden', [8], 1e9, 'a net', 'smaller', 1e9)).not.toThrow();
  });

  it('has a budget below the machine memory', () => {
    expect(memoryBudget()).toBeGreaterThan(0);
  });
});

describe('train() with a net too large for memory', () => {
  it('throws before allocating, naming --hidden', async () => {
    const r = train({ hidden: [1_000_000, 1_000_000], maxIters: 1, threads: 0 });
    await expect(r).rejects.toThrow(/^hidden \[1000000,1000000\]: a net of 1,000,004,000,000 weights/);
    await expect(r).rejects.toBeInstanceOf(OptionError);
  });
});

function cli(...args: string[]) {
  const cwd = mkdtempSync(join(tmpdir(), 'np-limits-'));
  const r = spawnSync(process.execPath, [resolve('dist/train.js'), ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stderr: r.stderr.trim(), stdout: r.stdout, files: readdirSync(cwd) };
}

const budget = formatBytes(memoryBudget());

describe('the command line', () => {
  it('refuses --hidden too large for memory in one line, exit 2, nothing written', () => {
    const r = cli('--hidden', '1000000,1000000', '--threads', '0');
    expect(r.stderr).toBe(
      `train: --hidden 1000000,1000000: a net of 1,000,004,000,000 weights (nodes 3,1000000,1000000,1) on 50 samples would need about 104 TB, more than the ${budget} this machine can give; expected smaller hidden layers`,
    );
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.files).toEqual([]);
  });

  it('refuses spiral points too many for memory before generating them', () => {
    const r = cli('--data', 'spiral', '--samples', '1e12');
    expect(r.stderr).toBe(
      `train: --samples 1000000000000: the spiral would need about 200 TB, more than the ${budget} this machine can give; expected fewer points`,
    );
    expect(r.code).toBe(2);
    expect(r.files).toEqual([]);
  });
});

describe('a batch larger than the data', () => {
  it('is refused, naming the training samples', () => {
    const r = cli('--batch', '1e12');
    expect(r.stderr).toBe('train: --batch 1000000000000: expected at most 50, the training samples (0: the whole set)');
    expect(r.code).toBe(2);
    expect(r.files).toEqual([]);
  });

  it('is taken up to the whole set', async () => {
    const r = await train({ batch: 50, maxIters: 1, threads: 0 });
    expect(r.options.batch).toBe(50);
  });
});

describe('candidates too many for memory', () => {
  it('are refused before their losses are allocated', () => {
    const r = cli('--method', 'random', '--candidates', '1e13');
    expect(r.stderr).toBe(
      `train: --candidates 10000000000000: their losses would need about 160 TB, more than the ${budget} this machine can give; expected fewer candidates`,
    );
    expect(r.code).toBe(2);
    expect(r.files).toEqual([]);
  });
});
