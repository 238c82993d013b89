// From resolved options to what a run needs: the data, the network, its
// output and loss, the first params, and the run's one description.

import type { Dataset } from '../data/dataset.ts';
import type { Encoding } from '../data/encoding.ts';
import { describeRun, type EvalSpec, type RunSpec } from '../methods/run-spec.ts';
import { loadModel, type Model } from '../model/model-file.ts';
import { constantParams, makeNet, type Net, paramCount, randomParams, xavierParams } from '../nn/network.ts';
import { type LossName, type Output, outputs } from '../nn/output.ts';
import { asInput } from '../util/input-error.ts';
import { OptionError } from '../util/option-error.ts';
import { stream } from '../util/rng.ts';
import { decideAuto } from './auto-settings.ts';
import { type LabelInfo, labelInfo, labelNotes } from './label-line.ts';
import { checkFits, grouped, runBytes } from './memory.ts';
import { methodOf } from './method-registry.ts';
import { dataNotes, resumeNotes, scaleNotes } from './notes.ts';
import { isModelPath, type ResolvedOptions, type Settings } from './options.ts';
import { inTargetUnits, prepareData } from './prepare-data.ts';
import { FRESH, type Resume, resumeFrom } from './resume.ts';

export interface Prepared {
  /** The options with every 'auto' decided for this data, and those decisions in words. */
  settings: Settings;
  chosen: string[];
  /** What the user should know about the data before training starts, in words. */
  notes: string[];
  data: Dataset;
  /** Held out of the training data: its loss picks the best weights and stops the run. */
  validation?: Dataset;
  test?: Dataset;
  /** How the data's columns became the net's numbers (scaling, categories, class names). */
  encoding: Encoding;
  /** Mini-batch runs: the training samples whose loss decides the best weights and the stops. */
  evalSamples?: Int32Array;
  net: Net;
  output: Output;
  params: Float64Array;
  run: RunSpec;
  /** Where the first params came from, for the model's meta. */
  init: string;
  /** Where the counts go on from: a model's iterations, history and loss, or a fresh start. */
  resume: Resume;
  /** A table's label column, how it was picked and what it became. */
  label?: LabelInfo;
}

export function prepare(given: ResolvedOptions): Prepared {
  const model = isModelPath(given.init)
    ? asInput(() => loadModel(given.init as string, 'init'))
    : typeof given.init === 'object'
      ? given.init
      : undefined;
  if (model?.task)
    throw new OptionError(
      'init',
      typeof given.init === 'string' ? given.init : 'model',
      'is a policy of a task, expected a model of data (or no --data)',
    );
  const { source: src, userData, picks, chosen: dataChosen } = prepareData(given, model);
  const { train: data, validation, test, encoding } = src;
  const auto = decideAuto(
    { ...given, ...picks, optimizer: resumedOptimizer(given, model) },
    data,
    model !== undefined,
    userData,
  );
  const { settings: o } = auto;
  const chosen = [...auto.chosen, ...dataChosen];
  // A batch given larger than the data would be the whole set under another name, with epochs and samples/s wrong.
  if (given.batch !== 'auto' && o.batch > data.n)
    throw new OptionError('batch', o.batch, `expected at most ${data.n}, the training samples (0: the whole set)`);
  checkRunFits(given, o, data, model);
  const { net, output, params } = model ? fromModel(o, data, model) : fresh(o, data);
  if (o.params) {
    if (o.params.length !== paramCount(net))
      throw new OptionError('params', `${o.params.length} weights`, `expected ${paramCount(net)}`);
    params.set(o.params);
  }
  const init = typeof o.init === 'object' ? 'model' : String(o.init);
  // Weights given as params are not the model's: its loss and counts do not describe them.
  const resume = model && !o.params ? resumeFrom(model, init) : FRESH;
  const evalSamples = o.batch > 0 ? evaluationSamples(data.n, o.seed) : undefined;
  const run = describeRun(net, output, evalSpecOf(o));
  const label = labelInfo(src.label, output.name, data, encoding);
  const notes = [
    ...labelNotes(label, src.label),
    ...src.notes,
    ...(o.loss === 'auto' && !model ? dataNotes(inTargetUnits(data, encoding), output.name) : []),
    ...scaleNotes(data, o.scale, userData),
    ...resumeNotes(resume, o),
  ];
  return {
    data,
    validation,
    test,
    encoding,
    net,
    output,
    params,
    run,
    init,
    evalSamples,
    settings: o,
    chosen,
    notes,
    resume,
    ...(label ? { label } : {}),
  };
}

/** Refuses a net too large for memory before its weights exist, naming what made it large. */
function checkRunFits(given: ResolvedOptions, o: Settings, data: Dataset, model: Model | undefined): void {
  const nodes = model ? model.net.nodes : [data.inDim, ...(o.hidden ?? [6]), data.outDim];
  const bytes = runBytes(nodes, evalSpecOf(o), data.n, o.threads);
  const weights = nodes.slice(1).reduce((sum, n, l) => sum + nodes[l] * n, 0);
  const what = `a net of ${grouped(weights)} weights (nodes ${nodes.join(',')}) on ${data.n} samples`;
  methodOf(o.method).fits?.(o);
  if (given.hidden !== undefined) checkFits('hidden', given.hidden, bytes, what, 'smaller hidden layers');
  else if (model) checkFits('init', o.init, bytes, what, 'a smaller model');
  else checkFits('data', data.name, bytes, what, 'fewer inputs or outputs, or --hidden smaller');
}

