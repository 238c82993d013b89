// --threads auto: start at once in the main thread, add a pool only once the
// run has shown that it is long enough for one to pay.
//
// Starting a pool costs ~0.1-0.2 s (loading piscina, booting threads, warming
// their JIT), more than a whole run on the built-in set. So this rents before
// it buys, as in the ski-rental problem: it trains in the main thread, timing
// the real iterations, and once that has cost about as much as a pool's start
// (POOL_AFTER_MS), it prices an iteration from those timings and, if threads
// should pay (auto-threads.ts), starts the pool in the background. The main
// thread keeps training meanwhile; when the pool is ready an AdaptiveRunner
// takes over and keeps the faster of the two. A short run never pays for a
// pool; a long one loses at most the first POOL_AFTER_MS to a single thread.
// The weights are the same bits whichever thread computes what.

import { availableParallelism } from 'node:os';
import { phaseCountOf, sharedBaseItems } from '../methods/evaluate.ts';
import { AdaptiveRunner } from './adaptive-runner.ts';
import { chooseThreads, type ThreadChoice } from './auto-threads.ts';
import { MAX_CLAIMABLE } from './claim.ts';
import { InlineRunner } from './inline-runner.ts';
import { emptyProfile } from './profile.ts';
import type { Runner, RunnerOptions } from './runner.ts';

/** Main-thread time before a pool is considered: about what starting one costs. */
export const POOL_AFTER_MS = 150;
/** Iterations ignored at first: cold code before the JIT has compiled it. */
const COLD_ITERATIONS = 3;

export type StartPool = (threads: number) => Promise<Runner>;

export class AutoRunner implements Runner {
  readonly strategy = 'auto';
  readonly profile;
  choice?: ThreadChoice;
  private adaptive?: AdaptiveRunner;
  /** A pool that came up during an iteration: it takes over at the next one (run), never mid-way,
   *  since that iteration's params and results are the main thread's. */
  private ready?: AdaptiveRunner;
  private starting?: Promise<void>;
  private failure?: unknown;
  private busyMs = 0;
  private iterations = 0;
  /** Iterations begun, the one a stop cut short included. */
  private begun = 0;
  private fastestMs = Infinity;

  private readonly inline: Runner;
  private readonly startPool: StartPool;
  private readonly cores: number;
  private readonly poolAfterMs;
  /** Hand-offs per iteration (phaseCountOf). */
  private readonly phases: number;

  constructor(inline: Runner, startPool: StartPool, cores: number, poolAfterMs = POOL_AFTER_MS, phases = 1) {
    this.phases = phases;
    this.inline = inline;
    this.startPool = startPool;
    this.cores = cores;
    this.poolAfterMs = poolAfterMs;
    this.profile = inline.profile;
  }

  get threads(): number {
    return this.adaptive?.threads ?? 0;
  }

  get results(): Float64Array {
    return (this.adaptive ?? this.inline).results;
  }

  /** The reports run where the iterations run: the pool once it has taken over. */
  get report(): Runner['report'] {
    return (this.adaptive ?? this.inline).report;
  }

  /** The params last set: a pool that takes over at run() gets them. */
  private params?: Float64Array;

  setParams(params: Float64Array): void {
    this.params = params;
    (this.adaptive ?? this.inline).setParams(params);
  }

  async run(t: number, signal?: AbortSignal): Promise<void> {
    if (this.failure) throw this.failure;
    // A pool that came up meanwhile takes over here, at an iteration's start: never between an
    // iteration and its report or update, which read the runner that ran it.
    if (this.ready) {
      [this.adaptive, this.ready] = [this.ready, undefined];
      if (this.params) this.adaptive.setParams(this.params);
    }
    if (this.adaptive) return this.adaptive.run(t, signal);
    this.begun++;
    const t0 = performance.now();
    await this.inline.run(t, signal);
    const ms = performance.now() - t0;
    this.busyMs += ms;
    // Cold iterations overstate the work, so they are not priced; but one that alone outlasts a pool's
    // start is worth threads however cold, and waiting for warm ones would cost several such.
    if (++this.iterations > COLD_ITERATIONS || ms >= this.poolAfterMs) this.fastestMs = Math.min(this.fastestMs, ms);
    if (!this.choice && this.busyMs >= this.poolAfterMs && this.fastestMs < Infinity) this.decide();
  }

  /** Prices an iteration from the fastest one timed; starts a pool in the background when threads pay. */
  private decide(): void {
    this.choice = chooseThreads(this.fastestMs * 1000, this.inline.results.length, this.cores, this.phases);
    if (this.choice.threads < 2) return;
    const choice = this.choice;
    this.starting = this.startPool(choice.threads).then(
      (pool) => {
        this.ready = new AdaptiveRunner(this.inline, pool, choice);
      },
      (err) => {
        this.failure = err;
      },
    );
  }

  describe(): string {
    if (this.adaptive) return this.adaptive.describe();
    if (this.starting) return `auto: main thread only; a pool of ${this.choice?.threads} was still starting at the end`;
    if (this.choice) return `auto: ${this.choice.why}`;
    if (this.begun === 0) {
      return `main thread first; a pool joins if the run lasts over ${this.poolAfterMs} ms and threads would pay`;
    }
    if (this.iterations === 0) return 'auto: main thread only; the run ended inside its first iteration';
    return `auto: main thread only; the run ended within ${this.poolAfterMs} ms, before a pool could pay`;
  }

  async close(): Promise<void> {
    await this.starting; // a pool still starting is closed too, once it is up
    await (this.adaptive ?? this.ready)?.close();
  }
}

/** The runner behind --threads auto: see above. */
export function createAutoRunner(o: RunnerOptions, startPool: (o: RunnerOptions) => Promise<Runner>): Runner {
  const profile = o.profile ?? emptyProfile();
  const inline = new InlineRunner({ ...o, profile }, 0);
  // Jobs too big for the claim counter go one pool.run per chunk instead.
  const base = sharedBaseItems(o.run.eval, o.data.n);
  const strategy = Math.max(inline.results.length, base) > MAX_CLAIMABLE ? 'run' : 'spin-main';
  const start: StartPool = (threads) => startPool({ ...o, profile, threads, strategy });
  return new AutoRunner(inline, start, o.cores ?? availableParallelism(), POOL_AFTER_MS, phaseCountOf(o.run.eval));
}
