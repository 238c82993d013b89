// --profile's figures: what the runners count, checked against invariants of
// time (no phase keeps more threads busy than it has), and the serial fraction
// against values worked by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRunner } from '../src/parallel/create-runner.ts';
import { emptyProfile, type Profile, serialFraction, serialMs } from '../src/parallel/profile.ts';
import type { Runner } from '../src/parallel/runner.ts';
import { PHASE_SLOTS, REPORT_SLOT } from '../src/parallel/shared-state.ts';
import { train } from '../src/train/trainer.ts';
import { prepared, seedRun } from './helpers.ts';

const gradient = seedRun({ method: 'gradient', maxIters: 40, targetLoss: -Infinity });
// A mini-batch run: its reports score an evaluation set, shared out as a phase of their own.
const es = seedRun({ method: 'es', hidden: [5, 4], batch: 10, seed: '4', maxIters: 40, targetLoss: -Infinity });
let pool: Runner;
let esPool: Runner;

beforeAll(async () => {
  const g = prepared(gradient);
  pool = await createRunner({ run: g.run, data: g.data, threads: 2, strategy: 'spin-main' });
  const e = prepared(es);
  esPool = await createRunner({
    run: e.run,
    data: e.data,
    threads: 2,
    strategy: 'spin-main',
    report: { samples: e.evalSamples },
  });
});

afterAll(async () => {
  await Promise.all([pool.close(), esPool.close()]);
});

/** The slots that ran: a span of their own. */
const ran = (p: Profile) => [...Array(PHASE_SLOTS).keys()].filter((s) => p.spanMs[s] > 0);

describe('a run profile', () => {
  it('keeps no more threads busy in a pool phase than the phase had, for as long as it lasted', async () => {
    const r = await train({ ...gradient, runner: pool });
    expect(r.profile.threads).toBe(2);
    expect(ran(r.profile)).toEqual([0, 1]);
    for (const s of ran(r.profile)) {
      expect(r.profile.busyMs[s], `slot ${s}`).toBeGreaterThan(0);
      expect(r.profile.busyMs[s], `slot ${s}`).toBeLessThanOrEqual(r.profile.capacityMs[s] * (1 + 1e-9));
      expect(r.profile.capacityMs[s], `slot ${s}`).toBeLessThanOrEqual(2 * r.profile.spanMs[s] * (1 + 1e-9));
    }
  });

  it("counts the main thread's evaluation of a phase as both its span and its busy time", async () => {
    const r = await train({ ...gradient, threads: 0 });
    expect(ran(r.profile)).toEqual([0, 1]);
    for (const s of ran(r.profile)) expect(r.profile.busyMs[s]).toBe(r.profile.spanMs[s]);
  });

  it("counts a mini-batch run's shared report scoring apart from the iterations' phases", async () => {
    const r = await train({ ...es, runner: esPool, reportEvery: 5 });
    expect(ran(r.profile)).toContain(REPORT_SLOT);
    expect(r.profile.spanMs[REPORT_SLOT]).toBeLessThanOrEqual(r.profile.reportMs);
  });

  it("names the phases of each method's iteration", async () => {
    expect((await train({ ...gradient, threads: 0, maxIters: 1 })).profile.phases).toEqual([
      'base pass',
      'differences',
    ]);
    expect((await train({ ...es, threads: 0, maxIters: 1 })).profile.phases).toEqual(['base pass', 'candidates', 'ĝ']);
    const random = await train({ ...gradient, method: 'random', threads: 0, maxIters: 1 });
    expect(random.profile.phases).toEqual(['candidates']);
  });
});

describe('the serial fraction', () => {
  // 2 ms of params, 3 ms of update, 10 ms of reports of which 6 ms shared: 9 ms serial; 81 ms busy.
  const p: Profile = { ...emptyProfile(), writeMs: 2, updateMs: 3, reportMs: 10 };
  p.spanMs[REPORT_SLOT] = 6;
  p.busyMs[0] = 60;
  p.busyMs[1] = 10;
  p.busyMs[REPORT_SLOT] = 11;

  it("is the coordinator's time alone: params, update and the reports' unshared part", () => {
    expect(serialMs(p)).toBe(9);
  });

  it("leaves out a report's wait for the pool to start, paid once however long the run", () => {
    expect(serialMs({ ...p, poolStartMs: 3 })).toBe(6);
  });

  it('is serial time over serial time and every thread busy', () => {
    expect(serialFraction(p)).toBeCloseTo(9 / 90, 12);
  });
});
