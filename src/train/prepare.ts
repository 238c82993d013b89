// From resolved options to what a run needs: the data, the network, its
// output and loss, the first params, and the run's one description.

import type { Dataset } from '../data/dataset.ts';
import { loadData } from '../data/load.ts';
import { describeRun, type EvalSpec, type RunSpec } from '../methods/run-spec.ts';
import { loadModel, type Model } from '../model/model-file.ts';
import { constantParams, makeNet, type Net, paramCount, randomParams } from '../nn/network.ts';
import { type LossName, type Output, outputs } from '../nn/output.ts';
import { OptionError } from '../util/option-error.ts';
import { stream } from '../util/rng.ts';
import type { ResolvedOptions, TrainSettings } from './options.ts';

export interface Prepared {
  data: Dataset;
  test?: Dataset;
  /** Mini-batch runs: the training samples whose loss decides the best weights and the stops. */
  evalSamples?: Int32Array;
  net: Net;
  output: Output;
  params: Float64Array;
  run: RunSpec;
  /** Where the first params came from, for the model's meta. */
  init: string;
}

export function prepare(o: ResolvedOptions): Prepared {
  const data = typeof o.data === 'string' ? loadData(o.data, { samples: o.samples, seed: o.seed }) : o.data;
  const model =
    typeof o.init === 'string' && o.init !== 'rand'
      ? loadModel(o.init, 'init')
      : typeof o.init === 'object'
        ? o.init
        : undefined;
  const { net, output, params } = model ? fromModel(o, data, model) : fresh(o, data);
  if (o.params) {
    if (o.params.length !== paramCount(net))
      throw new OptionError('params', `${o.params.length} weights`, `expected ${paramCount(net)}`);
    params.set(o.params);
  }
  const init = typeof o.init === 'object' ? 'model' : String(o.init);
  const evalSamples = o.batch > 0 ? evaluationSamples(data.n, o.seed) : undefined;
  return { data, test: o.test, net, output, params, run: describeRun(net, output, evalSpecOf(o)), init, evalSamples };
}

function fresh(o: ResolvedOptions, data: Dataset) {
  const output = outputs[pickLoss(o.loss, data)];
  const net = makeNet([data.inDim, ...(o.hidden ?? [6]), data.outDim], o.func);
  const params = o.init === 'rand' ? randomParams(net, stream(o.seed, 'init')) : constantParams(net, Number(o.init));
  return { net, output, params };
}

function pickLoss(loss: ResolvedOptions['loss'], data: Dataset): LossName {
  if (loss === 'bce' && !data.binary) {
    throw new OptionError(
      'loss',
      loss,
      `data ${data.name} has targets other than 0 and 1; expected binary labels (or mse)`,
    );
  }
  if (loss !== 'auto') return loss;
  return data.binary ? 'bce' : 'mse';
}

function fromModel(o: ResolvedOptions, data: Dataset, model: Model) {
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
  if (model.loss === 'bce' && !data.binary) {
    throw new OptionError('init', init, `a logistic-output model needs 0/1 labels, data ${data.name} has others`);
  }
  return { net: model.net, output: outputs[model.loss], params: Float64Array.from(model.params) };
}

/** What the options say each iteration evaluates. */
export function evalSpecOf(
  o: Pick<TrainSettings, 'method' | 'diff' | 'seed' | 'h' | 'delta' | 'candidates' | 'batch' | 'grad'>,
): EvalSpec {
  const kind = o.method === 'random' ? 'random' : o.diff;
  return { kind, seed: o.seed, h: o.h, delta: o.delta, candidates: o.candidates, batch: o.batch, grad: o.grad };
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
