// One pool per (strategy, threads, method) for the whole file, each checked
// against the main thread: results must be the same bits however the work
// is split.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCandidate } from '../src/candidates.ts';
import { meanLoss } from '../src/loss.ts';
import { type Runner, type Strategy, createRunner } from '../src/runner.ts';
import { evalSpecOf, train, type TrainOptions } from '../src/trainer.ts';
import { bytes, seedRun } from './helpers.ts';

const gradient = seedRun({ method: 'gradient', maxIters: 300, targetLoss: -Infinity });
const random = seedRun({ method: 'random', candidates: 5, seed: '3', maxIters: 300, targetLoss: -Infinity });
const layouts: [Strategy, number][] = [['run', 1], ['run', 2], ['wait', 2], ['spin', 1], ['spin-main', 2], ['spin-main', 3]];
const runners = new Map<string, Runner>();
const key = (o: TrainOptions, s: Strategy, threads: number) => `${o.method}/${s}/${threads}`;

beforeAll(async () => {
  for (const o of [gradient, random]) {
    for (const [strategy, threads] of layouts) {
      runners.set(key(o, strategy, threads), await createRunner({ ...o, spec: evalSpecOf(o), threads, strategy }));
    }
  }
});

afterAll(async () => {
  await Promise.all([...runners.values()].map((r) => r.close()));
});

async function iterationResults(o: TrainOptions, runner: Runner, t: number): Promise<string> {
  runner.setParams(o.params);
  await runner.run(t);
  return bytes(runner.results);
}

describe('pool runners', () => {
  it('compute every gradient evaluation bit for bit as the main thread does', async () => {
    const inline = await createRunner({ ...gradient, spec: evalSpecOf(gradient), threads: 0 });
    const expected = await iterationResults(gradient, inline, 0);
    for (const [strategy, threads] of layouts) {
      expect(await iterationResults(gradient, runners.get(key(gradient, strategy, threads))!, 0), `${strategy}/${threads}`).toBe(expected);
    }
  });

  it('give each candidate the loss the main thread computes for it', async () => {
    const runner = runners.get(key(random, 'run', 2))!;
    runner.setParams(random.params);
    await runner.run(42);
    for (let c = 0; c < random.candidates; c++) {
      const cand = makeCandidate(random.params, random.seed, 42, c, random.delta, new Float64Array(random.params.length));
      expect(runner.results[c]).toBe(meanLoss(random.net, cand, random.data, random.output));
    }
  });
});

describe('determinism across thread counts', () => {
  for (const o of [gradient, random]) {
    it(`gives byte-identical ${o.method} weights for 0, 1, 2 and 3 threads and every strategy`, async () => {
      const expected = bytes((await train({ ...o, threads: 0 })).params);
      expect(bytes((await train({ ...o, threads: 1 })).params)).toBe(expected);
      for (const [strategy, threads] of layouts) {
        const r = await train({ ...o, runner: runners.get(key(o, strategy, threads)) });
        expect(bytes(r.params), `${strategy}/${threads}`).toBe(expected);
      }
    });
  }
});

describe('training the built-in set on a pool', () => {
  it('reaches loss < 0.2 by numerical gradient', async () => {
    const r = await train(seedRun({ method: 'gradient', runner: runners.get(key(gradient, 'spin-main', 2)) }));
    expect(r.stopReason).toBe('target-loss');
    expect(r.loss).toBeLessThan(0.2);
  });

  it('reaches loss < 0.2 by random updates with 8 candidates', async () => {
    const r = await train(seedRun({ method: 'random', candidates: 8, seed: '7', threads: 2 }));
    expect(r.stopReason).toBe('target-loss');
    expect(r.loss).toBeLessThan(0.2);
  });
});
