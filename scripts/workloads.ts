// The benchmark workloads: a data set and a network shape each.

import { seed2class, spiral } from '../src/data/builtin.ts';
import type { Dataset } from '../src/data/dataset.ts';
import { imagesToDataset } from '../src/data/images.ts';
import { builtinDigits } from '../src/data/mnist.ts';

export interface Workload {
  name: string;
  nodes: number[];
  data: Dataset;
}

export const WORKLOADS = ['seed2class', 'spiral', 'digits'] as const;

/** Every 10th of the 10,000 built-in digits: 1,000 images of all ten classes (the package stores them by class). */
export function thousandDigits(): Dataset {
  const every10th = Array.from({ length: 1000 }, (_, i) => i * 10);
  return imagesToDataset(builtinDigits(), every10th, { name: 'digits' });
}

export function workload(name: string, samples: number, seed: string): Workload {
  if (name === 'seed2class') return { name: 'seed2class 3-6-1', nodes: [3, 6, 1], data: seed2class() };
  if (name === 'spiral')
    return { name: `spiral 2-32-32-1 (${samples})`, nodes: [3, 32, 32, 1], data: spiral(samples, seed) };
  if (name === 'digits') return { name: 'digits 784-32-10 (1000)', nodes: [785, 32, 10], data: thousandDigits() };
  throw new Error(`--workloads ${JSON.stringify(name)}: expected ${WORKLOADS.join(', ')}`);
}
