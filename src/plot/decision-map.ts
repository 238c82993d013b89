// The decision map of a 2-D data set: the model's output shaded over the
// square on a fine grid, its 0.5 contour (the decision boundary), and the
// points coloured by their label, the misclassified ones marked. With many
// classes each cell takes its predicted class's colour instead.

import { contours } from 'd3-contour';
import type { Dataset } from '../data/dataset.ts';
import { className } from '../data/encoding.ts';
import type { Model } from '../model/model-file.ts';
import { outputs } from '../nn/output.ts';
import { dataSquare, gridViews, pointClassifier, pointOf, type Square } from './classify.ts';
import type { ChartSpec } from './render.ts';

/** Cells per side: fine enough for a smooth boundary, small enough for a small file. */
export const GRID = 40;

/** The 0.5 level of the grid as line points: one ring per `ring`, in drawing order. */
function boundary(p: number[], sq: Square, n: number) {
  const [level] = contours().size([n, n]).thresholds([0.5])(p);
  const dx = (sq.x1 - sq.x0) / n;
  const dy = (sq.y1 - sq.y0) / n;
  const rows: { ring: number; order: number; x: number; y: number }[] = [];
  let ring = 0;
  // d3 closes each ring along the square's edge; the boundary is only the part inside,
  // so points on the edge are left out and a ring is cut where it runs along it.
  const onEdge = ([gx, gy]: number[]) => gx <= 0 || gx >= n || gy <= 0 || gy >= n;
  for (const polygon of level.coordinates)
    for (const r of polygon) {
      r.forEach((pt, order) => {
        if (onEdge(pt)) ring++;
        else rows.push({ ring, order, x: sq.x0 + pt[0] * dx, y: sq.y0 + pt[1] * dy });
      });
      ring++;
    }
  return rows;
}

/** The map's layers as plain rows: cells, boundary, points (and the accuracy over the points). */
export function decisionMapData(model: Model, data: Dataset, n = GRID) {
  const sq = dataSquare(data, model);
  const views = gridViews(model, sq, n);
  const dx = (sq.x1 - sq.x0) / n;
  const dy = (sq.y1 - sq.y0) / n;
  const cells = views.map((v, k) => {
    const [i, j] = [k % n, Math.floor(k / n)];
    const [x, y] = [sq.x0 + i * dx, sq.y0 + j * dy];
    return { i, j, x, x2: x + dx, y, y2: y + dy, p: v.p, class: className(model.encoding, v.class) };
  });
  const binary = model.net.nodes[model.net.nodes.length - 1] === 1;
  const output = outputs[model.loss];
  const at = pointClassifier(model);
  let right = 0;
  const points = Array.from({ length: data.n }, (_, s) => {
    const [x1, x2] = pointOf(model, data, s);
    const label = output.label(data.targets, s * data.outDim, data.outDim);
    const predicted = at(x1, x2).class;
    if (predicted === label) right++;
    return { x1, x2, label: className(model.encoding, label), result: predicted === label ? 'right' : 'wrong' };
  });
  const line = binary
    ? boundary(
        views.map((v) => v.p),
        sq,
        n,
      )
    : [];
  return { sq, cells, line, points, binary, accuracy: right / data.n };
}

export interface MapTitle {
  method?: string;
  loss?: number;
}

/** The decision map as a Vega-Lite spec. */
export function decisionMapSpec(model: Model, data: Dataset, t: MapTitle = {}, n = GRID): ChartSpec {
  const d = decisionMapData(model, data, n);
  const { nodes, func } = model.net;
  // Axis titles: the CSV header's names where the model keeps them.
  const [n1, n2] = model.encoding?.features.map((f) => f.name) ?? ['x1', 'x2'];
  const lossText = t.loss !== undefined ? ` · ${model.loss} loss ${t.loss.toPrecision(3)}` : '';
  const title = `net ${nodes.join('-')} ${func}${t.method ? ` · ${t.method}` : ''}${lossText} · accuracy ${(100 * d.accuracy).toFixed(1)}%`;
  const x = { type: 'quantitative', scale: { domain: [d.sq.x0, d.sq.x1], nice: false, zero: false } };
  const y = { type: 'quantitative', scale: { domain: [d.sq.y0, d.sq.y1], nice: false, zero: false } };
  const cellScale = { type: 'ordinal', scale: { paddingInner: 0, paddingOuter: 0 } };
  const shade = d.binary
    ? {
        field: 'p',
        type: 'quantitative',
        title: `P(${model.encoding?.target.type === 'classes' ? className(model.encoding, 1) : 'class 1'})`,
        scale: { scheme: 'blueorange', domain: [0, 1] },
      }
    : { field: 'class', type: 'nominal', title: 'predicted', scale: { scheme: 'category10' } };
  const layers: object[] = [
    {
      data: { values: d.cells },
      mark: { type: 'rect', opacity: d.binary ? 0.55 : 0.35, aria: false }, // no description per cell: half the file
      // Placed by grid index on band scales of their own: cell edges then fall on whole
      // pixels, written as 9 rather than 9.000000000000004 (a third of the file).
      encoding: {
        x: { field: 'i', ...cellScale, axis: null },
        y: { field: 'j', ...cellScale, sort: 'descending', axis: null },
        color: shade,
      },
    },
  ];
  if (d.line.length)
    layers.push({
      data: { values: d.line },
      mark: { type: 'line', color: 'black', strokeWidth: 1.5 },
      encoding: {
        x: { field: 'x', ...x, axis: null },
        y: { field: 'y', ...y, axis: null },
        detail: { field: 'ring' },
        order: { field: 'order' },
      },
    });
  layers.push({
    data: { values: d.points },
    // No description per point (x1, x2, label, result: most of the file): the title and legends say it.
    mark: { type: 'point', filled: true, size: 45, stroke: 'black', strokeWidth: 0.6, aria: false },
    encoding: {
      x: { field: 'x1', ...x, title: n1 },
      y: { field: 'x2', ...y, title: n2 },
      fill: {
        field: 'label',
        type: 'nominal',
        title: 'label',
        scale: d.binary ? { range: ['#2b6cb0', '#dd6b20'] } : { scheme: 'category10' },
      },
      shape: {
        field: 'result',
        type: 'nominal',
        title: 'prediction',
        scale: { domain: ['right', 'wrong'], range: ['circle', 'cross'] },
      },
      size: { condition: { test: "datum.result === 'wrong'", value: 130 }, value: 45 },
    },
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    width: 360,
    height: 360,
    layer: layers,
    // Each layer its own scales (the same square for boundary and points): only the points' axes are drawn.
    resolve: { scale: { x: 'independent', y: 'independent', color: 'independent', fill: 'independent' } },
    config: { font: 'sans-serif' },
  };
}
