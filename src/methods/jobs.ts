// What an iteration evaluates, by the run description's kind: one entry per
// kind, each in its own file (*-job.ts). evaluate.ts, run-spec.ts and the
// memory estimates dispatch through this table, so none of them names a kind;
// a new kind is its file, its name in JobKind (eval-spec.ts) and one entry here.

import { CENTRAL, FORWARD } from './difference-job.ts';
import { ES } from './es-job.ts';
import type { EvalSpec, JobKind } from './eval-spec.ts';
import type { Job } from './evaluator.ts';
import { RANDOM } from './random-job.ts';
import { SPSA } from './spsa-job.ts';
import { taskJob } from './task-job.ts';

export const JOBS: Readonly<Record<JobKind, Job>> = {
  forward: FORWARD,
  central: CENTRAL,
  random: RANDOM,
  spsa: SPSA,
  es: ES,
};

export const JOB_KINDS = Object.keys(JOBS) as readonly JobKind[];

/** The entry of a run's kind: on a task, its points on episodes (task-job.ts). */
export function jobOf(spec: EvalSpec): Job {
  return (spec.episodes ?? 0) > 0 ? taskJob(JOBS[spec.kind]) : JOBS[spec.kind];
}
