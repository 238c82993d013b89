import { describe, expect, it } from 'vitest';
import { claim, MAX_CLAIMABLE, openJob, tryClaim } from '../src/parallel/claim.ts';
import { C } from '../src/parallel/shared-state.ts';

function claimAll(control: Int32Array, count: number, participants: number): [number, number][] {
  const out = new Int32Array(2);
  const chunks: [number, number][] = [];
  while (claim(control, count, participants, out)) chunks.push([out[0], out[1]]);
  return chunks;
}

describe('claiming chunks of a job', () => {
  it('hands out every evaluation exactly once, in order', () => {
    const control = new Int32Array(8);
    openJob(control, 1);
    const chunks = claimAll(control, 1153, 2);
    expect(chunks[0][0]).toBe(0);
    for (let i = 1; i < chunks.length; i++) expect(chunks[i][0]).toBe(chunks[i - 1][1]);
    expect(chunks[chunks.length - 1][1]).toBe(1153);
  });

  it('shrinks chunks as the job runs out: a share of what is left', () => {
    const control = new Int32Array(8);
    openJob(control, 1);
    const sizes = claimAll(control, 100, 2).map(([lo, hi]) => hi - lo);
    expect(sizes[0]).toBe(25); // 100 left / (2 × 2 participants)
    for (let i = 1; i < sizes.length; i++) expect(sizes[i]).toBeLessThanOrEqual(sizes[i - 1]);
    expect(sizes[sizes.length - 1]).toBe(1);
  });

  it('has nothing to claim once the job is exhausted, until the next job opens', () => {
    const control = new Int32Array(8);
    openJob(control, 7);
    claimAll(control, 10, 3);
    expect(claimAll(control, 10, 3)).toEqual([]);
    openJob(control, 8);
    expect(claimAll(control, 10, 3)[0]).toEqual([0, 2]);
  });

  it('tags the counter with the job, so an old value never matches a new job', () => {
    const control = new Int32Array(8);
    openJob(control, 1);
    const old = control[C.CLAIM];
    openJob(control, 2);
    expect(control[C.CLAIM]).not.toBe(old);
    expect(control[C.CLAIM] & MAX_CLAIMABLE).toBe(0);
  });

  it('fails a compare-and-swap from a value read before the job changed, and leaves the new job untouched', () => {
    const control = new Int32Array(8);
    openJob(control, 1);
    const stale = Atomics.load(control, C.CLAIM); // a claimer reads job 1 at evaluation 0, then sleeps
    claimAll(control, 10, 2); // the others finish job 1
    openJob(control, 2); // job 2 opens at evaluation 0 again
    const out = new Int32Array(2);
    expect(tryClaim(control, stale, 10, 2, out)).toBe('retry');
    expect(control[C.CLAIM] & MAX_CLAIMABLE).toBe(0);
    expect(claimAll(control, 10, 2)[0]).toEqual([0, 3]);
  });

  it('fails a compare-and-swap when another claimer got there first', () => {
    const control = new Int32Array(8);
    openJob(control, 1);
    const seen = Atomics.load(control, C.CLAIM);
    const out = new Int32Array(2);
    expect(tryClaim(control, seen, 100, 2, out)).toBe('claimed');
    expect(tryClaim(control, seen, 100, 2, out)).toBe('retry');
    expect(out).toEqual(new Int32Array([0, 25]));
  });
});
