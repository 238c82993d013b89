// One task run in progress: the weights the loop moves, the best held-out
// ones so far and the history of returns. The loop itself (task-train.ts)
// runs an iteration at a time through `iterate`, and a report through
// `report`; nothing here names a method: the run's rule (update-rule.ts)
// makes the update from the kind's results (task-results.ts).

import type { HistoryPoint } from '../model/history.ts';
import type { Runner } from '../parallel/runner.ts';
import type { TrainEvent } from './events.ts';
import type { Halt } from './halt.ts';
import type { StopReason } from './stop.ts';
import { FlatGuard } from './task-flat.ts';
import type { TaskRun } from './task-open.ts';

/** The held-out mean of params, given up where the signal aborts. */
export type HeldOut = (params: Float64Array, signal?: AbortSignal) => Promise<number>;

export class TaskLoop {
  readonly best: { params: Float64Array; ret: number; iteration: number };
  readonly history: HistoryPoint[] = [];
  readonly t0 = performance.now();
  iterations = 0;
  /** The last iteration's training return; none before the first (the first point's is the held-out mean). */
  private trainReturn = NaN;
  private readonly flat: FlatGuard;
  private readonly run: TaskRun;
  private readonly runner: Runner;
  private readonly heldOut: HeldOut;
  private readonly halt: Halt;
  private readonly onEvent?: (e: TrainEvent) => void;

  constructor(run: TaskRun, runner: Runner, heldOut: HeldOut, halt: Halt, onEvent?: (e: TrainEvent) => void) {
    this.run = run;
    this.runner = runner;
    this.heldOut = heldOut;
    this.halt = halt;
    this.onEvent = onEvent;
    this.best = { params: Float64Array.from(run.params), ret: -Infinity, iteration: 0 };
    this.flat = new FlatGuard(run);
  }

  /** Iteration t and its update; a report where one is due; why the run stops here, if it does. */
  async iterate(t: number): Promise<StopReason | undefined> {
    const { run, runner } = this;
    runner.setParams(run.params);
    await runner.run(t, this.halt.signal);
    const results = run.results.reduce(t, runner.results);
    const loss = run.rule.measures === 'before' ? run.rule.loss(results) : NaN;
    const after = run.rule.update(t, results, run.params, loss);
    this.trainReturn = -(run.rule.measures === 'before' ? loss : after);
    this.iterations = t + 1;
    const note = this.flat.check(t, results, run.params);
    if (note) this.onEvent?.({ type: 'task-note', iteration: this.iterations, note });
    if (this.halt.signal.aborted) return this.halt.reason();
    return this.iterations % run.s.reportEvery === 0 ? this.report(this.iterations) : undefined;
  }

  /** The held-out mean of the current weights: kept if the best, reported, and checked against the target. */
  async report(t: number): Promise<StopReason | undefined> {
    const { run, runner, best } = this;
    const r0 = performance.now();
    const heldOut = await this.heldOut(run.params, this.halt.signal);
    runner.profile.reportMs += performance.now() - r0;
    if (heldOut > best.ret) Object.assign(best, { ret: heldOut, iteration: t }).params.set(run.params);
    const elapsedMs = performance.now() - this.t0;
    const trainReturn = this.trainReturn;
    const loss = -(Number.isNaN(trainReturn) ? heldOut : trainReturn);
    this.history.push({ iteration: t, loss, testLoss: -heldOut, ms: elapsedMs });
    this.onEvent?.({
      type: 'task-progress',
      iteration: t,
      trainReturn,
      heldOutReturn: heldOut,
      bestHeldOut: best.ret,
      episodes: t * run.episodesPerIteration,
      elapsedMs,
      threads: runner.threads,
    });
    return heldOut >= run.s.targetReturn ? 'target-return' : undefined;
  }
}
