// Named random streams. Every random number the project uses comes from a
// stream keyed by the run's seed and a path of names, e.g.
// stream(seed, 'candidate', t, c), so what a stream yields depends on its
// key alone: never on which thread asks for it, or in what order.

import seedrandom from 'seedrandom';

/** A source of uniform numbers in [0, 1). */
export type Rng = () => number;

export function stream(seed: string | number, ...path: (string | number)[]): Rng {
  // Alea: fast to seed (one is made per candidate per iteration) and of good
  // statistical quality for this use.
  const rng = seedrandom.alea([String(seed), ...path].join('/'));
  return () => rng();
}
