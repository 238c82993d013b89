// The training loop. Each iteration hands one list of loss evaluations to a
// runner (main thread or pool), merges the results in index order and applies
// the update here, in the coordinator; so the weights never depend on how
// many threads did the evaluating.

import { bestCandidate, makeCandidate } from './candidates.ts';
import type { Dataset } from './data.ts';
import { type EvalSpec, gradientFromResults } from './evaluate.ts';
import { meanLoss } from './loss.ts';
import type { Net } from './network.ts';
import type { Output } from './output.ts';
import type { Profile } from './profile.ts';
import { type Runner, type Strategy, createRunner } from './runner.ts';
import { emptyProfile } from './profile.ts';
import { StopRules, type StopReason } from './stop.ts';

export type Method = 'gradient' | 'random';

export interface TrainOptions {
  net: Net;
  data: Dataset;
  output: Output;
  params: Float64Array;
  method: Method;
  seed: string;
  lr: number;
  h: number;
  diff: 'forward' | 'central';
  delta: number;
  candidates: number;
  elitist: boolean;
  targetLoss: number;
  maxIters: number;
  maxSeconds: number;
  minDelta: number;
  patience: number;
  reportEvery: number;
  /** Threads that evaluate (0: main thread only), or auto. */
  threads: number | 'auto';
  strategy?: Strategy;
  /** A started runner to reuse (benchmarks); train() then leaves it open. */
  runner?: Runner;
  signal?: AbortSignal;
  onEvent?: (event: TrainEvent) => void;
}

export interface Progress {
  iteration: number;
  loss: number;
  bestLoss: number;
  elapsedMs: number;
  itersPerSec: number;
}

export type TrainEvent =
  | { type: 'start'; threads: number; strategy: string; runner: string; why?: string; params: number; evalsPerIter: number }
  | ({ type: 'progress' } & Progress);

export interface TrainResult {
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
}

export function evalSpecOf(o: Pick<TrainOptions, 'method' | 'diff' | 'seed' | 'h' | 'delta' | 'candidates'>): EvalSpec {
  const kind = o.method === 'random' ? 'random' : o.diff;
  return { kind, seed: o.seed, h: o.h, delta: o.delta, candidates: o.candidates };
}

export async function train(o: TrainOptions): Promise<TrainResult> {
  const spec = evalSpecOf(o);
  const runner = o.runner ?? await createRunner({ net: o.net, data: o.data, output: o.output, spec, threads: o.threads, strategy: o.strategy });
  Object.assign(runner.profile, emptyProfile());
  try {
    const params = Float64Array.from(o.params);
    const grad = new Float64Array(params.length);
    const best = { params: Float64Array.from(params), loss: Infinity };
    const history: { iteration: number; loss: number }[] = [];
    const stop = new StopRules(o);
    o.onEvent?.({
      type: 'start', threads: runner.threads, strategy: runner.strategy, runner: runner.describe(), why: runner.choice?.why,
      params: params.length, evalsPerIter: runner.results.length,
    });
    const t0 = performance.now();
    const progress = (iteration: number, loss: number): Progress => {
      const elapsedMs = performance.now() - t0;
      return { iteration, loss, bestLoss: best.loss, elapsedMs, itersPerSec: iteration / Math.max(elapsedMs / 1000, 1e-9) };
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
    let loss = o.method === 'random' ? meanLoss(o.net, params, o.data, o.output) : NaN;
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
      params: best.params, loss: best.loss, iterations, stopReason: reason, history, elapsedMs,
      itersPerSec: iterations / Math.max(elapsedMs / 1000, 1e-9), threads: runner.threads, strategy: runner.strategy,
      runner: runner.describe(), profile: runner.profile,
    };
  } finally {
    if (!o.runner) await runner.close();
  }
}
