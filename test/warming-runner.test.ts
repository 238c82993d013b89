// A fixed pool started in the background: fake runners that count what they
// are given are the oracle for who runs what and when; the real pool's bits
// are the same as the main thread's (parallel.test.ts, trainer.test.ts).
import { describe, expect, it } from 'vitest';
import type { InlineRunner } from '../src/parallel/inline-runner.ts';
import { emptyProfile } from '../src/parallel/profile.ts';
import type { Runner } from '../src/parallel/runner.ts';
import { WarmingRunner } from '../src/parallel/warming-runner.ts';

interface Fake extends Runner {
  strategy: 'spin-main';
  runs: number[];
  reports: number;
  paramsSet: Float64Array[];
  closed: boolean;
}

function fake(name: string, threads: number): Fake {
  return {
    threads,
    strategy: 'spin-main',
    results: new Float64Array(1),
    profile: emptyProfile(),
    runs: [],
    reports: 0,
    paramsSet: [],
    closed: false,
    describe: () => name,
    setParams(p) {
      this.paramsSet.push(p);
    },
    async run(t) {
      this.runs.push(t);
    },
    async report() {
      this.reports++;
      return { scores: {} };
    },
    async close() {
      this.closed = true;
    },
  };
}

/** A pool whose start ends when `up()` is called (or fails with `fail(err)`). */
function starting() {
  const pool = fake('pool', 2);
  let up = () => {};
  let fail: (err: unknown) => void = () => {};
  const started = new Promise<Runner>((resolve, reject) => {
    up = () => resolve(pool);
    fail = reject;
  });
  return { pool, started, up: () => up(), fail: (err: unknown) => fail(err) };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('a pool started in the background', () => {
  it('leaves the iterations to the main thread until the pool is up, then hands them over', async () => {
    const inline = fake('main', 0);
    const s = starting();
    const r = new WarmingRunner(inline as unknown as InlineRunner, s.pool, s.started);
    await r.run(0);
    await r.run(1);
    s.up();
    await tick();
    await r.run(2);
    expect(inline.runs).toEqual([0, 1]);
    expect(s.pool.runs).toEqual([2]);
  });

  it('gives the pool the params last set when it takes over', async () => {
    const inline = fake('main', 0);
    const s = starting();
    const r = new WarmingRunner(inline as unknown as InlineRunner, s.pool, s.started);
    const params = new Float64Array([1, 2]);
    r.setParams(params);
    s.up();
    await tick();
    await r.run(0);
    expect(s.pool.paramsSet.at(-1)).toBe(params);
  });

  it('holds a report due while the pool starts for the pool', async () => {
    const inline = fake('main', 0);
    const s = starting();
    const r = new WarmingRunner(inline as unknown as InlineRunner, s.pool, s.started);
    const report = r.report?.(1);
    await tick();
    expect(s.pool.reports + inline.reports).toBe(0);
    s.up();
    await report;
    expect([inline.reports, s.pool.reports]).toEqual([0, 1]);
  });

  it("fails the next iteration with the pool's error when it cannot start", async () => {
    const inline = fake('main', 0);
    const s = starting();
    const r = new WarmingRunner(inline as unknown as InlineRunner, s.pool, s.started);
    s.fail(new Error('no worker'));
    await tick();
    await expect(r.run(0)).rejects.toThrow('no worker');
  });

  it('closes a pool that comes up after the run has ended', async () => {
    const inline = fake('main', 0);
    const s = starting();
    const r = new WarmingRunner(inline as unknown as InlineRunner, s.pool, s.started);
    const closing = r.close();
    s.up();
    await closing;
    expect(s.pool.closed).toBe(true);
  });

  it('says the pool is starting until it is up', async () => {
    const s = starting();
    const r = new WarmingRunner(fake('main', 0) as unknown as InlineRunner, s.pool, s.started);
    expect(r.poolStarting).toBe(true);
    s.up();
    await tick();
    expect(r.poolStarting).toBe(false);
  });

  it('says what the main thread ran: the first iterations, or all of them when the pool ran none', async () => {
    const s = starting();
    const r = new WarmingRunner(fake('main', 0) as unknown as InlineRunner, s.pool, s.started);
    await r.run(0);
    await r.run(1);
    expect(r.describe()).toBe('pool; all 2 iterations ran in the main thread while it started');
    s.up();
    await tick();
    await r.run(2);
    expect(r.describe()).toBe('pool; the main thread ran the first 2 iterations while it started');
  });

  it("says the pool's threads and what it is from the start", () => {
    const s = starting();
    const r = new WarmingRunner(fake('main', 0) as unknown as InlineRunner, s.pool, s.started);
    expect([r.threads, r.describe()]).toEqual([2, 'pool']);
  });
});
