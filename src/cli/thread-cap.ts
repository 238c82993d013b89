// More threads than a few per core only queue for the cores, and each holds
// a copy of the work, so memory grows with the count while speed does not.
// train and compare cap it, with a warning.

import { availableParallelism } from 'node:os';

/** Threads per core past which --threads is capped. */
export const THREADS_PER_CORE = 4;

/** The most threads a run may have on this machine. */
export function maxThreads(): number {
  return THREADS_PER_CORE * availableParallelism();
}

/** `threads` as given, or the cap with a warning on stderr naming `command`. */
export function capThreads<T extends number | 'auto' | undefined>(command: string, threads: T): T | number {
  const most = maxThreads();
  if (typeof threads !== 'number' || threads <= most) return threads;
  console.error(
    `${command}: --threads ${threads}: more than ${THREADS_PER_CORE} per core on ${availableParallelism()} cores; using ${most}`,
  );
  return most;
}
