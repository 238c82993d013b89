// What 'auto' means on a task or an objective. Measured (docs/tasks.md): one
// setting trains all three built-in tasks, evolution strategies with a
// population of 32, σ 0.2 and Adam at 0.1, one episode per candidate, 16 tanh
// hidden units, a held-out check every 5 iterations. What the caller gave
// wins; what was decided is named on the "for this task" line.

import type { EvalSpec } from '../methods/eval-spec.ts';
import type { TaskRef } from '../methods/task-source.ts';
import type { Objective } from '../tasks/objective.ts';
import { OptionError } from '../util/option-error.ts';
import { flagName } from '../util/option-spec.ts';
import { METHODS, type Method, methodOf, takes } from './method-registry.ts';
import type { ResolvedOptions, TrainOptions } from './options.ts';
import { isModelPath } from './options.ts';
import type { Settings } from './settings.ts';

const HIDDEN = [16];
/**
 * Where a built-in task needs more. Pendulum from 10 seeds with 1 episode and 16 units: 7 reached −200
 * within 60 s (3 sat at −204…−206, the heavy tail of our notes); with 4 episodes a candidate and 32
 * units: 10 of 10, median 3.4 s (docs/tasks.md).
 */
const PER_TASK: Readonly<Record<string, { episodes?: number; hidden?: number[] }>> = {
  pendulum: { episodes: 4, hidden: [32] },
};
const REPORT_EVERY = 5;
/** A task run with no --max-seconds stops here, target reached or not. */
const MAX_SECONDS = 60;

export interface TaskSettings extends Settings {
  ref: TaskRef;
  episodes: number;
  heldOut: number;
  /** Stop once the held-out mean reaches it; Infinity: never. */
  targetReturn: number;
}

/** The run's settings on a task, and the 'auto' ones decided, in words. */
export function taskSettings(
  o: ResolvedOptions,
  given: TrainOptions,
  objective: Objective,
  ref: TaskRef,
): { settings: TaskSettings; chosen: string[] } {
  const chosen: string[] = [];
  const method = (given.method ?? 'es') as Method;
  const entry = methodOf(method);
  if (!entry.onTask)
    throw new OptionError(
      'method',
      method,
      'expected es, random, spsa or gradient on a task: an episode has no gradient to backpropagate',
    );
  const { optimizer: ownStep, ...numbers } = entry.onTask;
  const own: Readonly<Record<string, number | undefined>> = numbers;
  refuseOffTask(given, method, ref);
  // The caller's value, or what the task decides (named on the line where the method takes it).
  const pick = <T>(key: string, decided: T): T => {
    const v = (o as unknown as Record<string, T>)[key];
    if ((given as Record<string, unknown>)[key] !== undefined && v !== 'auto') return v;
    if (GENERAL.includes(key) || takes(method, key))
      chosen.push(`--${flagName(key)} ${Array.isArray(decided) ? decided.join(',') : decided}`);
    return decided;
  };
  const task = ('task' in ref && PER_TASK[ref.task]) || {};
  const target = objective.kind === 'environment' ? objective.env.targetReturn : objective.targetReturn;
  const settings: TaskSettings = {
    ...(o as unknown as Settings),
    method,
    hidden: pick('hidden', task.hidden ?? HIDDEN),
    func: pick('func', 'tanh'),
    candidates: pick('candidates', own.candidates ?? 2),
    sigma: pick('sigma', own.sigma ?? 0.1),
    lr: pick('lr', own.lr ?? 0.1),
    delta: pick('delta', own.delta ?? o.delta),
    h: pick('h', own.h ?? o.h),
    optimizer: pick('optimizer', ownStep ?? entry.optimizer ?? 'adam'),
    episodes: pick('episodes', task.episodes ?? 1),
    reportEvery: pick('reportEvery', REPORT_EVERY),
    maxSeconds: pick('maxSeconds', MAX_SECONDS),
    targetReturn: o.targetReturn === 'auto' ? (target ?? Infinity) : o.targetReturn,
    ref,
    rank: 0,
    grad: 'naive',
    batch: 0,
  };
  return { settings, chosen };
}

/** The settings every method has on a task, named on the line whenever decided. */
const GENERAL = ['hidden', 'func', 'episodes', 'reportEvery', 'maxSeconds'];

/** The evaluation spec of a task run: dense noise, whole evaluations, its episodes. */
export function taskEvalSpec(s: TaskSettings): EvalSpec {
  return {
    kind: methodOf(s.method).job({ diff: s.diff }),
    seed: s.seed,
    h: s.h,
    delta: s.delta,
    candidates: s.candidates,
    sigma: s.sigma,
    rank: 0,
    batch: 0,
    grad: 'naive',
    episodes: s.episodes,
  };
}

/** Options of data runs only: on a task they could do nothing, so one given is refused rather than ignored. */
const DATA_ONLY = [
  'data',
  'test',
  'samples',
  'trainSize',
  'testSize',
  'testSplit',
  'label',
  'ignore',
  'missing',
  'scale',
  'validationSplit',
  'digit',
  'loss',
  'grad',
  'batch',
  'rank',
  'targetLoss',
  'targetAccuracy',
  'minDelta',
  'patience',
  'checkpointEvery',
];

/** Refuses a data run's option, one the method does not take, --init of a scheme, and --strategy run for a module. */
function refuseOffTask(given: TrainOptions, method: Method, ref: TaskRef): void {
  const on = 'task' in ref ? `--task ${ref.task}` : '--objective';
  const typed = Object.entries(given).filter(([, v]) => v !== undefined);
  for (const [key, value] of typed) {
    if (DATA_ONLY.includes(key)) throw new OptionError(key, value, `applies to data, expected without it for ${on}`);
    const users = METHODS.filter((m) => takes(m, key));
    if (users.length > 0 && users.length < METHODS.length && !users.includes(method))
      throw new OptionError(
        key,
        value,
        `applies to --method ${users.join(', ')}, expected without it for --method ${method}`,
      );
  }
  const init = given.init;
  if (typeof init === 'number' || (typeof init === 'string' && init !== 'auto' && !isModelPath(init)))
    throw new OptionError('init', given.init, `expected a policy's model file (or auto: Xavier weights) for ${on}`);
  // One pool.run per chunk waits for every chunk: an episode that never returns would hold the run past any limit.
  if ('objective' in ref && given.strategy === 'run')
    throw new OptionError(
      'strategy',
      'run',
      'expected spin-main, spin or wait for --objective: run cannot give up an episode that never returns',
    );
}
