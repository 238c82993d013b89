// A runner evaluates one iteration's list of losses (see methods/evaluate.ts),
// either in the main thread or spread over a worker pool. The trainer only
// sees this interface, so how the work is split can change without touching it.

import type { Dataset } from '../data/dataset.ts';
import type { Reported, ReportSpec } from '../methods/report-phase.ts';
import type { RunSpec } from '../methods/run-spec.ts';
import type { ThreadChoice } from './auto-threads.ts';
import type { Profile } from './profile.ts';

/**
 * How iterations are handed to threads:
 *   run       one pool.run per chunk per iteration
 *   wait      long-lived worker loops woken through Atomics.wait/notify
 *   spin      as wait, but workers spin briefly before they block
 *   spin-main as spin, and the coordinator computes a share itself
 */
export type Strategy = 'run' | 'wait' | 'spin' | 'spin-main';
export const STRATEGIES: readonly Strategy[] = ['run', 'wait', 'spin', 'spin-main'];

export interface Runner {
  /** Threads that evaluate losses, the coordinator included when it computes. */
  readonly threads: number;
  readonly strategy: Strategy | 'inline' | 'auto';
  readonly results: Float64Array;
  readonly profile: Profile;
  /** Why --threads auto chose what it did. */
  readonly choice?: ThreadChoice;
  /** One line for people: what ran the iterations. */
  describe(): string;
  setParams(params: Float64Array): void;
  /**
   * Evaluates iteration t into results. Where the iteration is long, `signal`
   * gives it up part way (within about a second): the promise then rejects
   * with IterationAborted (slices.ts) and the results are incomplete.
   */
  run(t: number, signal?: AbortSignal): Promise<void>;
  /**
   * Runners made with a report spec: what a report of `parts` (report-phase.ts)
   * measures of the params last set on them, split over the runner's threads,
   * with the main thread's bits.
   */
  readonly report?: (parts: number, signal?: AbortSignal) => Promise<Reported>;
  /** A pool started in the background and not up yet: a report now would wait for it (warming-runner.ts). */
  readonly poolStarting?: boolean;
  close(): Promise<void>;
}

/**
 * Test-only fault switch: pool workers (never the coordinator) throw at their
 * n-th evaluation, or end their thread there with `exit`. Nothing else sets it.
 */
export interface WorkerFault {
  afterEvals: number;
  mode: 'throw' | 'exit';
}

export interface RunnerOptions {
  /** What to evaluate: every thread builds its evaluator from this. */
  run: RunSpec;
  data: Dataset;
  /** 0 = main thread only, no pool; auto: see auto-threads.ts. */
  threads: number | 'auto';
  strategy?: Strategy;
  /** How many threads may spin at once; defaults to the machine's cores. */
  cores?: number;
  /** JIT warm-up of each worker at start, ms (default 30; 0 = none). */
  warmMs?: number;
  /** Counters to add to, when several runners share one (auto). */
  profile?: Profile;
  fault?: WorkerFault;
  /** A pool: start it in the background, the main thread running the iterations until it is up (warming-runner.ts). */
  background?: boolean;
  /** What the reports measure: a mini-batch run's evaluation set, the sets scored whole (see report). */
  report?: ReportSpec;
}
