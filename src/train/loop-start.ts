// The loop's first step, and what its steps share. Opening a run prepares the
// data, net and params and picks the update rule and its runner; starting the
// loop tells the caller what will run and sets up the tracker. The loop's
// other steps (iteration.ts, train-result.ts) read and move the Loop it gives.

import { targetUnits, worthKeeping } from '../data/encoding.ts';
import type { Reported, ReportSpec } from '../methods/report-phase.ts';
import { resetProfile } from '../parallel/profile.ts';
import type { Runner } from '../parallel/runner.ts';
import { resolveOptions, type Settings, type TrainOptions } from './options.ts';
import { type Prepared, prepare } from './prepare.ts';
import { updateRule } from './rules.ts';
import { type StopReason, StopRules } from './stop.ts';
import { Tracker } from './tracker.ts';
import type { UpdateRule } from './update-rule.ts';

/** A prepared run with its rule and its runner: what must be closed however the run ends. */
export interface OpenRun {
  prepared: Prepared;
  o: Settings;
  rule: UpdateRule;
  runner: Runner;
}

/** A run in progress: the params the loop updates in place, and where it stands. */
export interface Loop extends OpenRun {
  params: Float64Array;
  tracker: Tracker;
  /** The first iteration's number: 0, or a resumed model's iterations. */
  start: number;
  /** Updates made so far, a resumed model's included. */
  iterations: number;
  /** The last loss observed ('before' rules: NaN where the params changed after it). */
  loss: number;
  /** A runner's failure (stop reason 'failed'). */
  error?: Error;
}

export async function openRun(given: TrainOptions): Promise<OpenRun> {
  const prepared = prepare(resolveOptions(given));
  const { settings: o, run, net, output, data } = prepared;
  const rule = updateRule(o, run, net, output, data);
  const runner = o.runner ?? (await rule.runner(reportSpec(prepared)));
  resetProfile(runner.profile);
  return { prepared, o, rule, runner };
}

/** Tells the caller what will run, then observes the starting params where the rule measures after updates. */
export async function startLoop(open: OpenRun): Promise<{ loop: Loop; reason: StopReason | undefined }> {
  announce(open);
  const { prepared, o, rule } = open;
  const { net, output, data, validation, test, evalSamples, resume, params } = prepared;
  const batch = prepared.run.eval.batch;
  const setup = {
    net,
    output,
    data,
    validation,
    test,
    evalSamples,
    perEpoch: batch > 0 ? Math.ceil(data.n / batch) : undefined,
    batch,
    reportEvery: o.reportEvery,
    onEvent: o.onEvent,
    targetAccuracy: o.targetAccuracy,
    resume,
    threads: () => open.runner.threads,
  };
  const tracker = new Tracker(setup, params, new StopRules({ ...o, validation: validation !== undefined }));
  // Iteration numbers go on from a resumed model's: random candidates and batches are keyed by them.
  const start = resume.iteration;
  const loop: Loop = { ...open, params, tracker, start, iterations: start, loss: rule.startLoss(params) };
  const reportsBefore = tracker.reportMs;
  const parts = tracker.reportParts(start);
  const reason = rule.measures === 'after' ? tracker.observe(start, loop.loss, await measure(loop, parts)) : undefined;
  open.runner.profile.reportMs += tracker.reportMs - reportsBefore; // the first report, as iteration.ts counts the rest
  return { loop, reason };
}

function announce({ prepared, o, runner }: OpenRun): void {
  const { net, output, data, validation, test, params, chosen, notes, encoding } = prepared;
  o.onEvent?.({
    type: 'start',
    nodes: [...net.nodes],
    func: net.func,
    loss: output.name,
    method: o.method,
    data: data.name,
    samples: data.n,
    testSamples: test?.n ?? 0,
    validationSamples: validation?.n ?? 0,
    batch: prepared.run.eval.batch,
    threads: runner.threads,
    strategy: runner.strategy,
    runner: runner.describe(),
    params: params.length,
    evalsPerIter: runner.results.length,
    chosen,
    notes,
    ...(worthKeeping(encoding) ? { encoding } : {}),
  });
}

/** What a run's reports measure, on its runner's threads: the evaluation set, and every set it has, scored. */
function reportSpec({ evalSamples, data, validation, test, encoding }: Prepared): ReportSpec {
  const sets = { train: data, ...(validation ? { validation } : {}), ...(test ? { test } : {}) };
  return { ...(evalSamples ? { samples: evalSamples } : {}), sets, units: targetUnits(encoding) };
}

/**
 * A report's `parts` (report-phase.ts) of `params` (the current ones unless
 * given), on the runner's threads where it can: the same bits as the tracker's
 * own, in the main thread. A runner without reports, or a pool that fails or
 * stops meanwhile, leaves them to the tracker (the next iteration says why).
 */
export async function measure(loop: Loop, parts: number, params = loop.params): Promise<Reported | undefined> {
  const { runner, tracker } = loop;
  if (parts === 0 || !runner.report) return undefined;
  const r0 = performance.now();
  runner.setParams(params);
  const measured = await runner.report(parts).catch(() => undefined);
  tracker.reportMs += performance.now() - r0;
  return measured;
}
