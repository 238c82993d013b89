// A pool of a fixed size (--threads N) that starts in the background. Booting
// N − 1 worker threads, loading their code and warming their JIT takes
// ~0.1 s, during which the main thread would sit idle; here it trains
// instead, and the pool takes over at the first iteration's start after it
// is up (never mid-iteration, never between an iteration and its report or
// update, which read the runner that ran it). The weights are the same bits
// whichever thread computes what, so this changes when the run ends, never
// what it ends with.

import type { InlineRunner } from './inline-runner.ts';
import type { Runner, Strategy } from './runner.ts';
import { IterationAborted } from './slices.ts';

export class WarmingRunner implements Runner {
  readonly threads: number;
  readonly strategy: Strategy;
  readonly profile;
  /** Iterations the main thread ran while the pool started. */
  inlineIterations = 0;
  private pool?: Runner;
  private ready?: Runner;
  private failure?: unknown;
  private readonly starting: Promise<void>;
  /** The params last set: the pool gets them when it takes over. */
  private params?: Float64Array;
  private readonly inline: InlineRunner;
  private readonly poolDescription: string;

  /** `pool` made (sharing the inline runner's profile), `started` once its workers are up. */
  constructor(inline: InlineRunner, pool: Runner & { strategy: Strategy }, started: Promise<Runner>) {
    this.inline = inline;
    this.threads = pool.threads;
    this.strategy = pool.strategy;
    this.profile = inline.profile;
    this.poolDescription = pool.describe();
    this.starting = started.then(
      (r) => {
        this.ready = r;
      },
      (err) => {
        this.failure = err;
      },
    );
  }

  get results(): Float64Array {
    return (this.pool ?? this.inline).results;
  }

  /**
   * A report is as much work as dozens of iterations, all of it shareable:
   * one due while the pool starts waits for it (a fraction of the report's
   * time in one thread), and the pool takes over from there.
   */
  get report(): Runner['report'] {
    const inline = this.inline.report;
    if (!inline) return undefined;
    return async (parts, signal) => {
      if (!this.pool) {
        const t0 = performance.now();
        await this.starting;
        this.profile.poolStartMs += performance.now() - t0;
      }
      this.takeOver();
      return ((this.pool ?? this.inline).report as NonNullable<Runner['report']>)(parts, signal);
    };
  }

  setParams(params: Float64Array): void {
    this.params = params;
    (this.pool ?? this.inline).setParams(params);
  }

  async run(t: number, signal?: AbortSignal): Promise<void> {
    this.takeOver();
    if (this.pool) return this.pool.run(t, signal);
    // The main thread's iteration is given up when the pool comes up: a long one (a naive gradient of a big
    // net) would otherwise keep every other thread idle to its end. The pool then runs it from the start.
    const up = new AbortController();
    this.starting.then(() => up.abort());
    try {
      await this.inline.run(t, signal ? AbortSignal.any([signal, up.signal]) : up.signal);
      this.inlineIterations++;
    } catch (err) {
      if (!(err instanceof IterationAborted) || signal?.aborted) throw err;
      this.takeOver();
      const pool = this.pool as Runner | undefined;
      if (!pool) throw err;
      await pool.run(t, signal);
    }
  }

  /** The pool, once up, from the next iteration or report on; its start's error, if it failed. */
  private takeOver(): void {
    if (this.failure !== undefined) throw this.failure;
    if (this.ready && !this.pool) {
      this.pool = this.ready;
      if (this.params) this.pool.setParams(this.params);
    }
  }

  /** The pool's words, and what the main thread ran while it started. */
  describe(): string {
    const k = this.inlineIterations;
    if (!this.pool)
      return k === 0
        ? this.poolDescription
        : `${this.poolDescription}; the run ended in the main thread, before the pool was up`;
    return k === 0
      ? this.pool.describe()
      : `${this.pool.describe()}; the main thread ran the first ${k} iteration${k === 1 ? '' : 's'} while it started`;
  }

  async close(): Promise<void> {
    await this.starting; // a pool still starting is closed too, once it is up
    await (this.pool ?? this.ready)?.close();
  }
}
