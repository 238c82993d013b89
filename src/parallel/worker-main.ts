// Everything a pool worker does, as plain functions over the shared state;
// workers/eval-worker.ts only wires this to Piscina. Two ways to get work:
//   'chunk': one pool.run per chunk per iteration (simple, ~80 µs a trip)
//   'loop' : one long-lived task per worker that waits on the shared control
//            array, spinning briefly before it blocks, so that handing over an
//            iteration costs about a microsecond instead of a message; it
//            then claims chunks of the job until none are left.

import type { Dataset } from '../data/dataset.ts';
import type { BaseBuffers } from '../methods/base-cache.ts';
import { type Evaluator, evaluatePhase, evaluateRange, makeEvaluator, phaseCost } from '../methods/evaluate.ts';
import { evalCount, type RunSpec } from '../methods/run-spec.ts';
import { claim, readJob } from './claim.ts';
import type { WorkerFault } from './runner.ts';
import { C, type SharedState } from './shared-state.ts';

/** All a worker gets: the run's one description, the data and the shared state. */
export interface WorkerInit {
  run: RunSpec;
  data: Dataset;
  shared: SharedState;
  /** The shared base pass, with incremental gradients. */
  base?: BaseBuffers;
  fault?: WorkerFault;
}

export type WorkerTask =
  | { op: 'ping'; warmMs: number }
  | { op: 'chunk'; t: number; phase: number; lo: number; hi: number }
  | { op: 'loop'; id: number; spinUs: number; participants: number };

export function workerMain(init: WorkerInit): (task: WorkerTask) => number {
  // Built on the first task, not at module load: Piscina reports an error
  // thrown while loading the module as a misleading loader error, while one
  // thrown in a task reaches the coordinator as it is.
  let ev: Evaluator | undefined;
  const { shared } = init;
  const evaluate = init.fault ? withFault(init.fault) : evaluatePhase;
  return (task) => {
    ev ??= makeEvaluator(init.run, init.data, init.base);
    const e = ev;
    if (task.op === 'ping') return warmUp(e, task.warmMs);
    if (task.op === 'chunk') {
      return timed(() => evaluate(e, shared.params, task.t, task.phase, task.lo, task.hi, shared.results));
    }
    return runLoop(e, shared, task, evaluate);
  };
}

type EvaluateFn = typeof evaluatePhase;

/** The test-only fault switch (see WorkerFault): evaluatePhase, failing at the n-th evaluation. */
function withFault(fault: WorkerFault): EvaluateFn {
  let left = fault.afterEvals;
  return (ev, params, t, phase, lo, hi, results) => {
    left -= hi - lo;
    if (left < 0) {
      if (fault.mode === 'exit') process.exit(3);
      throw new Error(`test fault: a worker failed after ${fault.afterEvals} evaluations`);
    }
    evaluatePhase(ev, params, t, phase, lo, hi, results);
  };
}

/** Runs evaluations on scratch memory for warmMs, so the JIT is warm before timing starts. */
function warmUp(ev: Evaluator, warmMs: number): number {
  const params = new Float64Array(ev.work.length);
  const results = new Float64Array(evalCount(ev.spec, params.length));
  const t0 = performance.now();
  for (let e = 0; performance.now() - t0 < warmMs; e = (e + 1) % results.length)
    evaluateRange(ev, params, 0, e, e + 1, results);
  return performance.now() - t0;
}

function timed(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

/** Waits until control[EPOCH] !== seen: spins for spinUs, then blocks. */
function awaitEpoch(control: Int32Array, seen: number, spinUs: number): number {
  if (spinUs > 0) {
    const deadline = performance.now() + spinUs / 1000;
    for (let i = 0; ; i++) {
      const epoch = Atomics.load(control, C.EPOCH);
      if (epoch !== seen) return epoch;
      if ((i & 63) === 63 && performance.now() > deadline) break;
    }
  }
  for (;;) {
    // The timeout only bounds how long a lost wake-up could stall us.
    Atomics.wait(control, C.EPOCH, seen, 1000);
    const epoch = Atomics.load(control, C.EPOCH);
    if (epoch !== seen) return epoch;
  }
}

/**
 * Claims and evaluates chunks of the current job until none are left (see
 * claim.ts); returns how many evaluations this thread did. The coordinator
 * calls this too when it computes a share.
 */
export function drain(
  ev: Evaluator,
  shared: SharedState,
  epoch: number,
  participants: number,
  chunk: Int32Array,
  evaluate: EvaluateFn = evaluatePhase,
): number {
  const { control } = shared;
  let done = 0;
  // The costs of the phase the job was opened for; claim() ignores them should they not fit its count.
  while (claim(control, epoch, participants, chunk, phaseCost(ev, readJob(control, epoch).phase))) {
    // Read after the claim: a claimed job stays open until its items are done, so this is its own
    // description even if the tag has wrapped round to this epoch since the participant woke.
    const job = readJob(control, epoch);
    const n = chunk[1] - chunk[0];
    evaluate(ev, shared.params, job.t, job.phase, chunk[0], chunk[1], shared.results);
    done += n;
    if (Atomics.add(control, C.COMPLETED, n) + n === job.count) Atomics.notify(control, C.COMPLETED);
  }
  return done;
}

function runLoop(
  ev: Evaluator,
  shared: SharedState,
  task: { id: number; spinUs: number; participants: number },
  evaluate: EvaluateFn,
): number {
  const { control } = shared;
  const chunk = new Int32Array(2);
  let seen = Atomics.load(control, C.EPOCH);
  Atomics.add(control, C.READY, 1);
  Atomics.notify(control, C.READY);
  let jobs = 0;
  for (;;) {
    seen = awaitEpoch(control, seen, task.spinUs);
    if (Atomics.load(control, C.STOP) === 1) return jobs;
    try {
      shared.computeMs[task.id] = timed(() => drain(ev, shared, seen, task.participants, chunk, evaluate));
    } catch (err) {
      // Report through shared memory first: the coordinator may be blocked
      // in the barrier and unable to see this task's rejection until then.
      Atomics.compareExchange(control, C.FAILED, 0, task.id + 1);
      Atomics.notify(control, C.COMPLETED);
      throw err;
    }
    jobs++;
  }
}
