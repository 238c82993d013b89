// `--threads auto`: how many threads to use, from the work in one iteration.
//
// Cost model (measured with scripts/speedup.ts): with the default spin-main
// strategy an iteration split over p threads takes about W/p + O, where W is
// the iteration's work on one thread and O the hand-off between threads, a
// few microseconds while the workers spin. So extra threads pay as soon as
// W is a few times O, up to one thread per core and per evaluation; beyond the
// cores they only add contention.

/** Hand-off cost per iteration with spinning workers, µs (see above). */
export const HANDOFF_US = 5;

export interface ThreadChoice {
  threads: number;
  workUs: number;
  why: string;
}

export function chooseThreads(workUs: number, evals: number, cores: number): ThreadChoice {
  const work = `${workUs < 1e4 ? `${workUs.toFixed(0)} µs` : `${(workUs / 1000).toFixed(0)} ms`} of work per iteration`;
  const limit = Math.min(cores, evals);
  if (limit < 2)
    return { threads: 0, workUs, why: `${work}, but ${evals < 2 ? 'one evaluation' : 'one core'}: main thread only` };
  if (workUs < 2 * HANDOFF_US)
    return { threads: 0, workUs, why: `${work}, too little to beat a ${HANDOFF_US} µs hand-off: main thread only` };
  return { threads: limit, workUs, why: `${work} split over ${limit} threads (${cores} cores, ${evals} evaluations)` };
}
