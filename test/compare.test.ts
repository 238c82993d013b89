// compare as a user runs it: one row per method from the same start, the same
// iterations to the target on a repeat and whatever the thread count, the
// loss curves of all on one chart, and one-line errors with exit code 2 and
// nothing written.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startChild } from './helpers.ts';

const root = resolve('.');
const dir = mkdtempSync(join(tmpdir(), 'np-compare-'));

function compare(...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'dist', 'compare.js'), ...args], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.trim() };
}

interface Row {
  method: string;
  reached: boolean;
  stopReason: string;
  iterations: number;
  seconds: number;
  loss: number;
  accuracy: number | null;
}

/** A tiny race on the built-in set: 400 iterations at most, no time limit, so the counts do not depend on speed. */
function race(threads = '0'): { targetLoss: number; rows: Row[] } {
  const r = compare('--max-iters', '400', '--max-seconds', '0', '--json', '--threads', threads);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout);
}

const iterationsOf = (r: { rows: Row[] }) => r.rows.map((x) => [x.method, x.iterations]);

describe('compare', () => {
  const first = race();

  it('races every method of the trainer on the same start and gives a row each, with iterations and seconds', () => {
    expect(first.rows.map((x) => x.method)).toEqual(['gradient', 'random', 'es', 'spsa', 'backprop']);
    for (const row of first.rows) {
      expect(row.iterations).toBeGreaterThan(0);
      expect(row.iterations).toBeLessThanOrEqual(400);
      expect(row.seconds).toBeGreaterThan(0);
      expect(row.accuracy).toBeGreaterThanOrEqual(0);
    }
    expect(first.targetLoss).toBe(0.2);
    // The built-in set's gradient run reaches loss 0.2 in 307 iterations, as `npm run train` does.
    expect(first.rows[0]).toMatchObject({ reached: true, iterations: 307, stopReason: 'target-loss' });
    expect(first.rows[0].loss).toBeLessThan(0.2);
    // Random updates of 0.001 cannot get there in 400.
    expect(first.rows[1]).toMatchObject({ reached: false, iterations: 400, stopReason: 'max-iters' });
  });

  it('gives the same iterations to the target on a second run with the same seed, and on 2 threads', () => {
    expect(iterationsOf(race())).toEqual(iterationsOf(first));
    expect(iterationsOf(race('2'))).toEqual(iterationsOf(first));
  });

  it('prints a table: the target, a row per method, and "not reached" where so', () => {
    const r = compare('--max-iters', '400', '--max-seconds', '0', '--threads', '0', '--methods', 'random,backprop');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('race on seed2class to loss 0.2: the same net, data and start for every method');
    expect(lines[1].split(/\s{2,}/).filter(Boolean)).toEqual([
      'method',
      'to target',
      'iterations',
      'seconds',
      'best loss',
      'accuracy',
      'stopped',
    ]);
    expect(lines[2]).toMatch(/^ {2}random +not reached +400 +\d+\.\d{3} +\d\.\d{6} +\d+\.\d% +max-iters$/);
    expect(lines[3]).toMatch(/^ {2}backprop +reached +282 +\d+\.\d{3} +0\.1\d{5} +\d+\.\d% +target-loss$/);
  });

  it('says "-" rather than "not reached" when there is no target', () => {
    const r = compare('--target-loss', '0', '--max-iters', '30', '--threads', '0', '--methods', 'gradient,random');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('race on seed2class with no target: the same net, data and start for every method');
    expect(lines[2]).toMatch(/^ {2}gradient +- +30 /);
    expect(lines[3]).toMatch(/^ {2}random +- +30 /);
    expect(r.stdout).not.toContain('reached');
    expect(lines[4]).toBe('(iterations and seconds are of the whole run; accuracy on the training set)');
  });

  it('warns once, before the race, when a few labels of a 0/1 set make it a regression', () => {
    writeFileSync(join(dir, 'stray.csv'), '1,2,0\n2,3,1\n3,1,0.5\n4,4,1\n0,1,0\n');
    const r = compare('--data', 'stray.csv', '--max-iters', '2', '--threads', '0', '--methods', 'gradient,random');
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n').filter((l) => l.includes('labels'))).toEqual([
      'compare: data stray.csv: 1 of 5 labels is neither 0 nor 1 (the first: 0.5, sample 3), so the loss is mse, ' +
        'a regression; for a classifier, fix those labels; for a regression, give --loss mse',
    ]);
  });

  it("takes a CSV's data flags as train does: --label, --ignore, --missing and --test-split", () => {
    const rows = Array.from(
      { length: 40 },
      (_, i) => `${i},${i % 5 === 0 ? '' : (i % 7) / 7},${i % 3},${i % 2 ? 'yes' : 'no'}`,
    );
    writeFileSync(join(dir, 'export.csv'), `id,a,b,ok\n${rows.join('\n')}\n`);
    const flags = ['--label', 'ok', '--ignore', 'id', '--missing', 'drop', '--test-split', '0.25'];
    const r = compare('--data', 'export.csv', ...flags, '--max-iters', '5', '--threads', '0', '--methods', 'gradient');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('accuracy on the test set');
  });

  it('refuses a CSV flag for built-in data, as train does', () => {
    expect(compare('--label', 'ok').stderr).toBe(
      'compare: --label: applies to a CSV file, expected without it for --data seed2class',
    );
  });

  it('caps --threads at 4 per core with a warning, as train does', () => {
    const r = compare('--threads', '100000', '--max-iters', '2', '--methods', 'gradient');
    expect(r.code).toBe(0);
    const most = 4 * availableParallelism();
    expect(r.stderr).toBe(
      `compare: --threads 100000: more than 4 per core on ${availableParallelism()} cores; using ${most}`,
    );
  });

  it('stops at Ctrl-C, shows the methods run so far and exits 130', async () => {
    const run = startChild(
      process.execPath,
      [
        join(root, 'dist', 'compare.js'),
        '--data',
        'spiral',
        '--hidden',
        '32,32',
        '--threads',
        '0',
        '--max-seconds',
        '30',
      ],
      { cwd: dir },
      20_000,
    );
    setTimeout(() => run.child.kill('SIGINT'), 3000); // well after start-up, long before spiral's target
    const { code } = await run.closed;
    expect(code).toBe(130);
    expect(run.out.stderr.trim()).toBe('compare: interrupted; the table shows the methods run so far');
    const rows = run.out.stdout.split('\n').filter((l) => /^ {2}(gradient|random|backprop) /.test(l));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(/interrupted$/);
  }, 60_000);

  it('writes the loss curves of every method on one chart', () => {
    const r = compare('--max-iters', '50', '--methods', 'gradient,backprop', '--threads', '0', '--svg', 'race.svg');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('chart: race.svg');
    const svg = readFileSync(join(dir, 'race.svg'), 'utf8');
    expect(svg).toContain('>gradient<');
    expect(svg).toContain('>backprop<');
    expect(svg).toContain('>seconds<'); // loss against seconds as well as iterations
  });

  const bad: [string[], string][] = [
    [
      ['--methods', 'gradient,genetic'],
      'compare: --methods "gradient,genetic": "genetic" is not a method, expected some of gradient, random, es, spsa, backprop',
    ],
    [['--max-iters', 'many'], 'compare: --max-iters "many": expected a number'],
    [['--max-iters', '2.5'], 'compare: --max-iters 2.5: expected a whole number >= 0'],
    [['--max-seconds', '-1'], 'compare: --max-seconds -1: expected a number >= 0'],
    [['--target-accuracy', '1.5'], 'compare: --target-accuracy 1.5: expected a number from 0 to 1'],
    [['--hidden', '4,x'], 'compare: --hidden "4,x": expected layer sizes like 6 or 8,4'],
    [['--threads', 'two'], 'compare: --threads "two": expected auto or a whole number >= 0'],
    [['--seed', '1', '--seed', '2'], 'compare: --seed "1" and "2": expected it once'],
    // yargs counted these up to 6 iterations: read from the command line as typed.
    [['--max-iters', '5', '--max-iters', '1'], 'compare: --max-iters 5 and 1: expected it once'],
    [
      ['--methods', 'random,backprop,random'],
      'compare: --methods "random,backprop,random": "random" is given twice, expected each method once',
    ],
    [['--hidden', '3,0'], 'compare: --hidden 3,0: expected layer sizes of 1 or more, like 6 or 8,4'],
    [['--json=yes'], 'compare: --json "yes": expected true or false, or the flag alone'],
    [['--no-data'], 'compare: --no-data: --data is not a switch, expected --data with a value'],
    [['--max-seconds', '-Infinity'], 'compare: --max-seconds -Infinity: expected a finite number'],
    [['--max-iter', '5'], 'compare: --max-iter: expected a flag of compare, such as --max-iters (see --help)'],
    [['400'], 'compare: "400": expected a flag; a value goes right after its flag'],
    [['--max-iters'], 'compare: --max-iters: expected a value after it'],
    [
      ['--data', 'nope'],
      'compare: --data "nope": expected seed2class, spiral, mnist, an IDX directory, or a .csv, .tsv or .json file',
    ],
    [['--svg', 'race.txt'], 'compare: --svg "race.txt": expected a file name ending in .svg'],
    [['--png', 'race.svg'], 'compare: --png "race.svg": expected a file name ending in .png'],
    [
      ['--svg', 'a.svg', '--png', 'b.png'],
      'compare: --png "b.png": expected one chart, --svg or --png (--svg "a.svg" given)',
    ],
  ];
  for (const [args, message] of bad) {
    it(`refuses ${args.join(' ')} in one line, with exit code 2 and nothing written`, () => {
      const before = readdirSync(dir).sort();
      // With a chart asked for, so that "nothing written" means something.
      const chart = args.includes('--svg') || args.includes('--png') ? [] : ['--png', 'bad.png'];
      const r = compare(...args, ...chart);
      expect(r.stderr).toBe(message);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(readdirSync(dir).sort()).toEqual(before);
    });
  }
});
