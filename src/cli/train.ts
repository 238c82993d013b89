// train: the command-line trainer. Flags in args.ts, training in train/;
// this file wires them together and decides what the user sees.

import type { Dataset } from '../data/dataset.ts';
import { targetUnits } from '../data/encoding.ts';
import { type Model, saveModel } from '../model/model-file.ts';
import { health, SLOPE_MIN } from '../nn/health.ts';
import { type Scores, score } from '../nn/metrics.ts';
import { formatProfile } from '../parallel/profile.ts';
import { methodMeta, stepFlag } from '../train/method-registry.ts';
import { dataMeta, withModelData } from '../train/model-data.ts';
import { modelOf } from '../train/model-of.ts';
import { inputSpread } from '../train/notes.ts';
import { resolveOptions, type TrainOptions } from '../train/options.ts';
import { summary } from '../train/summary.ts';
import { type TrainResult, train } from '../train/trainer.ts';
import { show } from '../util/option-error.ts';
import { UsageError } from '../util/usage-error.ts';
import { checkApplies } from './applies.ts';
import { withCheckpoints } from './checkpoint.ts';
import { runCommand } from './command.ts';
import { typedIn } from './flag-reader.ts';
import { gradCheck, gradCheckText } from './grad-check.ts';
import { listenForInterrupt } from './interrupt.ts';
import { eventView, lossSparkline } from './live-line.ts';
import { CHART_TYPES, checkOutput, sameFile } from './output-path.ts';
import { summaryText } from './report.ts';
import { stuckStop, testFault } from './test-fault.ts';
import { capThreads } from './thread-cap.ts';
import { type Args, parseArgs, TRAIN_FLAGS } from './train-flags.ts';

async function main({ options: given, command: a }: Args): Promise<void> {
  if (a.gradCheck) {
    checkApplies(given, TRAIN_FLAGS, typed); // --grad-check with random or spsa would check a gradient they never use
    const o = resolveOptions(given);
    console.log(gradCheckText(gradCheck(given), { grad: o.grad, diff: o.diff, h: o.h }));
    return;
  }
  // Output piped into a command that stops reading (| head): keep training and save the model all the same.
  process.stdout.on('error', () => {});
  // Ctrl-C or SIGTERM: stop, even mid-iteration, and save the best model so far (interrupt.ts).
  const interrupt = listenForInterrupt();
  // --init of a model without --data: the model's data (model-data.ts), checked below as typed data is.
  const options = withCappedThreads(withModelData(given, typed));
  checkApplies(options, TRAIN_FLAGS, typed);
  const inputs = { data: String(options.data), init: String(given.init) };
  checkOutput('out', a.out);
  for (const input of ['data', 'init'] as const)
    if (sameFile(a.out, inputs[input]))
      throw new UsageError(`--out ${show(a.out)}: is the --${input} file, expected a path that is not an input`);
  if (a.plot !== undefined) {
    checkOutput('plot', a.plot, CHART_TYPES);
    for (const other of ['out', 'data', 'init'] as const)
      if (sameFile(a.plot, other === 'out' ? a.out : inputs[other]))
        throw new UsageError(`--plot ${show(a.plot)}: is the --${other} file, expected a path of its own`);
  }
  // A terminal gets one line rewritten in place; pipes, files, --quiet and --json get plain lines.
  const view = await eventView(process.stdout, {
    json: a.json,
    quiet: a.quiet,
    maxIters: given.maxIters,
    maxSeconds: given.maxSeconds,
  });
  const runMeta = { seed: String(options.seed), ...dataMeta(options, a.out) };
  const r = await train({
    ...options,
    signal: stuckStop() ? undefined : interrupt.signal,
    fault: testFault(),
    onEvent: withCheckpoints(a.out, runMeta, view.onEvent),
  }).finally(() => view.stop());

  const units = targetUnits(r.encoding);
  const scoresOn = (d: Dataset | undefined) => (d ? score(r.net, r.params, d, r.output, units) : null);
  const trainScores = scoresOn(r.data) as Scores;
  const testScores = scoresOn(r.test);
  const acc = Number.isNaN(trainScores.accuracy) ? null : trainScores.accuracy;
  const o = r.options;
  saveModel(
    a.out,
    modelOf(r, {
      method: o.method,
      ...runMeta,
      init: r.init,
      iterations: r.iterations,
      loss: r.loss,
      accuracy: acc,
      ...(testScores && !Number.isNaN(testScores.accuracy) ? { testAccuracy: testScores.accuracy } : {}),
      ...(r.validationLoss !== undefined ? { validationLoss: r.validationLoss } : {}),
      ...(r.options.validationSplit > 0 ? { validationSplit: r.options.validationSplit } : {}),
      stopReason: r.stopReason,
      ...methodMeta(o),
      date: new Date().toISOString(),
    }),
  );
  // Listened to until the model is saved: a Ctrl-C while a large set is scored must not lose it.
  interrupt.dispose();
  if (r.stopReason !== 'interrupted' && interrupt.code()) process.exitCode = interrupt.code();
  const map = a.plot !== undefined && (await plotMap(a.plot, modelOf(r), r));
  const advice = Number.isFinite(r.loss) ? deadNetAdvice(r) : undefined; // else the line below says why
  if (advice) console.error(`train: ${advice}`);
  const sets = { train: trainScores, validation: scoresOn(r.validation), test: testScores };
  const sum = summary(r, sets, a.out, map ? a.plot : undefined);
  console.log(a.json ? JSON.stringify({ type: 'summary', ...sum }) : summaryText(sum));
  if (view.live && r.history.length > 1)
    console.log(`loss curve: ${await lossSparkline(r.history.map((p) => p.loss))}`);
  if (a.profile) console.log(a.json ? JSON.stringify({ type: 'profile', ...r.profile }) : formatProfile(r.profile));
  if (r.stopReason === 'diverged') {
    const step = stepFlag(r.options);
    // Not finite from the first weights on: no step made it so, and there is no finite model to keep.
    const line = Number.isFinite(r.loss)
      ? `loss diverged at iteration ${r.iterations}; the best finite model is in ${a.out}. Try a smaller ${step}.`
      : `loss is not finite from the first weights on (--init ${show(o.init)}); ${a.out} holds them. Try other --init.`;
    console.error(`train: ${line}`);
    process.exitCode = 1;
  }
  if (r.stopReason === 'interrupted') {
    console.error(`train: interrupted; the best model so far is in ${a.out}`);
    process.exitCode = interrupt.code() || 130;
  }
  if (r.stopReason === 'failed') {
    console.error(`train: evaluation failed (${r.error?.message}); the best model so far is in ${a.out}`);
    process.exitCode = 1;
  }
}

