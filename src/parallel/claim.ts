// Dynamic self-scheduling of one job's evaluations. Every participant (pool
// workers and, with spin-main, the coordinator) claims chunks from one shared
// counter until none are left, so a thread that is slow or descheduled for a
// while simply does fewer: no split to get wrong, no thread to wait for but
// one finishing its last chunk. Chunks shrink as the job runs out (guided
// scheduling: a share of what is left), so the tail is short.
//
// The counter control[CLAIM] carries the job's tag in its high bits, so a
// late compare-and-swap from an earlier job cannot succeed on a new one. A
// successful claim keeps its job open (its evaluations are not done yet), so
// ITER and the params read after it belong to that same job.

import { C } from './shared-state.ts';

const NEXT_BITS = 20;
const NEXT_MASK = (1 << NEXT_BITS) - 1;
const TAG_MASK = 0x7ff;

/** The most evaluations one job can hold. */
export const MAX_CLAIMABLE = NEXT_MASK;

/** Opens job `epoch` for claiming, from evaluation 0. */
export function openJob(control: Int32Array, epoch: number): void {
  Atomics.store(control, C.CLAIM, (epoch & TAG_MASK) << NEXT_BITS);
}

/** Claims the next chunk into out = [lo, hi); false when the job has none left. */
export function claim(control: Int32Array, count: number, participants: number, out: Int32Array): boolean {
  for (;;) {
    const got = tryClaim(control, Atomics.load(control, C.CLAIM), count, participants, out);
    if (got !== 'retry') return got === 'claimed';
  }
}

/**
 * One compare-and-swap from the counter value `seen`: 'retry' when the
 * counter moved since (another claim, or a new job: its tag differs even where
 * its next index is the same, so a claimer that slept through a job change can
 * never take a chunk of the new job for the old one).
 */
export function tryClaim(
  control: Int32Array,
  seen: number,
  count: number,
  participants: number,
  out: Int32Array,
): 'claimed' | 'empty' | 'retry' {
  const next = seen & NEXT_MASK;
  if (next >= count) return 'empty';
  const hi = Math.min(count, next + Math.ceil((count - next) / (2 * participants)));
  if (Atomics.compareExchange(control, C.CLAIM, seen, (seen & ~NEXT_MASK) | hi) !== seen) return 'retry';
  out[0] = next;
  out[1] = hi;
  return 'claimed';
}
