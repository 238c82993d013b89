// Where a task run's objective comes from: a built-in task by name, or a
// user's module by path. Modules load asynchronously, so each thread loads
// the run's objective once before it builds its evaluator (loadObjectiveOf),
// and the evaluator then takes it from here synchronously (objectiveOf).

import { loadObjective, type Objective } from '../tasks/objective.ts';
import { TASKS, type TaskName } from '../tasks/tasks.ts';

/** What a run is trained on instead of data: a built-in task, or a module's path. */
export type TaskRef = { readonly task: string } | { readonly objective: string };

const loaded = new Map<string, Objective>();

/** The name a task run goes by: the task's, or the module's path as given. */
export function taskLabel(ref: TaskRef): string {
  return 'task' in ref ? ref.task : ref.objective;
}

/** Loads the objective of `ref` in this thread (an OptionError for a bad module). */
export async function loadObjectiveOf(ref: TaskRef): Promise<Objective> {
  if ('task' in ref) return objectiveOf(ref);
  const had = loaded.get(ref.objective);
  if (had) return had;
  const objective = await loadObjective(ref.objective);
  loaded.set(ref.objective, objective);
  return objective;
}

/** Whether objectiveOf(ref) can answer in this thread without loading. */
export function isLoaded(ref: TaskRef): boolean {
  return 'task' in ref || loaded.has(ref.objective);
}

/** The objective of `ref`, once loaded in this thread. */
export function objectiveOf(ref: TaskRef): Objective {
  if ('task' in ref) {
    if (!Object.hasOwn(TASKS, ref.task)) throw new Error(`run: task ${JSON.stringify(ref.task)} is not a task`);
    return { kind: 'environment', env: TASKS[ref.task as TaskName] };
  }
  const objective = loaded.get(ref.objective);
  if (!objective) throw new Error(`run: objective ${ref.objective} was not loaded in this thread`);
  return objective;
}
