import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spiral } from '../src/data/builtin.ts';
import { makeDataset } from '../src/data/dataset.ts';
import { splitDataset } from '../src/data/split.ts';
import { decimate, type HistoryPoint, MAX_SAVED_POINTS, parseHistory } from '../src/model/history.ts';
import { loadModel, saveModel } from '../src/model/model-file.ts';
import { score } from '../src/nn/metrics.ts';
import { makeNet, randomParams } from '../src/nn/network.ts';
import { train } from '../src/train/trainer.ts';
import { stream } from '../src/util/rng.ts';
import { seedRun } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'np-history-'));

/** A 60,000-iteration history reported every iteration, its best loss and best test accuracy off the even grid. */
function longHistory(): HistoryPoint[] {
  return Array.from({ length: 60_001 }, (_, i) => ({
    iteration: i,
    loss: i === 31_337 ? 0.01 : 1 + Math.sin(i) / 10,
    ms: i * 0.5,
    testLoss: 1,
    testAccuracy: i === 12_345 ? 0.99 : 0.5,
  }));
}

describe('decimating a history', () => {
  it('keeps a short history whole', () => {
    const h = longHistory().slice(0, 100);
    expect(decimate(h)).toEqual(h);
  });

  it('keeps at most 2,000 points of a 60,000-iteration run, in order', () => {
    const d = decimate(longHistory());
    expect(d.length).toBeLessThanOrEqual(MAX_SAVED_POINTS);
    expect(d.length).toBeGreaterThan(MAX_SAVED_POINTS - 10);
    expect(d.every((p, i) => i === 0 || p.iteration > d[i - 1].iteration)).toBe(true);
  });

  it('always keeps the first, the last, the lowest loss and the best test accuracy', () => {
    const d = decimate(longHistory()).map((p) => p.iteration);
    expect(d[0]).toBe(0);
    expect(d.at(-1)).toBe(60_000);
    expect(d).toContain(31_337);
    expect(d).toContain(12_345);
  });

  it('spreads the kept points evenly over the run', () => {
    const d = decimate(longHistory()).map((p) => p.iteration);
    const gaps = d.slice(1).map((it, i) => it - d[i]);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(31);
  });
});

describe('the history in the model file', () => {
  const net = makeNet([3, 2, 1]);
  const params = randomParams(net, stream('h', 'init'));

  it('is saved decimated, so a 60,000-iteration run keeps the file small', () => {
    const path = join(dir, 'long.json');
    saveModel(path, { net, params, loss: 'bce', meta: {}, history: longHistory() });
    expect(statSync(path).size).toBeLessThan(200_000);
    const back = loadModel(path).history!;
    expect(back.length).toBeLessThanOrEqual(MAX_SAVED_POINTS);
    expect(back[0]).toEqual(longHistory()[0]);
    expect(back.find((p) => p.iteration === 31_337)?.loss).toBe(0.01);
  });

  it('round-trips to the same numbers', () => {
    const path = join(dir, 'short.json');
    const history = [
      { iteration: 0, loss: 2.388332009369556, ms: 4.03 },
      { iteration: 100, loss: 0.1 + 0.2, ms: 80.25, testLoss: 0.4, testAccuracy: 0.875 },
    ];
    saveModel(path, { net, params, loss: 'bce', meta: {}, history });
    expect(loadModel(path).history).toEqual(history);
  });

  it('is absent from an older file without one, which still loads', () => {
    const path = join(dir, 'old.json');
    saveModel(path, { net, params, loss: 'bce', meta: {} });
    expect(loadModel(path).history).toBeUndefined();
  });

  it('names the point, the field and the value of a bad entry', () => {
    const bad = [
      { iteration: 0, loss: 1, ms: 0 },
      { iteration: 5, loss: 'x', ms: 1 },
    ];
    expect(() => parseHistory(bad, 'm.json')).toThrow('m.json: history[1].loss is "x", expected a finite number');
    const back = [
      { iteration: 5, loss: 1, ms: 0 },
      { iteration: 3, loss: 1, ms: 1 },
    ];
    expect(() => parseHistory(back, 'm.json')).toThrow(
      'm.json: history[1].iteration is 3, expected a whole number >= 5',
    );
    expect(() => parseHistory([{ iteration: 0, loss: 1 }], 'm.json')).toThrow(
      'm.json: history[0].ms is missing, expected a number of milliseconds >= 0',
    );
    expect(() => parseHistory({}, 'm.json')).toThrow('m.json: "history" is {}, expected an array');
  });

  it('refuses a model file whose history is broken', () => {
    const path = join(dir, 'broken.json');
    writeFileSync(path, '{"nodes":[2,1],"weights":[[[1],[1]]],"func":"logistic","history":[{"iteration":-1}]}');
    expect(() => loadModel(path)).toThrow(/broken.json: history\[0\].iteration is -1, expected a whole number >= 0/);
  });
});

describe('the history train() returns', () => {
  it('has a point per report and one at the end, with a clock that never goes back', async () => {
    const r = await train(seedRun({ maxIters: 250, targetLoss: -Infinity, reportEvery: 100 }));
    expect(r.history.map((p) => p.iteration)).toEqual([0, 100, 200, 250]);
    expect(r.history.every((p, i) => p.ms >= 0 && (i === 0 || p.ms >= r.history[i - 1].ms))).toBe(true);
    expect(r.history.at(-1)!.ms).toBeLessThanOrEqual(r.elapsedMs);
    expect(r.history.every((p) => !('testLoss' in p))).toBe(true);
  });

  it('holds the test loss and accuracy of the weights at each point where there is a test set', async () => {
    const { train: data, test } = splitDataset(spiral(200, '3'), 0.25, '3');
    const r = await train(
      seedRun({ data, test, hidden: [8], maxIters: 40, targetLoss: -Infinity, reportEvery: 20, lr: 0.5 }),
    );
    expect(r.history.map((p) => p.iteration)).toEqual([0, 20, 40]);
    // The last point's weights are the result's when the loss still falls at the end.
    expect(r.loss).toBe(r.history.at(-1)!.loss);
    const s = score(r.net, r.params, test!, r.output);
    expect(r.history.at(-1)).toMatchObject({ testLoss: s.loss, testAccuracy: s.accuracy });
    expect(r.history.every((p) => typeof p.testLoss === 'number' && typeof p.testAccuracy === 'number')).toBe(true);
  });

  it('keeps only finite losses when a run diverges', async () => {
    const data = makeDataset(
      'reg',
      [
        [0.5, -1, 1],
        [1.5, 0.2, 1],
      ],
      [[3], [-2]],
    );
    const r = await train(
      seedRun({ data, hidden: [], loss: 'mse', method: 'random', delta: 1e200, targetLoss: -Infinity }),
    );
    expect(r.stopReason).toBe('diverged');
    expect(r.history.length).toBeGreaterThan(0);
    expect(r.history.every((p) => Number.isFinite(p.loss))).toBe(true);
  });
});
