// One serialized description of what a run evaluates: the network as the
// model file names it (nodes, func), the loss, and the evaluation settings.
// The coordinator and every worker build their evaluator from it through the
// same function, so no thread can evaluate a different problem from another.

import { type ActivationName, isActivationName } from '../nn/activation.ts';
import { makeNet, type Net } from '../nn/network.ts';
import { LOSSES, type LossName, type Output, outputs } from '../nn/output.ts';
import { type EvalSpec, GRAD_MODES } from './eval-spec.ts';
import { JOB_KINDS, jobOf } from './jobs.ts';
import type { TaskRef } from './task-source.ts';

export { type EvalSpec, GRAD_MODES, type GradMode, type JobKind } from './eval-spec.ts';
export { JOB_KINDS } from './jobs.ts';

/** The evaluations of one iteration (the kind's file numbers them). */
export function evalCount(spec: EvalSpec, params: number): number {
  return jobOf(spec).count(spec, params);
}

export interface RunSpec {
  nodes: number[];
  func: ActivationName;
  loss: LossName;
  eval: EvalSpec;
  /** A task run: what its episodes are (task-source.ts); the loss is then unused. */
  task?: TaskRef;
}

export function describeRun(net: Net, output: Output, spec: EvalSpec, task?: TaskRef): RunSpec {
  return { nodes: [...net.nodes], func: net.func, loss: output.name, eval: { ...spec }, ...(task ? { task } : {}) };
}

export interface BuiltRun {
  net: Net;
  output: Output;
  spec: EvalSpec;
}

/** Everything an evaluator needs, from the description alone; throws on a field it does not know. */
export function buildRun(run: RunSpec): BuiltRun {
  if (!isActivationName(run.func)) throw new Error(`run: func ${JSON.stringify(run.func)} is not an activation`);
  if (!(LOSSES as readonly string[]).includes(run.loss))
    throw new Error(`run: loss ${JSON.stringify(run.loss)} is not a loss`);
  if (!JOB_KINDS.includes(run.eval.kind)) throw new Error(`run: eval kind ${JSON.stringify(run.eval.kind)} is unknown`);
  if (!GRAD_MODES.includes(run.eval.grad)) throw new Error(`run: grad ${JSON.stringify(run.eval.grad)} is unknown`);
  if (run.task && (run.eval.rank > 0 || run.eval.grad !== 'naive' || !((run.eval.episodes ?? 0) >= 1)))
    throw new Error('run: a task run takes dense noise, whole evaluations and at least one episode');
  return { net: makeNet(run.nodes, run.func), output: outputs[run.loss], spec: run.eval };
}
