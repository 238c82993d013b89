// How the CLI shows a run: progress lines as the original printed them
// ("<iteration> now diff: <loss>") with time and speed, or JSON lines.

import type { Progress, TrainEvent } from '../train/events.ts';
import type { TrainResult } from '../train/trainer.ts';

export function progressLine(p: Progress): string {
  return `${p.iteration} now diff: ${p.loss.toFixed(6)}  (${(p.elapsedMs / 1000).toFixed(2)} s, ${rate(p.itersPerSec)} it/s)`;
}

export function printer(json: boolean, quiet: boolean): (e: TrainEvent) => void {
  return (e) => {
    if (quiet) return;
    if (json) console.log(JSON.stringify(e));
    else if (e.type === 'progress') console.log(progressLine(e));
    else {
      console.log(
        `net ${JSON.stringify(e.nodes)} ${e.func}/${e.loss}, ${e.params} weights; data ${e.data}, ${e.samples} samples; method ${e.method}`,
      );
      if (e.strategy === 'auto') console.log(`threads auto: ${e.runner}`);
    }
  };
}

export interface Summary {
  stopReason: string;
  iterations: number;
  loss: number;
  accuracy: number | null;
  wallSeconds: number;
  itersPerSec: number;
  threads: number;
  strategy: string;
  runner: string;
  model: string;
}

export function summary(r: TrainResult, accuracy: number | null, model: string): Summary {
  return {
    stopReason: r.stopReason,
    iterations: r.iterations,
    loss: r.loss,
    accuracy,
    wallSeconds: r.elapsedMs / 1000,
    itersPerSec: r.itersPerSec,
    threads: r.threads,
    strategy: r.strategy,
    runner: r.runner,
    model,
  };
}

export function summaryText(s: Summary): string {
  return [
    `stopped:    ${s.stopReason}`,
    `iterations: ${s.iterations}`,
    `loss:       ${s.loss.toFixed(6)}`,
    ...(s.accuracy === null ? [] : [`accuracy:   ${(100 * s.accuracy).toFixed(1)}% on the training set`]),
    `wall time:  ${s.wallSeconds.toFixed(3)} s (${rate(s.itersPerSec)} iterations/s)`,
    `threads:    ${s.threads} (${s.runner})`,
    `model:      ${s.model}`,
  ].join('\n');
}

function rate(perSec: number): string {
  return perSec >= 10 ? perSec.toFixed(0) : perSec.toPrecision(2);
}
