// Where an iteration's time goes. The trainer and the runners add to these
// counters; the CLI prints them when asked (--profile).
//
// Two kinds of time. Serial time is the coordinator's alone, with every other
// thread idle: writing the params, the update, the parts of a report not
// shared out. A parallel phase (a job of the pool) has a span, its wall time
// from opening to its last item, and busy time, what all its threads spent
// evaluating. busy / (span · threads) is how well a phase used the threads;
// the rest of span · threads is waiting (wake-ups, spinning, a tail). Busy
// time at N threads over busy time at one is the work inflation that
// splitting causes (npm run speedup prints it).

import { PHASE_SLOTS, REPORT_SLOT } from './shared-state.ts';

export interface Profile {
  iterations: number;
  /** Copying the params into shared memory. */
  writeMs: number;
  /** Publishing the job: ranges, wake-ups, task messages. */
  dispatchMs: number;
  /** The coordinator's own share of the evaluations (inline: all of them), with its yields to the event loop. */
  computeMs: number;
  /** From the coordinator's last own work to the last worker's result. */
  waitMs: number;
  /** Merging results and applying the update. */
  updateMs: number;
  /** Reports: the loss (and scores) of the evaluation, validation and test sets, shared part included. */
  reportMs: number;
  /** Of reportMs: a report's wait for a pool still starting (once, at the run's start; warming-runner.ts). */
  poolStartMs: number;
  /** Thread time spent evaluating, all threads together, by phase slot (shared-state.ts: phases, then reports). */
  busyMs: number[];
  /** Wall time of the jobs of each phase slot, from opening to their last item. */
  spanMs: number[];
  /** Each job's span times the threads it had, added up: busy over this is the threads' use (waiting, the rest). */
  capacityMs: number[];
  /** The names of an iteration's phases (the job kind's), for the table. */
  phases: string[];
  /** Threads that evaluate (the coordinator included when it computes), at the last job. */
  threads: number;
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
    waitMs: 0,
    updateMs: 0,
    reportMs: 0,
    poolStartMs: 0,
    busyMs: new Array(PHASE_SLOTS).fill(0),
    spanMs: new Array(PHASE_SLOTS).fill(0),
    capacityMs: new Array(PHASE_SLOTS).fill(0),
    phases: [],
    threads: 1,
    evals: 0,
    ownEvals: 0,
  };
}

/** A job of phase slot `slot` took spanMs with `threads` threads, which were busy for busyMs in all. */
export function addJob(p: Profile, slot: number, spanMs: number, busyMs: number, threads: number): void {
  p.spanMs[slot] += spanMs;
  p.busyMs[slot] += busyMs;
  p.capacityMs[slot] += spanMs * threads;
  p.threads = threads;
}

/** Zeroes the counters of `p` in place (a run's clock starts after warm-up), keeping what describes the run. */
export function resetProfile(p: Profile): void {
  Object.assign(p, { ...emptyProfile(), phases: p.phases, threads: p.threads });
}

/**
 * The coordinator's time alone, every other thread idle, per iteration: params, update, the reports'
 * unshared part. (Not the wait for a pool to start: that is paid once, however long the run.)
 */
export function serialMs(p: Profile): number {
  return p.writeMs + p.updateMs + unsharedReportMs(p);
}

function unsharedReportMs(p: Profile): number {
  return Math.max(0, p.reportMs - p.spanMs[REPORT_SLOT] - p.poolStartMs);
}

/** All threads' evaluation time, every phase and the reports' shared scoring. */
export function busyTotalMs(p: Profile): number {
  return p.busyMs.reduce((a, b) => a + b, 0);
}

/**
 * Serial time over all the work: serial / (serial + busy), each in thread
 * time. By Amdahl, N threads can run at most 1 / (f + (1 − f) / N) times
 * faster than one (less with work inflation or waiting).
 */
export function serialFraction(p: Profile): number {
  const serial = serialMs(p);
  return serial / Math.max(1e-9, serial + busyTotalMs(p));
}

/** A slot's name in the tables: its phase's (the job kind's), or the reports'. */
export function slotName(p: Profile, slot: number): string {
  return slot === REPORT_SLOT ? 'report scoring' : (p.phases[slot] ?? `phase ${slot + 1}`);
}

/** One line per serial part, one per parallel phase (span, busy, use of the threads), then the serial fraction. */
export function formatProfile(p: Profile): string {
  const per = (ms: number) => ((ms * 1000) / Math.max(1, p.iterations)).toFixed(1).padStart(10);
  const serial = serialMs(p);
  const lines = [
    `  serial, the coordinator alone           ${per(serial)} µs/iter`,
    `    write params                          ${per(p.writeMs)}`,
    `    update                                ${per(p.updateMs)}`,
    `    reports (unshared part)               ${per(unsharedReportMs(p))}`,
    `  parallel phases, ${p.threads} thread${p.threads === 1 ? '' : 's'}:       span µs/iter   busy µs/iter   threads used`,
  ];
  for (let s = 0; s < PHASE_SLOTS; s++) {
    if (p.spanMs[s] === 0 && p.busyMs[s] === 0) continue;
    const name = slotName(p, s);
    const used = (100 * p.busyMs[s]) / Math.max(1e-9, p.capacityMs[s]);
    lines.push(
      `    ${name.padEnd(24)} ${per(p.spanMs[s])}     ${per(p.busyMs[s])}     ${used.toFixed(1).padStart(6)}%`,
    );
  }
  if (p.threads > 1)
    lines.push(
      `  within the phases: dispatch ${per(p.dispatchMs).trim()}, the coordinator's wait ${per(p.waitMs).trim()} µs/iter`,
    );
  if (p.evals > 0 && p.threads > 1)
    lines.push(`  the coordinator did ${((100 * p.ownEvals) / p.evals).toFixed(1)}% of ${p.evals} evaluations`);
  lines.push(`  serial fraction (serial / (serial + busy)): ${(100 * serialFraction(p)).toFixed(1)}%`);
  if (p.poolStartMs > 0)
    lines.push(`  and once, a report waiting for the pool to start: ${p.poolStartMs.toFixed(1)} ms`);
  return `time per iteration over ${p.iterations} iterations:\n${lines.join('\n')}`;
}
