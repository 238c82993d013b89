// Outputs are checked before any work: a path that cannot be written, or one
// that names an input, is refused at once with nothing written; and the
// temporary file a model goes through never replaces a file of the user's.
import { spawnSync } from 'node:child_process';
import { linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../src/model/model-file.ts';

const DATA = 'x1,x2,label\n1,2,1\n3,4,0\n5,6,1\n';

function inDir(setup: (cwd: string) => void, ...args: string[]) {
  const cwd = mkdtempSync(join(tmpdir(), 'np-out-'));
  writeFileSync(join(cwd, 'd.csv'), DATA);
  setup(cwd);
  const before = readdirSync(cwd).sort();
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [resolve('dist/train.js'), ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return {
    cwd,
    code: r.status,
    stdout: r.stdout,
    stderr: r.stderr.trim(),
    ms: performance.now() - t0,
    added: readdirSync(cwd).filter((f) => !before.includes(f)),
  };
}

const none = () => {};

describe('an output path that cannot be used', () => {
  it('a folder that does not exist: refused before training, nothing written', () => {
    const r = inDir(none, '--data', 'd.csv', '--out', 'no/such/m.json');
    expect(r.stderr).toBe('train: --out "no/such/m.json": expected a path in a folder that exists and can be written');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.added).toEqual([]);
  });

  it('a folder the system will not create files in, whatever its permission bits say (/proc)', () => {
    const r = inDir(none, '--data', 'd.csv', '--out', '/proc/m.json');
    expect(r.stderr).toBe('train: --out "/proc/m.json": expected a path in a folder that exists and can be written');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
  });

  it('a file that exists in a folder where no file can be made (a model goes through one)', () => {
    const r = inDir(none, '--data', 'd.csv', '--out', '/proc/version');
    expect(r.stderr).toBe('train: --out "/proc/version": expected a path in a folder that exists and can be written');
    expect(r.code).toBe(2);
  });

  it('a file that exists and is left as it was, the check writing nothing into it', () => {
    const mine = (cwd: string) => writeFileSync(join(cwd, 'm.json'), 'mine');
    const r = inDir(mine, '--data', 'd.csv', '--out', 'm.json', '--lr', '-1');
    expect(r.stderr).toBe('train: --lr -1: expected a number > 0'); // refused after the output check
    expect(r.code).toBe(2);
    expect(readFileSync(join(r.cwd, 'm.json'), 'utf8')).toBe('mine');
    expect(r.added).toEqual([]);
  });

  it('a folder itself', () => {
    const r = inDir((cwd) => mkdirSync(join(cwd, 'models')), '--data', 'd.csv', '--out', 'models');
    expect(r.stderr).toBe('train: --out "models": is a folder, expected a file path');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
  });

  it('a link to the data file, symbolic or hard, leaving the data as it was', () => {
    for (const link of [symlinkSync, linkSync]) {
      const r = inDir(
        (cwd) => link(join(cwd, 'd.csv'), join(cwd, 'alias.csv')),
        '--data',
        'd.csv',
        '--out',
        'alias.csv',
      );
      expect(r.stderr).toBe('train: --out "alias.csv": is the --data file, expected a path that is not an input');
      expect(r.code).toBe(2);
      expect(readFileSync(join(r.cwd, 'd.csv'), 'utf8')).toBe(DATA);
    }
  });

  it('the data an --init model brings with it: refused, the data left as it was', () => {
    const first = inDir(none, '--data', 'd.csv', '--max-iters', '2', '--out', 'm.json', '--quiet');
    expect(first.code).toBe(0);
    const r = spawnSync(process.execPath, [resolve('dist/train.js'), '--init', 'm.json', '--out', 'd.csv'], {
      cwd: first.cwd,
      encoding: 'utf8',
    });
    expect(r.stderr.trim()).toBe('train: --out "d.csv": is the --data file, expected a path that is not an input');
    expect(r.status).toBe(2);
    expect(readFileSync(join(first.cwd, 'd.csv'), 'utf8')).toBe(DATA);
  });

  it('the --init model: refused, the model left as it was', () => {
    const first = inDir(none, '--data', 'd.csv', '--max-iters', '2', '--out', 'm.json', '--quiet');
    expect(first.code).toBe(0);
    const saved = readFileSync(join(first.cwd, 'm.json'), 'utf8');
    const r = spawnSync(
      process.execPath,
      [resolve('dist/train.js'), '--data', 'd.csv', '--init', 'm.json', '--out', 'm.json'],
      {
        cwd: first.cwd,
        encoding: 'utf8',
      },
    );
    expect(r.stderr.trim()).toBe('train: --out "m.json": is the --init file, expected a path that is not an input');
    expect(r.status).toBe(2);
    expect(readFileSync(join(first.cwd, 'm.json'), 'utf8')).toBe(saved);
  });
});

describe('the temporary file a model is written through', () => {
  it("never replaces or removes a file of the user's named like it", () => {
    const mine = 'notes the user keeps here\n';
    const r = inDir(
      (cwd) => writeFileSync(join(cwd, 'model.json.tmp'), mine),
      ...['--data', 'd.csv', '--max-iters', '20', '--checkpoint-every', '5', '--quiet'],
    );
    expect(r.code).toBe(0);
    expect(readFileSync(join(r.cwd, 'model.json.tmp'), 'utf8')).toBe(mine);
    expect(r.added).toEqual(['model.json']);
    expect(loadModel(join(r.cwd, 'model.json')).meta.iterations).toBe(20);
  });
});
