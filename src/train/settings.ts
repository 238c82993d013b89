// The types of a run's settings, from the option table's rows: what train()
// takes, what it resolves them to, and what 'auto' becomes once decided for
// the data. Types only, so that update rules and the method registry may read
// them without importing the registry back.

import type { ScaleName } from '../data/encoding.ts';
import type { Runner, WorkerFault } from '../parallel/runner.ts';
import type { TrainEvent } from './events.ts';
import type { OPTION_TABLE, Optimizer } from './option-table.ts';

type Table = typeof OPTION_TABLE;

/** Every option's value, as its row types its default. */
export type TrainSettings = { [K in keyof Table]: Table[K]['default'] };

/** What train() takes: any settings (the rest from DEFAULTS) and hooks that have no default. */
export interface TrainOptions extends Partial<TrainSettings> {
  /** First weights, overriding init. */
  params?: Float64Array;
  /** A started runner to reuse (benchmarks); train() then leaves it open. */
  runner?: Runner;
  signal?: AbortSignal;
  onEvent?: (event: TrainEvent) => void;
  /** Test-only: make pool workers fail (see WorkerFault). */
  fault?: WorkerFault;
}

export type ResolvedOptions = TrainSettings & Omit<TrainOptions, keyof TrainSettings>;

/** Options once 'auto' has been decided for the data (auto-settings.ts). */
export type Settings = Omit<
  ResolvedOptions,
  | 'hidden'
  | 'lr'
  | 'batch'
  | 'targetLoss'
  | 'targetAccuracy'
  | 'scale'
  | 'validationSplit'
  | 'minDelta'
  | 'candidates'
  | 'sigma'
  | 'optimizer'
> & {
  optimizer: Optimizer;
  candidates: number;
  sigma: number;
  minDelta: number;
  hidden?: number[];
  scale: ScaleName;
  validationSplit: number;
  lr: number;
  batch: number;
  targetLoss: number;
  targetAccuracy: number;
};
