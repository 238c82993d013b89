// Everything in the main thread, with the same functions the workers use.

import { evaluatePhase, makeEvaluator, phaseCost, phaseCounts, phaseNamesOf } from '../methods/evaluate.ts';
import { allocReport, REPORT_PHASE, type Reported, reported, reportItems } from '../methods/report-phase.ts';
import { evalCount } from '../methods/run-spec.ts';
import { paramCount } from '../nn/network.ts';
import type { ThreadChoice } from './auto-threads.ts';
import { addJob, emptyProfile, type Profile } from './profile.ts';
import type { Runner, RunnerOptions } from './runner.ts';
import { phaseSlot, REPORT_SLOT } from './shared-state.ts';
import { IterationAborted, Slicer, YIELD_MS } from './slices.ts';

export class InlineRunner implements Runner {
  readonly strategy = 'inline';
  readonly profile: Profile;
  choice?: ThreadChoice;
  private readonly ev;
  private readonly params: Float64Array;
  readonly results: Float64Array;
  private readonly count: number;

  readonly threads;
  readonly report?: (parts: number, signal?: AbortSignal) => Promise<Reported>;

  constructor(o: RunnerOptions, threads = 0) {
    this.threads = threads;
    this.profile = o.profile ?? emptyProfile();
    this.profile.phases = phaseNamesOf(o.run.eval);
    this.ev = makeEvaluator(o.run, o.data, undefined, o.report && allocReport(o.report, false));
    if (this.ev.report) {
      const report = this.ev.report;
      this.report = async (parts, signal) => {
        const count = reportItems(report, parts);
        const fn = (lo: number, hi: number) =>
          evaluatePhase(this.ev, this.params, parts, REPORT_PHASE, lo, hi, this.results);
        // In slices where it can be given up (a task's held-out episodes can take seconds), as an iteration is.
        const r0 = performance.now();
        if (!signal) fn(0, count);
        else if (
          (await this.slicer.runYielding(0, count, fn, () => signal.aborted, { yieldedAt: performance.now() })) < count
        )
          throw new IterationAborted();
        this.spent(REPORT_SLOT, performance.now() - r0);
        return reported(report, parts, this.ev.output, o.report?.units);
      };
    }
    const P = paramCount(this.ev.net);
    this.count = evalCount(o.run.eval, P);
    this.params = new Float64Array(P);
    this.results = new Float64Array(this.count);
  }

  setParams(params: Float64Array): void {
    this.params.set(params);
  }

  private readonly slicer = new Slicer();
  /** The last iteration's time: the first is taken as long, so that a huge net's is sliced too. */
  private lastMs = Infinity;

  /**
   * An iteration that takes more than a fraction of YIELD_MS goes in slices,
   * yielding to the event loop between them so that `signal` (Ctrl-C, a time
   * limit) is seen within about YIELD_MS; it then rejects with IterationAborted.
   * Shorter ones run in one call, the trainer yielding between iterations.
   */
  async run(t: number, signal?: AbortSignal): Promise<void> {
    const t0 = performance.now();
    const sliced = signal && this.lastMs >= YIELD_MS / 5;
    const clock = { yieldedAt: t0 };
    for (const [phase, count] of phaseCounts(this.ev, t).entries()) {
      const p0 = performance.now();
      const fn = (lo: number, hi: number) => evaluatePhase(this.ev, this.params, t, phase, lo, hi, this.results);
      if (!sliced) fn(0, count);
      else if (
        (await this.slicer.runYielding(0, count, fn, () => signal.aborted, clock, phaseCost(this.ev, phase), phase)) <
        count
      )
        throw new IterationAborted();
      this.spent(phaseSlot(phase), performance.now() - p0);
    }
    this.lastMs = performance.now() - t0;
    this.profile.computeMs += this.lastMs;
    this.profile.evals += this.count;
    this.profile.ownEvals += this.count;
    this.profile.iterations++;
  }

  /** One thread: a phase's busy time is its span. */
  private spent(slot: number, ms: number): void {
    addJob(this.profile, slot, ms, ms, 1);
  }

  describe(): string {
    return 'main thread only';
  }

  async close(): Promise<void> {}
}
