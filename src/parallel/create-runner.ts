// The one way to get a runner: the main thread, a pool, or auto's pair.
// The pool's code (and piscina) loads only when a pool is wanted, so a run on
// the main thread starts without it.

import { availableParallelism } from 'node:os';
import { createAutoRunner } from './auto-runner.ts';
import { InlineRunner } from './inline-runner.ts';
import { emptyProfile } from './profile.ts';
import type { Runner, RunnerOptions } from './runner.ts';
import { WarmingRunner } from './warming-runner.ts';

export async function createRunner(o: RunnerOptions): Promise<Runner> {
  if (o.threads !== 'auto' && !(Number.isInteger(o.threads) && o.threads >= 0)) {
    throw new Error(`threads ${o.threads}: expected a whole number >= 0 or auto`);
  }
  if (o.threads === 'auto') return createAutoRunner(o, startPool);
  if (o.threads === 0 || ((o.strategy ?? 'spin-main') === 'spin-main' && o.threads === 1))
    return new InlineRunner(o, o.threads); // with the coordinator computing, one thread means no pool at all
  return o.background ? warmingPool(o) : startPool(o);
}

/** A pool started in the background, the main thread running the iterations until it is up (warming-runner.ts). */
async function warmingPool(o: RunnerOptions): Promise<Runner> {
  const { PoolRunner } = await import('./pool-runner.ts');
  const profile = o.profile ?? emptyProfile();
  // No JIT warm-up: the main thread is training meanwhile, and a warm-up would only put off the hand-over
  // (a report due at the start waits for the pool: 4% of a 2-thread MNIST gradient run, in alternating pairs).
  const warm = { ...o, profile, warmMs: o.warmMs ?? 0 };
  const pool = new PoolRunner(warm, o.strategy ?? 'spin-main', o.cores ?? availableParallelism());
  const started = pool.start().then(
    () => pool,
    async (err) => {
      await pool.close(); // a worker that cannot start must not keep the process alive
      throw err;
    },
  );
  return new WarmingRunner(new InlineRunner({ ...o, profile }, 0), pool, started);
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
