// compare --seeds: a race from many starts, summarised per method by how many
// seeds reached the target and the median and quartiles of what it took;
// reproducible, as every race is. Its parts (seeds, quartiles, the summary)
// against hand-computed values, then the command as a user runs it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { curveBands } from '../src/cli/race-summary.ts';
import { seedsInWords, seedsOf } from '../src/cli/seeds.ts';
import { iterationScale } from '../src/plot/bands.ts';
import type { Race, RaceRow } from '../src/train/race.ts';
import { summarize } from '../src/train/race.ts';
import { quartiles } from '../src/util/stats.ts';

const root = resolve('.');
const dir = mkdtempSync(join(tmpdir(), 'np-seeds-'));

function compare(...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'dist', 'compare.js'), ...args], { cwd: dir, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.trim() };
}

const row = (method: RaceRow['method'], reached: boolean, iterations: number, loss: number): RaceRow => ({
  method,
  reached,
  stopReason: reached ? 'target-loss' : 'max-iters',
  iterations,
  seconds: iterations / 1000,
  loss,
  accuracy: null,
  accuracyOn: 'training',
  history: [
    { iteration: 0, loss: 1, ms: 0 },
    { iteration: iterations, loss, ms: iterations },
  ],
});
const raceOf = (rows: RaceRow[]): Race => ({ targetLoss: 0.2, targetAccuracy: 0, rows });

describe('races over many seeds', () => {
  it('read a range or a list of whole numbers, and refuse anything else rather than race one odd seed', () => {
    expect(seedsOf('1-4')).toEqual(['1', '2', '3', '4']);
    expect(seedsOf('7,12,3')).toEqual(['7', '12', '3']);
    for (const bad of ['4-1', '1,,2', '', '1..3', '1-', 'abc', '1.5', '-1', '1-3,2'])
      expect(() => seedsOf(bad), bad).toThrow(`--seeds "${bad}": expected a range like 1-10 or a list like 1,4,9`);
    for (const twice of ['1,2,1', '01,1'])
      expect(() => seedsOf(twice), twice).toThrow(`--seeds "${twice}": a seed is given twice, expected each once`);
  });

  it('name the seeds as a range only where they run on', () => {
    expect(seedsInWords(['1', '2', '3', '4'])).toBe('1–4');
    expect(seedsInWords(['1', '4', '9'])).toBe('1, 4, 9');
    expect(seedsInWords(['9', '4', '1'])).toBe('9, 4, 1');
  });

  it('take quartiles between order statistics, as numpy does by default', () => {
    expect(quartiles([4, 1, 3, 2])).toEqual([1.75, 2.5, 3.25]);
    expect(quartiles([5])).toEqual([5, 5, 5]);
  });

  it('count the seeds that reached the target and take quartiles over those alone', () => {
    const races = [
      raceOf([row('gradient', true, 300, 0.19), row('random', false, 400, 0.5)]),
      raceOf([row('gradient', true, 500, 0.18), row('random', true, 100, 0.2)]),
      raceOf([row('gradient', true, 400, 0.19), row('random', false, 400, 0.4)]),
    ];
    const [gradient, random] = summarize(races);
    expect(gradient).toMatchObject({
      method: 'gradient',
      seeds: 3,
      reached: 3,
      iterations: [350, 400, 450],
      loss: 0.19,
    });
    expect(random).toMatchObject({ method: 'random', seeds: 3, reached: 1, iterations: [100, 100, 100], loss: 0.4 });
  });

  it("band each method's curves by the quartiles of its seeds' losses, a stopped run keeping its last", () => {
    const races = [
      raceOf([row('spsa', true, 10, 0.2)]),
      raceOf([row('spsa', true, 20, 0.1)]),
      raceOf([row('spsa', true, 30, 0.3)]),
    ];
    const at10 = curveBands(races).find((b) => b.iteration === 10);
    // At iteration 10 the seeds' losses are 0.2, 1 (not yet reported again) and 1.
    expect(at10).toMatchObject({ run: 'spsa', median: 1, q3: 1 });
    expect(at10?.q1).toBeCloseTo(0.6, 15);
    const at30 = curveBands(races).find((b) => b.iteration === 30);
    expect(at30?.median).toBe(0.2);
    expect(at30?.q1).toBeCloseTo(0.15, 15);
    expect(at30?.q3).toBeCloseTo(0.25, 15);
  });

  it('gives the same summary and per-seed rows on a second run, and a chart of bands', () => {
    const args = ['--seeds', '1-3', '--methods', 'gradient,backprop', '--max-iters', '400', '--max-seconds', '0'];
    const first = compare(...args, '--json', '--threads', '0');
    expect(first.stderr).toBe('');
    const a = JSON.parse(first.stdout);
    expect(a.seeds).toEqual(['1', '2', '3']);
    expect(a.races.map((r: { seed: string }) => r.seed)).toEqual(['1', '2', '3']);
    expect(a.summary.map((s: { method: string; seeds: number }) => [s.method, s.seeds])).toEqual([
      ['gradient', 3],
      ['backprop', 3],
    ]);
    const second = JSON.parse(compare(...args, '--json', '--threads', '2').stdout);
    const counts = (x: typeof a) =>
      x.races.map((r: { rows: { iterations: number }[] }) => r.rows.map((w) => w.iterations));
    expect(counts(second)).toEqual(counts(a));
    const chart = compare(...args, '--threads', '0', '--svg', 'bands.svg');
    expect(chart.stdout).toContain('from 3 seeds (1–3)');
    expect(existsSync(join(dir, 'bands.svg'))).toBe(true);
  });

  it('names the seed it raced when --seeds gives one', () => {
    const r = JSON.parse(compare('--seeds', '2-2', '--methods', 'gradient', '--max-iters', '50', '--json').stdout);
    expect(r.seed).toBe('2');
  });

  it('refuses a bad --seeds before any training, in one line, exit code 2', () => {
    const r = compare('--seeds', '5-2', '--svg', 'none.svg');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('compare: --seeds "5-2": expected a range like 1-10 or a list like 1,4,9 (at most 1000)');
    expect(existsSync(join(dir, 'none.svg'))).toBe(false);
  });
});

describe('the bands chart', () => {
  const band = (run: string, iteration: number) => ({ run, iteration, q1: 1, median: 1, q3: 1 });
  it('draws iterations on a symlog axis when methods end 20 times apart or more, else linear', () => {
    const far = [band('gradient', 0), band('gradient', 300), band('random', 0), band('random', 30_000)];
    const near = [band('gradient', 0), band('gradient', 300), band('backprop', 0), band('backprop', 280)];
    expect([iterationScale(far).type, iterationScale(near).type]).toEqual(['symlog', 'linear']);
  });
});
