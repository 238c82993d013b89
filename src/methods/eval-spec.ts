// What one iteration evaluates, as the run's description carries it to every
// thread: the job's kind (jobs.ts), its steps and population, the batch.
// Apart from run-spec.ts so that each kind's own file can read it without
// importing the table of kinds that run-spec.ts dispatches through.

/** A job's kind: one entry each in jobs.ts, evaluated by its own file (*-job.ts). */
export type JobKind = 'forward' | 'central' | 'random' | 'spsa' | 'es';

/** How one iteration's evaluations are numbered and what each perturbs (see evaluate.ts). */
export interface EvalSpec {
  kind: JobKind;
  seed: string;
  h: number;
  delta: number;
  candidates: number;
  /** Evolution strategies: the noise's scale, and its rank per layer (0: dense; es-noise.ts). */
  sigma: number;
  rank: number;
  /** Mini-batch size; 0: every evaluation sees the whole data set. */
  batch: number;
  /** Gradient evaluations: incremental differences from a cached base pass, or a whole forward pass each. */
  grad: GradMode;
  /** A task run (task-job.ts): the training episodes each point plays per iteration; absent or 0: a data run. */
  episodes?: number;
}

export type GradMode = 'incremental' | 'naive';
export const GRAD_MODES: readonly GradMode[] = ['incremental', 'naive'];
