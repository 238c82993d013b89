// How much an incremental gradient's evaluations cost, for splitting them over
// threads: a weight costs one quartic per sample where its input is not 0, so
// a first-layer weight in proportion to how often its input is non-zero (most
// pixels of a digit are 0), a later one about a whole batch.

import type { Dataset } from '../data/dataset.ts';
import { inputFacts } from '../data/input-facts.ts';
import type { Net } from '../nn/network.ts';

/** Per-item work besides the quartics (its result, its loop), in quartics over a batch. */
const ITEM_COST = 0.02;

/** The cost prefix of an incremental job's `count` evaluations (see phaseCost); null for none worth having. */
export function incrementalCosts(count: number, net: Net, data: Dataset): Float64Array | null {
  const { nodes, offsets } = net;
  const L = nodes.length - 1;
  const P = offsets[L];
  const share = inputFacts(data).nonZero;
  if (share.every((x) => x > 0.5)) return null; // dense inputs: every weight costs about the same
  const perWeight = new Float64Array(P).fill(1 + ITEM_COST);
  for (let i = 0; i < nodes[0]; i++) perWeight.fill(share[i] + ITEM_COST, i * nodes[1], (i + 1) * nodes[1]);
  const prefix = new Float64Array(count + 1);
  // Every evaluation but the last (E(w) itself, from the base pass) steps one weight.
  for (let e = 0; e < count; e++) prefix[e + 1] = prefix[e] + (e < count - 1 ? perWeight[e % P] : 1);
  return prefix;
}
