// The decision map and plot-classify against the model itself: its points,
// its boundary, its axes, and pixels where the points are.
import { describe, expect, it } from 'vitest';
import { seed2class } from '../src/data/builtin.ts';
import { makeDataset } from '../src/data/dataset.ts';
import type { Model } from '../src/model/model-file.ts';
import { makeNet, randomParams } from '../src/nn/network.ts';
import { classifyPoints, dataSquare, pointClassifier } from '../src/plot/classify.ts';
import { decisionMapData, decisionMapSpec, GRID } from '../src/plot/decision-map.ts';
import { renderPng, renderSvg } from '../src/plot/render.ts';
import { train } from '../src/train/trainer.ts';
import { stream } from '../src/util/rng.ts';
import { inkOf, isValidXml, markItems, withClass } from './svg-helpers.ts';

// The built-in set's net trained as `npm run train` does (to loss 0.2: a boundary, a few points wrong).
const run = await train({ seed: '1', threads: 0 });
const model: Model = { net: run.net, params: run.params, loss: 'bce', meta: {} };
const data = seed2class();
const svg = await renderSvg(decisionMapSpec(model, data, { method: 'gradient', loss: 0.5 }));

describe('the decision map', () => {
  it('is valid XML', () => {
    expect(isValidXml(svg)).toBe(true);
  });

  it('draws one symbol per training point', () => {
    expect(markItems(svg, 'symbol')).toHaveLength(data.n);
  });

  it('marks exactly the points the model gets wrong as crosses', () => {
    const at = pointClassifier(model);
    let wrong = 0;
    for (let s = 0; s < data.n; s++)
      if (at(data.inputs[3 * s], data.inputs[3 * s + 1]).class !== data.targets[s]) wrong++;
    expect(wrong).toBeGreaterThan(0);
    expect(decisionMapData(model, data).points.filter((p) => p.result === 'wrong')).toHaveLength(wrong);
  });

  it('draws the 0.5 contour where the probability crosses 0.5', () => {
    const { line } = decisionMapData(model, data);
    expect(line.length).toBeGreaterThan(5);
    const at = pointClassifier(model);
    for (const p of line.filter((_, k) => k % 5 === 0)) expect(Math.abs(at(p.x, p.y).p - 0.5)).toBeLessThan(0.08);
    expect(markItems(svg, 'line').length).toBeGreaterThan(0);
  });

  it('has two axes, titled x1 and x2, and the title names the net and its accuracy', () => {
    expect(withClass(svg, 'role-axis-title')).toHaveLength(2);
    expect(svg).toContain('>x1<');
    expect(svg).toContain('>x2<');
    expect(svg).toMatch(/net 3-6-1 logistic · gradient · bce loss 0.500 · accuracy \d+\.\d%/);
  });

  it('lays each shaded cell under the points of its square, its edges on whole pixels', () => {
    const { cells, points } = decisionMapData(model, data);
    const symbols = markItems(svg, 'symbol');
    // The points' data-to-pixel map, from the first point and the farthest from it.
    const far = points.reduce(
      (b, p, k) => (Math.abs(p.x1 - points[0].x1) > Math.abs(points[b].x1 - points[0].x1) ? k : b),
      0,
    );
    const high = points.reduce(
      (b, p, k) => (Math.abs(p.x2 - points[0].x2) > Math.abs(points[b].x2 - points[0].x2) ? k : b),
      0,
    );
    const px = (x: number) =>
      symbols[0].x + ((x - points[0].x1) * (symbols[far].x - symbols[0].x)) / (points[far].x1 - points[0].x1);
    const py = (y: number) =>
      symbols[0].y + ((y - points[0].x2) * (symbols[high].y - symbols[0].y)) / (points[high].x2 - points[0].x2);
    const rects = markItems(svg, 'rect');
    expect(rects).toHaveLength(cells.length);
    rects.forEach((r, k) => {
      const m = /^M(\d+),(\d+)h(\d+)v(\d+)h-\d+Z$/.exec(r.attrs.d);
      expect(m, r.attrs.d).not.toBeNull();
      const [left, top, w, h] = (m as RegExpExecArray).slice(1).map(Number);
      expect(Math.abs(r.x + left - px(cells[k].x))).toBeLessThan(0.5);
      expect(Math.abs(r.x + left + w - px(cells[k].x2))).toBeLessThan(0.5);
      expect(Math.abs(r.y + top + h - py(cells[k].y))).toBeLessThan(0.5);
      expect(Math.abs(r.y + top - py(cells[k].y2))).toBeLessThan(0.5);
    });
  });

  it('renders to a PNG with ink where the points are and white outside the plot', async () => {
    const ink = await inkOf(svg);
    const symbols = markItems(svg, 'symbol');
    expect(symbols.every((s) => ink(s.x, s.y))).toBe(true);
    expect(ink(1, 1)).toBe(false);
    expect((await renderPng(svg)).subarray(1, 4).toString()).toBe('PNG');
  });
});

describe('plot-classify', () => {
  const sq = dataSquare(data);

  it('classifies each point as the model does', () => {
    const at = pointClassifier(model);
    for (const line of classifyPoints(model, sq, 120, '1')) {
      const [x, y, c] = line.split(',').map(Number);
      expect(c, line).toBe(at(x, y).class);
    }
  });

  it('draws whole-number points of the data square, as the original did', () => {
    const lines = classifyPoints(model, sq, 120, '1');
    expect(lines).toHaveLength(120);
    for (const line of lines) {
      const [x, y] = line.split(',').map(Number);
      expect(Number.isInteger(x) && Number.isInteger(y)).toBe(true);
      expect(x >= sq.x0 && x <= sq.x1 && y >= sq.y0 && y <= sq.y1).toBe(true);
    }
  });

  it('gives the same points for the same seed and others for another', () => {
    expect(classifyPoints(model, sq, 20, '1')).toEqual(classifyPoints(model, sq, 20, '1'));
    expect(classifyPoints(model, sq, 20, '2')).not.toEqual(classifyPoints(model, sq, 20, '1'));
  });
});

describe('the decision map of many classes', () => {
  // Three classes on the plane: softmax over 3 outputs, tanh units, weights around 0.
  const net3 = makeNet([3, 5, 3], 'tanh');
  const m3: Model = {
    net: net3,
    params: randomParams(net3, stream('map3', 'init')).map((w) => 4 * (w - 0.5)),
    loss: 'ce',
    meta: {},
  };
  const rng = stream('map3', 'data');
  const xs = Array.from({ length: 30 }, () => [rng() * 4 - 2, rng() * 4 - 2, 1]);
  const data3 = makeDataset(
    'three',
    xs,
    xs.map((_, s) => [0, 1, 2].map((k) => (k === s % 3 ? 1 : 0))),
  );

  it('colours each cell by the class the model predicts there, and draws no 0.5 contour', async () => {
    const d = decisionMapData(m3, data3);
    const at = pointClassifier(m3);
    for (const c of d.cells.filter((_, k) => k % 37 === 0))
      expect(c.class).toBe(String(at((c.x + c.x2) / 2, (c.y + c.y2) / 2).class));
    expect(new Set(d.cells.map((c) => c.class)).size).toBeGreaterThan(1);
    expect(d.line).toEqual([]);
    const svg = await renderSvg(decisionMapSpec(m3, data3));
    expect(isValidXml(svg)).toBe(true);
    expect(markItems(svg, 'rect')).toHaveLength(GRID * GRID);
    expect(markItems(svg, 'symbol')).toHaveLength(30);
  });
});
