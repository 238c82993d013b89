// The training loop. Each iteration hands one list of loss evaluations to a
// runner (main thread or pool), merges the results in index order and applies
// the update here, in the coordinator; so the weights never depend on how
// many threads did the evaluating.

import type { Dataset } from '../data/dataset.ts';
import { bestCandidate, makeCandidate } from '../methods/candidates.ts';
import { gradientFromResults } from '../methods/evaluate.ts';
import { meanLoss } from '../nn/loss.ts';
import type { Net } from '../nn/network.ts';
import type { Output } from '../nn/output.ts';
import { createRunner } from '../parallel/create-runner.ts';
import { emptyProfile, type Profile } from '../parallel/profile.ts';
import type { Progress } from './events.ts';
import { type ResolvedOptions, resolveOptions, type TrainOptions } from './options.ts';
import { prepare } from './prepare.ts';
import { type StopReason, StopRules } from './stop.ts';

export interface TrainResult {
  /** The best params seen; their loss is `loss`. */
  params: Float64Array;
  loss: number;
  iterations: number;
  stopReason: StopReason;
  history: { iteration: number; loss: number }[];
  elapsedMs: number;
  itersPerSec: number;
  threads: number;
  strategy: string;
  /** What ran the iterations, in words (auto: how they were shared). */
  runner: string;
  profile: Profile;
  /** What was trained: the resolved options, data, network and output. */
  options: ResolvedOptions;
  data: Dataset;
  net: Net;
  output: Output;
  /** Where the first params came from, for the model's meta. */
  init: string;
}

/** Trains a network: options not given come from DEFAULTS; a bad one throws an OptionError naming it. */
export async function train(given: TrainOptions = {}): Promise<TrainResult> {
  const o = resolveOptions(given);
  const { data, net, output, run, init, ...first } = prepare(o);
  const spec = run.eval;
  const runner =
    o.runner ?? (await createRunner({ run, data, threads: o.threads, strategy: o.strategy, fault: o.fault }));
  Object.assign(runner.profile, emptyProfile());
  try {
    const params = first.params;
    const grad = new Float64Array(params.length);
    const best = { params: Float64Array.from(params), loss: Infinity };
    const history: { iteration: number; loss: number }[] = [];
    const stop = new StopRules(o);
    o.onEvent?.({
      type: 'start',
      nodes: [...net.nodes],
      func: net.func,
      loss: output.name,
      method: o.method,
      data: data.name,
      samples: data.n,
      threads: runner.threads,
      strategy: runner.strategy,
      runner: runner.describe(),
      params: params.length,
      evalsPerIter: runner.results.length,
    });
    const t0 = performance.now();
    const progress = (iteration: number, loss: number): Progress => {
      const elapsedMs = performance.now() - t0;
      return {
        iteration,
        loss,
        bestLoss: best.loss,
        elapsedMs,
        itersPerSec: iteration / Math.max(elapsedMs / 1000, 1e-9),
      };
    };
    // Called whenever the loss of the params after `iteration` updates is known.
    const observe = (iteration: number, loss: number): StopReason | undefined => {
      if (loss < best.loss) {
        best.loss = loss;
        best.params.set(params);
      }
      const p = progress(iteration, loss);
      const report = iteration % o.reportEvery === 0;
      if (report) {
        history.push({ iteration, loss });
        o.onEvent?.({ type: 'progress', ...p });
      }
      return stop.check(iteration, loss, best.loss, p.elapsedMs, report);
    };

    let iterations = 0;
    let loss = o.method === 'random' ? meanLoss(net, params, data, output) : NaN;
    let reason = o.method === 'random' ? observe(0, loss) : undefined;
    let yieldedAt = t0;
    for (let t = 0; reason === undefined; t++) {
      if (performance.now() - yieldedAt > 50) {
        // Let timers and signals (Ctrl-C) in: inline runs never leave microtasks.
        await new Promise((resolve) => setImmediate(resolve));
        yieldedAt = performance.now();
      }
      runner.setParams(params);
      await runner.run(t);
      const u0 = performance.now();
      if (o.method === 'gradient') {
        loss = gradientFromResults(spec, runner.results, grad);
        reason = observe(t, loss);
        if (reason === undefined) {
          for (let k = 0; k < params.length; k++) params[k] -= o.lr * grad[k];
          iterations = t + 1;
        } else iterations = t;
      } else {
        const c = bestCandidate(runner.results, o.candidates);
        if (!o.elitist || runner.results[c] < loss) {
          makeCandidate(params, o.seed, t, c, o.delta, params);
          loss = runner.results[c];
        }
        iterations = t + 1;
        reason = observe(iterations, loss);
      }
      runner.profile.updateMs += performance.now() - u0;
    }
    const elapsedMs = performance.now() - t0;
    const last = history[history.length - 1];
    if (!last || last.iteration !== iterations) history.push({ iteration: iterations, loss });
    return {
      params: best.params,
      loss: best.loss,
      iterations,
      stopReason: reason,
      history,
      elapsedMs,
      itersPerSec: iterations / Math.max(elapsedMs / 1000, 1e-9),
      threads: runner.threads,
      strategy: runner.strategy,
      runner: runner.describe(),
      profile: runner.profile,
      options: o,
      data,
      net,
      output,
      init,
    };
  } finally {
    if (!o.runner) await runner.close();
  }
}
