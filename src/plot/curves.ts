// Loss curves: the loss against iterations and against seconds, side by side,
// for one run or several (a comparison): the training loss, the validation
// loss and the test loss where the run measured them. A model file's curves
// mark the kept iteration (the weights the file holds) and say which losses
// the run's summary quoted, so that a curve ending lower than the summary's
// loss is not a puzzle. Long histories are thinned first: a chart needs a few
// hundred points per line, not a 60,000-iteration run's every one.

import { decimate, type HistoryPoint, type Kept, keptPoint } from '../model/history.ts';
import type { Model } from '../model/model-file.ts';
import { type ChartSpec, ofRegression } from './render.ts';

export interface Run {
  label: string;
  history: readonly HistoryPoint[];
  /** The iteration whose weights were kept: marked on the curves. */
  kept?: Kept;
  /** A regression's run: the title says so. */
  regression?: boolean;
  /** A policy's run: its history holds minus the returns (training, held-out as test), drawn as returns. */
  returns?: boolean;
}

export interface CurvesOptions {
  /** A log scale for the loss. */
  log?: boolean;
  title?: string;
}

/** Points per line: enough for a smooth curve at any width a screen has. */
export const MAX_CHART_POINTS = 500;

/** The losses a history point can hold, by the name the chart gives them. */
const SETS = [
  ['train', (p: HistoryPoint) => p.loss],
  ['validation', (p: HistoryPoint) => p.validationLoss],
  ['test', (p: HistoryPoint) => p.testLoss],
] as const;

/** A policy's losses as the returns they are the negatives of. */
const RETURN_SETS: Readonly<Record<string, string>> = { train: 'training', test: 'held-out' };

/** A model file's run: its history, its kept iteration and whether it is a regression. */
export function modelRun(label: string, model: Model): Run {
  const history = model.history ?? [];
  if (model.task) return { label, history, returns: true };
  const kept = keptPoint(history, model.meta);
  return { label, history, ...(kept ? { kept } : {}), regression: model.loss === 'mse' };
}

/** A log scale has no room for 0 (a loss can reach it exactly on separable data). */
const plottable = (v: number | undefined, log: boolean): v is number => Number.isFinite(v) && (!log || (v ?? 0) > 0);

/** One row per plotted point: run, which loss, iteration, seconds, value. */
export function curveRows(runs: readonly Run[], log = false) {
  const rows: { run: string; set: string; iteration: number; seconds: number; loss: number }[] = [];
  for (const r of runs)
    for (const p of decimate(r.history, MAX_CHART_POINTS))
      for (const [set, value] of SETS) {
        const v = value(p);
        const loss = r.returns && v !== undefined ? -v : v;
        const name = r.returns ? (RETURN_SETS[set] ?? set) : set;
        if (plottable(loss, log && !r.returns))
          rows.push({ run: r.label, set: name, iteration: p.iteration, seconds: p.ms / 1000, loss });
      }
  return rows;
}

/** The kept iterations' marks: a point on each loss the summary quoted (training and validation). */
export function keptRows(runs: readonly Run[], log = false) {
  return runs.flatMap(({ label, kept }) =>
    kept
      ? (['train', 'validation'] as const)
          .map((set) => ({ set, loss: set === 'train' ? kept.loss : kept.validationLoss }))
          .filter((x): x is { set: 'train' | 'validation'; loss: number } => plottable(x.loss, log))
          .map((x) => ({ run: label, iteration: kept.iteration, seconds: kept.ms / 1000, ...x }))
      : [],
  );
}

/** One line per marked run: which iteration was kept, why, and the losses the summary quoted. */
export function keptText(runs: readonly Run[]): string[] {
  return runs.flatMap(({ label, kept }) => {
    if (!kept) return [];
    const val = kept.validationLoss === undefined ? '' : `, val. loss ${kept.validationLoss.toFixed(6)}`;
    const who = runs.length > 1 ? `${label}: ` : '';
    return [`${who}◆ kept iteration ${kept.iteration}, ${kept.why}: the summary's loss ${kept.loss.toFixed(6)}${val}`];
  });
}

/** Two panels, loss against iterations and against seconds, one colour per run, dashed for held-out losses. */
export function curvesSpec(runs: readonly Run[], o: CurvesOptions = {}): ChartSpec {
  const rows = curveRows(runs, o.log);
  const kept = keptRows(runs, o.log);
  // A log scale rounded out to whole decades leaves most of the top one empty: it spans the losses instead.
  const returns = runs.length > 0 && runs.every((r) => r.returns);
  const scale = o.log && !returns ? { type: 'log', nice: false } : { type: 'linear' };
  const y = { field: 'loss', type: 'quantitative', title: returns ? 'mean return' : 'loss', scale };
  const color = {
    field: 'run',
    type: 'nominal',
    title: runs.length > 1 ? 'run' : null,
    legend: runs.length > 1 ? {} : null,
  };
  const panel = (x: 'iteration' | 'seconds') => ({
    width: 320,
    height: 220,
    layer: [
      {
        mark: { type: 'line', strokeWidth: 1.5 },
        encoding: {
          x: { field: x, type: 'quantitative', title: x },
          y,
          color,
          strokeDash: {
            field: 'set',
            type: 'nominal',
            title: returns ? 'episodes' : 'loss on',
            sort: returns ? Object.values(RETURN_SETS) : SETS.map(([set]) => set),
          },
          detail: [{ field: 'run' }, { field: 'set' }],
          order: { field: 'iteration', type: 'quantitative' },
        },
      },
      ...(kept.length > 0 ? [keptLayer(x, kept, y, color)] : []),
    ],
  });
  const what = returns ? 'return' : 'loss';
  const title = o.title ?? (runs.length === 1 ? `${what} of ${runs[0].label}` : what);
  const subtitle = keptText(runs);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: ofRegression(
        title,
        runs.length > 0 && runs.every((r) => r.regression), // a chart of classifiers and regressions is neither
      ),
      ...(subtitle.length > 0 ? { subtitle } : {}),
    },
    data: { values: rows },
    hconcat: [panel('iteration'), panel('seconds')],
    config: { font: 'sans-serif' },
  };
}

/** The kept iteration: a diamond on each quoted loss, in its run's colour. */
function keptLayer(x: 'iteration' | 'seconds', values: object[], y: object, color: object) {
  return {
    data: { values },
    mark: { type: 'point', shape: 'diamond', filled: true, size: 90 },
    encoding: { x: { field: x, type: 'quantitative' }, y, color },
  };
}
