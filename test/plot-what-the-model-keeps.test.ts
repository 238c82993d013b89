// Pictures drawn from what a model file keeps: the validation loss beside the
// training loss, the kept iteration marked with the losses the summary quoted,
// class names on the confusion map's axes, and a regression named as one in
// every title; from the chart specs, and end to end from train to plot.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeDataset } from '../src/data/dataset.ts';
import { decimate, type HistoryPoint, keptPoint } from '../src/model/history.ts';
import { loadModel, type Model } from '../src/model/model-file.ts';
import { makeNet, xavierParams } from '../src/nn/network.ts';
import { bandsSpec } from '../src/plot/bands.ts';
import { curvesSpec, keptRows, modelRun } from '../src/plot/curves.ts';
import { confusionSpec } from '../src/plot/digits.ts';
import { renderSvg } from '../src/plot/render.ts';
import { stream } from '../src/util/rng.ts';
import { isValidXml, markItems } from './svg-helpers.ts';

/** Reports every 10 iterations; the validation loss is least at iteration 250, then rises (overfitting). */
const history: HistoryPoint[] = Array.from({ length: 60 }, (_, i) => ({
  iteration: 10 * i,
  loss: 1 / (1 + i),
  ms: 5 * i,
  validationLoss: 0.5 + ((i - 25) / 40) ** 2,
}));
const net = makeNet([3, 4, 1], 'logistic');
const params = xavierParams(net, stream('kept', 'init'));
const meta = { loss: history[25].loss, validationLoss: 0.5, bestIteration: 250 };
const model = (m: Partial<Model>): Model => ({ net, params, loss: 'bce', meta, history, ...m });
const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

describe('the kept iteration', () => {
  it('is the one the meta records, with the losses the summary quoted', () => {
    const kept = keptPoint(history, { ...meta, bestIteration: 255, loss: 0.03 });
    expect(kept).toMatchObject({ iteration: 255, loss: 0.03, validationLoss: 0.5, why: 'the lowest validation loss' });
    expect(kept?.ms).toBeCloseTo(127.5, 10); // between the reports at 250 and 260
  });

  it("is, in an older file, the history's lowest validation loss, else its lowest loss", () => {
    expect(keptPoint(history, {})).toMatchObject({ iteration: 250, loss: history[25].loss, validationLoss: 0.5 });
    const plain = history.map(({ validationLoss, ...p }) => p);
    expect(keptPoint(plain, {})).toMatchObject({ iteration: 590, why: 'the lowest loss' });
  });

  it('survives the thinning of a long history', () => {
    const long = Array.from({ length: 10_000 }, (_, i) => ({ iteration: i, loss: 1, ms: i, validationLoss: 2 }));
    long[4322].validationLoss = 1; // off the even grid
    expect(decimate(long).map((p) => p.iteration)).toContain(4322);
  });
});

describe('the curves of a model file', () => {
  it('draw the validation loss beside the training loss and mark the kept iteration on both', async () => {
    const spec = curvesSpec([modelRun('glass', model({}))]);
    const sets = new Set((spec.data as { values: { set: string }[] }).values.map((r) => r.set));
    expect([...sets]).toEqual(['train', 'validation']);
    expect(keptRows([modelRun('glass', model({}))])).toEqual([
      { run: 'glass', iteration: 250, seconds: 0.125, set: 'train', loss: history[25].loss },
      { run: 'glass', iteration: 250, seconds: 0.125, set: 'validation', loss: 0.5 },
    ]);
    const svg = await renderSvg(spec);
    expect(isValidXml(svg)).toBe(true);
    expect(markItems(svg, 'line')).toHaveLength(4); // (train, validation) × (iterations, seconds)
    expect(markItems(svg, 'symbol')).toHaveLength(4); // a diamond on each, in each panel
    expect(texts(svg)).toContain('validation');
    expect(texts(svg)).toContain(
      `◆ kept iteration 250, the lowest validation loss: the summary's loss ${history[25].loss.toFixed(6)}, val. loss 0.500000`,
    );
  });

  it("say a regression's in the title, and a classifier's not", async () => {
    expect(texts(await renderSvg(curvesSpec([modelRun('mpg', model({ loss: 'mse' }))])))).toContain(
      'loss of mpg, a regression',
    );
    expect(texts(await renderSvg(curvesSpec([modelRun('glass', model({}))])))).toContain('loss of glass');
    const band = { run: 'gradient', iteration: 0, q1: 1, median: 2, q3: 3 };
    expect(bandsSpec([band], { title: 'loss on mpg.csv', regression: true }).title).toBe(
      'loss on mpg.csv, a regression',
    );
  });

  it('calls a chart of a classifier and a regression neither', () => {
    const mixed = curvesSpec([modelRun('glass', model({})), modelRun('mpg', model({ loss: 'mse' }))]);
    expect(JSON.stringify(mixed.title)).not.toContain('regression');
  });
});

