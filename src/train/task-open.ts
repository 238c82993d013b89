// Opening a task run: its objective loaded and checked, its settings decided
// (task-settings.ts), the policy net, its first weights, the method's rule,
// and the description every thread builds its evaluator from.

import type { Dataset } from '../data/dataset.ts';
import { describeRun, type RunSpec } from '../methods/run-spec.ts';
import { TaskResults } from '../methods/task-results.ts';
import { loadObjectiveOf, type TaskRef, taskLabel } from '../methods/task-source.ts';
import { makeNet, type Net, paramCount, xavierParams } from '../nn/network.ts';
import { outputs } from '../nn/output.ts';
import type { Runner } from '../parallel/runner.ts';
import { objectiveNodes, shapeProblem } from '../tasks/episodic.ts';
import type { Objective } from '../tasks/objective.ts';
import { moduleHash } from '../tasks/objective.ts';
import { OptionError } from '../util/option-error.ts';
import { stream } from '../util/rng.ts';
import type { TaskStartEvent } from './events.ts';
import { methodOf } from './method-registry.ts';
import type { ResolvedOptions, TrainOptions } from './options.ts';
import { checkPolicy, initModel } from './task-init.ts';
import { type TaskSettings, taskEvalSpec, taskSettings } from './task-settings.ts';
import type { UpdateRule } from './update-rule.ts';

export interface TaskRun {
  s: TaskSettings;
  objective: Objective;
  /** The task's name, or the module's path as given. */
  label: string;
  net: Net;
  spec: RunSpec;
  /** A stand-in for the data a runner shares: a task run has none. */
  data: Dataset;
  /** The first weights, which the loop then moves in place. */
  params: Float64Array;
  rule: UpdateRule;
  results: TaskResults;
  episodesPerIteration: number;
  /** A module's SHA-256, taken when it was loaded. */
  sha256?: string;
  /** Whether the first weights are given (--init, params): then ties from the start are no flat start. */
  givenStart: boolean;
  /** What the user should know before it starts (an --init module changed since). */
  notes: string[];
  chosen: string[];
  startEvent(runner: Runner): TaskStartEvent;
  /** A runner's failure as the user should read it: an objective's own error becomes an OptionError naming it. */
  explain(err: unknown): Error;
}

/** The option naming where a run's objective came from. */
const optionOf = (ref: TaskRef) => ('task' in ref ? 'task' : 'objective');

export async function openTask(o: ResolvedOptions, given: TrainOptions): Promise<TaskRun> {
  if (o.task !== undefined && o.objective !== undefined)
    throw new OptionError('objective', o.objective, 'expected --task or --objective, not both');
  const ref: TaskRef = o.task !== undefined ? { task: o.task } : { objective: o.objective as string };
  const objective = await loadObjectiveOf(ref);
  const { settings: s, chosen } = taskSettings(o, given, objective, ref);
  // The method's own checks, now that it is known (es is a task's default: an odd population is refused).
  methodOf(s.method).check?.(s);
  methodOf(s.method).fits?.(s);
  // Hashed now, at load: a module edited or removed during the run cannot change what the model records.
  const sha256 = 'objective' in ref ? moduleHash(ref.objective) : undefined;
  const label = taskLabel(ref);
  const model = initModel(o.init);
  for (const key of ['hidden', 'func'] as const)
    if (model && given[key] !== undefined)
      throw new OptionError(
        key,
        given[key],
        "expected without it for --init of a policy: the policy's shape is its own",
      );
  const notes = model ? [checkPolicy(model, o.init, ref, sha256)].filter((n) => n !== undefined) : [];
  const net = model?.net ?? makeNet(objectiveNodes(objective, s.hidden ?? []), s.func);
  const shape = shapeProblem(objective, net.nodes);
  if (shape) throw new OptionError('init', o.init, shape);
  const spec = describeRun(net, outputs.mse, taskEvalSpec(s), ref);
  // The policy's shape is its own, not decided.
  if (model) chosen.splice(0, chosen.length, ...chosen.filter((c) => !/^--(hidden|func) /.test(c)));
  const params = given.params
    ? Float64Array.from(given.params)
    : model
      ? Float64Array.from(model.params)
      : xavierParams(net, stream(s.seed, 'init'));
  if (params.length !== paramCount(net))
    throw new OptionError(
      'params',
      `${params.length} weights`,
      `expected ${paramCount(net)} for nodes ${JSON.stringify(net.nodes)}`,
    );
  const data = standIn(label, net);
  const explain = explainer(ref, label);
  const results = new TaskResults(spec.eval, net);
  const episodesPerIteration = results.points * s.episodes;
  return {
    s,
    objective,
    label,
    net,
    spec,
    data,
    params,
    rule: methodOf(s.method).rule(s, spec, net, outputs.mse, data),
    results,
    episodesPerIteration,
    notes,
    ...(sha256 ? { sha256 } : {}),
    givenStart: model !== undefined || given.params !== undefined,
    chosen,
    explain,
    startEvent: (runner) => ({
      type: 'task-start',
      task:
        objective.kind === 'environment' && objective.env.name !== label ? `${objective.env.name} (${label})` : label,
      nodes: [...net.nodes],
      func: net.func,
      method: s.method,
      threads: runner.threads,
      runner: runner.describe(),
      params: params.length,
      evalsPerIter: episodesPerIteration,
      heldOut: s.heldOut,
      targetReturn: s.targetReturn,
      chosen,
    }),
  };
}

/** A task run has no data: a runner is given an empty set of the net's widths. */
function standIn(label: string, net: Net): Dataset {
  return {
    name: label,
    n: 0,
    inDim: net.nodes[0],
    outDim: net.nodes[net.nodes.length - 1],
    inputs: new Float64Array(0),
    targets: new Float64Array(0),
    binary: false,
    classes: 0,
  };
}

/** A runner's failure as the user should read it: an episode's error ("LABEL: ...") becomes an OptionError naming the objective. */
function explainer(ref: TaskRef, label: string): (err: unknown) => Error {
  return (err) => {
    const message = err instanceof Error ? err.message : String(err);
    if (message.startsWith(`${label}: `)) return new OptionError(optionOf(ref), label, message.slice(label.length + 2));
    // A module that fails to load in a worker only: its OptionError arrives as an Error with the same words.
    const loading = `${optionOf(ref)} ${JSON.stringify(label)}: `;
    if (message.startsWith(loading)) return new OptionError(optionOf(ref), label, message.slice(loading.length));
    return err instanceof Error ? err : new Error(message);
  };
}
