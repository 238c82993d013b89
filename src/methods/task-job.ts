// A task run's evaluations: each of the method's points (its candidates, its
// stepped weights, E(w): the kind's `point`) on each of the iteration's
// training episodes. Item k is point ⌊k/E⌋ on episode k mod E, so one
// iteration's work splits evenly over the threads whatever the population,
// and a thread sends back returns only. Every point of an iteration meets the
// same episodes, (seed, 'training', t, e): common random numbers, so their
// returns differ by their weights alone. The coordinator turns the returns
// into the kind's own results (task-results.ts).

import { episodeFn, startProblem } from '../tasks/episodic.ts';
import { heldOutStream, trainingStream } from '../tasks/rollout.ts';
import { stream } from '../util/rng.ts';
import type { EvalSpec } from './eval-spec.ts';
import type { Evaluator, Job, TaskEval } from './evaluator.ts';
import type { ReportBuffers } from './report-phase.ts';
import { objectiveOf, type TaskRef, taskLabel } from './task-source.ts';

const wrapped = new Map<Job, Job>();

/** The task form of a kind's job: points × episodes, each item one episode's return. */
export function taskJob(inner: Job): Job {
  const had = wrapped.get(inner);
  if (had) return had;
  const points = (spec: EvalSpec, P: number) => (inner.points as NonNullable<Job['points']>)(spec, P);
  const job: Job = {
    count: (spec, P) => points(spec, P) * (spec.episodes ?? 1),
    parts: inner.parts,
    phaseNames: () => ['episodes'],
    evaluateRange(ev, params, t, lo, hi, results) {
      const task = ev.task as TaskEval;
      const E = task.episodes;
      const point = inner.point as NonNullable<Job['point']>;
      // A point is built once however many of its episodes this range holds (only within one range: the
      // params of the same t differ between a worker's warm-up and the iteration).
      let p = -1;
      let at = params;
      for (let k = lo; k < hi; k++) {
        if (Math.floor(k / E) !== p) {
          p = Math.floor(k / E);
          at = point(ev, params, t, p, ev.work);
        }
        results[k] = training(task, at, ev.spec.seed, t, p, k - p * E);
        // A module whose randomness is not all from the stream it is given (Math.random, the clock) cannot
        // give the same weights from the same seed: the run's first episode, played twice, says so at once.
        if (t === 0 && k === 0) checkRepeats(task, at, ev.spec.seed, results[k]);
      }
    },
    copies: inner.copies,
  };
  wrapped.set(inner, job);
  return job;
}

/** A task evaluator's part: the objective's episodes for the run's net. */
export function taskPart(ref: TaskRef, ev: { net: Evaluator['net']; spec: EvalSpec }): TaskEval {
  const objective = objectiveOf(ref);
  return {
    episodes: ev.spec.episodes ?? 1,
    play: episodeFn(objective, ev.net),
    label: taskLabel(ref),
    startProblem: (seed) => startProblem(objective, () => stream(seed, 'check')),
  };
}

/** A task run's report: held-out episodes [lo, hi) of the params, each one's return into its slot. */
export function heldOutReturns(ev: Evaluator, params: Float64Array, report: ReportBuffers, lo: number, hi: number) {
  const task = ev.task as TaskEval;
  for (let k = lo; k < hi; k++) {
    const e = report.samples[k];
    try {
      report.terms[k] = task.play(params, heldOutStream(ev.spec.seed, e));
    } catch (err) {
      throw episodeError(task, `the weights scored, held-out episode ${e}`, err);
    }
  }
}

/** Training episode e of iteration t played by point p; the words of an error are made only for one. */
function training(task: TaskEval, params: Float64Array, seed: string, t: number, p: number, e: number): number {
  try {
    return task.play(params, trainingStream(seed, t, e));
  } catch (err) {
    throw episodeError(task, `candidate ${p} of iteration ${t}, training episode ${e}`, err);
  }
}

/** An episode's error, naming the objective, the weights and the episode, in any thread. */
function episodeError(task: TaskEval, which: string, err: unknown): Error {
  return new Error(`${task.label}: ${which}, ${err instanceof Error ? err.message : String(err)}`);
}

/** The same episode again must give the same return, to the bit. */
function checkRepeats(task: TaskEval, params: Float64Array, seed: string, first: number): void {
  let start: string | undefined;
  try {
    start = task.startProblem(seed);
  } catch (err) {
    start = `reset() threw: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`;
  }
  if (start) throw new Error(`${task.label}: ${start}`);
  const again = training(task, params, seed, 0, 0, 0);
  if (!Object.is(first, again))
    throw new Error(
      `${task.label}: candidate 0 of iteration 0, training episode 0, gave ${first} and then ${again}: expected the same return every time, its randomness drawn only from the rng it is given`,
    );
}
