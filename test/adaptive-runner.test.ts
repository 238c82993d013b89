// --threads auto switches between the main thread and the pool by measured
// speed. Fake runners with known costs are the oracle here; the real ones are
// covered for bit-identical results in parallel.test.ts.
import { describe, expect, it } from 'vitest';
import { AdaptiveRunner } from '../src/parallel/adaptive-runner.ts';
import { emptyProfile } from '../src/parallel/profile.ts';
import type { Runner } from '../src/parallel/runner.ts';
import { train } from '../src/train/trainer.ts';
import { bytes, seedRun } from './helpers.ts';

/** A runner whose iterations take costUs of busy time and count themselves. */
function fake(name: string, costUs: { value: number }): Runner & { runs: number } {
  return {
    threads: 2,
    strategy: 'spin-main',
    results: new Float64Array(1),
    profile: emptyProfile(),
    runs: 0,
    describe: () => name,
    setParams() {},
    async run() {
      this.runs++;
      const end = performance.now() + costUs.value / 1000;
      while (performance.now() < end);
    },
    async close() {},
  };
}

const choice = { threads: 2, workUs: 0, why: 'test' };
const SAMPLE_MS = 0.5; // shorter samples than the default, to keep the test short

async function iterate(r: Runner, n: number): Promise<void> {
  for (let t = 0; t < n; t++) {
    r.setParams(new Float64Array(1));
    await r.run(t);
  }
}

describe('AdaptiveRunner', () => {
  it('settles on the pool when the pool is faster', async () => {
    const inline = fake('inline', { value: 200 });
    const pool = fake('pool', { value: 100 });
    await iterate(new AdaptiveRunner(inline, pool, choice, SAMPLE_MS), 3000);
    expect(pool.runs).toBeGreaterThan(0.95 * 3000);
  });

  it('falls back to the main thread when the pool turns slow, and returns when it recovers', async () => {
    const poolCost = { value: 100 };
    const inline = fake('inline', { value: 200 });
    const pool = fake('pool', poolCost);
    const auto = new AdaptiveRunner(inline, pool, choice, SAMPLE_MS);
    await iterate(auto, 1500); // past the pool's untimed warm-up (100 ms)
    poolCost.value = 600; // say, other programs now use the cores
    const before = inline.runs;
    await iterate(auto, 2000);
    expect(inline.runs - before).toBeGreaterThan(0.8 * 2000);
    poolCost.value = 100;
    // Probes back off while they keep confirming a choice, so recovery is
    // noticed later than a slowdown; but it is noticed.
    let recovered = false;
    for (let round = 0; round < 200 && !recovered; round++) {
      const poolBefore = pool.runs;
      await iterate(auto, 100);
      recovered = pool.runs - poolBefore === 100;
    }
    expect(recovered).toBe(true);
  });

  it('gives the same weights as the main thread alone', async () => {
    const o = seedRun({ maxIters: 400, targetLoss: -Infinity });
    const expected = bytes((await train({ ...o, threads: 0 })).params);
    const r = await train({ ...o, threads: 'auto' });
    expect(bytes(r.params)).toBe(expected);
  });
});
