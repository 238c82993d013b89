// --method backprop: the analytic gradient, for comparison with the numerical
// methods. It fits the loop as a runner whose results are the gradient
// (results[0..P)) and the loss (results[P]), computed in the main thread.

import type { Dataset } from '../data/dataset.ts';
import { Batches } from '../methods/batches.ts';
import { backprop, makeBackpropScratch } from '../nn/backprop.ts';
import { type Net, paramCount } from '../nn/network.ts';
import type { Output } from '../nn/output.ts';
import { emptyProfile } from '../parallel/profile.ts';
import type { Runner } from '../parallel/runner.ts';

export class BackpropRunner implements Runner {
  readonly threads = 0;
  readonly strategy = 'inline';
  readonly profile = emptyProfile();
  readonly results: Float64Array;
  private readonly params: Float64Array;
  private readonly grad: Float64Array;
  private readonly scratch;
  private readonly batches?: Batches;

  private readonly net: Net;
  private readonly output: Output;
  private readonly data: Dataset;

  constructor(net: Net, output: Output, data: Dataset, batch: number, seed: string) {
    this.net = net;
    this.output = output;
    this.data = data;
    const P = paramCount(net);
    this.results = new Float64Array(P + 1);
    this.params = new Float64Array(P);
    this.grad = this.results.subarray(0, P);
    this.scratch = makeBackpropScratch(net);
    if (batch > 0) this.batches = new Batches(data.n, batch, seed);
  }

  describe(): string {
    return 'main thread only (backprop)';
  }

  setParams(params: Float64Array): void {
    this.params.set(params);
  }

  async run(t: number): Promise<void> {
    const t0 = performance.now();
    const samples = this.batches?.batch(t);
    const loss = backprop(this.net, this.params, this.data, this.output, this.grad, samples, this.scratch);
    this.results[this.grad.length] = loss;
    this.profile.computeMs += performance.now() - t0;
    this.profile.iterations++;
  }

  async close(): Promise<void> {}
}