function fresh(o: Settings, data: Dataset) {
  const output = outputs[pickLoss(o.loss, data)];
  const net = makeNet([data.inDim, ...(o.hidden ?? [6]), data.outDim], o.func);
  const rng = stream(o.seed, 'init');
  const params =
    o.init === 'rand'
      ? randomParams(net, rng)
      : o.init === 'xavier'
        ? xavierParams(net, rng)
        : constantParams(net, Number(o.init));
  return { net, output, params };
}

/** auto: softmax for K ≥ 3 classes, logistic for 0/1 labels, else squared error. */
function pickLoss(loss: Settings['loss'], data: Dataset): LossName {
  if (loss === 'bce' && !data.binary) {
    throw new OptionError(
      'loss',
      loss,
      `data ${data.name} has targets other than 0 and 1; expected binary labels (or mse)`,
    );
  }
  // bce over K one-hot outputs would be K separate yes/no outputs, scored as bit patterns: not classes.
  if (loss === 'bce' && data.classes >= 3) {
    throw new OptionError(
      'loss',
      loss,
      `data ${data.name} has ${data.classes} classes; expected ce for classes (or mse)`,
    );
  }
  if (loss === 'ce' && data.classes < 3) {
    throw new OptionError(
      'loss',
      loss,
      `data ${data.name} has no one-hot classes; expected 3 or more classes (or bce, mse)`,
    );
  }
  if (loss !== 'auto') return loss;
  if (data.classes >= 3) return 'ce';
  return data.binary ? 'bce' : 'mse';
}

function fromModel(o: Settings, data: Dataset, model: Model) {
  const { nodes } = model.net;
  const init = typeof o.init === 'string' ? o.init : 'model';
  if (nodes[0] !== data.inDim || nodes[nodes.length - 1] !== data.outDim) {
    const fits = `${data.inDim} inputs with bias, ${data.outDim} outputs`;
    throw new OptionError('init', init, `nodes ${JSON.stringify(nodes)} do not fit data ${data.name} (${fits})`);
  }
  const hidden = nodes.slice(1, -1).join(',');
  if (o.hidden && o.hidden.join(',') !== hidden)
    throw new OptionError('hidden', o.hidden.join(','), `the model has hidden layers ${hidden}`);
  if (o.loss !== 'auto' && o.loss !== model.loss)
    throw new OptionError('loss', o.loss, `the model was trained with ${model.loss}`);
  // The same checks as a loss given by flag (bce needs 0/1 labels, ce classes), but the model is to blame, not --loss.
  try {
    pickLoss(model.loss, data);
  } catch (err) {
    if (!(err instanceof OptionError)) throw err;
    const why = err.problem.split(';')[0];
    throw new OptionError(
      'init',
      init,
      `the model was trained with --loss ${model.loss}, but ${why}; expected a model for this data`,
    );
  }

  return { net: model.net, output: outputs[model.loss], params: Float64Array.from(model.params) };
}

/** What the options say each iteration evaluates. */
export function evalSpecOf(
  o: Pick<Settings, 'method' | 'diff' | 'seed' | 'h' | 'delta' | 'candidates' | 'sigma' | 'rank' | 'batch' | 'grad'>,
): EvalSpec {
  const kind = methodOf(o.method).job(o);
  const { seed, h, delta, candidates, sigma, rank, batch, grad } = o;
  return { kind, seed, h, delta, candidates, sigma, rank, batch, grad };
}

/** The most training samples a mini-batch run measures its loss on at each report. */
export const EVAL_SAMPLES = 10_000;

/** All training samples, or a seeded choice of EVAL_SAMPLES of them in index order. */
function evaluationSamples(n: number, seed: string): Int32Array {
  const all = Int32Array.from({ length: n }, (_, i) => i);
  if (n <= EVAL_SAMPLES) return all;
  const rng = stream(seed, 'evaluation');
  for (let i = 0; i < EVAL_SAMPLES; i++) {
    const j = i + Math.floor(rng() * (n - i));
    const x = all[i];
    all[i] = all[j];
    all[j] = x;
  }
  return all.subarray(0, EVAL_SAMPLES).sort();
}

/**
 * --optimizer auto on a resumed run: its model's step, where the model was made by this method
 * (a model from before Adam was a table's default stepped by plain descent).
 */
function resumedOptimizer(given: ResolvedOptions, model: Model | undefined): ResolvedOptions['optimizer'] {
  if (!model || given.optimizer !== 'auto' || model.meta.method !== given.method) return given.optimizer;
  const saved = model.meta.optimizer;
  return saved === 'adam' || saved === 'sgd' ? saved : 'sgd';
}
