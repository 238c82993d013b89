// The batch's inputs by column: for each input i, the batch positions p
// (ascending) where input i is not 0, and its values there. The weights of the
// first layer are then visited input by input, each over exactly the samples
// that move it, and a block of weights costs in proportion to its own inputs:
// no per-sample search for where a block starts, so cutting an iteration into
// many small chunks (the pool's scheduling) costs next to nothing.
//
// Built in each thread from the inputs, once per batch: for the whole set, once
// for the run. They depend on the samples alone, never on the params.

import type { BaseCache } from './base-cache.ts';

export class InputColumns {
  /** Column i is entries [start[i], start[i + 1]): batch positions and input values. */
  start: Int32Array;
  pos = new Int32Array(0);
  value = new Float64Array(0);
  private key = Number.NaN;

  private readonly width: number;

  constructor(width: number) {
    this.width = width;
    this.start = new Int32Array(width + 1);
  }

  /** Brings the columns up to date with the base pass's current batch (read from the inputs themselves). */
  update(b: BaseCache): void {
    if (b.batchKey === this.key) return; // the same batch (or the whole set) as last time
    const { width, start } = this;
    const inputs = b.inputs;
    start.fill(0);
    for (let p = 0; p < b.samples; p++)
      for (let i = 0, at = b.inputAt(p); i < width; i++) if (inputs[at + i] !== 0) start[i + 1]++;
    for (let i = 0; i < width; i++) start[i + 1] += start[i];
    const total = start[width];
    if (this.pos.length < total) {
      this.pos = new Int32Array(total);
      this.value = new Float64Array(total);
    }
    const next = start.slice(0, width);
    for (let p = 0; p < b.samples; p++) {
      for (let i = 0, at = b.inputAt(p); i < width; i++) {
        const v = inputs[at + i];
        if (v === 0) continue;
        const e = next[i]++;
        this.pos[e] = p;
        this.value[e] = v;
      }
    }
    this.key = b.batchKey;
  }
}
