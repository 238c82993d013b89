// TEST ONLY: the worker fault switch (parallel/runner.ts's WorkerFault) from
// the environment, so that tests can make a pool worker of the real CLI throw
// or die: NEURO_POOL_TEST_FAULT=throw:50 or exit:50 (the evaluation it fails
// at). And NEURO_POOL_TEST_FAULT=stuck-stop: a run that does not hear the
// first Ctrl-C, so that a test can show the second one exits at once. Not a
// feature: nothing documents it for users, nothing else sets it.

import type { WorkerFault } from '../parallel/runner.ts';

export function testFault(value = process.env.NEURO_POOL_TEST_FAULT): WorkerFault | undefined {
  const m = /^(throw|exit):(\d+)$/.exec(value ?? '');
  return m ? { mode: m[1] as WorkerFault['mode'], afterEvals: Number(m[2]) } : undefined;
}

/** stuck-stop: train is not given the interrupt's signal, as if its stop hung. */
export function stuckStop(value = process.env.NEURO_POOL_TEST_FAULT): boolean {
  return value === 'stuck-stop';
}
