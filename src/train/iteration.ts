// One iteration of the loop, and the checkpoint after it. The runner evaluates
// the iteration; its update rule turns the results into the loss and the
// update, applied here in the coordinator; the tracker says whether to stop.
// Nothing here names a method: the rule (update-rule.ts) holds what differs.

import { IterationAborted } from '../parallel/slices.ts';
import type { Halt } from './halt.ts';
import { type Loop, measure } from './loop-start.ts';
import type { StopReason } from './stop.ts';

/** Runs iteration t and applies its update; returns why the run stops here, if it does. */
export async function iterate(loop: Loop, t: number, halt: Halt): Promise<StopReason | undefined> {
  const { runner, tracker } = loop;
  runner.setParams(loop.params);
  try {
    await runner.run(t, halt.signal);
  } catch (err) {
    return giveUp(loop, t, err, halt);
  }
  const u0 = performance.now();
  const reportsBefore = tracker.reportMs;
  // This iteration's results: a report (measure) may hand --threads auto over to its pool, whose
  // results are another array.
  const reason = await applyResults(loop, t, runner.results);
  const r = tracker.reportMs - reportsBefore;
  runner.profile.updateMs += performance.now() - u0 - r;
  runner.profile.reportMs += r;
  return reason;
}

/** The rule's loss and update from iteration t's results, observed before or after the update as it says. */
async function applyResults(loop: Loop, t: number, results: Float64Array): Promise<StopReason | undefined> {
  const { rule, tracker, params } = loop;
  if (rule.measures === 'before') {
    loop.loss = rule.loss(results);
    const reason = tracker.observe(t, loop.loss, await measure(loop, tracker.reportParts(t)));
    if (reason === undefined) {
      rule.update(t, results, params, loop.loss);
      loop.iterations = t + 1;
    } else loop.iterations = t;
    return reason;
  }
  loop.loss = rule.update(t, results, params, loop.loss);
  loop.iterations = t + 1;
  return tracker.observe(loop.iterations, loop.loss, await measure(loop, tracker.reportParts(loop.iterations)));
}

/** The iteration is lost; the best params so far are the result, with why the run ended. */
function giveUp(loop: Loop, t: number, err: unknown, halt: Halt): StopReason {
  loop.iterations = t;
  if (loop.rule.measures === 'before') loop.loss = NaN; // the params were updated after the last loss measured
  if (err instanceof IterationAborted) return halt.reason();
  loop.error = err instanceof Error ? err : new Error(String(err));
  return 'failed';
}

/** Every --checkpoint-every updates: the best params so far and the history, for the caller to save. */
export function checkpoint({ o, iterations, tracker }: Loop): void {
  if (!(o.checkpointEvery > 0 && iterations % o.checkpointEvery === 0)) return;
  const { params: best, loss: bestLoss } = tracker.best;
  o.onEvent?.({
    type: 'checkpoint',
    iteration: iterations,
    params: Float64Array.from(best),
    loss: bestLoss,
    history: tracker.history.slice(),
  });
}
