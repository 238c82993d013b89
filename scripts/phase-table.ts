// Where a second thread's time goes, phase by phase, from the profiles of
// runs at each thread count (src/parallel/profile.ts): per iteration, each
// phase's busy time (all threads) and its inflation over the main thread's
// (the extra work that splitting costs), the threads' waiting inside the
// phase (span · threads − busy), then the serial time and the serial fraction
// measured from the phases, with Amdahl's projection from it and from the
// measured inflation.

import { busyTotalMs, type Profile, serialFraction, serialMs, slotName } from '../src/parallel/profile.ts';
import { PHASE_SLOTS } from '../src/parallel/shared-state.ts';

export interface Profiled {
  strategy: string;
  threads: number;
  profile: Profile;
}

const PROJECT_TO = [4, 8, 16];

const perIter = (p: Profile, ms: number) => (1000 * ms) / Math.max(1, p.iterations);
const us = (x: number) => `${x.toFixed(0)} µs`;

/** The names of the slots that ran in any of the runs. */
function slotsRun(runs: readonly Profiled[]): number[] {
  return [...Array(PHASE_SLOTS).keys()].filter((s) => runs.some((r) => r.profile.spanMs[s] > 0));
}

/**
 * Time per iteration at `threads` threads, from one thread's: serial time as
 * measured, each phase's one-thread busy time times its inflation, split
 * evenly.
 */
export function projectUs(serialUs: number, phaseUs: number[], inflation: number[], threads: number): number {
  return serialUs + phaseUs.reduce((a, b, s) => a + (b * inflation[s]) / threads, 0);
}

export function phaseTable(runs: readonly Profiled[]): string {
  const one = runs.find((r) => r.threads <= 1 && r.strategy === 'inline') ?? runs.find((r) => r.threads <= 1);
  if (!one) return '';
  const slots = slotsRun(runs);
  const name = (s: number) => slotName(one.profile, s);
  const lines = ['  where the time goes, per iteration (busy: all threads; inflation: busy over one thread’s):'];
  for (const r of runs) {
    const p = r.profile;
    const parts = slots.map((s) => {
      const busy = perIter(p, p.busyMs[s]);
      const inflation = busy / perIter(one.profile, one.profile.busyMs[s]);
      const waiting = perIter(p, p.capacityMs[s] - p.busyMs[s]);
      return `${name(s)} ${us(busy)} ×${Number.isFinite(inflation) ? inflation.toFixed(2) : '-'}, waiting ${us(Math.max(0, waiting))}`;
    });
    const serial = `serial ${us(perIter(p, serialMs(p)))} (${(100 * serialFraction(p)).toFixed(1)}%)`;
    lines.push(`    ${r.strategy} ${r.threads}: ${parts.join('; ')}; ${serial}`);
  }
  // Amdahl from the measurements: one thread's serial time and phases, each phase inflated as measured at the most threads.
  const most = runs.reduce((a, b) => (b.threads > a.threads ? b : a), one);
  if (most.threads >= 2) {
    const base = one.profile;
    const phaseUs = slots.map((s) => perIter(base, base.busyMs[s]));
    const inflation = slots.map((s, i) => perIter(most.profile, most.profile.busyMs[s]) / phaseUs[i] || 1);
    const serialUs = perIter(base, serialMs(base));
    const oneUs = serialUs + perIter(base, busyTotalMs(base));
    const projected = PROJECT_TO.map(
      (n) => `${n}: ${(oneUs / projectUs(serialUs, phaseUs, inflation, n)).toFixed(1)}×`,
    );
    lines.push(
      `    projected from these (serial as measured, inflation as at ${most.threads}): ${projected.join(', ')}`,
    );
  }
  return lines.join('\n');
}
