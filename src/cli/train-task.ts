// train --task / --objective: a policy trained on episodes instead of data.
// The same flags, checks, Ctrl-C and model file as a data run; what is shown
// is returns (task-text.ts).

import { saveModel } from '../model/model-file.ts';
import { formatProfile } from '../parallel/profile.ts';
import { taskModel } from '../train/task-model.ts';
import { type TaskOptions, train } from '../train/trainer.ts';
import type { Interrupt } from './interrupt.ts';
import { checkOutput } from './output-path.ts';
import { printer } from './report.ts';
import { taskSummaryText } from './task-text.ts';
import { stuckStop, testFault } from './test-fault.ts';
import type { Args } from './train-flags.ts';

export async function trainOnTask(given: TaskOptions, a: Args['command'], interrupt: Interrupt): Promise<void> {
  checkOutput('out', a.out);
  const r = await train({
    ...given,
    signal: stuckStop() ? undefined : interrupt.signal,
    fault: testFault(),
    onEvent: printer(a.json, a.quiet),
  });
  saveModel(a.out, taskModel(r));
  interrupt.dispose();
  const summary = taskSummaryText(r, a.out);
  console.log(
    a.json
      ? JSON.stringify({
          type: 'summary',
          stopReason: r.stopReason,
          iterations: r.iterations,
          heldOutReturn: r.heldOutReturn,
          bestIteration: r.bestIteration,
          wallSeconds: r.elapsedMs / 1000,
          threads: r.threads,
          model: a.out,
        })
      : summary,
  );
  if (a.profile) console.log(a.json ? JSON.stringify({ type: 'profile', ...r.profile }) : formatProfile(r.profile));
  if (r.stopReason === 'interrupted') {
    console.error(`train: interrupted; the best policy so far is in ${a.out}`);
    process.exitCode = interrupt.code() || 130;
  } else if (r.stopReason === 'failed') {
    console.error(`train: evaluation failed (${r.error?.message}); the best policy so far is in ${a.out}`);
    process.exitCode = 1;
  }
}
