// Memory stays flat over a long run: the pool's coordinator waits for each
// job without leaving anything behind. It used to race every wait against the
// workers' failure promise, which never settles in a healthy run, so each
// iteration left a reaction on it: 100 to 500 bytes an iteration, found by a
// 120-second soak of the spiral on 4 threads (its heap grew all along).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { createRunner } from '../src/parallel/create-runner.ts';
import type { Runner } from '../src/parallel/runner.ts';
import { prepared, seedRun } from './helpers.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** The heap in use once the garbage is collected. */
function heapUsed(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

const runners: Runner[] = [];
afterAll(async () => {
  await Promise.all(runners.map((r) => r.close()));
});

describe('a long run on a pool', () => {
  it('keeps the heap flat over 20,000 iterations', async () => {
    const { run, data, params } = prepared(seedRun());
    const runner = await createRunner({ run, data, threads: 2, strategy: 'wait' });
    runners.push(runner);
    const iterate = async (from: number, n: number) => {
      for (let t = from; t < from + n; t++) {
        runner.setParams(params);
        await runner.run(t);
      }
    };
    await iterate(0, 2000); // JIT and pool warm
    const before = heapUsed();
    await iterate(2000, 20_000);
    const grown = heapUsed() - before;
    // The leak grew it by about 10 MB here; noise is a few tens of kB.
    expect(grown).toBeLessThan(500_000);
  }, 120_000);
});
