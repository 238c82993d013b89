// Where an iteration's time goes. The trainer and the runners add to these
// counters; the CLI prints their shares when asked (--profile).

export interface Profile {
  iterations: number;
  /** Copying the params into shared memory. */
  writeMs: number;
  /** Publishing the job: ranges, wake-ups, task messages. */
  dispatchMs: number;
  /** The coordinator's own share of the evaluations (inline: all of them). */
  computeMs: number;
  /** Workers' evaluation time, measured in the workers (slowest per job). */
  workerComputeMs: number;
  /** From the coordinator's last own work to the last worker's result. */
  waitMs: number;
  /** Merging results and applying the update. */
  updateMs: number;
  /** Reports: the loss (and scores) of the evaluation, validation and test sets, in the main thread. */
  reportMs: number;
  /** Evaluations in all, and those the coordinator did itself. */
  evals: number;
  ownEvals: number;
}

export function emptyProfile(): Profile {
  return {
    iterations: 0,
    writeMs: 0,
    dispatchMs: 0,
    computeMs: 0,
    workerComputeMs: 0,
    waitMs: 0,
    updateMs: 0,
    reportMs: 0,
    evals: 0,
    ownEvals: 0,
  };
}

/** One line per phase: total ms, µs per iteration and share of the total. */
export function formatProfile(p: Profile): string {
  const phases: [string, number][] = [
    ['write params', p.writeMs],
    ['dispatch', p.dispatchMs],
    ['compute (coordinator)', p.computeMs],
    ['wait + merge', p.waitMs],
    ['update', p.updateMs],
    ['reports', p.reportMs],
  ];
  const total = phases.reduce((a, [, ms]) => a + ms, 0) || 1;
  const per = (ms: number) => ((ms * 1000) / Math.max(1, p.iterations)).toFixed(1).padStart(10);
  const lines = phases.map(
    ([name, ms]) => `  ${name.padEnd(22)} ${per(ms)} µs/iter ${((100 * ms) / total).toFixed(1).padStart(6)}%`,
  );
  lines.push(`  ${'compute (workers, max)'.padEnd(22)} ${per(p.workerComputeMs)} µs/iter  (inside dispatch..wait)`);
  if (p.evals > 0)
    lines.push(`  the coordinator did ${((100 * p.ownEvals) / p.evals).toFixed(1)}% of ${p.evals} evaluations`);
  return `time per iteration over ${p.iterations} iterations:\n${lines.join('\n')}`;
}
