// plot: pictures of a model (decision map, plot-classify points, digits,
// confusion), of runs (loss curves) and of speedups. Every input is read and
// every output path checked before anything is drawn, so a bad input prints
// its one line and writes nothing.

import { readFileSync, writeFileSync } from 'node:fs';
import type { Dataset } from '../data/dataset.ts';
import { loadSource } from '../data/sources.ts';
import { loadModel, type Model } from '../model/model-file.ts';
import { checkFits } from '../model/predictions.ts';
import type { ChartSpec } from '../plot/render.ts';
import { modelData, modelPicks } from '../train/model-data.ts';
import { DEFAULTS } from '../train/options.ts';
import { unreadable } from '../util/files.ts';
import { asInput } from '../util/input-error.ts';
import { show } from '../util/option-error.ts';
import { UsageError } from '../util/usage-error.ts';
import { runCommand } from './command.ts';
import { CHART_TYPES, checkOutput } from './output-path.ts';
import { type PlotArgs, parsePlotArgs } from './plot-flags.ts';

/** The model's data: the set it names (its training set and, for digits, the held-out test set). */
function dataOf(model: Model, a: PlotArgs): { train: Dataset; test?: Dataset; spec: string } {
  const spec = a.data ?? modelData(model, a.model);
  if (spec === undefined)
    throw new UsageError(`--data: the model ${show(a.model)} does not say its data: expected --data`);
  const own = modelPicks(model);
  const seed = a.seed ?? own.seed ?? DEFAULTS.seed;
  // The spiral is generated: the same seed and count give back the very points the model was trained on.
  const samples = a.samples ?? own.samples ?? DEFAULTS.samples;
  const digit = own.digit; // one digit against the rest
  const source = asInput(() =>
    loadSource(spec, {
      samples,
      seed,
      trainSize: 0,
      testSize: 0,
      testSplit: 0,
      digit,
      label: own.label,
      ignore: own.ignore,
      missing: own.missing,
      encoding: model.encoding,
      outputs: model.net.nodes.at(-1),
    }),
  );
  checkFits(model, source.train, spec, a.model);
  return { ...source, spec };
}

async function modelPictures(a: PlotArgs, outputs: [string, string][]): Promise<string[]> {
  const model = asInput(() => loadModel(a.model, 'model'));
  if (model.task)
    throw new UsageError(
      `--model ${show(a.model)}: is a policy of a task, which has no data to picture (plot --curves draws its returns, play its episodes)`,
    );
  const { train, test, spec } = dataOf(model, a);
  // Every picture's data checked before the first is drawn: a mistake writes nothing.
  const features = model.net.nodes[0] - 1;
  const side = Math.round(Math.sqrt(features));
  for (const [flag, path] of outputs) {
    const map = flag === 'csv' || flag === 'svg' || flag === 'png';
    if (map && features !== 2)
      throw new UsageError(
        `--model ${show(a.model)}: expected a model of 2-D data for --${flag} ${show(path)}; it has ${features} inputs (${show(spec)})`,
      );
    // Two inputs of one word column (two categories) are no plane to draw.
    if (map && model.encoding?.features.some((f) => f.type !== 'number'))
      throw new UsageError(
        `--model ${show(a.model)}: expected two number columns for --${flag} ${show(path)}; it has a word column (${model.encoding.features.map((f) => f.name).join(', ')})`,
      );
    // A map shades classes: a regression's outputs have none.
    if (map && model.loss === 'mse')
      throw new UsageError(
        `--model ${show(a.model)}: expected a classifier for --${flag} ${show(path)}; it is a regression (its output is a number, not a class)`,
      );
    // A confusion matrix counts classes: a regression has none to count.
    if (flag === 'confusion' && train.classes < 2)
      throw new UsageError(
        `--model ${show(a.model)}: expected a classifier for --confusion ${show(path)}; its data ${show(spec)} has no classes`,
      );
    if (flag === 'digits' && (features < 4 || side * side !== features))
      throw new UsageError(
        `--model ${show(a.model)}: expected a model of square images for --digits ${show(path)}; it has ${features} inputs (${show(spec)})`,
      );
  }
  const { writeChart } = await import('../plot/render.ts');
  const written: string[] = [];
  for (const [flag, path] of outputs) {
    if (flag === 'csv') {
      const { classifyPoints, dataSquare } = await import('../plot/classify.ts');
      const seed = a.seed ?? modelPicks(model).seed ?? DEFAULTS.seed;
      const [n1, n2] = model.encoding?.features.map((f) => f.name) ?? ['x1', 'x2'];
      const lines = classifyPoints(model, dataSquare(train, model), a.points, seed);
      writeFileSync(path, `${n1},${n2},class\n${lines.join('\n')}\n`);
    } else if (flag === 'svg' || flag === 'png') {
      const { decisionMapSpec } = await import('../plot/decision-map.ts');
      const meta = model.meta;
      const title = {
        method: typeof meta.method === 'string' ? meta.method : undefined,
        loss: typeof meta.loss === 'number' ? meta.loss : undefined,
      };
      await writeChart(path, decisionMapSpec(model, train, title), a.scale);
    } else {
      const { confusionSpec, digitsSpec } = await import('../plot/digits.ts');
      const set = test ?? train;
      await writeChart(path, flag === 'digits' ? await digitsSpec(model, set) : confusionSpec(model, set), a.scale);
    }
    written.push(path);
  }
  return written;
}

