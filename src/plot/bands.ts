// Loss curves over many seeds (compare --seeds): per method, the median loss
// against iterations, in a band from the first to the third quartile, so
// that the chart shows how much a method's runs differ, not one of them.

import type { ChartSpec } from './render.ts';

export interface Band {
  run: string;
  iteration: number;
  q1: number;
  median: number;
  q3: number;
}

export function bandsSpec(rows: readonly Band[], o: { log?: boolean; title?: string } = {}): ChartSpec {
  const ok = (v: number) => Number.isFinite(v) && (!o.log || v > 0);
  const values = rows.filter((r) => ok(r.q1) && ok(r.median) && ok(r.q3));
  const scale = o.log ? { type: 'log', nice: false } : { type: 'linear' };
  const x = { field: 'iteration', type: 'quantitative', title: 'iteration' };
  const color = { field: 'run', type: 'nominal', title: 'method' };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: o.title ?? 'loss: median and quartiles over the seeds',
    data: { values },
    width: 480,
    height: 280,
    layer: [
      {
        mark: { type: 'area', opacity: 0.2 },
        encoding: { x, y: { field: 'q1', type: 'quantitative', title: 'loss', scale }, y2: { field: 'q3' }, color },
      },
      {
        mark: { type: 'line', strokeWidth: 1.5 },
        encoding: { x, y: { field: 'median', type: 'quantitative', scale }, color },
      },
    ],
    config: { font: 'sans-serif' },
  };
}
