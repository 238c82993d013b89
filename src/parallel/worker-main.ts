// Everything a pool worker does, as plain functions over the shared state;
// workers/eval-worker.ts only wires this to Piscina. Two ways to get work:
//   'chunk': one pool.run per chunk per iteration (simple, ~80 µs a trip)
//   'loop' : one long-lived task per worker that waits on the shared control
//            array, spinning briefly before it blocks, so that handing over an
//            iteration costs about a microsecond instead of a message; it
//            then claims chunks of the job until none are left.

import type { Dataset } from '../data/dataset.ts';
import {
  type Evaluator,
  evaluatePhase,
  evaluateRange,
  makeEvaluator,
  phaseCost,
  type SharedBase,
} from '../methods/evaluate.ts';
import type { ReportBuffers } from '../methods/report-phase.ts';
import { evalCount, type RunSpec } from '../methods/run-spec.ts';
import { isLoaded, loadObjectiveOf } from '../methods/task-source.ts';
import { readJob } from './claim.ts';
import { busyOffset, drain, type EvaluateFn } from './drain.ts';
import type { WorkerFault } from './runner.ts';
import { C, PHASE_SLOTS, phaseSlot, type SharedState } from './shared-state.ts';
import { Slicer } from './slices.ts';
import { SpinPolicy } from './spin.ts';

/** All a worker gets: the run's one description, the data and the shared state. */
export interface WorkerInit {
  run: RunSpec;
  data: Dataset;
  shared: SharedState;
  /** The shared base pass, with incremental gradients or low-rank ES. */
  base?: SharedBase;
  /** The reports' evaluation set and its terms, shared. */
  report?: ReportBuffers;
  fault?: WorkerFault;
}

export type WorkerTask =
  | { op: 'ping'; warmMs: number }
  | { op: 'chunk'; t: number; phase: number; lo: number; hi: number }
  | { op: 'loop'; id: number; spinUs: number; participants: number };

export function workerMain(init: WorkerInit): (task: WorkerTask) => number | Promise<number> {
  // Built on the first task, not at module load: Piscina reports an error
  // thrown while loading the module as a misleading loader error, while one
  // thrown in a task reaches the coordinator as it is.
  let ev: Evaluator | undefined;
  const { shared } = init;
  const evaluate = init.fault ? withFault(init.fault) : evaluatePhase;
  const slicer = new Slicer();
  const handle = (task: WorkerTask): number => {
    ev ??= makeEvaluator(init.run, init.data, init.base, init.report);
    const e = ev;
    if (task.op === 'ping') {
      const ms = warmUp(e, task.warmMs);
      // The warm-up leaves its ES candidates' X·A cached as iteration 0's: forgotten, so iteration 0 computes its own.
      e.es?.forget();
      return ms;
    }
    if (task.op === 'chunk') {
      const fn = (lo: number, hi: number) => evaluate(e, shared.params, task.t, task.phase, lo, hi, shared.results);
      const stop = () => Atomics.load(shared.control, C.ABORT) !== 0;
      return timed(() => slicer.run(task.lo, task.hi, fn, stop, phaseCost(e, task.phase), task.phase));
    }
    return runLoop(e, shared, task, evaluate, slicer);
  };
  // A task run's objective module loads asynchronously, once, before the first task (the pool's ping) is handled.
  const task = init.run.task;
  return (t) => (task && !isLoaded(task) ? loadObjectiveOf(task).then(() => handle(t)) : handle(t));
}

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

function runLoop(
  ev: Evaluator,
  shared: SharedState,
  task: { id: number; spinUs: number; participants: number },
  evaluate: EvaluateFn,
  slicer: Slicer,
): number {
  const { control } = shared;
  const drainer = {
    ev,
    shared,
    participants: task.participants,
    chunk: new Int32Array(2),
    slicer,
    evaluate,
    busy: shared.busyMs,
    busyAt: busyOffset(task.id),
  };
  let seen = Atomics.load(control, C.EPOCH);
  Atomics.add(control, C.READY, 1);
  Atomics.notify(control, C.READY);
  let jobs = 0;
  // Kinds of wait: after a job of each phase slot, and before the first job (PHASE_SLOTS).
  const spin = new SpinPolicy(task.spinUs, PHASE_SLOTS + 1);
  let after = PHASE_SLOTS;
  for (;;) {
    const t0 = performance.now();
    seen = awaitEpoch(control, seen, spin.spinUs(after));
    spin.observe(after, 1000 * (performance.now() - t0));
    if (Atomics.load(control, C.STOP) === 1) return jobs;
    after = phaseSlot(readJob(control, seen).phase);
    try {
      drain(drainer, seen);
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
