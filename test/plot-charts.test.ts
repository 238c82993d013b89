// The other pictures: loss curves, digits, the confusion map and the speedup
// chart, each checked against the data it was drawn from.
import { describe, expect, it } from 'vitest';
import { imagesToDataset } from '../src/data/images.ts';
import { builtinDigits } from '../src/data/mnist.ts';
import type { HistoryPoint } from '../src/model/history.ts';
import type { Model } from '../src/model/model-file.ts';
import { makeNet, xavierParams } from '../src/nn/network.ts';
import { curveRows, curvesSpec, MAX_CHART_POINTS } from '../src/plot/curves.ts';
import { confusionSpec, digitsSpec, verdicts } from '../src/plot/digits.ts';
import { renderSvg } from '../src/plot/render.ts';
import { amdahl, fitSerialFraction, speedupSpec } from '../src/plot/speedup-chart.ts';
import { stream } from '../src/util/rng.ts';
import { inkOf, isValidXml, markItems } from './svg-helpers.ts';

const history = (n: number, testEvery = 0): HistoryPoint[] =>
  Array.from({ length: n }, (_, i) => ({
    iteration: i,
    loss: 1 / (1 + i),
    ms: 2 * i,
    ...(testEvery && i % testEvery === 0 ? { testLoss: 1.2 / (1 + i), testAccuracy: 0.5 } : {}),
  }));

describe('loss curves', () => {
  it('draw a line per run and loss set in each of the two panels', async () => {
    const svg = await renderSvg(
      curvesSpec([
        { label: 'a', history: history(50, 10) },
        { label: 'b', history: history(30) },
      ]),
    );
    expect(isValidXml(svg)).toBe(true);
    // a: train and test, b: train only; twice (against iterations and against seconds).
    expect(markItems(svg, 'line')).toHaveLength(6);
    expect(svg).toContain('>iteration<');
    expect(svg).toContain('>seconds<');
  });

  it('thin a 60,000-point history to a few hundred points, keeping its first, last and lowest', () => {
    const long = history(60_000);
    long[123].loss = 1e-9;
    const rows = curveRows([{ label: 'long', history: long }]);
    expect(rows.length).toBeLessThanOrEqual(MAX_CHART_POINTS);
    expect(rows.map((r) => r.iteration)).toEqual(expect.arrayContaining([0, 123, 59_999]));
  });

  it('span the losses on a log scale, with no empty decade above them', async () => {
    // Losses from 2.4 down to 0.2: a scale rounded out to decades would reach up to 10.
    const h = Array.from({ length: 20 }, (_, i) => ({ iteration: i, loss: 2.4 / (1 + 0.6 * i), ms: i }));
    const svg = await renderSvg(curvesSpec([{ label: 'r', history: h }], { log: true }));
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    // The first panel's loss axis: its labels come after the iteration axis' title, before its own.
    const yLabels = texts.slice(texts.indexOf('iteration') + 1, texts.indexOf('loss'));
    expect(yLabels.at(-1)).toBe('2');
    expect(yLabels).not.toContain('10');
  });

  it('leave out losses a log scale cannot show', () => {
    const h = history(5);
    h[2].loss = 0;
    expect(curveRows([{ label: 'z', history: h }], true).map((r) => r.iteration)).toEqual([0, 1, 3, 4]);
  });
});

describe('digits', () => {
  const digits = builtinDigits();
  const data = imagesToDataset(
    digits,
    Array.from({ length: 40 }, (_, i) => i * 250),
    { name: 'digits' },
  );
  const net = makeNet([785, 10, 10], 'logistic');
  const model: Model = { net, params: xavierParams(net, stream('d', 'init')), loss: 'ce', meta: {} };

  it('show the misclassified digits first, each labelled true → predicted', async () => {
    const v = verdicts(model, data);
    const wrong = v.filter((x) => x.label !== x.predicted);
    const svg = await renderSvg(await digitsSpec(model, data, 12, 4));
    expect(isValidXml(svg)).toBe(true);
    expect(markItems(svg, 'image')).toHaveLength(12);
    const labels = markItems(svg, 'text').map((t) => t.attrs);
    expect(labels).toHaveLength(12);
    expect(svg).toContain(`${wrong[0].label} → ${wrong[0].predicted}`);
  });

  it('render to a PNG with ink inside every digit and each image in the file once', async () => {
    const svg = await renderSvg(await digitsSpec(model, data, 12, 4));
    const images = markItems(svg, 'image');
    const ink = await inkOf(svg);
    for (const im of images) {
      const side = Number(im.attrs.width);
      let inked = 0;
      // The upper 60% only: the label below the image reaches into its lowest rows.
      for (let dy = 0; dy < 0.6 * side; dy += 2)
        for (let dx = 0; dx < side; dx += 2) if (ink(im.x + dx, im.y + dy)) inked++;
      expect(inked).toBeGreaterThan(10);
    }
    expect(svg.split('data:image/png').length - 1).toBe(images.length);
  });

  it('count every sample once in the confusion map, on the cell of its true and predicted class', async () => {
    const spec = confusionSpec(model, data) as {
      data: { values: { label: number; predicted: number; count: number }[] };
    };
    const cells = spec.data.values;
    expect(cells.reduce((a, c) => a + c.count, 0)).toBe(data.n);
    for (const v of verdicts(model, data))
      expect(cells.some((c) => c.label === v.label && c.predicted === v.predicted)).toBe(true);
    const svg = await renderSvg(spec);
    expect(markItems(svg, 'rect')).toHaveLength(cells.length);
  });
});

describe('the speedup chart', () => {
  it("recovers Amdahl's serial fraction from speedups that follow the law", () => {
    const points = [2, 4, 8, 16].map((n) => ({ threads: n, speedup: amdahl(0.07, n) }));
    expect(fitSerialFraction(points)).toBeCloseTo(0.07, 10);
  });

  const speedupSvg = async () => {
    const rows = [0, 1, 2, 4].map((threads) => ({
      workload: 'w',
      method: 'gradient',
      strategy: threads === 0 ? 'inline' : 'spin-main',
      threads,
      vs0: threads === 0 ? 1 : amdahl(0.1, threads),
    }));
    return renderSvg(
      speedupSpec({
        machine: { cpu: 'cpu', cores: 4, node: 'v20' },
        groups: [{ workload: 'w', method: 'gradient', rows }],
      }),
    );
  };

  it('draws measured, ideal and Amdahl lines for each workload', async () => {
    const svg = await speedupSvg();
    expect(isValidXml(svg)).toBe(true);
    expect(markItems(svg, 'line')).toHaveLength(6); // 3 series × (speedup, efficiency)
    expect(svg).toContain('serial fraction 0.100');
  });

  it('renders to a PNG with ink on every point of every line', async () => {
    const svg = await speedupSvg();
    const points = markItems(svg, 'symbol');
    // measured at 1, 2, 4 threads; ideal and Amdahl at 1, 2, 4, 8, 16; in two panels
    expect(points).toHaveLength(2 * (3 + 5 + 5));
    const ink = await inkOf(svg);
    expect(points.every((p) => ink(p.x, p.y))).toBe(true);
  });
});
