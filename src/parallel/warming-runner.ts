// A pool of a fixed size (--threads N) that starts in the background. Booting
// N − 1 worker threads, loading their code and warming their JIT takes
// ~0.1 s, during which the main thread would sit idle; here it trains
// instead. The pool takes over when it is up: at the next iteration's start,
// or by running again from its start an iteration the main thread is part way
// through (a long one would keep the pool idle to its end); never between an
// iteration and its report or update, which read the runner that ran it. The
// weights are the same bits whichever thread computes what, so this changes
// when the run ends, never what it ends with.

import type { InlineRunner } from './inline-runner.ts';
import type { Runner, Strategy } from './runner.ts';
import { IterationAborted } from './slices.ts';

export class WarmingRunner implements Runner {
  readonly threads: number;
  readonly strategy: Strategy;
  readonly profile;
  /** Iterations the main thread ran while the pool started, and the pool's. */
  inlineIterations = 0;
  private poolIterations = 0;
  private pool?: Runner;
  private ready?: Runner;
  private failure?: unknown;
  /** Settles once the pool is up or has failed to start. */
  private readonly up: Promise<void>;
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
    this.up = started.then(
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
        await this.up;
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
    if (this.pool) {
      await this.pool.run(t, signal);
      this.poolIterations++;
      return;
    }
    // The main thread's iteration is given up when the pool comes up: a long one (a naive gradient of a big
    // net) would otherwise keep every other thread idle to its end. The pool then runs it from the start.
    const poolUp = new AbortController();
    this.up.then(() => poolUp.abort());
    try {
      await this.inline.run(t, signal ? AbortSignal.any([signal, poolUp.signal]) : poolUp.signal);
      this.inlineIterations++;
    } catch (err) {
      if (!(err instanceof IterationAborted) || signal?.aborted) throw err;
      this.takeOver();
      const pool = this.pool as Runner | undefined;
      if (!pool) throw err;
      await pool.run(t, signal);
      this.poolIterations++;
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

  /** The pool is not up yet: a report now would wait for it. */
  get poolStarting(): boolean {
    return !this.ready && this.failure === undefined;
  }

  /** The pool's words, and what the main thread ran while it started. */
  describe(): string {
    const k = this.inlineIterations;
    const words = this.pool?.describe() ?? this.poolDescription;
    if (k === 0) return words;
    const s = k === 1 ? '' : 's';
    if (this.poolIterations === 0) return `${words}; all ${k} iteration${s} ran in the main thread while it started`;
    return `${words}; the main thread ran the first ${k} iteration${s} while it started`;
  }

  async close(): Promise<void> {
    await this.up; // a pool still starting is closed too, once it is up
    await (this.pool ?? this.ready)?.close();
  }
}
