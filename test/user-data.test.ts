// A user's own table, end to end through the library: scaled, split, stopped
// on validation, saved, and read back by predict as training read it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { withCheckpoints } from '../src/cli/checkpoint.ts';
import type { Dataset } from '../src/data/dataset.ts';
import { applyInputs, predict } from '../src/model/apply.ts';
import { loadModel, saveModel } from '../src/model/model-file.ts';
import { meanLoss } from '../src/nn/loss.ts';
import { score } from '../src/nn/metrics.ts';
import { type TrainResult, train } from '../src/train/trainer.ts';
import { stream } from '../src/util/rng.ts';

const dir = mkdtempSync(join(tmpdir(), 'np-user-'));

/** Two features on scales 1 and 5000, a word column, class names; separable by a line in the scaled plane. */
function fruitCsv(rows: number): string {
  const rng = stream('fruit-test');
  const lines = ['ripeness;weight_g;colour;fruit'];
  for (let r = 0; r < rows; r++) {
    const a = rng();
    const w = 5000 * rng();
    const colour = ['red', 'green', 'yellow'][r % 3];
    const fruit = a + w / 5000 > 1 ? 'mango' : 'apple';
    lines.push(`${a.toFixed(3).replace('.', ',')};${w.toFixed(1).replace('.', ',')};${colour};${fruit}`);
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** y = 300 + 100·x1 − 2·x2 + noise, in the hundreds, as a house-price-like table. */
function priceCsv(rows: number): string {
  const rng = stream('price-test');
  const lines = ['rooms,age,price'];
  for (let r = 0; r < rows; r++) {
    const rooms = 1 + Math.floor(6 * rng());
    const age = Math.floor(80 * rng());
    lines.push(`${rooms},${age},${(300 + 100 * rooms - 2 * age + 10 * (rng() - 0.5)).toFixed(2)}`);
  }
  return `${lines.join('\n')}\n`;
}

const fruit = join(dir, 'fruit.csv');
const prices = join(dir, 'prices.csv');
writeFileSync(fruit, fruitCsv(200));
writeFileSync(prices, priceCsv(200));

describe('a classifier of a spreadsheet CSV', () => {
  let r: TrainResult;
  beforeAll(async () => {
    r = await train({ data: fruit, threads: 0, maxIters: 1500, reportEvery: 50 });
  });

  it('scales by default and keeps a validation part, class names and categories in the encoding', () => {
    expect(r.options.scale).toBe('standard');
    expect(r.validation?.n).toBe(30);
    expect(r.data.n).toBe(170);
    expect(r.encoding.target).toEqual({ name: 'fruit', type: 'classes', classes: ['apple', 'mango'] });
    expect(r.encoding.features.map((f) => f.type)).toEqual(['number', 'number', 'category']);
  });

  it('learns it: the scaled inputs make a line a logistic unit can find', () => {
    expect(score(r.net, r.params, r.validation as Dataset, r.output).accuracy).toBeGreaterThan(0.9);
  });

  it('keeps the weights that were best on validation, whose loss there is the least in the history', () => {
    const val = meanLoss(r.net, r.params, r.validation as Dataset, r.output);
    const seen = r.history.flatMap((p) => (p.validationLoss === undefined ? [] : [p.validationLoss]));
    expect(val).toBe(r.validationLoss);
    expect(val).toBe(Math.min(...seen));
    expect(r.history.find((p) => p.validationLoss === val)?.iteration).toBe(r.bestIteration);
  });

  it('predicts a raw row of the file, through a saved model, to the outputs training computed', () => {
    const path = join(dir, 'fruit.json');
    saveModel(path, { net: r.net, params: r.params, loss: r.output.name, meta: {}, encoding: r.encoding });
    const model = loadModel(path);
    const trained = applyInputs(model, r.data.inputs, 0);
    // The first training row, found by its scaled inputs among the file's raw rows.
    const raw = fruitCsv(200)
      .split('\r\n')
      .slice(1, -1)
      .map((l) => l.split(';'));
    const found = raw.map((c) => predict(model, [c[0].replace(',', '.'), c[1].replace(',', '.'), c[2]]));
    expect(found.map((p) => p.outputs[0])).toContain(trained.outputs[0]);
    expect(predict(model, { ripeness: 0.9, weight_g: 4900, colour: 'red' }).className).toBe('mango');
    expect(predict(model, { ripeness: 0.1, weight_g: 100, colour: 'red' }).className).toBe('apple');
  });
});

describe('early stopping on labels that are noise', () => {
  it('keeps the weights of the lowest validation loss, not the last ones, once the net overfits', async () => {
    const rng = stream('noise-test');
    const rows = Array.from({ length: 80 }, () => `${rng().toFixed(3)},${rng().toFixed(3)},${rng() < 0.5 ? 'a' : 'b'}`);
    const noise = join(dir, 'noise.csv');
    writeFileSync(noise, `x,y,label\n${rows.join('\n')}\n`);
    const r = await train({ data: noise, threads: 0, hidden: [32], lr: 4, maxIters: 3000, reportEvery: 50 });
    const last = r.history[r.history.length - 1];
    expect(r.bestIteration).toBeLessThan(last.iteration);
    expect(meanLoss(r.net, r.params, r.validation as Dataset, r.output)).toBeLessThan(last.validationLoss as number);
  });
});

describe('determinism with scaling on', () => {
  it('gives bit-identical weights on the main thread and on 2 threads', async () => {
    const options = { data: fruit, maxIters: 60, reportEvery: 20, seed: '4' };
    const one = await train({ ...options, threads: 0 });
    const two = await train({ ...options, threads: 2, strategy: 'spin-main' });
    expect(two.threads).toBe(2);
    expect(Buffer.from(two.params.buffer).equals(Buffer.from(one.params.buffer))).toBe(true);
  });
});

describe('a regression with targets in the hundreds', () => {
  let r: TrainResult;
  beforeAll(async () => {
    r = await train({ data: prices, threads: 0, maxIters: 3000, testSplit: 0.2 });
  });

  it('standardises the target and scores RMSE and R² in its own units', () => {
    expect(r.encoding.target).toMatchObject({ name: 'price', type: 'number' });
    const s = score(
      r.net,
      r.params,
      r.test as Dataset,
      r.output,
      r.encoding.target as { center: number; scale: number },
    );
    expect(s.r2).toBeGreaterThan(0.95);
    // By hand: the outputs back in units against the targets back in units.
    const t = r.encoding.target as { center: number; scale: number };
    let sse = 0;
    const test = r.test as Dataset;
    for (let k = 0; k < test.n; k++) {
      const y = applyInputs(
        { net: r.net, params: r.params, loss: 'mse', meta: {}, encoding: r.encoding },
        test.inputs,
        k * test.inDim,
      ).outputs[0];
      sse += (y - (t.center + t.scale * test.targets[k])) ** 2;
    }
    expect(s.rmse).toBeCloseTo(Math.sqrt(sse / test.n), 9);
  });

  it('resumes from its model with the model’s scaling, not one fitted again', async () => {
    const path = join(dir, 'prices.json');
    saveModel(path, { net: r.net, params: r.params, loss: 'mse', meta: {}, encoding: r.encoding });
    const again = await train({ data: prices, init: path, threads: 0, maxIters: 1, testSplit: 0.2, seed: '2' });
    expect(again.encoding).toEqual(r.encoding);
  });
});

describe('resuming and checkpoints', () => {
  it('resumes a model without an encoding on the numbers as they are, not scaled anew', async () => {
    const r = await train({ data: prices, threads: 0, maxIters: 5, scale: 'none' });
    const path = join(dir, 'plain.json');
    saveModel(path, { net: r.net, params: r.params, loss: 'mse', meta: {} }); // as older files are
    const again = await train({ data: prices, init: path, threads: 0, maxIters: 6 });
    expect(again.options.scale).toBe('none');
    expect([...again.data.inputs.subarray(0, 3)]).toEqual([...r.data.inputs.subarray(0, 3)]);
  });

  it('refuses a --scale other than the resumed model’s', async () => {
    const r = await train({ data: prices, threads: 0, maxIters: 5, scale: 'minmax' });
    const path = join(dir, 'minmax.json');
    saveModel(path, { net: r.net, params: r.params, loss: 'mse', meta: {}, encoding: r.encoding });
    await expect(train({ data: prices, init: path, threads: 0, maxIters: 6, scale: 'standard' })).rejects.toThrow(
      'scale "standard": the model was trained with --scale minmax; expected that or auto',
    );
    const again = await train({ data: prices, init: path, threads: 0, maxIters: 6 });
    expect([again.options.scale, again.encoding]).toEqual(['minmax', r.encoding]);
  });

  it('writes the encoding into every checkpoint, so that a killed run’s file reads the data', async () => {
    const path = join(dir, 'checkpoint.json');
    const save = withCheckpoints(path, { seed: '1', data: fruit }, () => {});
    await train({ data: fruit, threads: 0, maxIters: 20, checkpointEvery: 10, onEvent: save });
    const model = loadModel(path);
    expect(model.meta.stopReason).toBe('checkpoint');
    expect(model.encoding?.target).toEqual({ name: 'fruit', type: 'classes', classes: ['apple', 'mango'] });
  });
});
