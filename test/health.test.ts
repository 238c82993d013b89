// A net that can no longer learn, told apart from one that can.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seed2class } from '../src/data/builtin.ts';
import { loadModel } from '../src/model/model-file.ts';
import { health } from '../src/nn/health.ts';
import { constantParams, makeNet } from '../src/nn/network.ts';

const data = seed2class(); // inputs 1..9: every weight 100 puts each logistic unit deep into its flat part

describe('the health of a net', () => {
  it('finds every hidden unit saturated when the weights are huge', () => {
    const net = makeNet([3, 6, 1]);
    expect(health(net, constantParams(net, 100), data)).toEqual({ maxWeight: 100, saturated: 1 });
  });

  it('finds none saturated when the weights are small', () => {
    const net = makeNet([3, 6, 1]);
    expect(health(net, constantParams(net, 0.01), data).saturated).toBe(0);
  });

  it('counts relu units that never fire as dead', () => {
    const net = makeNet([3, 4, 1], 'relu');
    expect(health(net, constantParams(net, -1), data).saturated).toBe(1);
  });

  it('makes train say so, with advice, after a learning rate that blew the weights up', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'np-health-'));
    const r = spawnSync(process.execPath, [resolve('dist/train.js'), '--lr', '1e6', '--max-iters', '100', '--quiet'], {
      cwd,
      encoding: 'utf8',
    });
    expect(r.stderr).toMatch(
      /^train: 100\.0% of the hidden units' slopes are below 1e-6 \(saturated or dead\) and the largest weight is .*: the net can hardly learn any more\. Try a smaller --lr \(it was 1000000\), or --init xavier\.\n$/,
    );
    expect(r.status).toBe(0);
  });

  it('says nothing after the default run', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'np-health-'));
    const r = spawnSync(process.execPath, [resolve('dist/train.js'), '--quiet'], { cwd, encoding: 'utf8' });
    expect(r.stderr).toBe('');
  });
});

describe('a loss that diverges', () => {
  it('says when the loss is not finite from the first weights on, with no finite model to name', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'np-diverge-'));
    const r = spawnSync(process.execPath, [resolve('dist/train.js'), '--init', '1e308', '--quiet'], {
      cwd,
      encoding: 'utf8',
    });
    expect(r.stderr).toBe(
      'train: loss is not finite from the first weights on (--init 1e+308); model.json holds them. Try other --init.\n',
    );
    expect(r.status).toBe(1);
  });

  it('stops the run with one line naming the iteration, exit code 1, and the best finite model saved', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'np-diverge-'));
    const args = ['--loss', 'mse', '--func', 'relu', '--init', 'xavier', '--lr', '1e300', '--quiet'];
    const r = spawnSync(process.execPath, [resolve('dist/train.js'), ...args], { cwd, encoding: 'utf8' });
    expect(r.stderr).toBe(
      'train: loss diverged at iteration 1; the best finite model is in model.json. Try a smaller --lr (it was 1e+300).\n',
    );
    expect(r.status).toBe(1);
    const m = loadModel(join(cwd, 'model.json'));
    expect(m.meta.stopReason).toBe('diverged');
    expect([...m.params].every(Number.isFinite)).toBe(true);
  });
});
