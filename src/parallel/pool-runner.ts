// Runs iterations on a Piscina pool. Piscina owns and starts the threads;
// for the barrier strategies each worker then runs one long-lived 'loop' task
// that waits on the shared control array, so an iteration costs a store and a
// wake-up instead of a message round trip (see worker-main.ts).

import { Piscina } from 'piscina';
import {
  allocSharedBase,
  type Evaluator,
  makeEvaluator,
  phaseCounts,
  phaseNamesOf,
  sharedBaseItems,
} from '../methods/evaluate.ts';
import {
  allocReport,
  eachPart,
  fitting,
  REPORT_PHASE,
  type Reported,
  reported,
  reportItems,
} from '../methods/report-phase.ts';
import { evalCount } from '../methods/run-spec.ts';
import { makeNet, paramCount } from '../nn/network.ts';
import { Balancer } from './balance.ts';
import { MAX_CLAIMABLE, openJob } from './claim.ts';
import { abortJob, busyOffset, type Drainer, drainYielding } from './drain.ts';
import { addJob, emptyProfile, type Profile } from './profile.ts';
import type { Runner, RunnerOptions, Strategy } from './runner.ts';
import { C, makeSharedState, PHASE_SLOTS, phaseSlot, type SharedState } from './shared-state.ts';
import { IterationAborted, Slicer } from './slices.ts';
import { SpinPolicy } from './spin.ts';
import type { WorkerInit, WorkerTask } from './worker-main.ts';

/** The most a thread spins before it blocks, where its waits have been that short (spin.ts). */
const SPIN_US = 200;
/** JIT warm-up of each worker at start, before anyone's clock runs. */
const WARM_MS = 30;

/**
 * The workers' script: the compiled worker bundle beside the compiled
 * coordinator (scripts/build.mjs); from the TypeScript sources, the worker's
 * own source where Node strips types, else the bundle in dist/ (tests on
 * Node 20 build it first). No TypeScript loader ever runs inside a worker.
 */
function workerFile(): string {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new URL('./eval-worker.js', here).href; // the bundle's own worker
  // Run from the TypeScript sources: where Node strips types itself (22.18+, 24), the workers load
  // from the sources too; elsewhere (Node 20 under vitest) from the bundle, which the tests build first.
  const strips = Boolean((process.features as { typescript?: unknown }).typescript);
  return new URL(strips ? '../../workers/eval-worker.ts' : '../../dist/eval-worker.js', here).href;
}

export class PoolRunner implements Runner {
  readonly threads: number;
  readonly profile: Profile;
  readonly results: Float64Array;
  private readonly shared: SharedState;
  private readonly pool: Piscina;
  private readonly count: number;
  private readonly workers: number;
  /** The coordinator's evaluator: it knows each iteration's phases, and computes a share with spin-main. */
  private readonly ev: Evaluator;
  private readonly own?: Evaluator;
  private readonly spin: boolean;
  private readonly balancer: Balancer;
  private drainer?: Drainer;
  private loops: Promise<unknown>[] = [];
  private failure?: Promise<never>;
  /** A worker's error, once its loop has failed: every later wait rejects with it at once. */
  private failedWith?: unknown;
  /** Set by the run's stop signal: the job in hand was given up, and the runner takes no more. */
  private aborted = false;
  private closed = false;
  private readonly warmMs: number;
  /** The coordinator's own evaluation time by phase slot, and the workers' busy times already counted. */
  private readonly ownBusy = new Float64Array(PHASE_SLOTS);
  private readonly busySeen: Float64Array;
  /** The coordinator's waits for a job's last items, by phase slot. */
  private readonly spinPolicy = new SpinPolicy(SPIN_US, PHASE_SLOTS);

  readonly strategy: Strategy;
  readonly report?: (parts: number, signal?: AbortSignal) => Promise<Reported>;

