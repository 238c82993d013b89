// compare --task: the methods that train on a task raced over seeds, each
// seed's row the same run train gives.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { train } from '../src/train/trainer.ts';

const compare = (args: string[]) =>
  spawnSync(process.execPath, [resolve('dist/compare.js'), ...args], { encoding: 'utf8', timeout: 120_000 });

describe('compare --task', () => {
  it('races the methods that train on a task, each row the run train gives from that seed', async () => {
    const r = compare(['--task', 'acrobot', '--seeds', '1,2', '--threads', '0', '--json']);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.summary.map((m: { method: string }) => m.method)).toEqual(['gradient', 'random', 'es', 'spsa']);
    const es = out.races[1].rows.find((x: { method: string }) => x.method === 'es');
    const own = await train({ task: 'acrobot', seed: '2', threads: 0, maxSeconds: 10 });
    expect([es.heldOutReturn, es.iterations, es.stopReason]).toEqual([
      own.heldOutReturn,
      own.iterations,
      own.stopReason,
    ]);
  });

  it('charts a task race as held-out returns, not as the losses the histories keep', () => {
    const svg = join(mkdtempSync(join(tmpdir(), 'np-race-')), 'race.svg');
    const r = compare(['--task', 'acrobot', '--methods', 'es', '--seeds', '1,2', '--threads', '0', '--svg', svg]);
    expect(r.status).toBe(0);
    expect(readFileSync(svg, 'utf8')).toContain('held-out mean return');
  });

  it('names the task and its target in the table', () => {
    const r = compare(['--task', 'cartpole', '--methods', 'es', '--threads', '0']);
    expect(r.stdout).toContain('race on cartpole to a held-out return of 475');
    expect(r.stdout).toMatch(/ es +reached +\d+ +[\d.]+ +[\d.]+ +target-return/);
  });
});
