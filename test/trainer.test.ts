import { describe, expect, it } from 'vitest';
import { makeDataset } from '../src/data/dataset.ts';
import { backpropGradient } from '../src/nn/backprop.ts';
import { meanLoss } from '../src/nn/loss.ts';
import { createRunner } from '../src/parallel/create-runner.ts';
import type { Runner } from '../src/parallel/runner.ts';
import type { TrainEvent } from '../src/train/events.ts';
import { DEFAULTS, type TrainOptions } from '../src/train/options.ts';
import { StopRules } from '../src/train/stop.ts';
import { train } from '../src/train/trainer.ts';
import { bytes, prepared, seedRun } from './helpers.ts';

describe('train() in the main thread', () => {
  it('reaches loss < 0.2 on the built-in set by numerical gradient', async () => {
    const r = await train(seedRun());
    expect(r.stopReason).toBe('target-loss');
    expect(r.loss).toBeLessThan(0.2);
  });

  it('returns params whose loss is the loss it reports', async () => {
    const r = await train(seedRun());
    expect(meanLoss(r.net, r.params, r.data, r.output)).toBe(r.loss);
  });

  it('stops at --max-iters after exactly that many updates', async () => {
    const r = await train(seedRun({ maxIters: 37, targetLoss: -Infinity }));
    expect([r.stopReason, r.iterations]).toEqual(['max-iters', 37]);
  });

  it('reports every reportEvery iterations from iteration 0', async () => {
    const events: TrainEvent[] = [];
    await train(seedRun({ maxIters: 250, targetLoss: -Infinity, reportEvery: 100, onEvent: (e) => events.push(e) }));
    expect(events[0].type).toBe('start');
    expect(events.filter((e) => e.type === 'progress').map((e) => (e as { iteration: number }).iteration)).toEqual([
      0, 100, 200,
    ]);
  });

  it("keeps a mini-batch run's last weights when they beat every report's, measured where it stopped", async () => {
    // Spiral in batches of 10 (an epoch is 100 of them) with reports every 100: at iteration 150 the weights
    // have gone on improving since the last report, and the point recorded there is their loss on the
    // evaluation set. They are the result, not the report's.
    const r = await train({ data: 'spiral', hidden: [8], batch: 10, maxIters: 150, reportEvery: 100, threads: 0 });
    expect(r.history.map((p) => p.iteration)).toEqual([0, 100, 150]);
    const [, atReport, last] = r.history;
    expect(last.loss).toBeLessThan(atReport.loss);
    expect([r.loss, r.bestIteration ?? 150]).toEqual([last.loss, 150]);
    expect(meanLoss(r.net, r.params, r.data, r.output)).toBe(r.loss);
  });

  it('keeps the best params seen when random updates wander upwards', async () => {
    const losses: number[] = [];
    const onEvent = (e: TrainEvent) => e.type === 'progress' && losses.push(e.loss);
    const r = await train(
      seedRun({ method: 'random', delta: 0.5, maxIters: 200, targetLoss: -Infinity, reportEvery: 1, onEvent }),
    );
    const best = Math.min(...losses);
    expect(losses.at(-1)).toBeGreaterThan(best); // the walk did end above its best
    expect(r.loss).toBe(best);
    expect(meanLoss(r.net, r.params, r.data, r.output)).toBe(best);
  });

  it('never accepts a worse candidate with elitist selection', async () => {
    const losses: number[] = [];
    await train(
      seedRun({
        method: 'random',
        elitist: true,
        delta: 0.5,
        maxIters: 100,
        targetLoss: -Infinity,
        reportEvery: 1,
        onEvent: (e) => {
          if (e.type === 'progress') losses.push(e.loss);
        },
      }),
    );
    for (let i = 1; i < losses.length; i++) expect(losses[i]).toBeLessThanOrEqual(losses[i - 1]);
  });

  it('calls a plateau of the validation loss early stopping, and counts min-delta as a share above a loss of 1', () => {
    const rules = new StopRules({
      ...DEFAULTS,
      targetLoss: 0,
      targetAccuracy: 0,
      minDelta: 0.01,
      patience: 2,
      validation: true,
    });
    // 1000 -> 995: 0.5% of it, under 1%, after two reports: early stopping.
    expect([1000, 998, 995].map((best, k) => rules.check(k, best, best, 0, true))).toEqual([
      undefined,
      undefined,
      'early-stop',
    ]);
    const plain = new StopRules({ ...DEFAULTS, targetLoss: 0, targetAccuracy: 0, minDelta: 0.01, patience: 2 });
    // Below a loss of 1 the share is of 1: 0.5 -> 0.48 is an improvement of 0.02, more than 0.01.
    expect([0.5, 0.49, 0.48].map((best, k) => plain.check(k, best, best, 0, true))).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('stops on a plateau when the best loss stops improving', async () => {
    const r = await train(seedRun({ lr: 1e-9, targetLoss: -Infinity, minDelta: 1e-3, patience: 3, reportEvery: 10 }));
    expect([r.stopReason, r.iterations]).toEqual(['plateau', 30]);
  });

  it('stops with "interrupted" when its signal is aborted', async () => {
    const stop = new AbortController();
    stop.abort();
    const r = await train(seedRun({ signal: stop.signal }));
    expect(r.stopReason).toBe('interrupted');
  });

  it("reports the first weights' own loss when stopped before its first iteration ends, not Infinity", async () => {
    const stop = new AbortController();
    stop.abort();
    const r = await train(seedRun({ signal: stop.signal }));
    expect(r.iterations).toBe(0);
    expect(r.loss).toBe(meanLoss(r.net, r.params, r.data, r.output));
    expect(r.history).toEqual([{ iteration: 0, loss: r.loss, ms: r.history[0]?.ms }]);
  });

  it('gives the same weights for the same seed and different ones for another', async () => {
    const o = seedRun({ method: 'random', maxIters: 50, targetLoss: -Infinity });
    const a = bytes((await train(o)).params);
    expect(bytes((await train(o)).params)).toBe(a);
    expect(bytes((await train({ ...o, seed: '2' })).params)).not.toBe(a);
  });

  it('trains by central differences as well', async () => {
    const r = await train(seedRun({ diff: 'central' }));
    expect(r.stopReason).toBe('target-loss');
  });

  it('stops with "diverged" once the loss is no longer finite, keeping the last finite weights', async () => {
    // Random steps of 1e200: the squared error of the first candidates overflows to Infinity.
    const data = makeDataset(
      'reg',
      [
        [0.5, -1, 1],
        [1.5, 0.2, 1],
      ],
      [[3], [-2]],
    );
    const o: TrainOptions = { data, hidden: [], loss: 'mse', method: 'random', delta: 1e200, targetLoss: -Infinity };
    const r = await train(seedRun(o));
    expect(r.stopReason).toBe('diverged');
    expect(Number.isFinite(r.loss)).toBe(true);
    expect(meanLoss(r.net, r.params, r.data, r.output)).toBe(r.loss);
  });

  it('stops with "max-seconds" once the time limit has passed, soon after it', async () => {
    const r = await train(seedRun({ maxSeconds: 0.1, targetLoss: -Infinity }));
    expect(r.stopReason).toBe('max-seconds');
    expect(r.elapsedMs).toBeGreaterThanOrEqual(100);
    expect(r.elapsedMs).toBeLessThan(1000);
  });

  it('rejects an option out of range with an error naming it and its value', async () => {
    await expect(train({ lr: -1 })).rejects.toThrow('lr -1: expected a number > 0');
    await expect(train({ hidden: [4, 0] })).rejects.toThrow(
      'hidden [4,0]: expected layer sizes of 1 or more, like 6 or 8,4',
    );
    await expect(train({ lrr: 1 } as object)).rejects.toThrow('lrr 1: no such option');
  });

  it('takes every option it is not given from DEFAULTS, deciding auto ones from the data', async () => {
    const r = await train({ maxIters: 3, threads: 0 });
    const decided = {
      ...{ hidden: [6], init: 'rand', batch: 0, lr: 2, targetLoss: 0.2, targetAccuracy: 0 },
      ...{ minDelta: 1e-5, scale: 'none', validationSplit: 0, candidates: 2, sigma: 0, optimizer: 'sgd' },
    };
    expect(r.options).toEqual({ ...DEFAULTS, maxIters: 3, threads: 0, ...decided });
    expect(r.net.nodes).toEqual([3, 6, 1]);
  });

  it('keeps uniform [0, 1) weights only while no unit has more than 8 inputs', async () => {
    const small = await train({ maxIters: 0, threads: 0, hidden: [8] });
    const wide = await train({ maxIters: 0, threads: 0, hidden: [9] });
    expect([small.options.init, wide.options.init]).toEqual(['rand', 'xavier']);
  });

  it('decides auto options for wide inputs differently, and keeps the ones given', async () => {
    const wide = makeDataset('wide', [Array.from({ length: 120 }, (_, i) => (i % 7) / 7).concat(1)], [[0, 1, 0]]);
    const r = await train({ data: wide, maxIters: 1, threads: 0, lr: 0.3 });
    expect(r.options).toMatchObject({
      hidden: [32],
      init: 'xavier',
      batch: 100,
      lr: 0.3,
      targetLoss: 0,
      targetAccuracy: 0.9,
    });
  });

  it("decides es's population, noise and step from the data: small sets, wide inputs, a user's file", async () => {
    const wide = makeDataset('wide', [Array.from({ length: 120 }, (_, i) => (i % 7) / 7).concat(1)], [[0, 1, 0]]);
    const small = await train({ method: 'es', maxIters: 0, threads: 0 });
    const digits = await train({ method: 'es', data: wide, maxIters: 0, threads: 0, sigma: 0.5 });
    const pick = (r: typeof small) => [r.options.candidates, r.options.sigma, r.options.lr, r.options.batch];
    expect([pick(small), pick(digits)]).toEqual([
      [20, 0.1, 0.05, 0],
      [200, 0.5, 0.01, 100],
    ]);
  });

  it('steps by the analytic gradient with --method backprop', async () => {
    const first = await train(seedRun({ maxIters: 0, targetLoss: -Infinity }));
    const r = await train(seedRun({ method: 'backprop', maxIters: 1, targetLoss: -Infinity, lr: 0.5 }));
    const g = backpropGradient(first.net, first.params, first.data, first.output);
    const expected = first.params.map((w, k) => w - 0.5 * g[k]);
    expect(r.loss).toBeLessThan(meanLoss(first.net, first.params, first.data, first.output)); // the step was kept as best
    for (let k = 0; k < expected.length; k++) expect(r.params[k]).toBeCloseTo(expected[k], 12);
    expect(r.iterations).toBe(1);
  });
});

describe('reports on the runner', () => {
  it("update from the iteration's own results when a report hands the run to another runner", async () => {
    // As --threads auto does when its pool comes up: after the report, `results` is another array,
    // the pool's, not yet written. The update must use what the iteration computed.
    const o = seedRun({ method: 'es', batch: 10, maxIters: 30, targetLoss: -Infinity, reportEvery: 5, patience: 0 });
    const expected = bytes((await train({ ...o, threads: 0 })).params);
    const { run, data, evalSamples } = prepared(o);
    const inner = await createRunner({ run, data, threads: 0, report: { samples: evalSamples } });
    const unwritten = new Float64Array(inner.results.length);
    let handedOver = false;
    const handing: Runner = {
      threads: 0,
      strategy: 'inline',
      profile: inner.profile,
      describe: () => 'handing over at each report',
      get results() {
        return handedOver ? unwritten : inner.results;
      },
      setParams: (p) => inner.setParams(p),
      async run(t, signal) {
        handedOver = false;
        await inner.run(t, signal);
      },
      report: async (parts) => {
        handedOver = true;
        return (inner.report as NonNullable<Runner['report']>)(parts);
      },
      close: () => inner.close(),
    };
    expect(bytes((await train({ ...o, runner: handing })).params)).toBe(expected);
  });
});

describe("the summary's scores", () => {
  /** A pool runner of 2 threads over the main thread's, starting or not, that counts its reports. */
  async function counting(starting: boolean) {
    const o = seedRun({ maxIters: 20, targetLoss: -Infinity });
    const { run, data } = prepared(o);
    const inner = await createRunner({ run, data, threads: 0, report: { sets: { train: data } } });
    let reports = 0;
    const runner: Runner = {
      threads: 2,
      strategy: 'spin-main',
      profile: inner.profile,
      poolStarting: starting,
      describe: () => 'a pool',
      get results() {
        return inner.results;
      },
      setParams: (p) => inner.setParams(p),
      run: (t, signal) => inner.run(t, signal),
      report: async (parts) => {
        reports++;
        return (inner.report as NonNullable<Runner['report']>)(parts);
      },
      close: () => inner.close(),
    };
    const r = await train({ ...o, runner });
    return { r, reports };
  }

  it("are scored on a pool's threads once the run ends", async () => {
    const { r, reports } = await counting(false);
    expect(reports).toBe(1);
    expect(r.scores?.train?.samples).toBe(r.data.n);
  });

  it('are left to the caller where the pool is still starting, not waited for', async () => {
    const { r, reports } = await counting(true);
    expect(reports).toBe(0);
    expect(r.scores).toBeUndefined();
  });
});
