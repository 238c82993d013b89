// The training loop. Each iteration hands one list of loss evaluations to a
// runner (main thread or pool), merges the results in index order and applies
// the update here, in the coordinator; so the weights never depend on how
// many threads did the evaluating.

import type { Dataset } from '../data/dataset.ts';
import { type Encoding, worthKeeping } from '../data/encoding.ts';
import type { HistoryPoint } from '../model/history.ts';
import type { Net } from '../nn/network.ts';
import type { Output } from '../nn/output.ts';
import { emptyProfile, type Profile } from '../parallel/profile.ts';
import { IterationAborted } from '../parallel/slices.ts';
import { Halt } from './halt.ts';
import { resolveOptions, type Settings, type TrainOptions } from './options.ts';
import { prepare } from './prepare.ts';
import { updateRule } from './rules.ts';
import { type StopReason, StopRules } from './stop.ts';
import { Tracker } from './tracker.ts';

export interface TrainResult {
  /** The best params seen; their loss is `loss`. */
  params: Float64Array;
  loss: number;
  /** Updates made in all, a resumed model's included. */
  iterations: number;
  /** The iteration this run started from: 0, or the iterations of the model it resumed. */
  startIteration: number;
  stopReason: StopReason;
  /** A point per report and one at the end, after the resumed model's saved points. */
  history: HistoryPoint[];
  /** This run's time, and its iterations per second. */
  elapsedMs: number;
  itersPerSec: number;
  threads: number;
  strategy: string;
  /** What ran the iterations, in words (auto: how they were shared). */
  runner: string;
  profile: Profile;
  /** What was trained: the resolved options, data, network and output. */
  options: Settings;
  data: Dataset;
  validation?: Dataset;
  test?: Dataset;
  /** How the data's columns became the net's numbers: what the model file keeps to read files like it. */
  encoding: Encoding;
  /** With a validation part: the best params' loss on it, and the iteration they are of. */
  validationLoss?: number;
  bestIteration?: number;
  net: Net;
  output: Output;
  /** Where the first params came from, for the model's meta. */
  init: string;
  /** stopReason 'failed': what failed (a worker's error); the best params so far are still returned. */
  error?: Error;
}

