// neuro-pool as a library: train() and what it takes and gives back.
// `import { train } from 'neuro-pool'` (the package, or after `npm run build` in a clone).

export { type Dataset, makeDataset, withBias } from './data/dataset.ts';
export type { Encoding } from './data/encoding.ts';
export { loadData } from './data/load.ts';
export { type Applied, predict } from './model/apply.ts';
export { decimate, type HistoryPoint } from './model/history.ts';
export { loadModel, type Model, saveModel } from './model/model-file.ts';
export { meanLoss, predict as netOutputs } from './nn/loss.ts';
export { type Scores, score } from './nn/metrics.ts';
export type { Environment, Shape, View } from './tasks/environment.ts';
export type { Objective, PolicyFn, Score, ScoreContext } from './tasks/objective.ts';
export { TASK_NAMES, TASKS, type TaskName } from './tasks/tasks.ts';
export type { Progress, StartEvent, TaskNoteEvent, TaskProgress, TaskStartEvent, TrainEvent } from './train/events.ts';
export { modelOf } from './train/model-of.ts';
export { DEFAULTS, type TrainOptions, type TrainSettings } from './train/options.ts';
export { type Played, type PlayOptions, play } from './train/replay.ts';
export { taskModel } from './train/task-model.ts';
export { type TaskOptions, type TaskResult, type TrainResult, train } from './train/trainer.ts';
export { OptionError } from './util/option-error.ts';
export { type Rng, stream } from './util/rng.ts';
