// A worker whose evaluation throws must fail the run with its error, not hang.
// The fault comes from the test-only switch (WorkerFault): pool workers fail
// at their n-th evaluation while the coordinator's own evaluations are fine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRunner } from '../src/parallel/create-runner.ts';
import type { Runner, Strategy, WorkerFault } from '../src/parallel/runner.ts';
import { train } from '../src/train/trainer.ts';
import { prepared, seedRun } from './helpers.ts';

const o = seedRun();
const { run, data, params } = prepared(o);
const fault: WorkerFault = { afterEvals: 50, mode: 'throw' };
const layouts: [Strategy, number][] = [
  ['run', 2],
  ['wait', 2],
  ['spin-main', 2],
];
const runners: Runner[] = [];

beforeAll(async () => {
  for (const [strategy, threads] of layouts) runners.push(await createRunner({ run, data, threads, strategy, fault }));
});

afterAll(async () => {
  await Promise.all(runners.map((r) => r.close()));
});

describe('a worker that throws', () => {
  layouts.forEach(([strategy], i) => {
    it(`rejects the iteration with the worker's error (${strategy})`, async () => {
      // With spin-main the coordinator may claim whole jobs before the worker
      // wakes; the worker's failing evaluation then comes in a later iteration.
      const iterate = async () => {
        for (let t = 0; t < 1000; t++) {
          runners[i].setParams(params);
          await runners[i].run(t);
        }
      };
      await expect(iterate()).rejects.toThrow(/test fault: a worker failed after 50 evaluations/);
    });
  });

  it("ends train() with the worker's error and the best params so far", async () => {
    // Long enough for the pool to take over from the main thread, which runs the first iterations while it starts.
    const long = { ...o, targetLoss: -Infinity, maxIters: 100_000 };
    const r = await train({ ...long, threads: 2, strategy: 'wait', fault: { afterEvals: 200, mode: 'throw' } });
    expect(r.stopReason).toBe('failed');
    expect(r.error?.message).toMatch(/test fault: a worker failed after 200 evaluations/);
    expect(r.iterations).toBeGreaterThan(0);
    expect(Number.isFinite(r.loss)).toBe(true);
  });

  it('does not stop the coordinator from closing the pool', async () => {
    await expect(runners[2].close()).resolves.toBeUndefined();
  });
});

describe('a worker that cannot start', () => {
  it('fails createRunner with its error', async () => {
    // An activation the worker's buildRun rejects; with 'wait' the coordinator builds no evaluator of its own.
    const bad = { ...run, func: 'nope' as typeof run.func };
    await expect(createRunner({ run: bad, data, threads: 2, strategy: 'wait' })).rejects.toThrow(/func "nope"/);
  });
});
