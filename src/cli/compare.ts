// compare: the race the original wondered about. The same net from the same
// start (one seed: same data, same initial weights) trained by each method in
// turn, each to the same target within the same budget; a table of time and
// iterations to the target, and the loss curves of all on one chart.

import type { HistoryPoint } from '../model/history.ts';
import type { Method } from '../train/options.ts';
import { METHODS } from '../train/options.ts';
import { train } from '../train/trainer.ts';
import { InputError } from '../util/input-error.ts';
import { OptionError, show } from '../util/option-error.ts';
import { flagOf } from './args.ts';
import { type CompareArgs, parseCompareArgs } from './compare-flags.ts';
import { UsageError } from './flags.ts';
import { checkOutput } from './output-path.ts';

export interface RaceRow {
  method: Method;
  reached: boolean;
  stopReason: string;
  iterations: number;
  seconds: number;
  loss: number;
  history: HistoryPoint[];
}

function methodsOf(list: string): Method[] {
  const methods = list.split(',').map((m) => m.trim());
  for (const m of methods)
    if (!(METHODS as readonly string[]).includes(m))
      throw new UsageError(
        `--methods ${show(list)}: ${show(m)} is not a method, expected some of ${METHODS.join(', ')}`,
      );
  return methods as Method[];
}

async function race(a: CompareArgs): Promise<RaceRow[]> {
  const rows: RaceRow[] = [];
  for (const method of methodsOf(a.methods)) {
    const r = await train({
      data: a.data,
      hidden: a.hidden?.split(',').map(Number),
      seed: a.seed,
      method,
      maxIters: a['max-iters'],
      maxSeconds: a['max-seconds'],
      targetLoss: a['target-loss'] ?? 'auto',
      targetAccuracy: a['target-accuracy'] ?? 'auto',
      threads: a.threads === 'auto' ? 'auto' : Number(a.threads),
    });
    const reached = r.stopReason === 'target-loss' || r.stopReason === 'target-accuracy';
    rows.push({
      method,
      reached,
      stopReason: r.stopReason,
      iterations: r.iterations,
      seconds: r.elapsedMs / 1000,
      loss: r.loss,
      history: r.history,
    });
  }
  return rows;
}

function table(rows: RaceRow[], data: string): string {
  const lines = [
    `race on ${data}: the same net, data and start for every method`,
    '  method       to target   iterations   seconds   best loss   stopped',
  ];
  for (const r of rows) {
    const cells = [
      r.method.padEnd(10),
      (r.reached ? 'reached' : 'not reached').padStart(11),
      String(r.iterations).padStart(12),
      r.seconds.toFixed(3).padStart(9),
      r.loss.toFixed(6).padStart(11),
    ];
    lines.push(`  ${cells.join(' ')}   ${r.stopReason}`);
  }
  return lines.join('\n');
}

async function main(a: CompareArgs): Promise<void> {
  const chart = a.svg ?? a.png;
  if (chart !== undefined) checkOutput(a.svg !== undefined ? 'svg' : 'png', chart, true);
  if (a.threads !== 'auto' && !/^\d+$/.test(a.threads))
    throw new UsageError(`--threads ${show(a.threads)}: expected auto or a whole number >= 0`);
  if (a.hidden !== undefined && !/^\d+(,\d+)*$/.test(a.hidden))
    throw new UsageError(`--hidden ${show(a.hidden)}: expected layer sizes like 6 or 8,4`);
  const rows = await race(a);
  if (a.json) console.log(JSON.stringify({ data: a.data, seed: a.seed, rows: rows.map(({ history, ...r }) => r) }));
  else console.log(table(rows, a.data));
  if (chart !== undefined) {
    const [{ curvesSpec }, { writeChart }] = await Promise.all([
      import('../plot/curves.ts'),
      import('../plot/render.ts'),
    ]);
    const runs = rows.map((r) => ({ label: r.method, history: r.history }));
    await writeChart(chart, curvesSpec(runs, { log: a.log, title: `loss on ${a.data}, same net and start` }));
    if (!a.json) console.log(`chart: ${chart}`);
  }
}

function errorLine(err: unknown): string {
  if (err instanceof OptionError) return `${flagOf(err.option)} ${show(err.value)}: ${err.problem}`;
  return (err as Error).message;
}

try {
  await main(await parseCompareArgs());
} catch (err) {
  console.error(`compare: ${errorLine(err)}`);
  process.exitCode = err instanceof UsageError || err instanceof OptionError || err instanceof InputError ? 2 : 1;
}
