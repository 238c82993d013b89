// Loss curves over many seeds (compare --seeds): per method, the median loss
// against iterations, in a band from the first to the third quartile, so
// that the chart shows how much a method's runs differ, not one of them.

import { type ChartSpec, ofRegression } from './render.ts';

export interface Band {
  run: string;
  iteration: number;
  q1: number;
  median: number;
  q3: number;
}

/** `regression`: the runs are of a regression, which the title says. */
export function bandsSpec(
  rows: readonly Band[],
  o: { log?: boolean; title?: string; regression?: boolean; yTitle?: string } = {},
): ChartSpec {
  const ok = (v: number) => Number.isFinite(v) && (!o.log || v > 0);
  const values = rows.filter((r) => ok(r.q1) && ok(r.median) && ok(r.q3));
  const scale = o.log ? { type: 'log', nice: false } : { type: 'linear' };
  const xScale = iterationScale(values);
  const x = {
    field: 'iteration',
    type: 'quantitative',
    title: 'iteration',
    scale: xScale,
    // symlog's own ticks crowd the far end and leave out the near one: powers of ten instead
    ...(xScale.type === 'symlog'
      ? { axis: { values: powersOfTen(values), labelExpr: "format(datum.value, ',')" } }
      : {}),
  };
  const color = { field: 'run', type: 'nominal', title: 'method' };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: ofRegression(o.title ?? 'loss: median and quartiles over the seeds', o.regression),
    data: { values },
    width: 480,
    height: 280,
    layer: [
      {
        mark: { type: 'area', opacity: 0.2 },
        encoding: {
          x,
          y: { field: 'q1', type: 'quantitative', title: o.yTitle ?? 'loss', scale },
          y2: { field: 'q3' },
          color,
        },
      },
      {
        mark: { type: 'line', strokeWidth: 1.5 },
        encoding: { x, y: { field: 'median', type: 'quantitative', scale }, color },
      },
    ],
    config: { font: 'sans-serif' },
  };
}

/** Methods that end 20 times apart or more (300 iterations and 30,000): a symlog axis, where both show. */
const SPAN = 20;

/** The iteration axis: linear, or symlog where one method's curve would be squashed against the axis. */
export function iterationScale(rows: readonly Band[]): { type: string; constant?: number } {
  const last = new Map<string, number>();
  for (const r of rows) last.set(r.run, Math.max(last.get(r.run) ?? 0, r.iteration));
  const ends = [...last.values()].filter((n) => n > 0);
  if (ends.length < 2 || Math.max(...ends) < SPAN * Math.min(...ends)) return { type: 'linear' };
  return { type: 'symlog', constant: 10 };
}

/** 0, 10, 100, … up to the largest iteration. */
function powersOfTen(rows: readonly Band[]): number[] {
  const most = Math.max(...rows.map((r) => r.iteration));
  const out = [0];
  for (let p = 10; p <= most; p *= 10) out.push(p);
  return out;
}
