// Mistyped command lines: a flag without its value, a flag given twice, and
// more threads than the cores can use. One line each, exit code 2 (the cap:
// a warning), and no model written over the user's.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
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
