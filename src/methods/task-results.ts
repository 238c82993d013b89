// The coordinator's side of a task run: the returns of points × episodes
// (task-job.ts) become the kind's own results, so that the method's update
// rule reads them as it reads a data run's. A point's loss is minus its mean
// return, summed in episode order (the same bits on any number of threads);
// evolution strategies' ĝ, which a data run's threads compute, is computed
// here from those losses: a policy's few weights take microseconds.

import { type Net, paramCount } from '../nn/network.ts';
import type { EvalSpec } from './eval-spec.ts';
import { JOBS } from './jobs.ts';
import { evalCount } from './run-spec.ts';

export class TaskResults {
  /** The kind's results: its points' losses, then (es) ĝ. */
  readonly results: Float64Array;
  /** The method's points: its evaluations, each played on the iteration's episodes. */
  readonly points: number;
  private readonly episodes: number;
  private readonly fromLosses?: (t: number, results: Float64Array) => void;

  constructor(spec: EvalSpec, net: Net) {
    const P = paramCount(net);
    this.points = (JOBS[spec.kind].points as (s: EvalSpec, P: number) => number)(spec, P);
    // Random updates' results hold the current weights' loss after the candidates', as a mini-batch run's do.
    this.results = new Float64Array(Math.max(this.points, evalCount({ ...spec, episodes: 0 }, P)));
    this.episodes = spec.episodes ?? 1;
    this.fromLosses = JOBS[spec.kind].fromLosses?.(spec, net);
  }

  /** Iteration t's returns, item p·E + e, into the kind's results. */
  reduce(t: number, returns: Float64Array): Float64Array {
    const { results, points, episodes: E } = this;
    for (let p = 0; p < points; p++) {
      let sum = 0;
      for (let e = 0; e < E; e++) sum += returns[p * E + e];
      results[p] = -(sum / E);
    }
    this.fromLosses?.(t, results);
    return results;
  }
}
