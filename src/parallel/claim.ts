// Dynamic self-scheduling of one job's evaluations. Every participant (pool
// workers and, with spin-main, the coordinator) claims chunks from one shared
// counter until none are left, so a thread that is slow or descheduled for a
// while simply does fewer: no split to get wrong, no thread to wait for but
// one finishing its last chunk. Most of the job goes in one slice per
// participant, then chunks shrink as the job runs out (guided scheduling: a
// share of what is left), so the tail is short (see shareEnd). Where items
// cost very different amounts (a first-layer weight costs in proportion to
// how often its input is non-zero), the share is of the cost left.
//
// The counter control[CLAIM] carries the job's tag in its high bits, and a
// participant claims only from the job it woke for: a late compare-and-swap
// from an earlier job cannot succeed on a new one. A job's description (its
// phase, item count and iteration) sits in one of two slots by the job's
// parity: the next job's opening cannot overwrite it, and the one after can
// only open once this one is done. A successful claim keeps its job open (its
// items are not done yet), so the description and the params read after it
// belong to that same job.

import { C } from './shared-state.ts';

const NEXT_BITS = 20;
const NEXT_MASK = (1 << NEXT_BITS) - 1;
const TAG_MASK = 0x7ff;

/** The most evaluations one job can hold. */
export const MAX_CLAIMABLE = NEXT_MASK;

export interface Job {
  phase: number;
  count: number;
  t: number;
}

const slot = (epoch: number) => C.JOB + 3 * (epoch & 1);

/** Describes job `epoch`, then opens it for claiming from item 0. */
export function openJob(control: Int32Array, epoch: number, job: Job): void {
  const at = slot(epoch);
  Atomics.store(control, at, job.phase);
  Atomics.store(control, at + 1, job.count);
  Atomics.store(control, at + 2, job.t);
  Atomics.store(control, C.CLAIM, (epoch & TAG_MASK) << NEXT_BITS);
}

/** Job `epoch`'s description. */
export function readJob(control: Int32Array, epoch: number): Job {
  const at = slot(epoch);
  return { phase: Atomics.load(control, at), count: Atomics.load(control, at + 1), t: Atomics.load(control, at + 2) };
}

/**
 * Claims the next chunk of job `epoch` into out = [lo, hi); false when it has
 * none left (or is over). `cost`, where the items' costs differ, holds their
 * prefix sums (count + 1 entries): chunks then take a share of what is left by
 * cost rather than by count.
 */
export function claim(
  control: Int32Array,
  epoch: number,
  participants: number,
  out: Int32Array,
  cost?: Float64Array,
  least = 1,
): boolean {
  for (;;) {
    const got = tryClaim(control, epoch, Atomics.load(control, C.CLAIM), participants, out, cost, least);
    if (got !== 'retry') return got === 'claimed';
  }
}

/**
 * The end of the chunk from `next`: `least` items at least (where a call has
 * a cost of its own that small chunks would pay over and over), and as
 * shareEnd says.
 */
function chunkEnd(next: number, count: number, participants: number, cost?: Float64Array, least = 1): number {
  return Math.min(count, Math.max(next + least, shareEnd(next, count, participants, cost)));
}

/**
 * The first 1 − TAIL of the job's cost goes in equal slices, one per
 * participant (whoever claims them): a thread then does most of its share
 * as one contiguous run of items, which costs less in all than the same items
 * interleaved with another thread's in small chunks (spiral's base pass: 10%
 * more work in chunks of 25 samples taken in turn than in two halves). The
 * tail goes guided, each chunk a 1/(2·participants) share of what is left, so
 * that a thread that is slow or descheduled holds up the others by a small
 * chunk at most.
 */
function shareEnd(next: number, count: number, participants: number, cost?: Float64Array): number {
  const c = cost && cost.length === count + 1 ? (i: number) => cost[i] : (i: number) => i;
  const [done, total] = [c(next), c(count)];
  const slice = ((1 - TAIL) * total) / participants;
  const target =
    done < (1 - TAIL) * total - 1e-9 * total
      ? (Math.floor(done / slice + 1e-9) + 1) * slice
      : done + (total - done) / (2 * participants);
  let lo = next + 1; // the smallest end whose prefix reaches the target
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (c(mid) < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The share of a job's cost left to the guided tail; the rest goes in one slice per participant. */
const TAIL = 0.2;

/**
 * One compare-and-swap from the counter value `seen`: 'empty' when `seen`
 * belongs to another job or this one has no items left, 'retry' when the
 * counter moved since (another claim, or a new job: its tag differs even where
 * its next index is the same, so a claimer that slept through a job change can
 * never take a chunk of the new job for the old one).
 */
export function tryClaim(
  control: Int32Array,
  epoch: number,
  seen: number,
  participants: number,
  out: Int32Array,
  cost?: Float64Array,
  least = 1,
): 'claimed' | 'empty' | 'retry' {
  if (((seen >>> NEXT_BITS) & TAG_MASK) !== (epoch & TAG_MASK)) return 'empty';
  const count = Atomics.load(control, slot(epoch) + 1);
  const next = seen & NEXT_MASK;
  if (next >= count) return 'empty';
  const hi = chunkEnd(next, count, participants, cost, least);
  if (Atomics.compareExchange(control, C.CLAIM, seen, (seen & ~NEXT_MASK) | hi) !== seen) return 'retry';
  out[0] = next;
  out[1] = hi;
  return 'claimed';
}
