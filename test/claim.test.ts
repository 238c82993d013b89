import { describe, expect, it } from 'vitest';
import { claim, MAX_CLAIMABLE, openJob, readJob, tryClaim } from '../src/parallel/claim.ts';
import { C } from '../src/parallel/shared-state.ts';

function claimAll(control: Int32Array, epoch: number, participants: number, cost?: Float64Array): [number, number][] {
  const out = new Int32Array(2);
  const chunks: [number, number][] = [];
  while (claim(control, epoch, participants, out, cost)) chunks.push([out[0], out[1]]);
  return chunks;
}

const job = (count: number, phase = 0, t = 0) => ({ phase, count, t });

/** Prefix sums of per-item costs. */
const prefix = (costs: number[]) =>
  Float64Array.from([0, ...costs.map((_, i) => costs.slice(0, i + 1).reduce((a, b) => a + b))]);

describe('claiming chunks of a job', () => {
  it('takes a share of the cost left, not of the items left, when the items cost different amounts', () => {
    // Items 0..9 cost 100 each, 10..1009 cost 1: 2000 in all. With 2 participants the first 80% goes in
    // two slices of 800: items 0..7, then 8..609; by count the first would have been 0..403.
    const control = new Int32Array(16);
    openJob(control, 1, job(1010));
    const chunks = claimAll(control, 1, 2, prefix(Array.from({ length: 1010 }, (_, i) => (i < 10 ? 100 : 1))));
    expect(chunks[0]).toEqual([0, 8]);
    expect(chunks[1]).toEqual([8, 610]);
    expect(chunks[2]).toEqual([610, 710]); // 400 left: a share of 100
    expect(chunks.flatMap(([lo, hi]) => Array.from({ length: hi - lo }, (_, k) => lo + k))).toEqual(
      Array.from({ length: 1010 }, (_, i) => i),
    );
  });

  it('splits by count when the costs given do not fit the job', () => {
    const control = new Int32Array(16);
    openJob(control, 1, job(100));
    expect(claimAll(control, 1, 2, prefix([1, 2, 3]))[0]).toEqual([0, 40]);
  });

  it('hands out every evaluation exactly once, in order', () => {
    const control = new Int32Array(16);
    openJob(control, 1, job(1153));
    const chunks = claimAll(control, 1, 2);
    expect(chunks[0][0]).toBe(0);
    for (let i = 1; i < chunks.length; i++) expect(chunks[i][0]).toBe(chunks[i - 1][1]);
    expect(chunks[chunks.length - 1][1]).toBe(1153);
  });

  it('gives each participant one slice of 80% of the job, then shrinks chunks as the rest runs out', () => {
    const control = new Int32Array(16);
    openJob(control, 1, job(100));
    const sizes = claimAll(control, 1, 2).map(([lo, hi]) => hi - lo);
    expect(sizes.slice(0, 3)).toEqual([40, 40, 5]); // then 20 left / (2 × 2 participants)
    for (let i = 1; i < sizes.length; i++) expect(sizes[i]).toBeLessThanOrEqual(sizes[i - 1]);
    expect(sizes[sizes.length - 1]).toBe(1);
  });

  it('claims at least the least chunk given while the job has that many items left', () => {
    const control = new Int32Array(16);
    openJob(control, 1, job(100));
    const out = new Int32Array(2);
    const sizes: number[] = [];
    while (claim(control, 1, 2, out, undefined, 16)) sizes.push(out[1] - out[0]);
    // two slices of 40, then shares of the 20 left below 16 give way to 16, until 4 are left
    expect(sizes).toEqual([40, 40, 16, 4]);
  });

  it('has nothing to claim once the job is exhausted, until the next job opens', () => {
    const control = new Int32Array(16);
    openJob(control, 7, job(10));
    claimAll(control, 7, 3);
    expect(claimAll(control, 7, 3)).toEqual([]);
    openJob(control, 8, job(10));
    expect(claimAll(control, 8, 3)[0]).toEqual([0, 3]); // 80% of 10 in 3 slices: the first ends at 2.67
  });

  it('tags the counter with the job, so an old value never matches a new job', () => {
    const control = new Int32Array(16);
    openJob(control, 1, job(10));
    const old = control[C.CLAIM];
    openJob(control, 2, job(10));
    expect(control[C.CLAIM]).not.toBe(old);
    expect(control[C.CLAIM] & MAX_CLAIMABLE).toBe(0);
  });

  it('fails a compare-and-swap from a value read before the job changed, and leaves the new job untouched', () => {
    const control = new Int32Array(16);
    openJob(control, 1, job(10));
    const stale = Atomics.load(control, C.CLAIM); // a claimer reads job 1 at evaluation 0, then sleeps
    claimAll(control, 1, 2); // the others finish job 1
    openJob(control, 2, job(10)); // job 2 opens at evaluation 0 again
    const out = new Int32Array(2);
    expect(tryClaim(control, 1, stale, 2, out)).toBe('retry');
    expect(control[C.CLAIM] & MAX_CLAIMABLE).toBe(0);
    expect(claimAll(control, 2, 2)[0]).toEqual([0, 4]);
  });

  it('fails a compare-and-swap when another claimer got there first', () => {
    const control = new Int32Array(16);
    openJob(control, 1, job(100));
    const seen = Atomics.load(control, C.CLAIM);
    const out = new Int32Array(2);
    expect(tryClaim(control, 1, seen, 2, out)).toBe('claimed');
    expect(tryClaim(control, 1, seen, 2, out)).toBe('retry');
    expect(out).toEqual(new Int32Array([0, 40]));
  });

  it('gives a participant that woke for an earlier job nothing of the next one', () => {
    const control = new Int32Array(16);
    openJob(control, 1, job(5, 0));
    claimAll(control, 1, 2);
    openJob(control, 2, job(500, 1)); // a later phase, with more items
    expect(claimAll(control, 1, 2)).toEqual([]);
    expect(claimAll(control, 2, 2).at(-1)?.[1]).toBe(500);
  });

  it('keeps a job description until the job after next opens', () => {
    const control = new Int32Array(16);
    openJob(control, 3, job(40, 0, 9));
    openJob(control, 4, job(70, 1, 9));
    expect([readJob(control, 3), readJob(control, 4)]).toEqual([job(40, 0, 9), job(70, 1, 9)]);
  });
});
