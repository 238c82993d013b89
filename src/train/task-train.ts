// Training on a task or an objective: the same methods, update rules and
// runners as on data, with episodes for samples. Each iteration the runner
// plays every point of the method (task-job.ts) on the iteration's training
// episodes; the coordinator turns the returns into the method's results
// (task-results.ts) and its rule makes the update. Every --report-every
// iterations the weights are scored on held-out episodes, on the runner's
// threads too: that mean is what the lines, the stop rule and the kept
// weights go by (the best held-out weights, as a validation set picks them).

import { availableParallelism } from 'node:os';
import { evaluatePhase, makeEvaluator } from '../methods/evaluate.ts';
import { allocReport, REPORT_PHASE, type ReportBuffers, reportLoss } from '../methods/report-phase.ts';
import type { HistoryPoint } from '../model/history.ts';
import { createRunner } from '../parallel/create-runner.ts';
import { emptyProfile, type Profile } from '../parallel/profile.ts';
import type { Runner, Strategy } from '../parallel/runner.ts';
import { OptionError } from '../util/option-error.ts';
import { Halt } from './halt.ts';
import type { ResolvedOptions, TrainOptions } from './options.ts';
import type { StopReason } from './stop.ts';
import { FlatGuard } from './task-flat.ts';
import { openTask, type TaskRun } from './task-open.ts';
import type { TaskSettings } from './task-settings.ts';

export interface TaskResult {
  /** The weights with the best held-out mean return seen, and that mean. */
  params: Float64Array;
  heldOutReturn: number;
  bestIteration: number;
  iterations: number;
  stopReason: StopReason;
  /** A point per report: loss −(training return), testLoss −(held-out return). */
  history: HistoryPoint[];
  elapsedMs: number;
  threads: number;
  runner: string;
  /** Where the time went (held-out scoring as reports). */
  profile: Profile;
  run: TaskRun;
  error?: Error;
}

export async function trainTask(o: ResolvedOptions, given: TrainOptions): Promise<TaskResult> {
  const run = await openTask(o, given);
  const { s } = run;
  const runner =
    given.runner ??
    (await createRunner({
      run: run.spec,
      data: run.data,
      ...threadsFor(s),
      fault: given.fault,
      report: Int32Array.from({ length: s.heldOut }, (_, e) => e),
      warmMs: 0, // a worker's warm-up would call the user's module on made-up weights
    }).catch((err) => {
      throw run.explain(err);
    }));
  Object.assign(runner.profile, emptyProfile());
  const heldOutOf = heldOutMean(run, runner);
  const t0 = performance.now();
  const halt = new Halt(given.signal, s.maxSeconds > 0 ? s.maxSeconds * 1000 : Infinity);
  const params = run.params;
  const best = { params: Float64Array.from(params), ret: -Infinity, iteration: 0 };
  const history: HistoryPoint[] = [];
  const flat = new FlatGuard(run, s.seed);
  let reason: StopReason | undefined;
  let error: Error | undefined;
  let iterations = 0;
  let trainReturn = NaN; // none before the first iteration: the first point's is the held-out mean
  o.onEvent?.(run.startEvent(runner));
  for (const note of run.notes) o.onEvent?.({ type: 'task-note', iteration: 0, note });
  // The held-out mean of the current weights: kept if the best, reported, and checked against the target.
  const report = async (t: number): Promise<StopReason | undefined> => {
    const r0 = performance.now();
    const heldOut = await heldOutOf(params, halt.signal);
    runner.profile.reportMs += performance.now() - r0;
    if (heldOut > best.ret) Object.assign(best, { ret: heldOut, iteration: t }).params.set(params);
    const elapsedMs = performance.now() - t0;
    history.push({
      iteration: t,
      loss: -(Number.isNaN(trainReturn) ? heldOut : trainReturn),
      testLoss: -heldOut,
      ms: elapsedMs,
    });
    o.onEvent?.({
      type: 'task-progress',
      iteration: t,
      trainReturn,
      heldOutReturn: heldOut,
      bestHeldOut: best.ret,
      episodes: t * run.episodesPerIteration,
      elapsedMs,
      threads: runner.threads,
    });
    return heldOut >= s.targetReturn ? 'target-return' : undefined;
  };
  let yieldedAt = performance.now();
  try {
    reason = await report(0);
    for (let t = 0; reason === undefined; t++) {
      if (t >= s.maxIters) {
        reason = 'max-iters';
        break;
      }
      if (performance.now() - yieldedAt > 50) {
        // Timers and Ctrl-C get in; not every iteration: a pool's workers would fall asleep meanwhile.
        await new Promise((resolve) => setImmediate(resolve));
        yieldedAt = performance.now();
      }
      runner.setParams(params);
      await runner.run(t, halt.signal);
      const results = run.results.reduce(t, runner.results);
      const loss = run.rule.measures === 'before' ? run.rule.loss(results) : NaN;
      const after = run.rule.update(t, results, params, loss);
      trainReturn = -(run.rule.measures === 'before' ? loss : after);
      iterations = t + 1;
      const note = flat.check(t, results, params);
      if (note) o.onEvent?.({ type: 'task-note', iteration: iterations, note });
      if (halt.signal.aborted) reason = halt.reason();
      else if (iterations % s.reportEvery === 0) reason = await report(iterations);
    }
  } catch (err) {
    reason = halt.signal.aborted ? halt.reason() : 'failed';
    if (reason === 'failed') error = run.explain(err);
  } finally {
    halt.dispose();
    if (!given.runner) await runner.close();
  }
  if (error instanceof OptionError) throw error; // the objective's own failure: one line, nothing written
  return {
    params: best.params,
    heldOutReturn: best.ret,
    bestIteration: best.iteration,
    iterations,
    stopReason: reason,
    history,
    elapsedMs: performance.now() - t0,
    threads: runner.threads,
    runner: runner.describe(),
    profile: runner.profile,
    run,
    ...(error ? { error } : {}),
  };
}

/**
 * The held-out mean of params: on the runner's threads where it has the
 * held-out episodes (a runner made for the run), else in this thread (a
 * runner given, as benchmarks give one), with the same bits either way.
 */
function heldOutMean(run: TaskRun, runner: Runner): (params: Float64Array, signal?: AbortSignal) => Promise<number> {
  // Looked up at each report, not once: --threads auto's runner hands its reports to a pool that takes over.
  if (runner.reportLoss)
    return (params, signal) => {
      runner.setParams(params);
      return (runner.reportLoss as (signal?: AbortSignal) => Promise<number>)(signal);
    };
  const ev = makeEvaluator(
    run.spec,
    run.data,
    undefined,
    allocReport(
      Int32Array.from({ length: run.s.heldOut }, (_, e) => e),
      false,
    ),
  );
  const report = ev.report as ReportBuffers;
  return async (params) => {
    evaluatePhase(ev, params, 0, REPORT_PHASE, 0, report.samples.length, ev.work);
    return reportLoss(report);
  };
}

/**
 * A user's module runs in pool workers only (unless --threads 0 asks for the main thread): an
 * episode that never returns then holds a worker, not the coordinator, which gives the run up at
 * --max-seconds or Ctrl-C and ends the worker. The built-in tasks run as a data run's evaluations do.
 */
function threadsFor(s: TaskSettings): { threads: number | 'auto'; strategy: Strategy } {
  if (!('objective' in s.ref) || s.threads === 0) return { threads: s.threads, strategy: s.strategy };
  const threads = s.threads === 'auto' ? availableParallelism() : s.threads;
  return { threads, strategy: s.strategy === 'spin-main' ? 'spin' : s.strategy };
}
