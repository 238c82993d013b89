// A trained policy at work: one held-out episode of its model's task (or one
// call of its score), with the picture of every step where the task draws.
// The episode is the model's own held-out episode n, (seed, 'held-out', n), so
// play's return for episode n is the one training scored it with.

import { loadObjectiveOf, type TaskRef } from '../methods/task-source.ts';
import type { Model } from '../model/model-file.ts';
import type { Shape, View } from '../tasks/environment.ts';
import { episodeFn, shapeProblem } from '../tasks/episodic.ts';
import { moduleHash } from '../tasks/objective.ts';
import { makePolicy } from '../tasks/policy.ts';
import { heldOutStream, playEpisode } from '../tasks/rollout.ts';

export interface PlayOptions {
  /** Which held-out episode (default 0). */
  episode?: number;
  /** Collect each step's shapes (the task's draw()) for a picture: 'required' throws where the task has no draw(). */
  frames?: boolean | 'required';
  /** Collect each step's state, for text frames. */
  states?: boolean;
  /** The module to use instead of the path the model records (it moved). */
  objective?: string;
}

export interface Picture {
  frames: Shape[][];
  view: View;
  stepSeconds: number;
}

export interface Played {
  task: string;
  ret: number;
  /** Steps the episode lasted (a score: 0). */
  steps: number;
  /** The episode's picture, where asked for and the task draws: a frame per step, the view, a step's seconds. */
  picture?: Picture;
  states?: Float64Array[];
  /** A module whose contents differ from those the model was trained with. */
  changed: boolean;
}

/** Plays the model's held-out episode; throws an Error in words for a model that is not a policy of a task it can load. */
export async function play(model: Model, o: PlayOptions = {}): Promise<Played> {
  const t = model.task;
  if (!t) throw new Error('is not a policy: it has no "task" (train one with --task or --objective)');
  const ref: TaskRef = 'task' in t ? { task: t.task } : { objective: o.objective ?? t.objective };
  const objective = await loadObjectiveOf(ref);
  const changed = 'sha256' in t && moduleHash((ref as { objective: string }).objective) !== t.sha256;
  const nodes = model.net.nodes;
  const shape = shapeProblem(objective, nodes);
  if (shape) throw new Error(shape);
  const rng = heldOutStream(String(model.meta.seed ?? '1'), o.episode ?? 0);
  const task = 'task' in ref ? ref.task : ref.objective;
  if (objective.kind === 'score') {
    if (o.frames === 'required') throw new Error('is a policy of a score, which has no episode to draw');
    return { task, ret: episodeFn(objective, model.net)(model.params, rng), steps: 0, changed };
  }
  const { env } = objective;
  const draw = env.draw;
  if (o.frames === 'required' && !draw)
    throw new Error(`is a policy of ${task}, which has no draw() to picture its episodes`);
  const frames: Shape[][] = [];
  const states: Float64Array[] = [];
  const { ret, steps } = playEpisode(env, makePolicy(env, model.net), model.params, rng, (s) => {
    if (o.frames && draw) frames.push(checkedShapes(draw.call(env, s)));
    if (o.states) states.push(Float64Array.from(s));
  });
  return {
    task,
    ret,
    steps,
    changed,
    ...(o.frames && draw && env.view
      ? { picture: { frames, view: env.view, stepSeconds: env.stepSeconds ?? 0.05 } }
      : {}),
    ...(o.states ? { states } : {}),
  };
}

const KINDS = ['line', 'rect', 'circle'];

/** draw()'s shapes, each of a kind a picture can draw (a misspelt one would be drawn as nothing, or NaN). */
function checkedShapes(shapes: Shape[]): Shape[] {
  if (!Array.isArray(shapes)) throw new Error(`its draw() gave ${JSON.stringify(shapes)}, expected an array of shapes`);
  for (const shape of shapes)
    if (!KINDS.includes(shape?.kind))
      throw new Error(`its draw() gave a shape of kind ${JSON.stringify(shape?.kind)}, expected line, rect or circle`);
  return shapes;
}
