// A method is one entry: its name → everything that differs by method. What
// an iteration evaluates (a kind of methods/jobs.ts, whose phases and
// evaluations live in that kind's files), the update rule (its *-rule.ts),
// the settings 'auto' decides for it per kind of data, what the model file's
// meta records, the flag a divergence hint names, the options it takes and
// its own checks. Outside this file and the methods' own files no code
// compares a method's name (test/method-registry.test.ts checks).

import type { Dataset } from '../data/dataset.ts';
import type { JobKind, RunSpec } from '../methods/run-spec.ts';
import { type Net, paramCount } from '../nn/network.ts';
import type { Output } from '../nn/output.ts';
import { OptionError } from '../util/option-error.ts';
import { flagName } from '../util/option-spec.ts';
import { backpropRule } from './backprop-rule.ts';
import { esRule } from './es-rule.ts';
import { gradientRule } from './gradient-rule.ts';
import { checkFits } from './memory.ts';
import { randomRule } from './random-rule.ts';
import type { Settings } from './settings.ts';
import { spsaRule } from './spsa-rule.ts';
import type { UpdateRule } from './update-rule.ts';

/** The kinds of data whose 'auto' settings differ (auto-settings.ts). */
export type DataKind = 'narrow' | 'wide' | 'table';

/** A method's own settings that 'auto' decides per kind of data. */
export interface PerData {
  candidates: number;
  sigma: number;
  lr: number;
}

export interface MethodEntry {
  /** What it does, in a few words, for --method's help. */
  readonly help: string;
  /**
   * The options it takes, as TrainSettings names them (gradCheck: the
   * --grad-check command); the others do not apply to it. One it does not
   * take is lr: it makes no step of a rate, and its lr is 0.
   */
  readonly options: readonly string[];
  /** What an iteration evaluates (methods/jobs.ts), given --diff. */
  job(o: { readonly diff: JobKind }): JobKind;
  rule(o: Settings, run: RunSpec, net: Net, output: Output, data: Dataset): UpdateRule;
  /** What 'auto' means for its population, noise and step, per kind of data; absent: the data's lr. */
  readonly perData?: Readonly<Record<DataKind, PerData>>;
  /** What 'auto' gives it on a task or an objective (task-settings.ts); absent: it does not train on one. */
  readonly onTask?: Readonly<Partial<Record<'candidates' | 'sigma' | 'lr' | 'delta' | 'h', number>>> & {
    readonly optimizer?: 'adam' | 'sgd';
  };
  /** Its own step where --optimizer is auto (step.ts); none: the data's (auto-settings.ts: adam on a table, else sgd). */
  readonly optimizer?: 'adam' | 'sgd';
  /** The settings the model file's meta records, in order. */
  readonly meta: readonly string[];
  /** The setting whose flag sets its step, which a divergence hint names. */
  readonly step: string;
  /** A check of its options beyond each one's own (options.ts); throws OptionError. */
  check?(o: { readonly candidates: number | 'auto' }): void;
  /** Refuses, before anything is allocated, what its iterations would need beyond memory (prepare.ts). */
  fits?(o: { readonly candidates: number }): void;
}

const gradientMeta = ['lr', 'h', 'diff', 'optimizer', 'weightDecay'];
const fromDiff = (o: { readonly diff: JobKind }) => o.diff;

