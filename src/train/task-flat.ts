// A flat start: some first weights give every candidate the same return
// (CartPole: the pole falls after ~9 steps whatever a small change does), so
// the ranks all tie, the update is zero and the run never moves. Where every
// point of every iteration since the start has tied for FLAT_ITERATIONS,
// the run starts again from new weights of its own stream (seed, 'restart',
// n): as deterministic as the rest, at any number of threads. A run that has
// once moved is never restarted (its ties are a plateau at the task's cap).

import { xavierParams } from '../nn/network.ts';
import { stream } from '../util/rng.ts';
import type { TaskRun } from './task-open.ts';

export const FLAT_ITERATIONS = 5;

export class FlatGuard {
  private ties = 0;
  private restarts = 0;
  private moved = false;
  private readonly run: TaskRun;

  constructor(run: TaskRun) {
    this.run = run;
  }

  /** After iteration t's update: a note in words where the run starts again. */
  check(t: number, results: Float64Array, params: Float64Array): string | undefined {
    // Given weights (a policy to go on from) that tie are at the task's cap, not a flat start.
    if (this.moved || this.run.givenStart) return undefined;
    const points = this.run.results.points;
    let tied = true;
    for (let p = 1; tied && p < points; p++) tied = results[p] === results[0];
    if (!tied) {
      this.moved = true;
      return undefined;
    }
    if (++this.ties < FLAT_ITERATIONS) return undefined;
    this.ties = 0;
    this.restarts++;
    params.set(xavierParams(this.run.net, stream(this.run.s.seed, 'restart', this.restarts)));
    const score = -results[0];
    return `every candidate scored ${score} for ${FLAT_ITERATIONS} iterations (to iteration ${t + 1}): a flat start, so new first weights (restart ${this.restarts})`;
  }
}
