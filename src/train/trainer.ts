// The training loop. Each iteration hands one list of loss evaluations to a
// runner (main thread or pool), merges the results in index order and applies
// the update here, in the coordinator; so the weights never depend on how
// many threads did the evaluating. The steps live in their own files: the
// start (loop-start.ts), one iteration and its checkpoint (iteration.ts) and
// the result (train-result.ts).

import { fileURLToPath } from 'node:url';
import { Halt } from './halt.ts';
import { checkpoint, iterate } from './iteration.ts';
import { openRun, startLoop } from './loop-start.ts';
import { resolveOptions, type TrainOptions } from './options.ts';
import { initPolicy } from './task-init.ts';
import { type TaskResult, trainTask } from './task-train.ts';
import { type TrainResult, trainResult } from './train-result.ts';

export type { TaskResult } from './task-train.ts';
export type { TrainResult } from './train-result.ts';

/** An objective given as a file URL (import.meta.resolve's, new URL(...)) as the path it names. */
function withModulePath(o: TrainOptions | TaskOptions): TrainOptions {
  const m: unknown = o.objective;
  const url = m instanceof URL || (typeof m === 'string' && m.startsWith('file:'));
  return (url ? { ...o, objective: fileURLToPath(m as string | URL) } : o) as TrainOptions;
}

/** Options that train a policy on a task or an objective module instead of data. */
export type TaskOptions =
  | (TrainOptions & { task: string })
  | (Omit<TrainOptions, 'objective'> & { objective: string | URL });

/** Trains a network: options not given come from DEFAULTS; a bad one throws an OptionError naming it. */
export async function train(given: TaskOptions): Promise<TaskResult>;
export async function train(given?: TrainOptions): Promise<TrainResult>;
export async function train(options: TrainOptions | TaskOptions = {}): Promise<TrainResult | TaskResult> {
  const given = withModulePath(options);
  // A policy given as --init goes on with its own task where none is given.
  const own = given.task === undefined && given.objective === undefined && given.data === undefined;
  const policy = own ? initPolicy(given.init) : undefined;
  if (policy) return trainTask(resolveOptions({ ...given, ...policy }), { ...given, ...policy });
  if (given.task !== undefined || given.objective !== undefined) return trainTask(resolveOptions(given), given);
  const open = await openRun(given);
  const { o, runner } = open;
  let halt: Halt | undefined;
  try {
    const { loop, reason: first } = await startLoop(open);
    let reason = first;
    let yieldedAt = performance.now();
    // Ctrl-C or the time limit give up even an iteration in progress (see Halt).
    halt = new Halt(o.signal, o.maxSeconds > 0 ? o.maxSeconds * 1000 - loop.tracker.elapsedMs() : Infinity);
    for (let t = loop.start; reason === undefined; t++) {
      if (performance.now() - yieldedAt > 50) {
        // Let timers and signals (Ctrl-C) in: inline runs never leave microtasks.
        await new Promise((resolve) => setImmediate(resolve));
        yieldedAt = performance.now();
      }
      reason = await iterate(loop, t, halt);
      if (reason === undefined) checkpoint(loop);
    }
    return await trainResult(loop, reason);
  } finally {
    halt?.dispose();
    if (!o.runner) await runner.close();
  }
}
