// Small shared fixtures for the tests.
import { type ChildProcessByStdio, type SpawnOptions, spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { seed2class } from '../src/data/builtin.ts';
import { resolveOptions, type TrainOptions } from '../src/train/options.ts';
import { type Prepared, prepare } from '../src/train/prepare.ts';

/** Options of a short, fully specified run on the built-in set, in the main thread. */
export function seedRun(over: TrainOptions = {}): TrainOptions {
  return {
    data: seed2class(),
    hidden: [6],
    func: 'logistic',
    init: 'rand',
    method: 'gradient',
    seed: '1',
    lr: 2,
    h: 1e-5,
    diff: 'forward',
    delta: 0.001,
    candidates: 2,
    elitist: false,
    targetLoss: 0.2,
    maxIters: 100_000,
    maxSeconds: 0,
    minDelta: 0,
    patience: 0,
    reportEvery: 100,
    threads: 0,
    ...over,
  };
}

/** What a run of these options evaluates: data, net, output, first params and the run's description. */
export function prepared(o: TrainOptions): Prepared {
  return prepare(resolveOptions(o));
}

export function bytes(a: Float64Array): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex');
}

/** A child process whose output is collected as it comes, and when it ended. */
export interface Child {
  child: ChildProcessByStdio<null, Readable, Readable>;
  out: { stdout: string; stderr: string };
  /** Once its pipes are read to their end ('close', not 'exit'). */
  closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts a long-running command for a test that stops it. A guard kills it (its process group,
 * where detached) after guardMs, so that a run that does not stop never outlives a failed test.
 */
export function startChild(cmd: string, args: string[], opts: SpawnOptions = {}, guardMs = 45_000): Child {
  const child = spawn(cmd, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
  const out = { stdout: '', stderr: '' };
  child.stdout.on('data', (d) => {
    out.stdout += d;
  });
  child.stderr.on('data', (d) => {
    out.stderr += d;
  });
  const guard = setTimeout(
    () => (opts.detached ? process.kill(-(child.pid as number), 'SIGKILL') : child.kill('SIGKILL')),
    guardMs,
  );
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      done({ code, signal });
    }),
  );
  return { child, out, closed };
}