/** Weights past this are no longer a scale a logistic or tanh unit can use. */
const EXPLODED = 1e3;

/** What to say when the trained net can no longer learn: exploded weights, saturated or dead units. */
function deadNetAdvice(r: TrainResult): string | undefined {
  const h = health(r.net, r.params, r.data);
  const saturated = h.saturated > 0.99;
  if (!saturated && h.maxWeight <= EXPLODED) return undefined;
  const what = [
    ...(saturated
      ? [
          `${(100 * h.saturated).toFixed(1)}% of the hidden units' slopes are below ${SLOPE_MIN.toExponential(0)} (saturated or dead)`,
        ]
      : []),
    ...(h.maxWeight > EXPLODED ? [`the largest weight is ${h.maxWeight.toPrecision(2)}`] : []),
  ];
  const spread = inputSpread(r.data);
  // Inputs of very different sizes saturate a unit however small the step: scaling is the cure, so it goes first.
  const scale =
    r.options.scale === 'none' && spread.ratio > 100
      ? `The inputs' scales differ (${spread.range}): try --scale standard; or a smaller`
      : 'Try a smaller';
  return `${what.join(' and ')}: the net can hardly learn any more. ${scale} ${stepFlag(r.options)}, or --init xavier.`;
}

/** Whether --flag was typed, not taken from the table's defaults. */
const typed = (flag: string) => typedIn(process.argv.slice(2), flag);

function withCappedThreads(o: TrainOptions): TrainOptions {
  return { ...o, threads: capThreads('train', o.threads) };
}

/** --plot: the decision map of the trained model over its training data (vega loads only here); whether it was drawn. */
async function plotMap(path: string, model: Model, r: TrainResult): Promise<boolean> {
  const problem =
    r.data.inDim !== 3
      ? `a decision map needs 2-D data, and ${r.data.name} has ${r.data.inDim - 1} features`
      : r.output.name === 'mse'
        ? `a decision map needs a classifier, and ${r.data.name} is a regression`
        : r.encoding.features.some((f) => f.type !== 'number')
          ? `a decision map needs two number columns, and ${r.data.name} has a word column`
          : undefined;
  if (problem) {
    console.error(`train: --plot ${show(path)}: ${problem}`);
    process.exitCode = 2;
    return false;
  }
  const [{ decisionMapSpec }, { writeChart }] = await Promise.all([
    import('../plot/decision-map.ts'),
    import('../plot/render.ts'),
  ]);
  await writeChart(path, decisionMapSpec(model, r.data, { method: r.options.method, loss: r.loss }));
  return true;
}

await runCommand('train', async () => {
  await main(await parseArgs());
});
