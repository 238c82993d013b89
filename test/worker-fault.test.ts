// A worker whose evaluation throws must fail the run with its error, not hang.
// The fault: workers are told to use an output function that does not exist,
// so their first evaluation throws, while the coordinator's own is fine. With
// the start-up warm-up off, that first evaluation happens mid-run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Output, bce } from '../src/output.ts';
import { type Runner, type Strategy, createRunner } from '../src/runner.ts';
import { evalSpecOf, train } from '../src/trainer.ts';
import { seedRun } from './helpers.ts';

const broken: Output = { ...bce, name: 'no-such-output' as Output['name'] };
const o = seedRun({ output: broken });
const layouts: [Strategy, number][] = [['run', 2], ['wait', 2], ['spin-main', 2]];
const runners: Runner[] = [];

beforeAll(async () => {
  for (const [strategy, threads] of layouts) runners.push(await createRunner({ ...o, spec: evalSpecOf(o), threads, strategy, warmMs: 0 }));
});

afterAll(async () => {
  await Promise.all(runners.map((r) => r.close()));
});

describe('a worker that throws', () => {
  layouts.forEach(([strategy], i) => {
    it(`rejects the iteration with the worker's error (${strategy})`, async () => {
      // With spin-main the coordinator may claim a whole job before the worker
      // wakes; the worker's first evaluation then comes in a later iteration.
      const iterate = async () => {
        for (let t = 0; t < 1000; t++) {
          runners[i].setParams(o.params);
          await runners[i].run(t);
        }
      };
      await expect(iterate()).rejects.toThrow(/sampleLoss|undefined/);
    });
  });

  it('fails train() with the error at start-up, while the pool warms up', async () => {
    const run = train({ ...seedRun({ output: broken }), threads: 2, strategy: 'spin-main' });
    await expect(run).rejects.toThrow(/sampleLoss/);
  });

  it('does not stop the coordinator from closing the pool', async () => {
    await expect(runners[2].close()).resolves.toBeUndefined();
  });
});

describe('a worker that cannot start', () => {
  it('fails createRunner with its error', async () => {
    // Layer sizes the worker's makeNet rejects; the coordinator never checks them itself here.
    const bad = seedRun({ net: { ...seedRun().net, nodes: [3, 0, 1] } });
    await expect(createRunner({ ...bad, spec: evalSpecOf(bad), threads: 2 })).rejects.toThrow(/nodes \[3,0,1\]/);
  });
});
