// Loss curves: the loss against iterations and against seconds, side by side,
// for one run or several (a comparison), train and test where a test set was
// measured. Long histories are thinned first: a chart needs a few hundred
// points per line, not a 60,000-iteration run's every one.

import { decimate, type HistoryPoint } from '../model/history.ts';
import type { ChartSpec } from './render.ts';

export interface Run {
  label: string;
  history: readonly HistoryPoint[];
}

export interface CurvesOptions {
  /** A log scale for the loss. */
  log?: boolean;
  title?: string;
}

/** Points per line: enough for a smooth curve at any width a screen has. */
export const MAX_CHART_POINTS = 500;

/** One row per plotted point: run, which loss, iteration, seconds, value. */
export function curveRows(runs: readonly Run[], log = false) {
  const rows: { run: string; set: string; iteration: number; seconds: number; loss: number }[] = [];
  for (const r of runs) {
    for (const p of decimate(r.history, MAX_CHART_POINTS)) {
      const seconds = p.ms / 1000;
      // A log scale has no room for 0 (a loss can reach it exactly on separable data).
      const ok = (v: number) => Number.isFinite(v) && (!log || v > 0);
      if (ok(p.loss)) rows.push({ run: r.label, set: 'train', iteration: p.iteration, seconds, loss: p.loss });
      if (p.testLoss !== undefined && ok(p.testLoss))
        rows.push({ run: r.label, set: 'test', iteration: p.iteration, seconds, loss: p.testLoss });
    }
  }
  return rows;
}

/** Two panels, loss against iterations and against seconds, one colour per run, dashed for test loss. */
export function curvesSpec(runs: readonly Run[], o: CurvesOptions = {}): ChartSpec {
  const rows = curveRows(runs, o.log);
  // A log scale rounded out to whole decades leaves most of the top one empty: it spans the losses instead.
  const scale = o.log ? { type: 'log', nice: false } : { type: 'linear' };
  const y = { field: 'loss', type: 'quantitative', title: 'loss', scale };
  const panel = (x: 'iteration' | 'seconds') => ({
    width: 320,
    height: 220,
    mark: { type: 'line', strokeWidth: 1.5 },
    encoding: {
      x: { field: x, type: 'quantitative', title: x },
      y,
      color: {
        field: 'run',
        type: 'nominal',
        title: runs.length > 1 ? 'run' : null,
        legend: runs.length > 1 ? {} : null,
      },
      strokeDash: { field: 'set', type: 'nominal', title: 'loss on', sort: ['train', 'test'] },
      detail: [{ field: 'run' }, { field: 'set' }],
      order: { field: 'iteration', type: 'quantitative' },
    },
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: o.title ?? (runs.length === 1 ? `loss of ${runs[0].label}` : 'loss'),
    data: { values: rows },
    hconcat: [panel('iteration'), panel('seconds')],
    config: { font: 'sans-serif' },
  };
}
