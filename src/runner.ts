// A runner evaluates one iteration's list of losses (see evaluate.ts), either
// in the main thread or spread over a worker pool. The trainer only sees this
// interface, so how the work is split can change without touching it.

import { availableParallelism } from 'node:os';
import type { Dataset } from './data.ts';
import { type EvalSpec, evalCount, evaluateRange, makeEvaluator } from './evaluate.ts';
import { type Net, paramCount } from './network.ts';
import { type Output } from './output.ts';
import { type Profile, emptyProfile } from './profile.ts';
import type { ThreadChoice } from './auto-threads.ts';
import { makeSharedState } from './shared-state.ts';
import { PoolRunner } from './pool-runner.ts';
import { createAutoRunner } from './adaptive-runner.ts';

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
  run(t: number): Promise<void>;
  close(): Promise<void>;
}

export interface RunnerOptions {
  net: Net;
  data: Dataset;
  output: Output;
  spec: EvalSpec;
  /** 0 = main thread only, no pool; auto: see auto-threads.ts. */
  threads: number | 'auto';
  strategy?: Strategy;
  /** How many threads may spin at once; defaults to the machine's cores. */
  cores?: number;
  /** JIT warm-up of each worker at start, ms (default 30; 0 = none). */
  warmMs?: number;
  /** Counters to add to, when several runners share one (auto). */
  profile?: Profile;
}

/** Everything in the main thread with the same functions the workers use. */
export class InlineRunner implements Runner {
  readonly strategy = 'inline';
  readonly profile: Profile;
  choice?: ThreadChoice;
  private readonly ev;
  private readonly params: Float64Array;
  readonly results: Float64Array;
  private readonly count: number;

  constructor(o: RunnerOptions, readonly threads = 0) {
    this.profile = o.profile ?? emptyProfile();
    this.ev = makeEvaluator(o.net, o.data, o.output, o.spec);
    this.count = evalCount(o.spec, paramCount(o.net));
    const shared = makeSharedState(paramCount(o.net), this.count, 0);
    this.params = shared.params;
    this.results = shared.results;
  }

  setParams(params: Float64Array): void {
    this.params.set(params);
  }

  async run(t: number): Promise<void> {
    const t0 = performance.now();
    evaluateRange(this.ev, this.params, t, 0, this.count, this.results);
    this.profile.computeMs += performance.now() - t0;
    this.profile.evals += this.count;
    this.profile.ownEvals += this.count;
    this.profile.iterations++;
  }

  describe(): string {
    return 'main thread only';
  }

  async close(): Promise<void> {}
}

export async function createRunner(o: RunnerOptions): Promise<Runner> {
  if (o.threads === 'auto') return createAutoRunner(o);
  if (!Number.isInteger(o.threads) || o.threads < 0) throw new Error(`--threads ${o.threads}: expected a whole number >= 0 or auto`);
  const strategy = o.strategy ?? 'spin-main';
  // With the coordinator computing, one thread means no pool at all.
  if (o.threads === 0 || (strategy === 'spin-main' && o.threads === 1)) return new InlineRunner(o, o.threads);
  const runner = new PoolRunner(o, strategy, o.cores ?? availableParallelism());
  try {
    await runner.start();
  } catch (err) {
    await runner.close(); // a worker that cannot start must not keep the process alive
    throw err;
  }
  return runner;
}
