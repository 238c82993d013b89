// --init of a policy: a task run goes on from a saved policy's weights and
// shape, if the policy is of the same task (a module: the same path; a module
// changed since is said, not refused); a data run refuses a policy, and a
// task run a model of data.

import { resolve } from 'node:path';
import { type TaskRef, taskLabel } from '../methods/task-source.ts';
import { loadModel, type Model } from '../model/model-file.ts';
import { asInput } from '../util/input-error.ts';
import { OptionError } from '../util/option-error.ts';
import { isModelPath } from './options.ts';

/** The model --init names (a path or a Model), if it names one. */
export function initModel(init: unknown): Model | undefined {
  if (isModelPath(init)) return asInput(() => loadModel(init, 'init'));
  return typeof init === 'object' && init !== null ? (init as Model) : undefined;
}

/** What a policy was trained on, as a TaskRef; undefined for a model of data. */
export function policyTask(model: Model): TaskRef | undefined {
  const t = model.task;
  return t && ('task' in t ? { task: t.task } : { objective: t.objective });
}

/**
 * Refuses an --init model that is not a policy of `ref`; a note where the module changed since
 * (`sha256`: the module's contents as this run loaded them).
 */
export function checkPolicy(model: Model, init: unknown, ref: TaskRef, sha256?: string): string | undefined {
  const name = typeof init === 'string' ? init : 'model';
  const own = policyTask(model);
  const label = taskLabel;
  if (!own) throw new OptionError('init', name, `is a model of data, expected a policy of ${label(ref)}`);
  const t = model.task;
  const changed = t !== undefined && 'sha256' in t && t.sha256 !== sha256;
  // A module is the same one where its path resolves to the same file, or where its contents are the same
  // (the policy moved, or is run from another folder).
  const same =
    'task' in own && 'task' in ref
      ? own.task === ref.task
      : 'objective' in own && 'objective' in ref && (resolve(own.objective) === resolve(ref.objective) || !changed);
  if (!same) throw new OptionError('init', name, `is a policy of ${label(own)}, expected one of ${label(ref)}`);
  return changed ? `${label(ref)} has changed since ${name} was trained on it` : undefined;
}

/** The task of a policy that --init names, where it names a readable model of one. */
export function initPolicy(init: unknown): TaskRef | undefined {
  try {
    const model = initModel(init);
    return model && policyTask(model);
  } catch {
    return undefined; // a model that cannot be read is the data run's to report, in its words
  }
}
