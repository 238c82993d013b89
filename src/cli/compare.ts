// compare: the race the original wondered about. The same net from the same
// start (one seed: same data, same initial weights) trained by each method in
// turn, each to the same target within the same budget; a table of time and
// iterations to the target, and the loss curves of all on one chart.

import type { Method } from '../train/options.ts';
import { methodsOf, type Race, race, summarize, TASK_METHODS } from '../train/race.ts';
import { show } from '../util/option-error.ts';
import { flagName } from '../util/option-spec.ts';
import { UsageError } from '../util/usage-error.ts';
import { checkDataFlags } from './applies.ts';
import { runCommand } from './command.ts';
import { COMPARE_FLAGS, type CompareArgs, parseCompareArgs } from './compare-flags.ts';
import { listenForInterrupt } from './interrupt.ts';
import { liveLine } from './live-line.ts';
import { typedIn } from './npm-flags.ts';
import { checkOutput } from './output-path.ts';
import { curveBands, summaryTable } from './race-summary.ts';
import { percent } from './report.ts';
import { seedsInWords, seedsOf } from './seeds.ts';
import { capThreads } from './thread-cap.ts';

const hasTarget = (r: Race) =>
  r.targetLoss > 0 || r.targetAccuracy > 0 || (r.targetReturn !== undefined && Number.isFinite(r.targetReturn));

function targets(r: Race): string {
  if (r.targetReturn !== undefined)
    return Number.isFinite(r.targetReturn) ? `to a held-out return of ${r.targetReturn}` : 'with no target';
  const t = [
    ...(r.targetLoss > 0 ? [`loss ${r.targetLoss}`] : []),
    ...(r.targetAccuracy > 0 ? [`accuracy ${percent(r.targetAccuracy)}`] : []),
  ];
  return t.length > 0 ? `to ${t.join(' or ')}` : 'with no target';
}

function table(r: Race, data: string): string {
  const task = r.targetReturn !== undefined;
  const lines = [
    `race on ${data} ${targets(r)}: the same net, data and start for every method`,
    task
      ? '  method       to target   iterations   seconds    held-out   stopped'
      : '  method       to target   iterations   seconds   best loss   accuracy   stopped',
  ];
  for (const row of r.rows) {
    const cells = [
      row.method.padEnd(10),
      // With no target there is nothing to reach: '-' rather than a row of "not reached".
      (!hasTarget(r) ? '-' : row.reached ? 'reached' : 'not reached').padStart(11),
      String(row.iterations).padStart(12),
      row.seconds.toFixed(3).padStart(9),
      ...(task
        ? [(row.heldOutReturn as number).toFixed(2).padStart(11)]
        : [row.loss.toFixed(6).padStart(11), (row.accuracy === null ? '-' : percent(row.accuracy)).padStart(10)]),
    ];
    lines.push(`  ${cells.join(' ')}   ${row.stopReason}`);
  }
  const on = r.rows[0]?.accuracyOn;
  const to = hasTarget(r) ? 'to the target where reached' : 'of the whole run';
  if (on)
    lines.push(
      `(iterations and seconds are ${to}; ${task ? 'held-out: the kept weights’ mean return' : `accuracy on the ${on} set`})`,
    );
  return lines.join('\n');
}