/** A chart of runs (curves, speedup) to --svg, --png or both. */
async function chart(a: PlotArgs, make: () => Promise<ChartSpec>): Promise<string[]> {
  const paths = [a.svg, a.png].filter((p): p is string => p !== undefined);
  if (paths.length === 0) throw new UsageError('--svg or --png: expected where to write the chart');
  const { writeChart } = await import('../plot/render.ts');
  const spec = await make();
  for (const path of paths) await writeChart(path, spec, a.scale);
  return paths;
}

async function main(a: PlotArgs): Promise<string[]> {
  const outputs = (['csv', 'svg', 'png', 'digits', 'confusion'] as const)
    .filter((f) => a[f] !== undefined)
    .map((f) => [f, a[f] as string] as [string, string]);
  const types = (flag: string) => (flag === 'csv' ? [] : flag === 'svg' || flag === 'png' ? [`.${flag}`] : CHART_TYPES);
  for (const [flag, path] of outputs) checkOutput(flag, path, types(flag));
  // A model's own pictures do not mix with a chart of runs: one of them would be left undrawn.
  const runsChart = a.curves ? '--curves' : a.speedup !== undefined ? '--speedup' : undefined;
  const modelOnly = outputs.find(([flag]) => flag === 'csv' || flag === 'digits' || flag === 'confusion');
  if (runsChart && modelOnly)
    throw new UsageError(
      `--${modelOnly[0]} ${show(modelOnly[1])}: expected without ${runsChart} (one picture at a time)`,
    );
  if (a.curves && a.speedup !== undefined)
    throw new UsageError(`--speedup ${show(a.speedup)}: expected without --curves (one chart at a time)`);
  if (a.curves) {
    const { curvesSpec, modelRun } = await import('../plot/curves.ts');
    const runs = a.curves.map((file) => {
      const m = asInput(() => loadModel(file, 'curves'));
      if (!m.history?.length)
        throw new UsageError(`--curves ${show(file)}: has no loss history, expected a model file written by train`);
      return modelRun(file.replace(/\.json$/, ''), m);
    });
    // The same file twice would draw one line over the other: number the repeats.
    runs.forEach((r, i) => {
      const before = runs.slice(0, i).filter((q) => q.label.replace(/ \(\d+\)$/, '') === r.label).length;
      if (before > 0) r.label = `${r.label} (${before + 1})`;
    });
    return chart(a, async () => curvesSpec(runs, { log: a.log }));
  }
  if (a.speedup !== undefined) {
    const file = a.speedup;
    let results: unknown;
    try {
      results = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      const problem = (err as NodeJS.ErrnoException).code ? unreadable(file, err) : 'not JSON';
      throw new UsageError(
        `--speedup ${show(file)}: ${problem}, expected a speedup results file (bench-results/*.json)`,
      );
    }
    if (!Array.isArray((results as { groups?: unknown }).groups))
      throw new UsageError(
        `--speedup ${show(file)}: no "groups", expected a speedup results file (bench-results/*.json)`,
      );
    const { speedupSpec } = await import('../plot/speedup-chart.ts');
    return chart(a, async () => speedupSpec(results as Parameters<typeof speedupSpec>[0]));
  }
  if (outputs.length === 0)
    throw new UsageError(
      'no picture asked for: expected --csv, --svg, --png, --digits, --confusion, --curves or --speedup',
    );
  return modelPictures(a, outputs);
}

await runCommand('plot', async () => {
  for (const path of await main(await parsePlotArgs())) console.log(`wrote ${path}`);
});
