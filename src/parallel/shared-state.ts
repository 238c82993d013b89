// The iteration's shared memory, in one place. The coordinator allocates it
// once per run and hands it to every worker through workerData; after that,
// an iteration moves no data through messages at all:
//   params   the current weights, written by the coordinator before a job
//   results  one loss per evaluation index (see evaluate.ts)
//   control  an Int32Array the barrier synchronises on (layout below)
//   busyMs   each worker's evaluation time by phase slot (phaseSlot), added
//            to before its items are counted done, so the coordinator reads
//            a job's whole time once the job is complete

export const C = {
  EPOCH: 0, // bumped once per job; workers wait on it
  STOP: 1, // 1 = leave the loop
  COMPLETED: 2, // evaluations finished in the current job; the coordinator waits on it
  FAILED: 3, // 1 + index of a worker whose evaluation threw, else 0
  ABORT: 4, // 1 = the run is stopping: leave the job after the current slice (see drain.ts)
  READY: 5, // workers that have entered their loop
  CLAIM: 6, // the next unclaimed evaluation, tagged with the job (see claim.ts)
  JOB: 7, // two job descriptions, by the job's parity: [phase, count, iteration t] each (see claim.ts)
} as const;

export interface SharedState {
  readonly params: Float64Array;
  readonly results: Float64Array;
  readonly control: Int32Array;
  readonly busyMs: Float64Array;
}

/** Profile slots: an iteration's phases 0, 1, 2, then the reports' scoring. */
export const PHASE_SLOTS = 4;
export const REPORT_SLOT = PHASE_SLOTS - 1;

/** The slot of a phase: its own number, or REPORT_SLOT for the reports (any phase past an iteration's). */
export const phaseSlot = (phase: number): number => Math.min(phase, REPORT_SLOT);

function shared<T>(Ctor: { new (b: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number }, length: number): T {
  return new Ctor(new SharedArrayBuffer(Math.max(1, length) * Ctor.BYTES_PER_ELEMENT));
}

export function makeSharedState(paramCount: number, evalCount: number, workers: number): SharedState {
  return {
    params: shared(Float64Array, paramCount),
    results: shared(Float64Array, evalCount),
    control: shared(Int32Array, 16),
    busyMs: shared(Float64Array, workers * PHASE_SLOTS),
  };
}
