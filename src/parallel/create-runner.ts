// The one way to get a runner: the main thread, a pool, or auto's pair.
// The pool's code (and piscina) loads only when a pool is wanted, so a run on
// the main thread starts without it.

import { availableParallelism } from 'node:os';
import { createAutoRunner } from './auto-runner.ts';
import { InlineRunner } from './inline-runner.ts';
import type { Runner, RunnerOptions } from './runner.ts';

export async function createRunner(o: RunnerOptions): Promise<Runner> {
  if (o.threads !== 'auto' && !(Number.isInteger(o.threads) && o.threads >= 0)) {
    throw new Error(`threads ${o.threads}: expected a whole number >= 0 or auto`);
  }
  if (o.threads === 'auto') return createAutoRunner(o, startPool);
  return o.threads === 0 || ((o.strategy ?? 'spin-main') === 'spin-main' && o.threads === 1)
    ? new InlineRunner(o, o.threads) // with the coordinator computing, one thread means no pool at all
    : startPool(o);
}

async function startPool(o: RunnerOptions): Promise<Runner> {
  const { PoolRunner } = await import('./pool-runner.ts');
  const runner = new PoolRunner(o, o.strategy ?? 'spin-main', o.cores ?? availableParallelism());
  try {
    await runner.start();
  } catch (err) {
    await runner.close(); // a worker that cannot start must not keep the process alive
    throw err;
  }
  return runner;
}
