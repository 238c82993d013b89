// predict: use a trained model on one sample's features or on a data set,
// printing outputs and classes (and the accuracy where there are labels).
// Everything is computed before anything is printed, so a bad input prints
// its one line and nothing else.

import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { isTableFile } from '../data/load.ts';
import { loadSource } from '../data/sources.ts';
import { loadModel } from '../model/model-file.ts';
import { predictFile, unpredictedNotes } from '../model/predict-file.ts';
import { checkFits, featureCells, type Predictions, predictData, predictFeatures } from '../model/predictions.ts';
import { modelPicks } from '../train/model-data.ts';
import { DEFAULTS } from '../train/options.ts';
import { asInput } from '../util/input-error.ts';
import { show } from '../util/option-error.ts';
import { UsageError } from '../util/usage-error.ts';
import { runCommand } from './command.ts';
import { checkOutput, sameFile } from './output-path.ts';
import { type PredictArgs, parsePredictArgs } from './predict-flags.ts';
import { modelLine, predictionsText } from './predict-text.ts';

function main(a: PredictArgs): string {
  const model = asInput(() => loadModel(a.model, 'model'));
  if (model.task)
    throw new UsageError(
      `--model ${show(a.model)}: is a policy of a task, expected a model of data (play plays a policy)`,
    );
  const features = JSON.stringify(a.features.join(' '));
  if (a.features.length > 0 && a.data !== undefined)
    throw new UsageError(`features ${features} and --data ${show(a.data)}: expected one of them`);
  const { nodes } = model.net;
  let data: string | undefined;
  let p: Predictions;
  const spec = a.data;
  if (a.out !== undefined && (spec === undefined || !isTableFile(spec) || sameFile(a.out, spec)))
    throw new UsageError(`--out ${show(a.out)}: expected a new file for the predictions of --data with a .csv file`);
  if (a.out !== undefined) checkOutput('out', a.out);
  if (spec !== undefined && isTableFile(spec)) {
    const file = asInput(() => predictFile(model, spec, a));
    const drop = (a.missing ?? modelPicks(model).missing) === 'drop'; // as the model was trained, unless typed
    const { notes, failed } = unpredictedNotes(basename(spec), file.p, drop);
    if (a.out !== undefined) writeFileSync(a.out, file.csv());
    for (const note of notes) console.error(`predict: ${note}`);
    if (failed > 0) process.exitCode = 1;
    [p, data] = [file.p, basename(spec)];
  } else if (spec !== undefined) {
    // The split of the training run, where the model says which seed made it.
    const own = modelPicks(model);
    const seed = a.seed ?? own.seed ?? DEFAULTS.seed;
    const o = { samples: a.samples ?? own.samples ?? DEFAULTS.samples, seed, digit: a.digit ?? own.digit };
    const picks = { ...o, trainSize: 0, testSize: 0, testSplit: 0, encoding: model.encoding, outputs: nodes.at(-1) };
    const source = asInput(() => loadSource(spec, picks));
    // Digits come with a test set: the samples the model did not train on.
    const set = source.test ?? source.train;
    checkFits(model, set, spec, a.model);
    p = predictData(model, set, source.labelled !== false);
    data = set.name;
  } else if (a.features.length > 0) {
    const cells = featureCells(a.features, model.encoding, nodes[0] - 1, a.model);
    p = { samples: [asFeatures(() => predictFeatures(model, cells), a.features)] };
  } else {
    throw new UsageError(`no input: expected ${nodes[0] - 1} features (e.g. predict --model ${a.model} 3 7) or --data`);
  }
  if (a.json) {
    // lossName: the model's loss function; loss, with --data: the loss on that data (a number).
    const net = { nodes, func: model.net.func, lossName: model.loss };
    return JSON.stringify({ model: a.model, ...net, ...(data ? { data } : {}), ...p });
  }
  const header = modelLine(model, a.model) + (data ? `; data ${data}, ${p.samples.length} samples` : '');
  return `${header}\n${predictionsText(p, data !== undefined, model.encoding?.target.name)}`;
}

/** A row the model cannot read, said as the features typed. */
function asFeatures<T>(f: () => T, words: string[]): T {
  try {
    return f();
  } catch (err) {
    if (err instanceof Error && err.constructor === Error)
      throw new UsageError(`features ${JSON.stringify(words.join(' '))}: ${err.message}`);
    throw err;
  }
}

await runCommand('predict', async () => {
  console.log(main(await parsePredictArgs()));
});
