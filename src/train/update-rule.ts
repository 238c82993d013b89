// What an iteration's results become: one update rule per method, each in its
// own file (gradient-, backprop-, random-, es-, spsa-rule.ts) and built by
// the method's registry entry, so that the training loop (trainer.ts) never
// names a method. A rule says which runner evaluates its iterations, whether
// the results measure the params before the update (a gradient's E(w)) or
// after it (the kept candidate's loss), and how they become the update.

import type { Dataset } from '../data/dataset.ts';
import type { ReportSpec } from '../methods/report-phase.ts';
import type { RunSpec } from '../methods/run-spec.ts';
import { createRunner } from '../parallel/create-runner.ts';
import type { Runner } from '../parallel/runner.ts';
import type { Settings } from './settings.ts';

export interface UpdateRule {
  /**
   * The runner that evaluates this rule's iterations (a pool or the main thread, or backprop's);
   * `report`: what the run's reports measure (its evaluation set, the sets it scores), on the same threads.
   */
  runner(report?: ReportSpec): Promise<Runner>;
  /**
   * 'before': iteration t's results hold the current params' loss, observed
   * before the update is applied (or not, when the run stops there).
   * 'after': the update comes first, and its loss is what is observed.
   */
  readonly measures: 'before' | 'after';
  /** The starting params' loss, for 'after' rules (the first point of the history); NaN for 'before' ones. */
  startLoss(params: Float64Array): number;
  /** 'before' rules: the loss the results measure. */
  loss(results: Float64Array): number;
  /**
   * Applies iteration t's update to params, in place; returns the loss of the
   * params it leaves ('after' rules; 'before' rules return `loss` as given).
   */
  update(t: number, results: Float64Array, params: Float64Array, loss: number): number;
}

/** The runner of methods whose results are losses: the main thread or a pool, as --threads says. */
export function evaluationRunner(o: Settings, run: RunSpec, data: Dataset): (report?: ReportSpec) => Promise<Runner> {
  return (report) =>
    createRunner({ run, data, threads: o.threads, strategy: o.strategy, fault: o.fault, report, background: true });
}