  constructor(o: RunnerOptions, strategy: Strategy, cores: number) {
    this.strategy = strategy;
    this.threads = Number(o.threads);
    this.profile = o.profile ?? emptyProfile();
    this.profile.phases = phaseNamesOf(o.run.eval);
    this.warmMs = o.warmMs ?? WARM_MS;
    const net = makeNet(o.run.nodes, o.run.func);
    const P = paramCount(net);
    this.count = evalCount(o.run.eval, P);
    // The reports' sets, their terms computed by all threads together too, a job per set; one too big for a
    // job (a barrier's claims count at most MAX_CLAIMABLE items) is left to the main thread.
    const report = o.report && allocReport(strategy === 'run' ? o.report : fitting(o.report, MAX_CLAIMABLE), true);
    const most = Math.max(this.count, sharedBaseItems(o.run.eval, o.data.n));
    if (strategy !== 'run' && most > MAX_CLAIMABLE) {
      throw new Error(
        `${most} items in one phase of an iteration: the ${strategy} strategy takes at most ${MAX_CLAIMABLE}; use --strategy run`,
      );
    }
    this.workers = strategy === 'spin-main' ? this.threads - 1 : this.threads;
    this.shared = makeSharedState(P, this.count, this.workers);
    this.results = this.shared.results;
    this.busySeen = new Float64Array(this.shared.busyMs.length);
    // Incremental gradients, low-rank ES: one base pass in shared memory, computed by all threads together.
    const base = allocSharedBase(o.run, o.data);
    this.ev = makeEvaluator(o.run, o.data, base, report);
    if (report) {
      this.report = async (parts, signal) => {
        // Counted as a report by the trainer, not as an iteration's compute, dispatch and wait.
        await this.aborting(signal, async () => {
          for (const part of eachPart(report, parts))
            if (!this.aborted) await this.runPhase(part, REPORT_PHASE, reportItems(report, part), false);
        });
        if (this.aborted) throw new IterationAborted();
        return reported(report, parts, this.ev.output, o.report?.units);
      };
    }
    if (strategy === 'spin-main') this.own = this.ev;
    if (this.own)
      this.drainer = {
        ev: this.own,
        shared: this.shared,
        participants: 0,
        chunk: new Int32Array(2),
        slicer: new Slicer(),
        busy: this.ownBusy,
        busyAt: 0,
      };
    // Never more spinning threads than cores: the workers plus the coordinator.
    this.spin = (strategy === 'spin' || strategy === 'spin-main') && this.workers + 1 <= cores;
    this.balancer = new Balancer(this.participants());
    const init: WorkerInit = { run: o.run, data: o.data, shared: this.shared, base, report, fault: o.fault };
    this.pool = new Piscina({
      filename: workerFile(),
      workerData: init,
      minThreads: this.workers,
      maxThreads: this.workers,
      idleTimeout: 2 ** 31 - 1,
      concurrentTasksPerWorker: 1,
    });
  }

  private participants(): number {
    return this.workers + (this.own ? 1 : 0);
  }

  /** Starts and warms every worker before the caller's clock starts. */
  async start(): Promise<void> {
    const tasks: Promise<unknown>[] = [];
    for (let w = 0; w < this.workers; w++)
      tasks.push(this.pool.run({ op: 'ping', warmMs: this.warmMs } satisfies WorkerTask));
    await Promise.all(tasks);
    if (this.strategy === 'run') return;
    const spinUs = this.spin ? SPIN_US : 0;
    this.loops = [];
    const participants = this.participants();
    for (let id = 0; id < this.workers; id++)
      this.loops.push(this.pool.run({ op: 'loop', id, spinUs, participants } satisfies WorkerTask));
    // A loop task that ends before close() means its worker failed.
    this.failure = Promise.race(this.loops).then(
      () => {
        throw new Error('a worker left its loop unexpectedly');
      },
      (err) => {
        throw err;
      },
    );
    // A worker that dies mid-job never reports through shared memory: stop the others from here,
    // and wake the coordinator wherever it waits (the job's count, or the workers' start).
    this.failure.catch((err) => {
      this.failedWith ??= err;
      abortJob(this.shared.control);
      Atomics.notify(this.shared.control, C.READY);
    });
    await this.waitFor(C.READY, this.workers, 0);
    if (this.failedWith !== undefined) throw this.failedWith;
  }

  describe(): string {
    return `${this.strategy}, ${this.workers} pool worker${this.workers === 1 ? '' : 's'}${this.own ? ' + main thread' : ''}`;
  }

  setParams(params: Float64Array): void {
    const t0 = performance.now();
    this.shared.params.set(params);
    this.profile.writeMs += performance.now() - t0;
  }

  /**
   * Each phase of the iteration (see phaseCounts) as one job, the next once the
   * last is done. `signal` gives the iteration up within a slice (slices.ts):
   * it then rejects with IterationAborted, and the runner takes no more.
   */
  async run(t: number, signal?: AbortSignal): Promise<void> {
    if (this.closed) throw new Error('runner is closed');
    await this.aborting(signal, async () => {
      const counts = phaseCounts(this.ev, t);
      for (let phase = 0; phase < counts.length && !this.aborted; phase++)
        await this.runPhase(t, phase, counts[phase], phase === counts.length - 1);
    });
    if (this.aborted) throw new IterationAborted();
    this.profile.iterations++;
  }

