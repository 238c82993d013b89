// Stopping within about a second even in the middle of an iteration that
// takes many seconds: Ctrl-C and SIGTERM to the process group (through node
// and through npm run, whose script execs node, which so gets the signal twice),
// --max-seconds, and a pool worker that throws or dies (the test-only fault
// switch, NEURO_POOL_TEST_FAULT). Each saves the best model so far.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listenForInterrupt } from '../src/cli/interrupt.ts';
import { loadModel } from '../src/model/model-file.ts';
import { startChild } from './helpers.ts';

const root = resolve('.');
const dir = mkdtempSync(join(tmpdir(), 'np-midit-'));
// One iteration takes about 20 s on one core: 600 first-layer weights, each pushed through 200×200 units per sample.
const long = ['--data', 'spiral', '--hidden', '200,200', '--report-every', '1'];

interface Ended {
  code: number | null;
  stderr: string;
  /** From the signal (or from the start, where none is sent) to the exit. */
  ms: number;
}

/** Starts `cmd` in its own process group; signals the group `afterMs` after training starts (its first line). */
async function runLong(cmd: string, args: string[], signal?: NodeJS.Signals, afterMs = 1500, env = process.env) {
  const { child, out, closed } = startChild(cmd, args, { cwd: root, env, detached: true });
  let from = performance.now();
  let started = false;
  child.stdout.on('data', () => {
    if (!signal || started || !out.stdout.includes('net [')) return;
    started = true;
    setTimeout(() => {
      from = performance.now();
      process.kill(-(child.pid as number), signal);
    }, afterMs);
  });
  const { code } = await closed;
  return { code, stderr: out.stderr.trim(), ms: performance.now() - from } satisfies Ended;
}

const node = (out: string, ...more: string[]) => ['dist/train.js', ...long, ...more, '--out', out];

describe('a signal in the middle of a long iteration', () => {
  for (const threads of ['0', '2']) {
    it(`SIGINT stops within about a second and saves (--threads ${threads})`, async () => {
      const out = join(dir, `int-${threads}.json`);
      const r = await runLong(process.execPath, node(out, '--threads', threads), 'SIGINT');
      expect(r.stderr).toBe(`train: interrupted; the best model so far is in ${out}`);
      expect(r.code).toBe(130);
      expect(r.ms).toBeLessThan(3000); // about a second; margin for a loaded 2-core machine
      expect(loadModel(out).meta.stopReason).toBe('interrupted');
    }, 60_000);
  }

  // Without the exec, npm's script shell (dash on Debian) dies of the SIGTERM at once and npm after
  // it, leaving node to save alone after a process manager has seen the command end.
  it('SIGTERM through npm run, whose script execs node: one signal arrives twice, the model is saved', async () => {
    const out = join(dir, 'npm-term.json');
    const args = ['run', 'train', '--silent', '--', ...long, '--threads', '0', '--out', out];
    const r = await runLong('npm', args, 'SIGTERM');
    expect(r.stderr).toBe(`train: interrupted; the best model so far is in ${out}`);
    expect(r.code).toBe(143);
    expect(r.ms).toBeLessThan(3000);
    expect(loadModel(out).meta.stopReason).toBe('interrupted');
  }, 60_000);
});

describe('--max-seconds', () => {
  it('holds within the same margin when one iteration lasts longer', async () => {
    const out = join(dir, 'max-seconds.json');
    const r = await runLong(process.execPath, node(out, '--threads', '2', '--max-seconds', '1'));
    expect(r.code).toBe(0);
    expect(loadModel(out).meta.stopReason).toBe('max-seconds');
    expect(r.ms).toBeLessThan(6000); // start-up, data and pool, 1 s of training, the summary
  }, 60_000);
});

describe('a pool worker that fails (test-only fault switch)', () => {
  // Naive evaluations: 40,801 whole forward passes of ~20 ms each, so the chunk the main thread
  // claims first (a quarter of them) would keep it busy for minutes were it not told to stop.
  for (const [fault, strategy] of [
    ['throw:5', 'spin-main'],
    ['exit:5', 'spin-main'],
    ['exit:0', 'run'],
  ]) {
    it(`${fault} with ${strategy}: one line, exit code 1, the pool gone, the model saved`, async () => {
      const out = join(dir, `fault-${fault.replace(':', '-')}-${strategy}.json`);
      const env = { ...process.env, NEURO_POOL_TEST_FAULT: fault };
      const args = node(out, '--threads', '2', '--strategy', strategy, '--grad', 'naive');
      const r = await runLong(process.execPath, args, undefined, 0, env);
      const [mode, n] = fault.split(':');
      const what =
        mode === 'throw' ? `test fault: a worker failed after ${n} evaluations` : 'worker exited with code: 3';
      expect(r.stderr).toBe(`train: evaluation failed (${what}); the best model so far is in ${out}`);
      expect(r.code).toBe(1);
      expect(r.ms).toBeLessThan(8000); // the whole run, start-up included
      expect(existsSync(out)).toBe(true);
      expect(loadModel(out).meta.stopReason).toBe('failed');
    }, 60_000);
  }
});

describe('listenForInterrupt', () => {
  it('takes a repeat within milliseconds as the same press, and a later one as a second press', async () => {
    const exits: number[] = [];
    const i = listenForInterrupt((code) => exits.push(code), false);
    try {
      process.emit('SIGTERM');
      process.emit('SIGTERM'); // npm's forwarded copy
      expect(i.signal.aborted).toBe(true);
      expect(i.code()).toBe(143);
      expect(exits).toEqual([]);
      await new Promise((r) => setTimeout(r, 400));
      process.emit('SIGINT');
      expect(exits).toEqual([130]);
    } finally {
      i.dispose();
    }
  });

  it('under npm run, takes the first repeat as npm’s copy however late, and the one after as a second press', async () => {
    const exits: number[] = [];
    const i = listenForInterrupt((code) => exits.push(code), true);
    try {
      process.emit('SIGINT');
      await new Promise((r) => setTimeout(r, 400));
      process.emit('SIGINT'); // npm's copy, late on a busy machine
      expect(exits).toEqual([]);
      await new Promise((r) => setTimeout(r, 400));
      process.emit('SIGINT');
      expect(exits).toEqual([130]);
    } finally {
      i.dispose();
    }
  });
});
