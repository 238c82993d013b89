// --threads auto: a pool and the main thread, used in turn by measured speed.
//
// Whichever runs an iteration, its results are the same bits, so switching
// between them mid-run changes the timing and never the weights. The pool
// runs while it is faster; now and then a short burst on the other runner
// refreshes its estimate, spaced so that probing costs at most 1% of the run,
// and less while the probes keep confirming the choice. This catches what a
// cost model cannot: cores busy with other work, where threads that wait on
// each other lose to one thread alone.

import type { ThreadChoice } from './auto-threads.ts';
import type { Runner } from './runner.ts';

// An estimate is the fastest of a runner's last WINDOW samples: stalls (a
// collector or compiler thread taking a core for a few ms) only ever add time,
// so the minimum ignores them, while a lasting slowdown raises every sample.
const WINDOW = 5;
const SAMPLE_MS = 2; // a sample: the mean of consecutive iterations lasting at least this (default)
// Share of the run that probing may cost: starts at MAX, halves with every probe
// that confirms the choice (down to MIN), back to MAX when a probe flips it.
const MAX_PROBE_BUDGET = 0.01;
const MIN_PROBE_BUDGET = 0.0005;
const HYSTERESIS = 0.15; // switch only for an estimate this much lower
const SLOWDOWN = 2; // the active runner this much slower than at the last decision: probe now
// The first iterations of a fresh pool run cold code in every thread: neither
// timed nor second-guessed, since the cost model already chose the pool.
const WARM_UP_MS = 100;
const CONFIRM_SAMPLES = 10; // how soon after a switch to look back, in samples

export class AdaptiveRunner implements Runner {
  readonly strategy = 'auto';
  readonly profile;
  private readonly runners: [Runner, Runner];
  private readonly recentMs: [number[], number[]] = [[], []];
  private readonly estMs = [NaN, NaN];
  private readonly counts = [0, 0];
  private active = 1; // 0 = main thread, 1 = pool
  private last = 1;
  private sample = { ms: 0, n: 0 };
  /** Samples still to take on the other runner; 0 = not probing. */
  private probeLeft = 0;
  /** Time spent in run(), the clock that probes are spaced by. */
  private busyMs = 0;
  private lastProbeAt = 0;
  private budget = MAX_PROBE_BUDGET;
  /** The active runner's estimate when the last probe or switch decided for it. */
  private decidedMs = NaN;
  /** After a switch, look back once soon: the slowdown that caused it may have passed. */
  private confirmAt = Infinity;

  readonly choice: ThreadChoice;
  private readonly sampleMs;

  constructor(inline: Runner, pool: Runner, choice: ThreadChoice, sampleMs = SAMPLE_MS) {
    this.choice = choice;
    this.sampleMs = sampleMs;
    this.runners = [inline, pool];
    this.profile = inline.profile;
  }

  get threads(): number {
    return this.runners[1].threads;
  }

  get results(): Float64Array {
    return this.runners[this.last].results;
  }

  /** On the runner of the last iteration, with the params set since. */
  get report(): Runner['report'] {
    const runner = this.runners[this.last];
    const report = runner.report;
    if (!report) return undefined;
    return (parts, signal) => {
      if (this.params) runner.setParams(this.params);
      return report(parts, signal);
    };
  }

  describe(): string {
    const total = this.counts[0] + this.counts[1] || 1;
    const pct = (n: number) => `${((100 * n) / total).toFixed(0)}%`;
    return `auto: ${this.runners[1].describe()} for ${pct(this.counts[1])} of iterations, main thread only for ${pct(this.counts[0])}`;
  }

  /** Held until run() knows which runner gets them: one copy, not two. */
  private params?: Float64Array;

  setParams(params: Float64Array): void {
    this.params = params;
  }

  async run(t: number, signal?: AbortSignal): Promise<void> {
    const mode = this.pick();
    if (!this.params) throw new Error('setParams() before run()');
    this.runners[mode].setParams(this.params);
    const t0 = performance.now();
    await this.runners[mode].run(t, signal);
    const ms = performance.now() - t0;
    this.busyMs += ms;
    // The first iteration after a switch pays for waking threads: not timed.
    if (mode === this.last) this.time(mode, ms);
    else this.sample = { ms: 0, n: 0 };
    this.last = mode;
    this.counts[mode]++;
  }

  private time(mode: number, ms: number): void {
    if (this.busyMs < WARM_UP_MS) return;
    this.sample.ms += ms;
    this.sample.n++;
    if (this.sample.ms < this.sampleMs) return;
    const recent = this.recentMs[mode];
    recent.push(this.sample.ms / this.sample.n);
    if (recent.length > WINDOW) recent.shift();
    this.estMs[mode] = Math.min(...recent);
    this.sample = { ms: 0, n: 0 };
    if (this.probeLeft > 0 && mode !== this.active) this.probeLeft--;
  }

  /** The faster runner, or the other one while a probe is under way. */
  private pick(): number {
    if (this.busyMs < WARM_UP_MS) return this.active;
    const other = 1 - this.active;
    if (this.probeLeft > 0) return other;
    if (this.estMs[other] < (1 - HYSTERESIS) * this.estMs[this.active]) {
      this.budget = MAX_PROBE_BUDGET;
      this.active = other;
      this.decidedMs = this.estMs[other];
      this.confirmAt = this.busyMs + CONFIRM_SAMPLES * this.sampleMs;
      return other;
    }
    if (this.busyMs >= this.confirmAt) {
      this.confirmAt = Infinity;
      return this.startProbe(this.budget);
    }
    if (Number.isNaN(this.decidedMs)) this.decidedMs = this.estMs[this.active];
    if (this.estMs[this.active] > SLOWDOWN * this.decidedMs) return this.startProbe(MAX_PROBE_BUDGET);
    // A probe runs WINDOW samples on the other runner; it costs what they take beyond
    // staying put. Not measured yet: guess the other runner twice as slow.
    const otherMs = Number.isNaN(this.estMs[other]) ? 2 * this.estMs[this.active] : this.estMs[other];
    const probeIters = WINDOW * Math.max(1, this.sampleMs / otherMs);
    // Counted as at least the hysteresis margin, so that a near tie is not probed all the time.
    const probeMs = probeIters * Math.max(otherMs - this.estMs[this.active], HYSTERESIS * this.estMs[this.active]);
    if (this.recentMs[this.active].length >= WINDOW && this.busyMs - this.lastProbeAt >= probeMs / this.budget) {
      return this.startProbe(this.lastProbeAt > 0 ? Math.max(MIN_PROBE_BUDGET, this.budget / 2) : this.budget);
    }
    return this.active;
  }

  private startProbe(budget: number): number {
    this.budget = budget;
    this.lastProbeAt = this.busyMs;
    this.decidedMs = this.estMs[this.active];
    this.probeLeft = WINDOW;
    return 1 - this.active;
  }

  async close(): Promise<void> {
    await Promise.all(this.runners.map((r) => r.close()));
  }
}
