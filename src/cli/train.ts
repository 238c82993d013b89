// train: the command-line trainer. Flags in train-flags.ts, training in
// train/; this file wires them together and decides what the user sees.

import { type Model, saveModel } from '../model/model-file.ts';
import { formatProfile } from '../parallel/profile.ts';
import { deadNetAdvice } from '../train/advice.ts';
import { gradCheck } from '../train/grad-check.ts';
import { stepFlag } from '../train/method-registry.ts';
import { dataMeta, withModelData } from '../train/model-data.ts';
import { modelOf } from '../train/model-of.ts';
import { resolveOptions, type TrainOptions } from '../train/options.ts';
import { runMeta, setScores, summary } from '../train/summary.ts';
import { initPolicy } from '../train/task-init.ts';
import { type TaskOptions, type TrainResult, train } from '../train/trainer.ts';
import { show } from '../util/option-error.ts';
import { flagName } from '../util/option-spec.ts';
import { UsageError } from '../util/usage-error.ts';
import { checkApplies } from './applies.ts';
import { withCheckpoints } from './checkpoint.ts';
import { runCommand } from './command.ts';
import { gradCheckText } from './grad-check-text.ts';
import { listenForInterrupt } from './interrupt.ts';
import { eventView, lossSparkline } from './live-line.ts';
import { typedIn } from './npm-flags.ts';
import { CHART_TYPES, checkOutput, sameFile } from './output-path.ts';
import { summaryText } from './report.ts';
import { stuckStop, testFault } from './test-fault.ts';
import { capThreads } from './thread-cap.ts';
import { type Args, parseArgs, TRAIN_FLAGS } from './train-flags.ts';
import { trainOnTask } from './train-task.ts';

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
  if (given.task !== undefined || given.objective !== undefined || (!typed('data') && initPolicy(given.init))) {
    // Only what was typed: a task decides the rest itself, as the library does for what it is not given.
    const typedOnly = Object.fromEntries(Object.entries(given).filter(([k]) => typed(flagName(k))));
    return trainOnTask({ ...typedOnly, threads: capThreads('train', given.threads) } as TaskOptions, a, interrupt);
  }
  // --init of a model without --data: the model's data (model-data.ts), checked below as typed data is.
  const options = withCappedThreads(withModelData(given, typed));
  checkApplies(options, TRAIN_FLAGS, typed);
  checkPaths(a, { data: String(options.data), init: String(given.init) });
  // A terminal gets one line rewritten in place; pipes, files, --quiet and --json get plain lines.
  const view = await eventView(process.stdout, { ...a, maxIters: given.maxIters, maxSeconds: given.maxSeconds });
  const picks = { seed: String(options.seed), ...dataMeta(options, a.out) };
  const r = await train({
    ...options,
    signal: stuckStop() ? undefined : interrupt.signal,
    fault: testFault(),
    onEvent: withCheckpoints(a.out, picks, view.onEvent),
  }).finally(() => view.stop());
  const sets = setScores(r);
  saveModel(a.out, modelOf(r, runMeta(r, picks, sets)));
  // Listened to until the model is saved: a Ctrl-C while a large set is scored must not lose it.
  interrupt.dispose();
  if (r.stopReason !== 'interrupted' && interrupt.code()) process.exitCode = interrupt.code();
  const map = a.plot !== undefined && (await plotMap(a.plot, modelOf(r), r));
  const advice = Number.isFinite(r.loss) ? deadNetAdvice(r) : undefined; // else the ending line says why
  if (advice) console.error(`train: ${advice}`);
  const sum = summary(r, sets, a.out, map ? a.plot : undefined);
  console.log(a.json ? JSON.stringify({ type: 'summary', ...sum }) : summaryText(sum));
  if (view.live && r.history.length > 1)
    console.log(`loss curve: ${await lossSparkline(r.history.map((p) => p.loss))}`);
  if (a.profile) console.log(a.json ? JSON.stringify({ type: 'profile', ...r.profile }) : formatProfile(r.profile));
  const ending = endingLine(r, a.out);
  if (ending) {
    console.error(`train: ${ending}`);
    process.exitCode = r.stopReason === 'interrupted' ? interrupt.code() || 130 : 1;
  }
}

/** --out and --plot: writable, of the right type, and none of them an input or the other. */
function checkPaths(a: Args['command'], inputs: { data: string; init: string }): void {
  checkOutput('out', a.out);
  for (const input of ['data', 'init'] as const)
    if (sameFile(a.out, inputs[input]))
      throw new UsageError(`--out ${show(a.out)}: is the --${input} file, expected a path that is not an input`);
  if (a.plot === undefined) return;
  checkOutput('plot', a.plot, CHART_TYPES);
  for (const other of ['out', 'data', 'init'] as const)
    if (sameFile(a.plot, other === 'out' ? a.out : inputs[other]))
      throw new UsageError(`--plot ${show(a.plot)}: is the --${other} file, expected a path of its own`);
}

/** What a run that did not end well says last: diverged, interrupted or failed, and where its model is. */
function endingLine(r: TrainResult, out: string): string | undefined {
  if (r.stopReason === 'diverged')
    // Not finite from the first weights on: no step made it so, and there is no finite model to keep.
    return Number.isFinite(r.loss)
      ? `loss diverged at iteration ${r.iterations}; the best finite model is in ${out}. Try a smaller ${stepFlag(r.options)}.`
      : `loss is not finite from the first weights on (--init ${show(r.options.init)}); ${out} holds them. Try other --init.`;
  if (r.stopReason === 'interrupted') return `interrupted; the best model so far is in ${out}`;
  if (r.stopReason === 'failed') return `evaluation failed (${r.error?.message}); the best model so far is in ${out}`;
  return undefined;
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