describe('the confusion map', () => {
  const three = makeNet([3, 4, 3], 'logistic');
  const data = makeDataset(
    'pets',
    Array.from({ length: 12 }, (_, s) => [s / 12, (s % 5) / 5, 1]),
    Array.from({ length: 12 }, (_, s) => [0, 1, 2].map((k) => (s % 3 === k ? 1 : 0))),
  );
  const pets: Model = {
    net: three,
    params: xavierParams(three, stream('pets', 'init')),
    loss: 'ce',
    meta: {},
    encoding: {
      scale: 'none',
      features: [],
      target: { name: 'kind', type: 'classes', classes: ['cat', 'dog', 'emu'] },
    },
  };

  it("labels its axes with the model's class names, in the classes' order", async () => {
    const spec = confusionSpec(pets, data) as { data: { values: { label: number; trueClass: string }[] } };
    for (const v of spec.data.values) expect(v.trueClass).toBe(['cat', 'dog', 'emu'][v.label]);
    const labels = texts(await renderSvg(spec));
    // The true classes down the side, in order: every one is in the data.
    expect(labels.filter((t) => ['cat', 'dog', 'emu'].includes(t)).slice(-3)).toEqual(['cat', 'dog', 'emu']);
    expect(labels).not.toContain('0');
  });
});

describe('from train to plot', () => {
  const dir = mkdtempSync(join(tmpdir(), 'np-kept-'));
  const cli = (tool: string, ...args: string[]) =>
    spawnSync(process.execPath, [resolve('dist', `${tool}.js`), ...args], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 60_000,
    });
  // Labels that are noise: a wide net overfits, and the weights kept are from well before the last iteration.
  const rng = stream('kept-noise');
  const rows = Array.from(
    { length: 80 },
    () => `${rng().toFixed(3)},${rng().toFixed(3)},${rng() < 0.5 ? 'cat' : 'dog'}`,
  );
  writeFileSync(join(dir, 'noise.csv'), `x,y,kind\n${rows.join('\n')}\n`);
  const flags = ['--hidden', '32', '--lr', '4', '--max-iters', '3000', '--report-every', '50', '--json'];
  const trained = cli('train', '--data', 'noise.csv', ...flags, '--out', 'noise.json');
  const summary = JSON.parse(trained.stdout.trim().split('\n').at(-1) as string);

  it('keeps the kept iteration in the model file, and the curves mark it with the loss the summary quoted', () => {
    expect(trained.status).toBe(0);
    const saved = loadModel(join(dir, 'noise.json'));
    expect(saved.meta.bestIteration).toBe(summary.bestIteration);
    expect(summary.bestIteration).toBeLessThan(3000);
    expect(cli('plot', '--curves', 'noise.json', '--svg', 'curves.svg').status).toBe(0);
    const svg = readFileSync(join(dir, 'curves.svg'), 'utf8');
    expect(markItems(svg, 'line')).toHaveLength(4);
    expect(markItems(svg, 'symbol')).toHaveLength(4);
    expect(svg).toContain(
      `kept iteration ${summary.bestIteration}, the lowest validation loss: the summary's loss ${summary.loss.toFixed(6)}, val. loss ${summary.validation.loss.toFixed(6)}`,
    );
  });

  it('draws the confusion map with the class names the summary gives', () => {
    expect(summary.classNames).toEqual(['cat', 'dog']);
    expect(cli('plot', '--model', 'noise.json', '--confusion', 'confusion.svg').status).toBe(0);
    const labels = texts(readFileSync(join(dir, 'confusion.svg'), 'utf8'));
    expect(labels).toEqual(expect.arrayContaining(['cat', 'dog', 'true', 'predicted']));
  });

  it("titles a regression's curves as a regression", () => {
    const price = Array.from({ length: 40 }, (_, i) => `${i % 7},${i % 3},${(i % 7) * 2 - (i % 3) + 0.5}`);
    writeFileSync(join(dir, 'price.csv'), `a,b,price\n${price.join('\n')}\n`);
    expect(cli('train', '--data', 'price.csv', '--max-iters', '50', '--out', 'price.json', '--quiet').status).toBe(0);
    expect(cli('plot', '--curves', 'price.json', '--svg', 'price.svg').status).toBe(0);
    expect(texts(readFileSync(join(dir, 'price.svg'), 'utf8'))).toContain('loss of price, a regression');
  });
});
