// Whole processes of `train`, as a user runs them: 1 thread against N in
// alternating pairs (so that a drift of the machine's speed falls on both),
// each process timed from spawn to exit, with its CPU time, all threads
// together (cpu-at-exit.mjs prints it as the process ends). The runs are a
// fixed amount of work, the same weights at any thread count: their summary
// lines must agree, or the figures would compare different runs.

import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median, spread } from '../src/util/stats.ts';

const trainJs = new URL('../dist/train.js', import.meta.url).pathname;
const hook = new URL('../scripts/cpu-at-exit.mjs', import.meta.url).href;

export interface WholeRun {
  wallMs: number;
  cpuMs: number;
  /** The run's result as its summary prints it (loss or held-out return): the same at any thread count. */
  result: string;
}

/** `train ARGS --threads N --quiet`, start to exit. */
export function wholeRun(args: readonly string[], threads: number): WholeRun {
  const out = join(mkdtempSync(join(tmpdir(), 'whole-run-')), 'model.json');
  const argv = ['--import', hook, trainJs, ...args, '--threads', String(threads), '--quiet', '--out', out];
  const t0 = performance.now();
  const r = spawnSync(process.execPath, argv, { encoding: 'utf8' });
  const wallMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`train ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const cpuMs = Number(/cpu-ms ([\d.]+)/.exec(r.stderr)?.[1]);
  const result = /^(loss|held-out): +(\S+)/m.exec(r.stdout)?.[2] ?? '';
  return { wallMs, cpuMs, result };
}

export interface Pairs {
  one: WholeRun[];
  n: WholeRun[];
  /** Per pair: wall at 1 over wall at N; CPU at N over CPU at 1. */
  speedup: number[];
  cpu: number[];
}

/** `pairs` pairs of whole runs, 1 thread then N; `onPair` sees each as it ends. */
export function pairedRuns(
  args: readonly string[],
  threads: number,
  pairs: number,
  onPair?: (k: number, p: Pairs) => void,
): Pairs {
  const p: Pairs = { one: [], n: [], speedup: [], cpu: [] };
  for (let k = 0; k < pairs; k++) {
    const one = wholeRun(args, 1);
    const n = wholeRun(args, threads);
    if (one.result !== n.result)
      throw new Error(`train ${args.join(' ')}: ${one.result} at 1 thread, ${n.result} at ${threads}`);
    p.one.push(one);
    p.n.push(n);
    p.speedup.push(one.wallMs / n.wallMs);
    p.cpu.push(n.cpuMs / one.cpuMs);
    onPair?.(k, p);
  }
  return p;
}

/** "1.86 (1.79–1.90)": the median and the range. */
export function medianRange(xs: readonly number[], digits = 2): string {
  return `${median(xs).toFixed(digits)} (${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})`;
}

/** "1.86 (spread 1.0%)". */
export function medianSpread(xs: readonly number[], digits = 2): string {
  return `${median(xs).toFixed(digits)} (spread ${(100 * spread(xs)).toFixed(1)}%)`;
}
