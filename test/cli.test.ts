import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../src/model/model-file.ts';
import { startChild } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'np-cli-'));

function trainCli(...args: string[]) {
  const r = spawnSync(process.execPath, ['dist/train.js', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.trim() };
}

describe('train.ts', () => {
  it('trains, prints a summary and writes a loadable model', () => {
    const out = join(dir, 'ok.json');
    const r = trainCli('--quiet', '--threads', '0', '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/stopped: +target-loss/);
    expect(r.stdout).toMatch(/accuracy: +\d+\.\d% on the training set/);
    const model = loadModel(out);
    expect(model.net.nodes).toEqual([3, 6, 1]);
    expect(model.meta.loss as number).toBeLessThan(0.2);
  });

  it('prints one JSON object per line with --json', () => {
    const r = trainCli('--json', '--threads', '0', '--out', join(dir, 'j.json'));
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ type: 'start', threads: 0, runner: 'main thread only', params: 24 });
    expect(lines[1]).toMatchObject({ type: 'progress', iteration: 0 });
    expect(lines[lines.length - 1]).toMatchObject({ type: 'summary', stopReason: 'target-loss' });
  });

  it('splits the iteration time into phases with --profile', () => {
    // Long enough for the pool, started in the background, to take over from the main thread.
    const long = [
      '--data',
      'spiral',
      '--samples',
      '200',
      '--hidden',
      '16',
      '--max-iters',
      '2000',
      '--target-loss',
      '0',
    ];
    const r = trainCli(
      ...long,
      '--patience',
      '0',
      '--quiet',
      '--profile',
      '--threads',
      '2',
      '--out',
      join(dir, 'p.json'),
    );
    expect(r.code).toBe(0);
    for (const phase of [
      'serial, the coordinator alone',
      'write params',
      'update',
      'parallel phases, 2 threads',
      'base pass',
      'differences',
      "the coordinator's wait",
      'serial fraction',
    ]) {
      expect(r.stdout).toContain(phase);
    }
    expect(r.stdout).toMatch(/threads: +2 \(spin-main, 1 pool worker \+ main thread[;)]/);
  });

  it('says that --threads auto starts in the main thread, and in the summary what it did', () => {
    const r = trainCli('--max-iters', '5', '--out', join(dir, 'a.json'));
    expect(r.stdout).toMatch(/^threads auto: main thread first; a pool joins if the run lasts over \d+ ms/m);
    expect(r.stdout).toMatch(/^threads: +0 \(auto: main thread only; the run ended within \d+ ms/m);
  });

  it('adds a pool with --threads auto once a run is long enough for it to pay', async () => {
    // Stopped once a report says the pool has taken over, however long that took on this machine.
    const data = ['--data', 'spiral', '--samples', '400', '--hidden', '16', '--target-loss', '0', '--patience', '0'];
    const args = [...data, '--report-every', '20', '--json', '--out', join(dir, 's.json')];
    const run = startChild(process.execPath, ['dist/train.js', ...args]);
    let sent = false;
    run.child.stdout.on('data', () => {
      if (!sent && run.out.stdout.includes('"threads":2')) sent = run.child.kill('SIGINT');
    });
    expect((await run.closed).code).toBe(130);
    const summary = JSON.parse(run.out.stdout.trim().split('\n').at(-1)!);
    expect(summary.runner).toMatch(/^auto: spin-main, 1 pool worker \+ main thread for \d+% of iterations/);
  });

  it('continues from a model file given to --init', () => {
    const first = join(dir, 'first.json');
    trainCli('--quiet', '--threads', '0', '--max-iters', '20', '--target-loss', '0', '--out', first);
    const r = trainCli(
      '--json',
      '--threads',
      '0',
      '--init',
      first,
      '--max-iters',
      '0',
      '--target-loss',
      '0',
      '--out',
      join(dir, 'second.json'),
    );
    expect(JSON.parse(r.stdout.split('\n')[1]).loss).toBe(loadModel(first).meta.loss);
  });

  it('rejects an unknown flag in one line with exit code 2', () => {
    const r = trainCli('--speed', '3');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('train: --speed: expected a flag of train, such as --seed (see --help)');
  });

  it('names a bad flag value and what was expected', () => {
    expect(trainCli('--lr', '-1').stderr).toBe('train: --lr -1: expected a number > 0');
    expect(trainCli('--threads', 'two').stderr).toBe('train: --threads "two": expected auto or a whole number >= 0');
    expect(trainCli('--hidden', '4,x').stderr).toBe('train: --hidden "4,x": expected layer sizes like 6 or 8,4');
    expect(trainCli('--method', 'adam').stderr).toBe(
      'train: --method "adam": expected one of "gradient", "random", "es", "spsa", "backprop"',
    );
  });

  it('fails on a bad data file without writing a model', () => {
    const data = join(dir, 'bad.csv');
    writeFileSync(data, '1,2,0\n1,x,1\n');
    const out = join(dir, 'never.json');
    const r = trainCli('--data', data, '--out', out);
    expect(r.code).toBe(2); // an input error, as a usage error
    expect(r.stderr).toBe('train: bad.csv line 2, column "column 2": "x" is not a number, expected a number');
    expect(existsSync(out)).toBe(false);
  });

  it('fails on a model file that does not fit the data', () => {
    const model = join(dir, 'wide.json');
    writeFileSync(model, '{"nodes":[4,1],"weights":[[[1],[1],[1],[1]]],"func":"logistic"}');
    const r = trainCli('--init', model, '--out', join(dir, 'never2.json'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^train: --init ".*wide.json": nodes \[4,1\] do not fit data seed2class/);
    expect(existsSync(join(dir, 'never2.json'))).toBe(false);
  });
});

describe('train.ts and Ctrl-C', () => {
  it('stops after the current iteration, saves the best model and exits 130', async () => {
    const out = join(dir, 'interrupted.json');
    const run = startChild(process.execPath, [
      'dist/train.js',
      '--json',
      '--data',
      'spiral',
      '--samples',
      '200',
      '--hidden',
      '8',
      '--threads',
      '2',
      '--target-loss',
      '0',
      '--patience',
      '0',
      '--report-every',
      '1',
      '--out',
      out,
    ]);
    let sent = false;
    run.child.stdout.on('data', () => {
      if (!sent && run.out.stdout.includes('"type":"progress"')) sent = run.child.kill('SIGINT');
    });
    expect((await run.closed).code).toBe(130);
    expect(JSON.parse(run.out.stdout.trim().split('\n').at(-1)!)).toMatchObject({
      type: 'summary',
      stopReason: 'interrupted',
    });
    expect(loadModel(out).meta.stopReason).toBe('interrupted');
  });
});
