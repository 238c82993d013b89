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
export type { Progress, StartEvent, TrainEvent } from './train/events.ts';
export { modelOf } from './train/model-of.ts';
export { DEFAULTS, type TrainOptions, type TrainSettings } from './train/options.ts';
export { type TrainResult, train } from './train/trainer.ts';
export { OptionError } from './util/option-error.ts';
