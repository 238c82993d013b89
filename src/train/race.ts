// The race itself: each method in turn from the same options (one seed: the
// same data, split and first weights), so that the only difference between
// the rows is the method. One after the other, not at once, so that each is
// timed on the whole machine.

import type { HistoryPoint } from '../model/history.ts';
import { score } from '../nn/metrics.ts';
import { show } from '../util/option-error.ts';
import { median, quartiles } from '../util/stats.ts';
import { UsageError } from '../util/usage-error.ts';
import type { TrainEvent } from './events.ts';
import { methodOf } from './method-registry.ts';
import { METHODS, type Method, type TrainOptions } from './options.ts';
import { type TaskResult, type TrainResult, train } from './trainer.ts';

export interface RaceRow {
  method: Method;
  /** Stopped by the target loss or accuracy: iterations and seconds are then to the target. */
  reached: boolean;
  stopReason: string;
  iterations: number;
  seconds: number;
  /** The best loss, the returned model's. */
  loss: number;
  /** The returned model's accuracy on the test set, or the training set without one; null: not a classifier. */
  accuracy: number | null;
  accuracyOn: 'test' | 'training';
  history: HistoryPoint[];
  /** On a task: the kept weights' held-out mean return (loss is its negative). */
  heldOutReturn?: number;
}

function taskRow(method: Method, r: TaskResult): RaceRow {
  return {
    method,
    reached: r.stopReason === 'target-return',
    stopReason: r.stopReason,
    iterations: r.iterations,
    seconds: r.elapsedMs / 1000,
    loss: -r.heldOutReturn,
    accuracy: null,
    accuracyOn: 'training',
    history: r.history,
    heldOutReturn: r.heldOutReturn,
  };
}

/** The methods that train on a task or an objective (the registry's onTask). */
export const TASK_METHODS = METHODS.filter((m) => methodOf(m).onTask !== undefined);

/** "gradient,backprop" as methods; anything else named in one line. */
export function methodsOf(list: string): Method[] {
  const methods = list.split(',').map((m) => m.trim());
  for (const [k, m] of methods.entries()) {
    if (!(METHODS as readonly string[]).includes(m))
      throw new UsageError(
        `--methods ${show(list)}: ${show(m)} is not a method, expected some of ${METHODS.join(', ')}`,
      );
    // A method raced against itself is the same run twice: a slip, not a race.
    if (methods.indexOf(m) < k)
      throw new UsageError(`--methods ${show(list)}: ${show(m)} is given twice, expected each method once`);
  }
  return methods as Method[];
}

export interface Race {
  /** The targets as train() resolved them for the data ('auto'); 0: none. */
  targetLoss: number;
  targetAccuracy: number;
  /** On a task: the held-out return that counts as reached (Infinity: none). */
  targetReturn?: number;
  rows: RaceRow[];
}

/** What shows one method's run while it lasts (compare: a live line on a terminal). */
export interface Watch {
  onEvent(e: TrainEvent): void;
  stop(): void;
}

export async function race(
  methods: readonly Method[],
  common: TrainOptions,
  watch?: (method: Method) => Promise<Watch>,
): Promise<Race> {
  const out: Race = { targetLoss: 0, targetAccuracy: 0, rows: [] };
  for (const method of methods) {
    if (common.signal?.aborted) break; // Ctrl-C between two methods: the next one is not started
    const view = await watch?.(method);
    const onEvent = (e: TrainEvent) => {
      // What the data needs saying (labels that make it a regression) is the same for every method: said once.
      if (e.type === 'start' && method === methods[0]) for (const note of e.notes) console.error(`compare: ${note}`);
      view?.onEvent(e);
    };
    // A task's run (common names a task or a module) is a TaskResult: its row is of held-out returns.
    const any = (await train({ ...common, method, onEvent }).finally(() => view?.stop())) as TrainResult | TaskResult;
    if ('run' in any) {
      out.targetReturn = any.run.s.targetReturn;
      out.rows.push(taskRow(method, any));
      if (any.stopReason === 'interrupted') break;
      continue;
    }
    const r = any;
    out.targetLoss = r.options.targetLoss;
    out.targetAccuracy = r.options.targetAccuracy;
    const held = r.test ? score(r.net, r.params, r.test, r.output) : score(r.net, r.params, r.data, r.output);
    out.rows.push({
      method,
      reached: r.stopReason === 'target-loss' || r.stopReason === 'target-accuracy',
      stopReason: r.stopReason,
      iterations: r.iterations,
      seconds: r.elapsedMs / 1000,
      loss: r.loss,
      accuracy: Number.isNaN(held.accuracy) ? null : held.accuracy,
      accuracyOn: r.test ? 'test' : 'training',
      history: r.history,
    });
    if (r.stopReason === 'interrupted') break; // Ctrl-C: the methods after this one are not run
  }
  return out;
}

/** Over many seeds, method by method: how many seeds reached the target, and how fast. */
export interface MethodSummary {
  method: Method;
  seeds: number;
  reached: number;
  /** Over the seeds that reached the target: [first quartile, median, third quartile]; null where none did. */
  iterations: [number, number, number] | null;
  seconds: [number, number, number] | null;
  /** The median of the best losses, every seed. */
  loss: number;
  /** On a task: the median of the kept held-out returns, every seed. */
  heldOutReturn?: number;
}

export function summarize(races: readonly Race[]): MethodSummary[] {
  const methods = races[0]?.rows.map((r) => r.method) ?? [];
  return methods.map((method) => {
    const rows = races.flatMap((r) => r.rows.filter((x) => x.method === method));
    const reached = rows.filter((x) => x.reached);
    const loss = median(rows.map((x) => x.loss));
    return {
      method,
      seeds: rows.length,
      reached: reached.length,
      iterations: reached.length ? quartiles(reached.map((x) => x.iterations)) : null,
      seconds: reached.length ? quartiles(reached.map((x) => x.seconds)) : null,
      loss,
      ...(rows[0]?.heldOutReturn !== undefined ? { heldOutReturn: -loss } : {}),
    };
  });
}
