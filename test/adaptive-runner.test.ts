// --threads auto switches between the main thread and the pool by measured
// speed. Fake runners with known costs are the oracle here; the real ones are
// covered for bit-identical results in parallel.test.ts.
import { describe, expect, it } from 'vitest';
import { AdaptiveRunner } from '../src/parallel/adaptive-runner.ts';
import { AutoRunner } from '../src/parallel/auto-runner.ts';
import { chooseThreads } from '../src/parallel/auto-threads.ts';
import { emptyProfile } from '../src/parallel/profile.ts';
import type { Runner } from '../src/parallel/runner.ts';
import { train } from '../src/train/trainer.ts';
import { bytes, seedRun } from './helpers.ts';

/** A runner whose iterations take costUs of busy time and count themselves. */
function fake(name: string, costUs: { value: number }, evals = 1): Runner & { runs: number } {
  return {
    threads: 2,
    strategy: 'spin-main',
    results: new Float64Array(evals),
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

describe('chooseThreads', () => {
  it('uses one thread per core when an iteration holds enough work and evaluations', () => {
    expect(chooseThreads(500, 25, 16).threads).toBe(16);
  });

  it('uses no more threads than there are evaluations', () => {
    expect(chooseThreads(500, 3, 16).threads).toBe(3);
  });

  it('counts a hand-off per phase: 40 µs split in one phase, kept in the main thread in two', () => {
    expect([chooseThreads(40, 25, 2, 1), chooseThreads(40, 25, 2, 2)].map((c) => c.threads)).toEqual([2, 0]);
  });

  it('stays in the main thread on one core, for one evaluation, or for too little work', () => {
    expect(
      [chooseThreads(500, 25, 1), chooseThreads(500, 1, 8), chooseThreads(5, 25, 8)].map((c) => c.threads),
    ).toEqual([0, 0, 0]);
  });
});

describe('AutoRunner', () => {
  /** A pool starter that records its calls and hands out a fake pool. */
  function starter(pool: Runner) {
    const calls: number[] = [];
    return {
      calls,
      start: async (threads: number) => {
        calls.push(threads);
        return pool;
      },
    };
  }
  const turn = () => new Promise((resolve) => setImmediate(resolve));

  it('stays in the main thread without starting a pool when the run is shorter than a pool start', async () => {
    const inline = fake('inline', { value: 200 }, 25);
    const s = starter(fake('pool', { value: 100 }, 25));
    const auto = new AutoRunner(inline, s.start, 2, 2000); // far beyond the run, however busy the machine
    await iterate(auto, 100); // about 20 ms when the machine is idle
    expect([s.calls, inline.runs]).toEqual([[], 100]);
    expect(auto.describe()).toMatch(/before a pool could pay/);
  });

  it('says, of a run stopped inside its first iteration, just that, not what it meant to do', async () => {
    const inline = { ...fake('inline', { value: 200 }), run: () => Promise.reject(new Error('stopped')) };
    const auto = new AutoRunner(inline, starter(fake('pool', { value: 100 })).start, 2, 2000);
    expect(auto.describe()).toMatch(/^main thread first/);
    await expect(auto.run(0)).rejects.toThrow('stopped');
    expect(auto.describe()).toBe('auto: main thread only; the run ended inside its first iteration');
  });

  it('starts a pool of one thread per core once the run has lasted a pool start, then hands over', async () => {
    const inline = fake('inline', { value: 200 }, 25);
    const pool = fake('pool', { value: 100 }, 25);
    const s = starter(pool);
    const auto = new AutoRunner(inline, s.start, 2, 10);
    await iterate(auto, 100);
    expect(s.calls).toEqual([2]);
    await turn(); // the pool's start resolves between iterations
    const inlineBefore = inline.runs;
    await iterate(auto, 100);
    expect(pool.runs).toBeGreaterThanOrEqual(100);
    expect(inline.runs).toBe(inlineBefore);
  });

  it('prices the first iteration when it alone outlasts a pool start, without waiting for warm ones', async () => {
    const inline = fake('inline', { value: 30_000 }, 25); // 30 ms an iteration, cold or not
    const s = starter(fake('pool', { value: 15_000 }, 25));
    const auto = new AutoRunner(inline, s.start, 2, 20);
    await iterate(auto, 1);
    expect(s.calls).toEqual([2]);
  });

  it('hands over to the pool only between iterations, even when the pool comes up during one', async () => {
    // The main thread's runs yield to the event loop (as its sliced iterations do), so the pool's start
    // resolves in the middle of one; that iteration's results must still be the main thread's.
    const inline = { ...fake('inline', { value: 0 }), results: new Float64Array(100).fill(7) };
    inline.run = async () => {
      inline.runs++;
      await new Promise((resolve) => setTimeout(resolve, 5));
    };
    const pool = { ...fake('pool', { value: 0 }), results: new Float64Array(100) };
    const auto = new AutoRunner(inline, async () => pool, 2, 0);
    for (let t = 0; t < 40; t++) {
      const before = inline.runs;
      auto.setParams(new Float64Array(1));
      await auto.run(t);
      // Whoever ran this iteration, its results are the ones read.
      expect(auto.results[0], `iteration ${t}`).toBe(inline.runs > before ? 7 : 0);
    }
    expect(pool.runs).toBeGreaterThan(0); // and the pool did take over
  });

  it('never starts a pool when an iteration holds too little work to share', async () => {
    const inline = fake('inline', { value: 1 }, 25);
    const s = starter(fake('pool', { value: 1 }, 25));
    const auto = new AutoRunner(inline, s.start, 2, 1);
    await iterate(auto, 3000);
    expect(s.calls).toEqual([]);
    expect(auto.describe()).toMatch(/too little to beat/);
  });

  it('fails the run when the pool fails to start', async () => {
    const auto = new AutoRunner(fake('inline', { value: 200 }, 25), () => Promise.reject(new Error('no pool')), 2, 1);
    await expect(iterate(auto, 100)).rejects.toThrow('no pool');
  });
});
