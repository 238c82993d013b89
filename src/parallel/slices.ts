// Long evaluations cut into slices of about SLICE_MS, so that a stop (Ctrl-C,
// SIGTERM, --max-seconds, a failed worker) is seen within a fraction of a
// second even where one iteration takes minutes. A slice is sized from the
// time per unit of cost measured on the last one of the same phase (carried
// over between calls), so cheap items (a small net) go many to a call and
// costly ones (a naive evaluation of a large net) one or a few at a time.
// Phases keep their own rates: a base pass's samples cost far more than the
// weights' differences after it, and a slice sized on those would run the
// whole base pass in one call, past any stop. Items are independent, so how
// a range is sliced never changes a result.

/** About how long a slice runs before a stop can be seen. */
export const SLICE_MS = 10;
/** The main thread yields to its event loop (signals, timers) at least this often while it evaluates. */
export const YIELD_MS = 50;

/** A phase's rate: milliseconds per unit of cost on its last slice (NaN before the first), and its largest slice's units. */
interface Rate {
  unitMs: number;
  mostUnits: number;
}

export class Slicer {
  private readonly rates: Rate[] = [];

  private readonly targetMs;

  constructor(targetMs = SLICE_MS) {
    this.targetMs = targetMs;
  }

  /**
   * Evaluates [lo, hi) by `fn` slice by slice while `stop()` is false; returns
   * the end reached. `cost`: prefix sums of the items' costs (phaseCost), where
   * they differ, so that a slice sized on cheap items never takes in a run of
   * costly ones.
   */
  run(
    lo: number,
    hi: number,
    fn: (lo: number, hi: number) => void,
    stop: () => boolean,
    cost?: Float64Array,
    phase = 0,
  ): number {
    let at = lo;
    while (at < hi && !stop()) at = this.slice(at, hi, fn, cost, phase);
    return at;
  }

  /**
   * As run(), in the main thread: yields to the event loop every YIELD_MS, so
   * that signal handlers and timers run (and can make `stop()` true).
   */
  async runYielding(
    lo: number,
    hi: number,
    fn: (lo: number, hi: number) => void,
    stop: () => boolean,
    clock: { yieldedAt: number },
    cost?: Float64Array,
    phase = 0,
  ): Promise<number> {
    let at = lo;
    while (at < hi && !stop()) {
      at = this.slice(at, hi, fn, cost, phase);
      if (performance.now() - clock.yieldedAt > YIELD_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        clock.yieldedAt = performance.now();
      }
    }
    return at;
  }

  private slice(
    at: number,
    hi: number,
    fn: (lo: number, hi: number) => void,
    cost: Float64Array | undefined,
    phase: number,
  ): number {
    const c = cost && cost.length > hi ? (i: number) => cost[i] : (i: number) => i;
    this.rates[phase] ??= { unitMs: NaN, mostUnits: 1 };
    const rate = this.rates[phase];
    // Worth targetMs at the last rate, and at most 4 times the largest slice yet: a rate measured on
    // a slice too quick to time well cannot send the next one far past the target. (Not 4 times the
    // last slice: a job's last chunks are small, and the next job's first chunk would then go in a
    // run of slices growing fourfold, each a call that pays the phase's per-call work again.)
    const units = Number.isNaN(rate.unitMs)
      ? 0
      : Math.min(this.targetMs / Math.max(rate.unitMs, 1e-9), 4 * rate.mostUnits);
    const end = Math.max(at + 1, Math.min(hi, firstReaching(c, at, hi, c(at) + units)));
    const t0 = performance.now();
    fn(at, end);
    const ms = performance.now() - t0;
    const done = Math.max(c(end) - c(at), 1e-9);
    rate.mostUnits = Math.max(rate.mostUnits, done);
    rate.unitMs = ms / done;
    return end;
  }
}

/** The smallest e in (at, hi] with c(e) >= target (hi if none). */
function firstReaching(c: (i: number) => number, at: number, hi: number, target: number): number {
  let lo = at + 1;
  let up = hi;
  while (lo < up) {
    const mid = (lo + up) >> 1;
    if (c(mid) < target) lo = mid + 1;
    else up = mid;
  }
  return lo;
}

/** An iteration given up part way because the run is stopping: its results are incomplete. */
export class IterationAborted extends Error {
  constructor() {
    super('iteration aborted: the run is stopping');
  }
}
