// Claiming and evaluating a job's chunks until none are left (see claim.ts),
// by a pool worker or by the coordinator when it computes a share. A chunk is
// evaluated in slices (slices.ts) with a look at the job's abort flag between
// them, so a stopping run frees every thread within a slice.

import { type Evaluator, evaluatePhase, phaseCost, phaseLeast } from '../methods/evaluate.ts';
import { claim, MAX_CLAIMABLE, readJob } from './claim.ts';
import { C, PHASE_SLOTS, phaseSlot, type SharedState } from './shared-state.ts';
import type { Slicer } from './slices.ts';

export type EvaluateFn = typeof evaluatePhase;

/** One participant's view of a job: which, with how many, and its scratch. */
export interface Drainer {
  ev: Evaluator;
  shared: SharedState;
  participants: number;
  chunk: Int32Array;
  slicer: Slicer;
  evaluate?: EvaluateFn;
  /** Where this participant adds its evaluation time, by phase slot: busy[busyAt + slot]. */
  busy: Float64Array;
  busyAt: number;
}

/** A participant's time on a chunk, added before the chunk is counted done (see SharedState.busyMs). */
function addBusy(d: Drainer, phase: number, ms: number): void {
  d.busy[d.busyAt + phaseSlot(phase)] += ms;
}

/** The busy array's offset of participant `id` (each has PHASE_SLOTS entries). */
export const busyOffset = (id: number): number => id * PHASE_SLOTS;

/** Stops every participant of the current job: no more claims, and each leaves after its slice. */
export function abortJob(control: Int32Array): void {
  Atomics.store(control, C.ABORT, 1);
  // All next-index bits set: past any job's count, so every claim finds the job empty (its tag is kept).
  Atomics.or(control, C.CLAIM, MAX_CLAIMABLE);
  Atomics.notify(control, C.COMPLETED);
}

/** The run is stopping, or another participant failed: leave the job. */
const aborted = (control: Int32Array) => Atomics.load(control, C.ABORT) !== 0 || Atomics.load(control, C.FAILED) !== 0;

/** The next chunk of job `epoch` into d.chunk, shaped by the phase's costs and least chunk; false when none is left. */
function claimFor(d: Drainer, epoch: number): boolean {
  const { control } = d.shared;
  // The phase the job was opened for; claim() ignores costs that do not fit its count.
  const phase = readJob(control, epoch).phase;
  return claim(control, epoch, d.participants, d.chunk, phaseCost(d.ev, phase), phaseLeast(d.ev, phase));
}

/** Counts [lo, end) of a claimed chunk as completed, waking the coordinator at the job's last item. */
function finish(d: Drainer, epoch: number, lo: number, end: number): number {
  const { control } = d.shared;
  const job = readJob(control, epoch);
  const n = end - lo;
  if (Atomics.add(control, C.COMPLETED, n) + n === job.count) Atomics.notify(control, C.COMPLETED);
  return n;
}

/** Pool workers: claims chunks until none are left or the job is aborted; returns the evaluations done. */
export function drain(d: Drainer, epoch: number): number {
  const { control, params, results } = d.shared;
  const evaluate = d.evaluate ?? evaluatePhase;
  let done = 0;
  // The costs of the phase the job was opened for; claim() ignores them should they not fit its count.
  while (claimFor(d, epoch)) {
    // Read after the claim: a claimed job stays open until its items are done, so this is its own
    // description even if the tag has wrapped round to this epoch since the participant woke.
    const job = readJob(control, epoch);
    const [lo, hi] = d.chunk;
    const fn = (a: number, b: number) => evaluate(d.ev, params, job.t, job.phase, a, b, results);
    const t0 = performance.now();
    const end = d.slicer.run(lo, hi, fn, () => aborted(control), phaseCost(d.ev, job.phase), job.phase);
    addBusy(d, job.phase, performance.now() - t0);
    done += finish(d, epoch, lo, end);
    if (end < hi) break;
  }
  return done;
}

/** The coordinator's share: as drain(), yielding to the event loop now and then so signals and timers run. */
export async function drainYielding(d: Drainer, epoch: number, clock: { yieldedAt: number }): Promise<number> {
  const { control, params, results } = d.shared;
  let done = 0;
  while (claimFor(d, epoch)) {
    const job = readJob(control, epoch);
    const [lo, hi] = d.chunk;
    const fn = (a: number, b: number) => {
      const t0 = performance.now();
      evaluatePhase(d.ev, params, job.t, job.phase, a, b, results);
      addBusy(d, job.phase, performance.now() - t0);
    };
    const end = await d.slicer.runYielding(
      lo,
      hi,
      fn,
      () => aborted(control),
      clock,
      phaseCost(d.ev, job.phase),
      job.phase,
    );
    done += finish(d, epoch, lo, end);
    if (end < hi) break;
  }
  return done;
}
