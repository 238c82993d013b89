// Slices: a long evaluation cut up so that a stop is seen within a slice,
// without changing a single bit of the results; and the runners giving up an
// iteration on their signal.
import { describe, expect, it } from 'vitest';
import { createRunner } from '../src/parallel/create-runner.ts';
import { IterationAborted, Slicer } from '../src/parallel/slices.ts';
import { bytes, prepared, seedRun } from './helpers.ts';

describe('Slicer', () => {
  it('covers a range exactly, in order, and grows slices on cheap items', () => {
    const seen: [number, number][] = [];
    const end = new Slicer().run(
      3,
      5000,
      (lo, hi) => seen.push([lo, hi]),
      () => false,
    );
    expect(end).toBe(5000);
    expect(seen[0]).toEqual([3, 4]);
    for (let i = 1; i < seen.length; i++) expect(seen[i][0]).toBe(seen[i - 1][1]);
    expect(seen.length).toBeLessThan(40);
  });

  it("takes a job's first chunk in as few slices as a long one before it took, whatever small chunk came last", () => {
    const slicer = new Slicer(1e9); // a target no slice reaches: only the growth cap cuts
    const calls = (lo: number, hi: number) => {
      let n = 0;
      slicer.run(
        lo,
        hi,
        () => n++,
        () => false,
      );
      return n;
    };
    calls(0, 100_000); // a long run: slices grow to tens of thousands of items
    calls(0, 1); // a job's last, smallest chunk
    expect(calls(0, 20_000)).toBe(1);
  });

  it('stops between slices when asked, saying where', () => {
    let calls = 0;
    const end = new Slicer().run(
      0,
      1000,
      () => calls++,
      () => calls >= 3,
    );
    expect(calls).toBe(3);
    expect(end).toBeLessThan(1000);
  });

  it('keeps a slice of costly items short where the costs say they are costly', () => {
    // 100 items costing 1, then 10 costing 1000 each: a slice sized on the cheap ones must not swallow them.
    const cost = new Float64Array(111);
    for (let i = 0; i < 110; i++) cost[i + 1] = cost[i] + (i < 100 ? 1 : 1000);
    const seen: [number, number][] = [];
    const spin = (units: number) => {
      const until = performance.now() + units * 0.01; // 0.01 ms per unit: 10 ms per costly item
      while (performance.now() < until);
    };
    new Slicer().run(
      0,
      110,
      (lo, hi) => {
        seen.push([lo, hi]);
        spin(cost[hi] - cost[lo]);
      },
      () => false,
      cost,
    );
    for (const [lo, hi] of seen.filter(([lo]) => lo >= 100)) expect(hi - lo).toBeLessThanOrEqual(2);
  });
});

describe('Slicer phases', () => {
  it("sizes a costly phase's slices on its own rate, not on the cheap phase run before it", () => {
    const spin = (ms: number) => {
      const until = performance.now() + ms;
      while (performance.now() < until);
    };
    const slicer = new Slicer();
    // Phase 0's items cost 4 ms; then phase 1's, 1 µs, many to a slice; then phase 0 again.
    const costly = (lo: number, hi: number) => spin((hi - lo) * 4);
    slicer.run(0, 20, costly, () => false, undefined, 0);
    slicer.run(
      0,
      20_000,
      (lo, hi) => spin((hi - lo) * 0.001),
      () => false,
      undefined,
      1,
    );
    const seen: number[] = [];
    slicer.run(
      0,
      20,
      (lo, hi) => {
        seen.push(hi - lo);
        costly(lo, hi);
      },
      () => false,
      undefined,
      0,
    );
    // At phase 0’s own rate a 10 ms slice is 2–3 items; at phase 1's it would be all 20 at once.
    expect(Math.max(...seen)).toBeLessThanOrEqual(3);
  });
});

// Two hidden layers: first-layer weights cost far more than the rest (phaseCost), as in deep nets.
const o = seedRun({ hidden: [8, 8], targetLoss: -Infinity });

describe('a runner given a stop signal', () => {
  it('gives the same bits sliced (main thread, signal given) as in one call', async () => {
    const { run, data, params } = prepared(o);
    const whole = await createRunner({ run, data, threads: 0 });
    const sliced = await createRunner({ run, data, threads: 0 });
    for (const r of [whole, sliced]) r.setParams(params);
    await whole.run(0);
    await sliced.run(0, new AbortController().signal); // the first iteration always goes in slices
    expect(bytes(sliced.results)).toBe(bytes(whole.results));
  });

  for (const threads of [0, 2]) {
    it(`rejects with IterationAborted once the signal is aborted (threads ${threads})`, async () => {
      const { run, data, params } = prepared(o);
      const runner = await createRunner({ run, data, threads, strategy: 'spin-main' });
      try {
        runner.setParams(params);
        await expect(runner.run(0, AbortSignal.abort())).rejects.toBeInstanceOf(IterationAborted);
      } finally {
        await runner.close();
      }
    });
  }
});