/** Trains a network: options not given come from DEFAULTS; a bad one throws an OptionError naming it. */
export async function train(given: TrainOptions = {}): Promise<TrainResult> {
  const {
    settings: o,
    chosen,
    notes,
    data,
    validation,
    test,
    encoding,
    net,
    output,
    run,
    init,
    evalSamples,
    resume,
    ...first
  } = prepare(resolveOptions(given));
  const spec = run.eval;
  const rule = updateRule(o, run, net, output, data);
  const runner = o.runner ?? (await rule.runner(evalSamples));
  Object.assign(runner.profile, emptyProfile());
  let halt: Halt | undefined;
  try {
    const params = first.params;
    const perEpoch = spec.batch > 0 ? Math.ceil(data.n / spec.batch) : undefined;
    o.onEvent?.({
      type: 'start',
      nodes: [...net.nodes],
      func: net.func,
      loss: output.name,
      method: o.method,
      data: data.name,
      samples: data.n,
      testSamples: test?.n ?? 0,
      validationSamples: validation?.n ?? 0,
      batch: spec.batch,
      threads: runner.threads,
      strategy: runner.strategy,
      runner: runner.describe(),
      params: params.length,
      evalsPerIter: runner.results.length,
      chosen,
      notes,
      ...(worthKeeping(encoding) ? { encoding } : {}),
    });
    const { reportEvery, onEvent } = o;
    const { targetAccuracy } = o;
    const setup = {
      net,
      output,
      data,
      validation,
      test,
      evalSamples,
      perEpoch,
      batch: spec.batch,
      reportEvery,
      onEvent,
      targetAccuracy,
      resume,
      threads: () => runner.threads,
    };
    const tracker = new Tracker(setup, params, new StopRules({ ...o, validation: validation !== undefined }));
    // Iteration numbers go on from a resumed model's: random candidates and batches are keyed by them.
    const start = resume.iteration;
    let iterations = start;
    let loss = rule.startLoss(params);
    // A mini-batch run's reports: the evaluation set's loss of the current params, on the runner's threads
    // where it can (the same bits as the tracker's own, in the main thread).
    // A pool that fails or stops meanwhile leaves it to the tracker (the next iteration says why).
    const evalLoss = async (): Promise<number | undefined> => {
      if (!evalSamples || !runner.reportLoss) return undefined;
      const r0 = performance.now();
      runner.setParams(params);
      const measured = await runner.reportLoss().catch(() => undefined);
      tracker.reportMs += performance.now() - r0;
      return measured;
    };
    let reason = rule.measures === 'after' ? tracker.observe(start, loss, await evalLoss()) : undefined;
    let yieldedAt = performance.now();
    let error: Error | undefined;
    // Ctrl-C or the time limit give up even an iteration in progress (see Halt).
    halt = new Halt(o.signal, o.maxSeconds > 0 ? o.maxSeconds * 1000 - tracker.elapsedMs() : Infinity);
    for (let t = start; reason === undefined; t++) {
      if (performance.now() - yieldedAt > 50) {
        // Let timers and signals (Ctrl-C) in: inline runs never leave microtasks.
        await new Promise((resolve) => setImmediate(resolve));
        yieldedAt = performance.now();
      }
      runner.setParams(params);
      try {
        await runner.run(t, halt.signal);
      } catch (err) {
        // The iteration is lost; the best params so far are the result, with why the run ended.
        iterations = t;
        if (rule.measures === 'before') loss = NaN; // the params were updated after the last loss measured
        if (err instanceof IterationAborted) reason = halt.reason();
        else {
          reason = 'failed';
          error = err instanceof Error ? err : new Error(String(err));
        }
        break;
      }
      const u0 = performance.now();
      const reportsBefore = tracker.reportMs;
      // This iteration's results: a report (evalLoss) may hand --threads auto over to its pool, whose
      // results are another array.
      const results = runner.results;
      if (rule.measures === 'before') {
        loss = rule.loss(results);
        reason = tracker.observe(t, loss, tracker.reportsAt(t) ? await evalLoss() : undefined);
        if (reason === undefined) {
          rule.update(t, results, params, loss);
          iterations = t + 1;
        } else iterations = t;
      } else {
        loss = rule.update(t, results, params, loss);
        iterations = t + 1;
        reason = tracker.observe(iterations, loss, tracker.reportsAt(iterations) ? await evalLoss() : undefined);
      }
      const r = tracker.reportMs - reportsBefore;
      runner.profile.updateMs += performance.now() - u0 - r;
      runner.profile.reportMs += r;
      if (reason === undefined && o.checkpointEvery > 0 && iterations % o.checkpointEvery === 0) {
        const { params: best, loss: bestLoss } = tracker.best;
        o.onEvent?.({
          type: 'checkpoint',
          iteration: iterations,
          params: Float64Array.from(best),
          loss: bestLoss,
          history: tracker.history.slice(),
        });
      }
    }
    const lastReport = tracker.reportMs;
    tracker.finish(iterations, loss, tracker.measuresLast(iterations) ? await evalLoss() : undefined);
    runner.profile.reportMs += tracker.reportMs - lastReport;
    const elapsedMs = tracker.elapsedMs();
    return {
      params: tracker.best.params,
      loss: tracker.best.loss,
      iterations,
      startIteration: start,
      stopReason: reason,
      history: tracker.history,
      elapsedMs,
      itersPerSec: (iterations - start) / Math.max(elapsedMs / 1000, 1e-9),
      threads: runner.threads,
      strategy: runner.strategy,
      runner: runner.describe(),
      profile: runner.profile,
      options: o,
      data,
      validation,
      test,
      encoding,
      ...(validation ? { validationLoss: tracker.best.validationLoss, bestIteration: tracker.best.iteration } : {}),
      net,
      output,
      init,
      ...(error ? { error } : {}),
    };
  } finally {
    halt?.dispose();
    if (!o.runner) await runner.close();
  }
}
