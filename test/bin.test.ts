// The installed command, `neuro-pool COMMAND` (dist/neuro-pool.js, package.json's
// bin), and `npm run` reading the user's paths from where they stand (INIT_CWD).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../src/model/model-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'np-bin-'));
const bin = resolve('dist/neuro-pool.js');

function run(file: string, args: string[], cwd = process.cwd(), env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [file, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.trim() };
}

describe('neuro-pool COMMAND', () => {
  it('lists its commands with --help', () => {
    const r = run(bin, ['--help']);
    expect(r.code).toBe(0);
    for (const c of ['train', 'predict', 'plot', 'compare', 'speedup'])
      expect(r.stdout).toMatch(new RegExp(`^  ${c} `, 'm'));
  });

  it('prints its usage on stderr with exit code 2 when no command is given', () => {
    const r = run(bin, []);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toMatch(/^Usage: neuro-pool COMMAND/);
  });

  it('refuses a command it does not have in one line, exit code 2', () => {
    const r = run(bin, ['trian']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'neuro-pool: "trian" is not a command, expected one of train, predict, play, plot, compare, speedup',
    );
  });

  it('trains from the folder it is run in, reading and writing paths relative to it', () => {
    const here = join(dir, 'user');
    mkdirSync(here);
    writeFileSync(join(here, 'xor.csv'), `a,b,y\n${'0,0,no\n0,1,yes\n1,0,yes\n1,1,no\n'.repeat(10)}`);
    const r = run(
      bin,
      ['train', '--data', 'xor.csv', '--quiet', '--threads', '0', '--max-iters', '50', '--out', 'm.json'],
      here,
    );
    expect(r.code, r.stderr).toBe(0);
    expect(loadModel(join(here, 'm.json')).net.nodes[0]).toBe(3);
  });

  it("gives each command's own --help", () => {
    const r = run(bin, ['predict', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--model/);
  });
});

describe('npm run', () => {
  it('reads --data and writes --out relative to INIT_CWD, where the user typed the command', () => {
    const sub = join(dir, 'project', 'sub');
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(dir, 'project', 'mine.csv'), `a,b,y\n${'0,0,0\n0,1,1\n1,0,1\n1,1,0\n'.repeat(10)}`);
    const args = [
      'train',
      '--data',
      '../mine.csv',
      '--quiet',
      '--threads',
      '0',
      '--max-iters',
      '20',
      '--out',
      'got.json',
    ];
    const r = run('scripts/run.mjs', args, process.cwd(), { INIT_CWD: sub });
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(sub, 'got.json'))).toBe(true);
  });

  it('names the path it tried when a file cannot be read', () => {
    const r = run('scripts/run.mjs', ['train', '--data', '../none.csv'], process.cwd(), {
      INIT_CWD: join(dir, 'project', 'sub'),
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `train: --data "../none.csv": cannot read the file (ENOENT; tried ${join(dir, 'project', 'none.csv')})`,
    );
  });
});
