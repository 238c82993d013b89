// Mini-batches. Epoch e visits the training samples in a seeded shuffle,
// stream(seed, 'epoch', e), cut into batches of `size` (the last one of an
// epoch may be smaller). Iteration t uses batch t mod B of epoch floor(t / B),
// B batches per epoch: any thread derives the same batch from t alone, so all
// evaluations of an iteration see the same samples wherever they run.

import { stream } from '../util/rng.ts';

export class Batches {
  readonly perEpoch: number;
  private epoch = -1;
  private readonly order: Int32Array;

  readonly samples: number;
  readonly size: number;
  private readonly seed: string;

  constructor(samples: number, size: number, seed: string) {
    this.samples = samples;
    this.size = size;
    this.seed = seed;
    this.perEpoch = Math.ceil(samples / size);
    this.order = new Int32Array(samples);
  }

  epochOf(t: number): number {
    return Math.floor(t / this.perEpoch);
  }

  /** The sample indices of iteration t's batch (a view, valid until the next call). */
  batch(t: number): Int32Array {
    const e = this.epochOf(t);
    if (e !== this.epoch) this.shuffle(e);
    const b = t - e * this.perEpoch;
    return this.order.subarray(b * this.size, Math.min(this.samples, (b + 1) * this.size));
  }

  /** Fisher–Yates from the identity, so an epoch's order depends on (seed, epoch) alone. */
  private shuffle(e: number): void {
    const rng = stream(this.seed, 'epoch', e);
    const order = this.order;
    for (let i = 0; i < order.length; i++) order[i] = i;
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      const x = order[i];
      order[i] = order[j];
      order[j] = x;
    }
    this.epoch = e;
  }
}
