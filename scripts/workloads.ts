// The benchmark workloads: a data set and a network shape each.

import { seed2class, spiral } from '../src/data/builtin.ts';
import type { Dataset } from '../src/data/dataset.ts';

export interface Workload {
  name: string;
  nodes: number[];
  data: Dataset;
}

export const WORKLOADS = ['seed2class', 'spiral'] as const;

export function workload(name: string, samples: number, seed: string): Workload {
  if (name === 'seed2class') return { name: 'seed2class 3-6-1', nodes: [3, 6, 1], data: seed2class() };
  if (name === 'spiral')
    return { name: `spiral 2-32-32-1 (${samples})`, nodes: [3, 32, 32, 1], data: spiral(samples, seed) };
  throw new Error(
    `--workloads ${JSON.stringify(name)}: expected ${WORKLOADS.join(' or ')} (MNIST comes with MNIST data)`,
  );
}
