// How the CLI shows a run: progress lines as the original printed them
// ("<iteration> now diff: <loss>") with time and speed, epoch lines for
// mini-batch runs, or JSON lines; then the summary.

import type { Scores } from '../nn/metrics.ts';
import type { EpochEvent, Progress, StartEvent, TrainEvent } from '../train/events.ts';
import { labelText as label } from '../train/label-line.ts';
import type { Summary } from '../train/summary.ts';
import { scoresText } from './scores.ts';
import { taskEventText } from './task-text.ts';

export function progressLine(p: Progress): string {
  const time = `${(p.elapsedMs / 1000).toFixed(2)} s, ${rate(p.itersPerSec)} it/s`;
  const acc = p.accuracy === null ? '' : `, accuracy ${percent(p.accuracy)}`;
  return `${p.iteration} now diff: ${p.loss.toFixed(6)}${acc}  (${time})`;
}

export function epochLine(e: EpochEvent): string {
  const test = e.testLoss === null ? '' : `, test loss ${e.testLoss.toFixed(4)}`;
  const acc = e.testAccuracy === null ? '' : `, test accuracy ${percent(e.testAccuracy)}`;
  const time = `${(e.elapsedMs / 1000).toFixed(1)} s, ${rate(e.samplesPerSec)} samples/s`;
  return `epoch ${e.epoch}: train loss ${e.trainLoss.toFixed(4)}${test}${acc}  (${time})`;
}

function headline(e: StartEvent): string {
  const validation = e.validationSamples > 0 ? ` + ${e.validationSamples} validation` : '';
  const test = validation + (e.testSamples > 0 ? ` + ${e.testSamples} test` : '');
  const batch = e.batch > 0 ? `, batches of ${e.batch}` : '';
  const net = `net ${JSON.stringify(e.nodes)} ${e.func}/${e.loss}, ${e.params} weights`;
  return `${net}; data ${e.data}, ${e.samples} samples${test}${labelText(e)}; method ${e.method}${batch}`;
}

/** A user's file: which column the net learns, and as what (the last column is easy to mistake). */
function labelText(e: StartEvent): string {
  const t = e.encoding?.target;
  if (!t) return '';
  const what = e.loss === 'mse' ? 'a regression' : `${e.loss === 'bce' ? 2 : e.nodes[e.nodes.length - 1]} classes`;
  return `; label ${JSON.stringify(t.name)}, ${what}`;
}

/** "targetLoss 0.2" as the flag that sets it: "--target-loss 0.2". */
function asFlag(chosen: string): string {
  return `--${chosen.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

export function printer(json: boolean, quiet: boolean): (e: TrainEvent) => void {
  return (e) => {
    // Notes about the data are warnings: on stderr, even when quiet.
    if (e.type === 'start') for (const note of e.notes) console.error(`train: ${note}`);
    if (quiet || e.type === 'checkpoint') return;
    if (json) console.log(JSON.stringify(e));
    else if (e.type === 'progress') console.log(progressLine(e));
    else if (e.type === 'epoch') console.log(epochLine(e));
    else if (e.type !== 'start') console.log(taskEventText(e));
    else {
      console.log(headline(e));
      if (e.chosen.length > 0) console.log(`for this data: ${e.chosen.map(asFlag).join(' ')}`);
      if (e.strategy === 'auto') console.log(`threads auto: ${e.runner}`);
    }
  };
}

/** A set's accuracy, or a regression's RMSE and R² (in the target's units), as summary lines. */
function figures(name: string, sc: Scores): string[] {
  const on = `on the ${name} set (${sc.samples} sample${sc.samples === 1 ? '' : 's'})`;
  if (!Number.isNaN(sc.accuracy)) return [`accuracy:   ${percent(sc.accuracy)} ${on}`];
  if (!Number.isNaN(sc.rmse)) return [`RMSE, R²:   ${sc.rmse.toPrecision(4)}, ${sc.r2.toFixed(3)} ${on}`];
  return [];
}

export function summaryText(s: Summary): string {
  const shown = s.test ?? s.train;
  return [
    `stopped:    ${s.stopReason}`,
    `iterations: ${s.iterations}`,
    ...(s.bestIteration !== undefined ? [`kept:       iteration ${s.bestIteration}, the lowest validation loss`] : []),
    ...(s.label ? [`label:      ${label(s.label)}`] : []),
    `loss:       ${s.loss.toFixed(6)}`,
    ...figures('training', s.train),
    ...(s.validation ? [`val. loss:  ${s.validation.loss.toFixed(6)}`, ...figures('validation', s.validation)] : []),
    ...(s.test ? [`test loss:  ${s.test.loss.toFixed(6)}`, ...figures('test', s.test)] : []),
    `wall time:  ${s.wallSeconds.toFixed(3)} s (${rate(s.itersPerSec)} iterations/s)`,
    `threads:    ${s.threads} (${s.runner})`,
    `model:      ${s.model}`,
    ...(s.map === undefined ? [] : [`map:        ${s.map}`]),
    ...(shown.classes > 0 ? ['', scoresText(shown, s.test ? 'test set' : 'training set', s.classNames)] : []),
  ].join('\n');
}

export function percent(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}

function rate(perSec: number): string {
  return perSec >= 10 ? perSec.toFixed(0) : perSec.toPrecision(2);
}
