// What a user's table gets with no flags: scikit-learn's default MLP's width
// and step (100 hidden units, Adam), which the built-in sets do not take, as
// they keep the original's plain gradient descent.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { score } from '../src/nn/metrics.ts';
import type { TrainEvent } from '../src/train/events.ts';
import { methodMeta } from '../src/train/method-registry.ts';
import { modelOf } from '../src/train/model-of.ts';
import { type TrainResult, train } from '../src/train/trainer.ts';
import { stream } from '../src/util/rng.ts';

const dir = mkdtempSync(join(tmpdir(), 'np-defaults-'));

/** A price that grows as exp(3a + b), in the hundreds to thousands, as diamonds' does with carat. */
function priceCsv(rows: number): string {
  const rng = stream('defaults-test');
  const lines = ['a,b,c,d,price'];
  for (let r = 0; r < rows; r++) {
    const x = [rng(), rng(), rng(), rng()];
    const price = 100 * Math.exp(3 * x[0] + x[1]) + 50 * x[2] + 20 * rng();
    lines.push([...x.map((v) => v.toFixed(3)), price.toFixed(1)].join(','));
  }
  return `${lines.join('\n')}\n`;
}
const prices = join(dir, 'prices.csv');
writeFileSync(prices, priceCsv(400));
const manyPrices = join(dir, 'many-prices.csv');
writeFileSync(manyPrices, priceCsv(1300));

const quick = { threads: 0, maxIters: 2 } as const;

describe('the defaults of a user table', () => {
  let chosen: string[] = [];
  let r: TrainResult;
  beforeAll(async () => {
    const onEvent = (e: TrainEvent) => {
      if (e.type === 'start') chosen = e.chosen;
    };
    r = await train({ data: prices, ...quick, onEvent });
  });

  it('are 100 hidden units and Adam at lr 0.01, named on the line of choices made for the data', () => {
    expect([r.options.hidden, r.options.optimizer, r.options.lr]).toEqual([[100], 'adam', 0.01]);
    expect(chosen).toEqual(expect.arrayContaining(['optimizer adam', 'hidden 100', 'lr 0.01']));
  });

  it('give plain gradient descent its own rate where --optimizer sgd is typed: 0.5 for a regression', async () => {
    const sgd = await train({ data: prices, ...quick, optimizer: 'sgd' });
    expect([sgd.options.optimizer, sgd.options.lr]).toEqual(['sgd', 0.5]);
  });

  it("keep a method's own step: spsa's plain descent, es's Adam at its own rate", async () => {
    const spsa = await train({ data: prices, ...quick, method: 'spsa' });
    const es = await train({ data: prices, ...quick, method: 'es' });
    expect([spsa.options.optimizer, spsa.options.lr]).toEqual(['sgd', 0.5]);
    expect([es.options.optimizer, es.options.lr]).toEqual(['adam', 0.02]);
  });

  it("train on scikit-learn's batches of 200 past 1,000 training rows, and on the whole set up to them", async () => {
    const many = await train({ data: manyPrices, ...quick });
    expect([many.data.n, many.options.batch]).toEqual([1105, 200]);
    expect(r.options.batch).toBe(0);
  });

  it("leave the built-in sets the original's: 6 hidden units and plain descent at lr 2", async () => {
    const seed = await train({ data: 'seed2class', ...quick });
    expect([seed.options.hidden, seed.options.optimizer, seed.options.lr]).toEqual([[6], 'sgd', 2]);
  });
});

describe('a resumed run on a table', () => {
  it("steps as its model did: plain descent for a model made by sgd or from before Adam was a table's", async () => {
    const saved = (r: TrainResult) => modelOf(r, { method: r.options.method, ...methodMeta(r.options) });
    const model = saved(await train({ data: prices, ...quick, optimizer: 'sgd' }));
    const again = await train({ data: prices, ...quick, init: model });
    expect(again.options.optimizer).toBe('sgd');
    const { optimizer: _, ...older } = model.meta;
    const before = await train({ data: prices, ...quick, init: { ...model, meta: older } });
    expect(before.options.optimizer).toBe('sgd');
    const adam = await train({ data: prices, ...quick, init: saved(await train({ data: prices, ...quick })) });
    expect(adam.options.optimizer).toBe('adam');
  });
});

describe('a regression 100 units wide', () => {
  const long = { threads: 0, seed: '1', maxIters: 500 } as const;
  const r2 = (r: TrainResult) => (r.validation ? (score(r.net, r.params, r.validation, r.output).r2 ?? NaN) : NaN);

  it('reaches by default an R² of 0.98 on its validation part in 500 iterations, where plain descent at its rate is below 0.9', async () => {
    const adam = await train({ data: prices, ...long });
    const sgd = await train({ data: prices, ...long, optimizer: 'sgd' });
    expect(r2(adam)).toBeGreaterThan(0.98);
    expect(r2(sgd)).toBeLessThan(0.9);
  });
});