async function main(a: CompareArgs): Promise<void> {
  // Every flag is checked before any training, so a mistake costs nothing and writes nothing.
  const onTask = a.task !== undefined || a.objective !== undefined;
  // On a task the default race is of the methods that train on one (backprop does not).
  const methods = methodsOf(onTask && !typedIn(process.argv.slice(2), 'methods') ? TASK_METHODS.join(',') : a.methods);
  const chart = a.svg ?? a.png;
  if (a.svg !== undefined && a.png !== undefined)
    throw new UsageError(`--png ${show(a.png)}: expected one chart, --svg or --png (--svg ${show(a.svg)} given)`);
  if (chart !== undefined) {
    const flag = a.svg !== undefined ? 'svg' : 'png';
    checkOutput(flag, chart, [`.${flag}`]);
  }
  const seeds = a.seeds !== undefined ? seedsOf(a.seeds) : [a.seed];
  // Ctrl-C or SIGTERM: the method running stops, the rest are not run, and the table shows those run.
  const interrupt = listenForInterrupt();
  // A race runs for seconds with nothing to print until it ends: on a terminal, each method's
  // run as a live line while it lasts, then cleared for the table. Pipes and --json get the table only.
  const watch =
    !a.json && process.stdout.isTTY
      ? (method: Method, seed: string) =>
          liveLine(
            process.stdout,
            {
              maxIters: a.maxIters,
              maxSeconds: a.maxSeconds,
              label: `${seed}${method} (${methods.indexOf(method) + 1}/${methods.length})`,
              clear: true,
            },
            () => {},
          )
      : undefined;
  const typed = (flag: string) => typedIn(process.argv.slice(2), flag);
  const limits = { maxIters: a.maxIters, maxSeconds: a.maxSeconds, threads: capThreads('compare', a.threads) };
  // On a task, what was typed of the rest: train refuses a data flag there, as it does a task flag on data.
  const typedOnly = (keys: (keyof CompareArgs)[]) =>
    Object.fromEntries(keys.filter((k) => typed(flagName(k))).map((k) => [k, a[k]]));
  const common = onTask
    ? {
        task: a.task,
        objective: a.objective,
        targetReturn: a.targetReturn,
        hidden: a.hidden,
        ...limits,
        ...typedOnly(['data', 'samples', 'label', 'ignore', 'missing', 'testSplit', 'targetLoss', 'targetAccuracy']),
        signal: interrupt.signal,
      }
    : {
        data: a.data,
        samples: a.samples,
        label: a.label,
        ignore: a.ignore,
        missing: a.missing,
        testSplit: a.testSplit,
        hidden: a.hidden,
        targetLoss: a.targetLoss,
        targetAccuracy: a.targetAccuracy,
        ...limits,
        signal: interrupt.signal,
      };
  if (!onTask) checkDataFlags(common, COMPARE_FLAGS, typed);
  const races: Race[] = [];
  for (const seed of seeds) {
    if (interrupt.signal.aborted) break; // Ctrl-C: the seeds after this one are not raced
    const label = seeds.length > 1 ? `seed ${seed}, ` : '';
    races.push(await race(methods, { ...common, seed }, watch && ((method) => watch(method, label))));
  }
  interrupt.dispose();
  if (seeds.length > 1) await report(a, seeds.slice(0, races.length), races, chart);
  else await reportOne(a, seeds[0], races[0], chart);
  if (interrupt.code()) {
    console.error('compare: interrupted; the table shows the methods run so far');
    process.exitCode = interrupt.code();
  }
}

/** What a race is on, as its table names it: the task, the module or the data. */
const nameOf = (a: CompareArgs) => a.task ?? a.objective ?? a.data;

/** One seed: a row per method, and each method's curves. */
async function reportOne(a: CompareArgs, seed: string, r: Race, chart: string | undefined): Promise<void> {
  const { rows, ...targetsOf } = r;
  if (a.json)
    console.log(JSON.stringify({ data: nameOf(a), seed, ...targetsOf, rows: rows.map(({ history, ...x }) => x) }));
  else console.log(table(r, nameOf(a)));
  if (chart === undefined) return;
  const [{ curvesSpec }, { writeChart }] = await Promise.all([
    import('../plot/curves.ts'),
    import('../plot/render.ts'),
  ]);
  // A task's runs are drawn as the returns their histories hold the negatives of.
  const returns = r.targetReturn !== undefined;
  const runs = rows.map((x) => ({ label: x.method, history: x.history, regression: x.accuracy === null, returns }));
  const what = returns ? 'return' : 'loss';
  await writeChart(chart, curvesSpec(runs, { log: a.log, title: `${what} on ${nameOf(a)}, same net and start` }));
  if (!a.json) console.log(`chart: ${chart}`);
}

/** Many seeds: a row per method with medians and quartiles, and a band per method. */
async function report(a: CompareArgs, seeds: string[], races: Race[], chart: string | undefined): Promise<void> {
  const summary = summarize(races);
  const { targetLoss, targetAccuracy } = races[0];
  if (a.json) {
    const perSeed = races.map((r, i) => ({ seed: seeds[i], rows: r.rows.map(({ history, ...x }) => x) }));
    console.log(JSON.stringify({ data: nameOf(a), seeds, targetLoss, targetAccuracy, summary, races: perSeed }));
  } else {
    const heading = `race on ${nameOf(a)} ${targets(races[0])} from ${seeds.length} seeds (${seedsInWords(seeds)}): each seed the same net, data and start for every method`;
    console.log(summaryTable(summary, heading));
  }
  if (chart === undefined) return;
  const [{ bandsSpec }, { writeChart }] = await Promise.all([import('../plot/bands.ts'), import('../plot/render.ts')]);
  if (races[0].targetReturn !== undefined) {
    // A task: the held-out returns, the histories' negated test losses.
    const title = `held-out return on ${nameOf(a)}: median and quartiles over ${seeds.length} seeds`;
    const bands = curveBands(races, (p) => -(p.testLoss ?? Number.NaN));
    await writeChart(chart, bandsSpec(bands, { title, yTitle: 'held-out mean return' }));
  } else {
    const title = `loss on ${nameOf(a)}: median and quartiles over ${seeds.length} seeds`;
    const regression = races[0].rows.some((x) => x.accuracy === null); // no accuracy: not a classifier
    await writeChart(chart, bandsSpec(curveBands(races), { log: a.log, title, regression }));
  }
  if (!a.json) console.log(`chart: ${chart}`);
}

await runCommand('compare', async () => {
  await main(await parseCompareArgs());
});
