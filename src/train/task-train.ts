// Training on a task or an objective: the same methods, update rules and
// runners as on data, with episodes for samples. Each iteration the runner
// plays every point of the method (task-job.ts) on the iteration's training
// episodes; the coordinator turns the returns into the method's results
// (task-results.ts) and its rule makes the update. Every --report-every
// iterations the weights are scored on held-out episodes, on the runner's
// threads too: that mean is what the lines, the stop rule and the kept
// weights go by (the best held-out weights, as a validation set picks them).

import { availableParallelism } from 'node:os';
import { EVAL_PART } from '../methods/report-phase.ts';
import type { HistoryPoint } from '../model/history.ts';
import { createRunner } from '../parallel/create-runner.ts';
import { InlineRunner } from '../parallel/inline-runner.ts';
import { type Profile, resetProfile } from '../parallel/profile.ts';
import type { Runner, Strategy } from '../parallel/runner.ts';
import { OptionError } from '../util/option-error.ts';
import { Halt } from './halt.ts';
import type { ResolvedOptions, TrainOptions } from './options.ts';
import type { StopReason } from './stop.ts';
import { type HeldOut, TaskLoop } from './task-loop.ts';
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
  const runner = given.runner ?? (await startRunner(run, given));
  resetProfile(runner.profile);
  const halt = new Halt(given.signal, run.s.maxSeconds > 0 ? run.s.maxSeconds * 1000 : Infinity);
  const loop = new TaskLoop(run, runner, heldOutMean(run, runner), halt, o.onEvent);
  o.onEvent?.(run.startEvent(runner));
  for (const note of run.notes) o.onEvent?.({ type: 'task-note', iteration: 0, note });
  let reason: StopReason | undefined;
  let error: Error | undefined;
  let yieldedAt = performance.now();
  try {
    reason = await loop.report(0);
    for (let t = 0; reason === undefined; t++) {
      if (t >= run.s.maxIters) {
        // The last weights are scored too, where the limit falls between two reports.
        const last = loop.iterations;
        reason = last % run.s.reportEvery !== 0 ? ((await loop.report(last)) ?? 'max-iters') : 'max-iters';
      } else {
        if (performance.now() - yieldedAt > 50) {
          // Timers and Ctrl-C get in; not every iteration: a pool's workers would fall asleep meanwhile.
          await new Promise((resolve) => setImmediate(resolve));
          yieldedAt = performance.now();
        }
        reason = await loop.iterate(t);
      }
    }
  } catch (err) {
    reason = halt.signal.aborted ? halt.reason() : 'failed';
    if (reason === 'failed') error = run.explain(err);
  }
  // The run's time, not the pool's shutdown (a worker stuck in a module is given a second to end).
  const elapsedMs = performance.now() - loop.t0;
  halt.dispose();
  if (!given.runner) await runner.close();
  if (error instanceof OptionError) throw error; // the objective's own failure: one line, nothing written
  const { best } = loop;
  return {
    params: best.params,
    heldOutReturn: best.ret,
    bestIteration: best.iteration,
    iterations: loop.iterations,
    stopReason: reason,
    history: loop.history,
    elapsedMs,
    threads: runner.threads,
    runner: runner.describe(),
    profile: runner.profile,
    run,
    ...(error ? { error } : {}),
  };
}

/** The run's runner: its held-out episodes as its report set, no warm-up (it would call a module on made-up weights). */
function startRunner(run: TaskRun, given: TrainOptions): Promise<Runner> {
  return createRunner({
    run: run.spec,
    data: run.data,
    ...threadsFor(run.s),
    fault: given.fault,
    report: { samples: heldOutEpisodes(run) },
    warmMs: 0,
  }).catch((err) => {
    throw run.explain(err);
  });
}

/**
 * The held-out mean of params: on the runner's threads where it has the
 * held-out episodes (a runner made for the run), else in this thread (a
 * runner given, as benchmarks give one), with the same bits either way.
 */
function heldOutMean(run: TaskRun, runner: Runner): HeldOut {
  // Looked up at each report, not once: --threads auto's runner hands its reports to a pool that takes over.
  const own = runner.report
    ? undefined
    : new InlineRunner({ run: run.spec, data: run.data, threads: 0, report: { samples: heldOutEpisodes(run) } });
  const scorer = own ?? runner;
  return async (params, signal) => {
    scorer.setParams(params);
    const r = await (scorer.report as NonNullable<Runner['report']>)(EVAL_PART, signal);
    return r.evalLoss as number;
  };
}

/** The held-out episodes' numbers, a report's items. */
function heldOutEpisodes(run: TaskRun): Int32Array {
  return Int32Array.from({ length: run.s.heldOut }, (_, e) => e);
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
