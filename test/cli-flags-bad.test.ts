// Mistyped command lines: a flag without its value, a flag given twice, and
// more threads than the cores can use. One line each, exit code 2 (the cap:
// a warning), and no model written over the user's.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const train = resolve('dist/train.js');

function run(...args: string[]) {
  const cwd = mkdtempSync(join(tmpdir(), 'np-flags-'));
  const r = spawnSync(process.execPath, [train, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stderr: r.stderr.trim(), wrote: existsSync(join(cwd, 'model.json')) };
}

describe('a command line with a mistake', () => {
  it('says nothing of npm settings when train was not run by npm run train itself', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'np-flags-'));
    const env = { ...process.env, npm_lifecycle_event: 'bench:mnist', npm_config_data: 'true' };
    const r = spawnSync(process.execPath, [train, '--max-iters', '1', '--quiet'], { cwd, env, encoding: 'utf8' });
    expect([r.status, r.stderr]).toEqual([0, '']);
  });

  it('says npm took the flags given before --, rather than train running without them', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'np-flags-'));
    // `npm run train --max-iters 5 --data spiral` reaches train as "5 spiral" and these:
    const env = { ...process.env, npm_lifecycle_event: 'train', npm_config_max_iters: 'true', npm_config_data: 'true' };
    const r = spawnSync(process.execPath, [train, '5', 'spiral'], { cwd, env, encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr.trim()).toBe(
      'train: --data, --max-iters: taken by npm as its own options; expected after --, as in npm run train -- --data ...',
    );
    expect(r.status).toBe(2);
    expect(existsSync(join(cwd, 'model.json'))).toBe(false);
  });

  for (const flag of ['out', 'data', 'seed', 'func', 'init', 'lr']) {
    it(`refuses --${flag} given without its value instead of using the default`, () => {
      const r = run(`--${flag}`, '--max-iters', '3');
      expect(r.stderr).toBe(`train: --${flag}: expected a value after it`);
      expect(r.code).toBe(2);
      expect(r.wrote).toBe(false);
    });
  }

  it('refuses a flag given twice, naming both values', () => {
    const r = run('--out', 'a.json', '--out', 'b.json');
    expect(r.stderr).toBe('train: --out "a.json" and "b.json": expected it once');
    expect(r.code).toBe(2);
  });

  it('refuses a number flag given twice the same way', () => {
    const r = run('--lr', '1', '--lr', '2');
    expect(r.stderr).toMatch(/^train: --lr "?1"? and "?2"?: expected it once$/);
    expect(r.code).toBe(2);
  });

  it('refuses a flag typed for a method the run does not use, rather than ignoring it', () => {
    const r = run('--delta', '0.1');
    expect(r.stderr).toBe(
      'train: --delta: applies to --method random or spsa only, expected without it for --method gradient',
    );
    expect([r.code, r.wrote]).toEqual([2, false]);
  });

  it('refuses the step flag written -h, as --help lists it, and --grad-check, for a method that has no step', () => {
    const r = run('--method', 'spsa', '-h', '1e-3');
    expect(r.stderr).toBe('train: --h: applies to --method gradient only, expected without it for --method spsa');
    expect([r.code, r.wrote]).toEqual([2, false]);
    const check = run('--method', 'random', '--grad-check');
    expect(check.stderr).toBe(
      'train: --grad-check: applies to --method gradient only, expected without it for --method random',
    );
    expect(check.code).toBe(2);
  });

  it('refuses --samples for data other than the spiral', () => {
    const r = run('--samples', '500');
    expect(r.stderr).toBe('train: --samples: applies to --data spiral only, expected without it for --data seed2class');
    expect([r.code, r.wrote]).toEqual([2, false]);
  });

  it('caps --threads at 4 per core with a warning, and trains', () => {
    const r = run('--threads', '100000', '--max-iters', '3', '--quiet');
    const most = 4 * availableParallelism();
    expect(r.stderr).toBe(
      `train: --threads 100000: more than 4 per core on ${availableParallelism()} cores; using ${most}`,
    );
    expect(r.code).toBe(0);
    expect(r.wrote).toBe(true);
  });
});

describe('a bad input file', () => {
  function withFile(name: string, text: string, ...args: string[]) {
    const cwd = mkdtempSync(join(tmpdir(), 'np-input-'));
    writeFileSync(join(cwd, name), text);
    const r = spawnSync(process.execPath, [train, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
    return { code: r.status, stderr: r.stderr.trim(), wrote: existsSync(join(cwd, 'model.json')) };
  }

  it('refuses a CSV whose first row has a typo instead of dropping it as a header', () => {
    const r = withFile('typo.csv', '1,2o,1\n3,4,0\n5,6,1\n', '--data', 'typo.csv');
    expect(r.stderr).toBe('train: typo.csv line 1, column "column 2": "2o" is not a number, expected a number');
    expect(r.code).toBe(2);
    expect(r.wrote).toBe(false);
  });

  it('warns, naming the first, when a few labels of a 0/1 set make it a regression', () => {
    const r = withFile('stray.csv', '1,2,0\n2,3,1\n3,1,0.5\n4,4,1\n0,1,0\n', '--data', 'stray.csv', '--max-iters', '1');
    expect(r.stderr.split('\n')[0]).toBe(
      'train: data stray.csv: 1 of 5 labels is neither 0 nor 1 (the first: 0.5, sample 3), so the loss is mse, ' +
        'a regression; for a classifier, fix those labels; for a regression, give --loss mse',
    );
    expect(r.code).toBe(0);
  });

  it('refuses --loss bce for data of 3 classes, which would score its outputs as bit patterns', () => {
    const r = withFile('three.csv', '1,2,0\n2,3,1\n3,1,2\n4,4,1\n', '--data', 'three.csv', '--loss', 'bce');
    expect(r.stderr).toBe('train: --loss "bce": data three.csv has 3 classes; expected ce for classes (or mse)');
    expect(r.code).toBe(2);
    expect(r.wrote).toBe(false);
  });

  it('says nothing of the labels when the loss is given', () => {
    const r = withFile(
      'stray.csv',
      '1,2,0\n2,3,1\n3,1,0.5\n4,4,1\n0,1,0\n',
      '--data',
      'stray.csv',
      '--max-iters',
      '1',
      '--loss',
      'mse',
    );
    expect(r.stderr).not.toContain('labels');
  });

  it('still reads a first row that names every column as a header', () => {
    const r = withFile('named.csv', 'x1,x2,label\n1,2,1\n3,4,0\n5,6,1\n', '--data', 'named.csv', '--max-iters', '2');
    expect(r.code).toBe(0);
  });

  it('refuses a model file without its activation with exit code 2, as any input error', () => {
    const r = withFile('m.json', '{"nodes":[3,6,1]}', '--init', 'm.json');
    expect(r.stderr).toBe('train: m.json: "func" is undefined, expected logistic, relu or tanh');
    expect(r.code).toBe(2);
    expect(r.wrote).toBe(false);
  });
});

describe('an output that is also an input', () => {
  it('is refused before training, leaving the data file as it was', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'np-inout-'));
    const text = 'x1,x2,label\n1,2,1\n3,4,0\n';
    writeFileSync(join(cwd, 'd.csv'), text);
    const r = spawnSync(process.execPath, [train, '--data', 'd.csv', '--out', 'd.csv'], { cwd, encoding: 'utf8' });
    expect(r.stderr.trim()).toBe('train: --out "d.csv": is the --data file, expected a path that is not an input');
    expect(r.status).toBe(2);
    expect(readFileSync(join(cwd, 'd.csv'), 'utf8')).toBe(text);
  });
});