  /** `work`, given up where `signal` aborts: the job in hand is abandoned, and the runner takes no more. */
  private async aborting(signal: AbortSignal | undefined, work: () => Promise<void>): Promise<void> {
    const onAbort = () => {
      this.aborted = true;
      abortJob(this.shared.control);
    };
    if (signal?.aborted) onAbort();
    signal?.addEventListener('abort', onAbort);
    try {
      await work();
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** One phase as one job, its times in the run's profile (a report's as its own slot's only). */
  private runPhase(t: number, phase: number, count: number, last: boolean): Promise<void> {
    const p = this.profile;
    return this.strategy === 'run' ? this.runTasks(t, phase, count, last, p) : this.runBarrier(t, phase, count, p);
  }

  /** One pool.run per chunk: static chunks, sized by each worker's measured speed (in the last phase). */
  private async runTasks(t: number, phase: number, count: number, last: boolean, p: Profile): Promise<void> {
    const bounds = this.balancer.split(count);
    const t0 = performance.now();
    const jobs = [];
    for (let w = 0; w < this.workers; w++) {
      const task: WorkerTask = { op: 'chunk', t, phase, lo: bounds[w], hi: bounds[w + 1] };
      jobs.push(this.pool.run(task) as Promise<number>);
    }
    const t1 = performance.now();
    // One chunk failing frees the others at their next slice.
    const ms = await Promise.all(jobs).catch((err) => {
      abortJob(this.shared.control);
      throw err;
    });
    const slot = phaseSlot(phase);
    if (phase !== REPORT_PHASE) {
      p.dispatchMs += t1 - t0;
      p.waitMs += performance.now() - t1;
    }
    addJob(
      p,
      slot,
      performance.now() - t0,
      ms.reduce((a, b) => a + b, 0),
      this.workers,
    );
    if (last) for (let w = 0; w < ms.length; w++) this.balancer.observe(w, bounds[w + 1] - bounds[w], ms[w]);
  }

  /** Opens the job, computes a share if the coordinator takes part, waits for the rest. */
  private async runBarrier(t: number, phase: number, count: number, p: Profile): Promise<void> {
    const { control } = this.shared;
    const report = phase === REPORT_PHASE;
    const t0 = performance.now();
    const epoch = Atomics.load(control, C.EPOCH) + 1;
    Atomics.store(control, C.COMPLETED, 0);
    openJob(control, epoch, { phase, count, t });
    Atomics.store(control, C.EPOCH, epoch);
    Atomics.notify(control, C.EPOCH);
    const t1 = performance.now();
    if (!report) p.dispatchMs += t1 - t0;
    if (this.drainer) {
      this.drainer.participants = this.participants();
      const own = await drainYielding(this.drainer, epoch, { yieldedAt: t1 });
      if (!report) {
        p.ownEvals += own;
        p.computeMs += performance.now() - t1;
      }
    }
    if (!report) p.evals += count;
    const t2 = performance.now();
    const slot = phaseSlot(phase);
    await this.waitFor(C.COMPLETED, count, this.spin ? this.spinPolicy.spinUs(slot) : 0);
    this.spinPolicy.observe(slot, 1000 * (performance.now() - t2));
    if (!report) p.waitMs += performance.now() - t2;
    if (this.failedWith !== undefined) throw this.failedWith;
    if (Atomics.load(control, C.FAILED) !== 0) await this.failure; // rejects with the worker's own error
    addJob(p, slot, performance.now() - t0, this.takeBusy(slot), this.participants());
  }

  /** Every participant's evaluation time in `slot` since the last call: all of this job's, now it is complete. */
  private takeBusy(slot: number): number {
    let ms = this.ownBusy[slot];
    this.ownBusy[slot] = 0;
    const { busyMs } = this.shared;
    for (let w = 0; w < this.workers; w++) {
      const at = busyOffset(w) + slot;
      ms += busyMs[at] - this.busySeen[at];
      this.busySeen[at] = busyMs[at];
    }
    return ms;
  }

  /** Until control[slot] >= target: spin for up to spinUs, then wait without blocking the event loop. */
  private async waitFor(slot: number, target: number, spinUs: number): Promise<void> {
    const { control } = this.shared;
    if (spinUs > 0) {
      const deadline = performance.now() + spinUs / 1000;
      for (let i = 0; Atomics.load(control, slot) < target && !this.halted(); i++) {
        if ((i & 63) === 63 && performance.now() > deadline) break;
      }
    }
    for (;;) {
      const now = Atomics.load(control, slot);
      if (now >= target || this.halted()) return;
      // A worker that dies never bumps the count, but its failure wakes this wait (see start()).
      // Not a Promise.race with the failure: each race would leave a reaction on that promise,
      // which never settles in a healthy run, so the heap would grow every iteration.
      const w = Atomics.waitAsync(control, slot, now, 1000);
      if (w.async) await w.value;
    }
  }

  /** A worker failed or the run is stopping: nobody waits for the job's count any more. */
  private halted(): boolean {
    const { control } = this.shared;
    return Atomics.load(control, C.FAILED) !== 0 || Atomics.load(control, C.ABORT) !== 0;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const { control } = this.shared;
    Atomics.store(control, C.STOP, 1);
    Atomics.add(control, C.EPOCH, 1);
    Atomics.notify(control, C.EPOCH);
    // Loops leave at once unless a worker is mid-evaluation; don't wait long
    // for that one: destroy() terminates it.
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise((resolve) => {
      timer = setTimeout(resolve, 1000);
    });
    await Promise.race([Promise.allSettled(this.loops), grace]);
    clearTimeout(timer);
    await this.pool.destroy();
  }
}
