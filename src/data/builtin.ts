// Built-in data sets.

import { stream } from '../util/rng.ts';
import { type Dataset, makeDataset, withBias } from './dataset.ts';

// The original's `traindata-2class`: 50 points on a 10×10 grid. Two points
// appear twice in each class; they are part of the data and are kept.
const SEED2CLASS_0 = [
  [2, 5],
  [3, 2],
  [4, 1],
  [8, 3],
  [1, 8],
  [9, 5],
  [5, 2],
  [4, 2],
  [3, 3],
  [2, 6],
  [1, 8],
  [9, 5],
  [1, 4],
  [2, 4],
  [1, 6],
  [2, 3],
  [6, 1],
  [9, 4],
  [7, 2],
  [6, 2],
  [8, 1],
  [9, 2],
  [2, 1],
  [2, 7],
  [1, 3],
  [1, 7],
];
const SEED2CLASS_1 = [
  [3, 7],
  [4, 4],
  [7, 6],
  [3, 7],
  [4, 8],
  [7, 8],
  [7, 6],
  [4, 5],
  [4, 7],
  [8, 5],
  [6, 3],
  [4, 7],
  [9, 6],
  [7, 4],
  [3, 8],
  [3, 4],
  [5, 6],
  [6, 5],
  [5, 4],
  [5, 3],
  [4, 6],
  [8, 7],
  [3, 6],
  [6, 7],
];

export function seed2class(): Dataset {
  const features = [...SEED2CLASS_0, ...SEED2CLASS_1];
  const labels = [...SEED2CLASS_0.map(() => [0]), ...SEED2CLASS_1.map(() => [1])];
  return makeDataset('seed2class', withBias(features), labels);
}

/**
 * Two interleaved spirals, the classic hard 2-D set: class 1 is class 0
 * turned by half a turn. Points lie in about [-1, 1]², with a little noise
 * drawn from the seed.
 */
export function spiral(samples: number, seed: string | number): Dataset {
  if (!Number.isInteger(samples) || samples < 2) throw new Error(`--samples ${samples}: expected an integer >= 2`);
  const rng = stream(seed, 'spiral');
  const features: number[][] = [];
  const labels: number[][] = [];
  const perClass = Math.ceil(samples / 2);
  for (let s = 0; s < samples; s++) {
    const label = s % 2;
    const u = Math.floor(s / 2) / perClass; // 0..1 along the arm
    const r = 0.05 + 0.95 * u;
    const angle = u * 3 * Math.PI + label * Math.PI;
    const noise = () => (rng() - 0.5) * 0.04;
    features.push([r * Math.cos(angle) + noise(), r * Math.sin(angle) + noise()]);
    labels.push([label]);
  }
  return makeDataset('spiral', withBias(features), labels);
}
