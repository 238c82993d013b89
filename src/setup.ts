// From checked flags to the things a run needs: data, network, first params.

import type { Args } from './cli.ts';
import { UsageError } from './cli.ts';
import type { Dataset } from './data.ts';
import { loadData } from './data-files.ts';
import { loadModel } from './model-file.ts';
import { type Net, constantParams, makeNet, randomParams } from './network.ts';
import { type LossName, outputs, type Output } from './output.ts';
import { stream } from './rng.ts';

export interface Setup {
  data: Dataset;
  net: Net;
  output: Output;
  params: Float64Array;
  /** Where the first params came from, for the model's meta. */
  init: string;
}

export function setup(a: Args): Setup {
  const data = loadData(a.data, { samples: a.samples, seed: a.seed });
  const hidden = a.hidden === undefined ? undefined : a.hidden.split(',').map(Number);
  if (a.init !== 'rand' && !Number.isFinite(Number(a.init))) return fromModel(a, data, hidden);
  const loss = pickLoss(a.loss, data);
  const net = makeNet([data.inDim, ...(hidden ?? [6]), data.outDim], a.func);
  const params = a.init === 'rand' ? randomParams(net, stream(a.seed, 'init')) : constantParams(net, Number(a.init));
  return { data, net, output: outputs[loss], params, init: a.init };
}

function pickLoss(flag: Args['loss'], data: Dataset): LossName {
  if (flag === 'bce' && !data.binary) throw new UsageError(`--loss bce: data ${data.name} has targets other than 0 and 1; expected binary labels (or --loss mse)`);
  if (flag !== 'auto') return flag;
  return data.binary ? 'bce' : 'mse';
}

function fromModel(a: Args, data: Dataset, hidden?: number[]): Setup {
  if (!a.init.endsWith('.json')) throw new UsageError(`--init ${JSON.stringify(a.init)}: expected rand, a number, or a model .json file`);
  const model = loadModel(a.init);
  const { nodes } = model.net;
  const name = JSON.stringify(a.init);
  if (nodes[0] !== data.inDim || nodes[nodes.length - 1] !== data.outDim) {
    throw new UsageError(`--init ${name}: nodes ${JSON.stringify(nodes)} do not fit data ${data.name} (${data.inDim} inputs with bias, ${data.outDim} outputs)`);
  }
  if (hidden && hidden.join(',') !== nodes.slice(1, -1).join(',')) {
    throw new UsageError(`--hidden ${hidden.join(',')}: the model ${name} has hidden layers ${nodes.slice(1, -1).join(',')}`);
  }
  if (a.loss !== 'auto' && a.loss !== model.loss) throw new UsageError(`--loss ${a.loss}: the model ${name} was trained with ${model.loss}`);
  if (model.loss === 'bce' && !data.binary) throw new UsageError(`--init ${name}: a logistic-output model needs 0/1 labels, data ${data.name} has others`);
  return { data, net: model.net, output: outputs[model.loss], params: model.params, init: a.init };
}
