// --checkpoint-every: the best model so far, saved as the run goes, so that a
// killed process loses at most N iterations; --init of it resumes.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../src/model/model-file.ts';
import type { CheckpointEvent } from '../src/train/events.ts';
import { train } from '../src/train/trainer.ts';

const dir = mkdtempSync(join(tmpdir(), 'np-checkpoint-'));
const cli = resolve('dist/train.js');

describe('checkpoints', () => {
  it('come every N iterations with the best weights so far and the history up to then', async () => {
    const seen: CheckpointEvent[] = [];
    const r = await train({
      threads: 0,
      maxIters: 35,
      checkpointEvery: 10,
      onEvent: (e) => e.type === 'checkpoint' && seen.push(e),
    });
    expect(seen.map((e) => e.iteration)).toEqual([10, 20, 30]);
    // The loss falls all along on the built-in set: the best weights are those of the last step observed.
    const upTo30 = await train({ threads: 0, maxIters: 30 });
    expect(seen[2].loss).toBe(upTo30.loss);
    expect([...seen[2].params]).toEqual([...upTo30.params]);
    expect(r.iterations).toBe(35);
  });

  it('survive a killed process: the file holds the last one whole, and --init of it resumes there', async () => {
    const out = join(dir, 'ck.json');
    const args = [
      cli,
      '--data',
      'spiral',
      '--hidden',
      '16',
      '--threads',
      '0',
      '--report-every',
      '20',
      '--checkpoint-every',
      '20',
      '--out',
      out,
    ];
    await new Promise<void>((done) => {
      const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'] });
      let text = '';
      child.stdout.on('data', (d) => {
        text += d;
        if (/\n40 now diff/.test(text)) child.kill('SIGKILL');
      });
      child.on('exit', () => done());
    });
    const m = loadModel(out);
    expect(m.meta.stopReason).toBe('checkpoint');
    const at = m.meta.iterations as number;
    expect(at % 20).toBe(0);
    expect(at).toBeGreaterThanOrEqual(20);
    // The checkpoint says its data as the final model would, so --init of it needs no --data.
    expect([m.meta.data, m.meta.samples]).toEqual(['spiral', 1000]);
    const resumed = spawnSync(
      process.execPath,
      [
        cli,
        '--hidden',
        '16',
        '--threads',
        '0',
        '--init',
        out,
        '--max-iters',
        String(at + 5),
        '--out',
        join(dir, 'r.json'),
      ],
      { encoding: 'utf8' },
    );
    expect(resumed.status).toBe(0);
    expect(resumed.stdout.split('\n')[0]).toContain('data spiral, 1000 samples');
    expect(loadModel(join(dir, 'r.json')).meta.iterations).toBe(at + 5);
  }, 60_000);

  it('refuse a negative count', async () => {
    await expect(train({ checkpointEvery: -1 })).rejects.toThrow('checkpointEvery -1: expected a whole number >= 0');
  });
});
