// A task run's result as a model file: the kept policy, what it was trained
// on (a task's name; a module's path as given and a hash of its contents, so
// that play can say when the module has changed since), the episode settings
// and the method's, the returns, and the history of returns for curves.

import type { Model, ModelTask } from '../model/model-file.ts';
import { methodMeta } from './method-registry.ts';
import type { TaskResult } from './task-train.ts';

export function taskModel(r: TaskResult): Model {
  const { s, net } = r.run;
  const task: ModelTask =
    'task' in s.ref
      ? { task: s.ref.task, episodes: s.episodes }
      : { objective: s.ref.objective, sha256: r.run.sha256 as string, episodes: s.episodes };
  return {
    net,
    params: r.params,
    loss: 'mse',
    task,
    history: r.history,
    meta: {
      method: s.method,
      seed: s.seed,
      iterations: r.iterations,
      heldOutReturn: r.heldOutReturn,
      heldOut: s.heldOut,
      bestIteration: r.bestIteration,
      stopReason: r.stopReason,
      ...methodMeta(s as unknown as Parameters<typeof methodMeta>[0]),
      date: new Date().toISOString(),
    },
  };
}