const REGISTRY = {
  gradient: {
    help: 'numerical gradient descent',
    options: ['lr', 'h', 'diff', 'grad', 'gradCheck', 'optimizer', 'weightDecay'],
    job: fromDiff,
    rule: (o, run, net, _output, data) => gradientRule(o, run, data, paramCount(net)),
    // An argmax policy's return is flat between the points where an action flips: a wide step finds them.
    onTask: { h: 0.05, lr: 0.1 },
    meta: gradientMeta,
    step: 'lr',
  },
  random: {
    help: 'random candidate updates',
    options: ['delta', 'candidates', 'elitist'],
    job: () => 'random',
    rule: randomRule,
    onTask: { candidates: 32, delta: 0.05 },
    meta: ['delta', 'candidates', 'elitist'],
    step: 'delta',
    // Each iteration's losses, one per candidate, in the runner (auto: in its main-thread runner and its pool).
    fits: (o) => checkFits('candidates', o.candidates, 16 * (o.candidates + 1), 'their losses', 'fewer candidates'),
  },
  es: {
    help: 'evolution strategies, every candidate’s loss ranked into a gradient estimate',
    options: ['candidates', 'sigma', 'rank', 'optimizer', 'weightDecay', 'lr'],
    optimizer: 'adam',
    job: () => 'es',
    rule: (o, run, net, _output, data) => esRule(o, run, data, paramCount(net)),
    // Population, noise and Adam step per kind of data (measured: README, *Comparing methods*).
    perData: {
      narrow: { candidates: 20, sigma: 0.1, lr: 0.05 },
      wide: { candidates: 200, sigma: 0.03, lr: 0.01 },
      table: { candidates: 50, sigma: 0.05, lr: 0.02 },
    },
    // One setting for all three built-in tasks (docs/tasks.md).
    onTask: { candidates: 32, sigma: 0.2, lr: 0.1 },
    meta: ['lr', 'sigma', 'candidates', 'rank', 'optimizer'],
    step: 'lr',
    check(o) {
      if (o.candidates !== 'auto' && o.candidates % 2 !== 0)
        throw new OptionError(
          'candidates',
          o.candidates,
          'expected an even number for --method es (its candidates come in pairs, w ± σε)',
        );
    },
  },
  spsa: {
    help: 'simultaneous perturbation, two losses estimate the gradient (a third, E(w), is reported)',
    options: ['lr', 'delta', 'optimizer', 'weightDecay'],
    // Plain descent even on a table: Adam scales each weight's noisy estimate to a full step (pima: 67%, the majority class).
    optimizer: 'sgd',
    job: () => 'spsa',
    rule: (o, run, net, _output, data) => spsaRule(o, run, data, paramCount(net)),
    // Adam here: on CartPole plain descent's gain reached 17.5 (median of 10 seeds), Adam 480–500 (docs/tasks.md).
    onTask: { delta: 0.5, lr: 0.5, optimizer: 'adam' },
    meta: ['lr', 'delta', 'optimizer', 'weightDecay'],
    step: 'lr',
  },
  backprop: {
    help: 'the analytic gradient, for comparison',
    options: ['lr', 'optimizer', 'weightDecay'],
    // Its runner computes the gradient itself; the description (and the memory estimate) is the gradient's.
    job: fromDiff,
    rule: (o, _run, net, output, data) => backpropRule(o, net, output, data, paramCount(net)),
    meta: gradientMeta,
    step: 'lr',
  },
} satisfies Record<string, MethodEntry>;

export type Method = keyof typeof REGISTRY;
export const METHODS = Object.keys(REGISTRY) as readonly Method[];

/** A method's entry, by its name (train() checks a name is one before any lookup). */
export function methodOf(method: string): MethodEntry {
  return REGISTRY[method as Method];
}

/** The options a method takes (camelCase settings; gradCheck: --grad-check). */
export function methodOptions(method: string): readonly string[] {
  return methodOf(method).options;
}

/** Whether a method takes an option. */
export function takes(method: string, option: string): boolean {
  return methodOptions(method).includes(option);
}

/** A run's settings, read by the names an entry gives (settings.ts's Settings). */
type Named = { readonly method: string } & Readonly<Record<string, unknown>>;

/** What the model file's meta records of a run's method: its settings, in its entry's order. */
export function methodMeta(o: Named): Record<string, unknown> {
  return Object.fromEntries(methodOf(o.method).meta.map((key) => [key, o[key]]));
}

/** The flag that sets a run's step, with its value, as a divergence hint names it: "--lr (it was 2)". */
export function stepFlag(o: Named): string {
  const key = methodOf(o.method).step;
  return `--${flagName(key)} (it was ${o[key]})`;
}
