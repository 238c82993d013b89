// On a terminal, progress as one line rewritten in place (cli-progress):
// iteration or epoch, loss, accuracy where known, speed, and a bar with an
// ETA where the run has a limit (--max-iters or --max-seconds). Loaded only
// when the output is a terminal; elsewhere report.ts prints plain lines.

import type { Writable } from 'node:stream';
import type { TrainEvent } from '../train/events.ts';
import { percent, printer } from './report.ts';

export interface Limits {
  /** 0 or the library's default: no limit worth a bar. */
  maxIters: number;
  maxSeconds: number;
}

/** The most iterations a bar is drawn for: the default limit is a safety net, not a plan. */
const BAR_ITERS = 100_000;

export interface LineOptions extends Limits {
  /** Before the fields: which run the line is about (compare names the method). */
  label?: string;
  /** Clear the line when the run ends instead of leaving it: compare's table follows it. */
  clear?: boolean;
}

export interface LiveLine {
  onEvent(e: TrainEvent): void;
  /** Leaves the line as it last was, with the cursor on the next one. */
  stop(): void;
}

export async function liveLine(
  stream: Writable,
  limits: LineOptions,
  start: (e: TrainEvent) => void,
): Promise<LiveLine> {
  const { default: cliProgress } = await import('cli-progress');
  const bySeconds = limits.maxSeconds > 0;
  const byIters = limits.maxIters > 0 && limits.maxIters <= BAR_ITERS;
  // The bar is the share of the run done, in thousandths. With both limits, the larger share:
  // the limit that will end the run first (3000 iterations done in 1 s are not 1% of --max-seconds 60).
  const total = 1000;
  const done = (iteration: number, elapsedMs: number) =>
    Math.max(byIters ? iteration / limits.maxIters : 0, bySeconds ? elapsedMs / 1000 / limits.maxSeconds : 0);
  const stats = `${limits.label ? `${limits.label}  ` : ''}{where}  loss {loss}{acc}  {speed}`;
  const bar = new cliProgress.SingleBar(
    {
      stream: stream as NodeJS.WritableStream,
      format: bySeconds || byIters ? `${stats}  {bar} {percentage}%  ETA {eta_formatted}` : stats,
      hideCursor: true,
      clearOnComplete: limits.clear ?? false,
      barsize: 20,
      fps: 10,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  // The bar hides the cursor and turns line wrapping off; a process that exits with the line
  // still drawn (a second Ctrl-C) would leave the terminal so. Turned back on at exit.
  const restore = () => stream.write('\x1b[?25h\x1b[?7h\n');
  return {
    onEvent(e) {
      if (e.type === 'start') return start(e);
      if (e.type !== 'progress' && e.type !== 'epoch') return; // a checkpoint; a task run's lines are plain
      const payload =
        e.type === 'progress'
          ? {
              where: `iteration ${e.iteration}`,
              loss: e.loss.toFixed(6),
              acc: e.accuracy === null ? '' : `  accuracy ${percent(e.accuracy)}`,
              speed: `${e.itersPerSec.toFixed(0)} it/s`,
            }
          : {
              where: `epoch ${e.epoch}`,
              loss: e.trainLoss.toFixed(4),
              acc: e.testAccuracy === null ? '' : `  test accuracy ${percent(e.testAccuracy)}`,
              speed: `${e.samplesPerSec.toFixed(0)} samples/s`,
            };
      const value = Math.min(total, Math.round(total * done(e.iteration, e.elapsedMs)));
      if (started) return bar.update(value, payload);
      bar.start(total, value, payload);
      process.once('exit', restore);
      started = true;
    },
    stop() {
      if (!started) return;
      process.off('exit', restore);
      bar.stop();
      started = false;
    },
  };
}

export interface View extends LiveLine {
  /** Whether the live line shows the run (a summary then gets the sparkline too). */
  live: boolean;
}

/**
 * How train shows its events: a terminal gets one line rewritten in place;
 * pipes, files, --quiet and --json get report.ts's plain lines, which a
 * program or a log can read (no cursor codes, one line per report).
 */
export async function eventView(
  stream: Writable & { isTTY?: boolean },
  o: Limits & { json: boolean; quiet: boolean },
  plain = printer(o.json, o.quiet),
): Promise<View> {
  if (o.json || o.quiet || !stream.isTTY) return { live: false, onEvent: plain, stop: () => {} };
  return { live: true, ...(await liveLine(stream, o, plain)) };
}

/**
 * The loss history as a sparkline (sparkly), about `width` characters, falling
 * left to right as it learns. On a log scale: a first loss ten times the rest
 * would otherwise flatten everything after it.
 */
export async function lossSparkline(losses: readonly number[], width = 40): Promise<string> {
  const { default: sparkly } = await import('sparkly');
  const step = Math.max(1, Math.ceil(losses.length / width));
  const picked = losses.filter((_, k) => k % step === 0 || k === losses.length - 1);
  return sparkly(picked.map((l) => (l > 0 ? Math.log10(l) : Number.NaN)));
}
