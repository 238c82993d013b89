// `--threads auto`: how many threads to use, from the work in one iteration.
//
// Cost model (measured with scripts/speedup.ts): with the default spin-main
// strategy an iteration split over p threads takes about W/p + k·O, where W
// is the iteration's work on one thread, k its phases (incremental gradients
// and low-rank ES compute a shared base pass first: each phase is a hand-off
// and a wait for the slowest thread) and O the cost of one, some microseconds
// while the workers spin. Threads pay once W/p + k·O beats W by a margin that
// covers starting the pool and the noise of a shared machine; up to one thread
// per core and per evaluation; beyond the cores they only add contention.

/** Hand-off cost per phase with spinning workers, µs (see above). */
export const HANDOFF_US = 10;
/** The least predicted gain worth a pool: a tenth of the iteration. */
const MARGIN = 0.1;

export interface ThreadChoice {
  threads: number;
  workUs: number;
  why: string;
}

export function chooseThreads(workUs: number, evals: number, cores: number, phases = 1): ThreadChoice {
  const work = `${workUs < 1e4 ? `${workUs.toFixed(0)} µs` : `${(workUs / 1000).toFixed(0)} ms`} of work per iteration`;
  const limit = Math.min(cores, evals);
  if (limit < 2)
    return { threads: 0, workUs, why: `${work}, but ${evals < 2 ? 'one evaluation' : 'one core'}: main thread only` };
  const split = workUs / limit + phases * HANDOFF_US;
  if (split > (1 - MARGIN) * workUs) {
    const handoffs = phases === 1 ? `a ${HANDOFF_US} µs hand-off` : `${phases} hand-offs of ${HANDOFF_US} µs`;
    return { threads: 0, workUs, why: `${work}, too little to beat ${handoffs}: main thread only` };
  }
  return { threads: limit, workUs, why: `${work} split over ${limit} threads (${cores} cores, ${evals} evaluations)` };
}
