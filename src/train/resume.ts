// Where a run given a model as its init goes on from: the model file's
// iteration count, its loss history and the clock of that history, and its
// loss as the best so far, so that a resumed run never reports or saves
// weights worse than those it started from.

import type { HistoryPoint } from '../model/history.ts';
import type { Model } from '../model/model-file.ts';
import { OptionError } from '../util/option-error.ts';

export interface Resume {
  /** The updates already made: the resumed run's first iteration number. */
  iteration: number;
  /** Milliseconds of training already done: new history points count on from here. */
  ms: number;
  /** The saved weights' loss (Infinity where the file does not say): the best to beat. */
  loss: number;
  history: HistoryPoint[];
}

/** A fresh run, as the start of a count. */
export const FRESH: Resume = { iteration: 0, ms: 0, loss: Infinity, history: [] };

/** What `model` says about the run that made it; files without meta or history start the counts at 0. */
export function resumeFrom(model: Model, init: string): Resume {
  const history = model.history ?? [];
  const last = history[history.length - 1];
  const { iterations, loss } = model.meta;
  const iteration =
    Number.isInteger(iterations) && (iterations as number) >= 0 ? (iterations as number) : (last?.iteration ?? 0);
  if (last && last.iteration > iteration) {
    const problem = `meta.iterations is ${iteration}, before its history's last iteration ${last.iteration}`;
    throw new OptionError('init', init, problem);
  }
  return {
    iteration,
    ms: last?.ms ?? 0,
    loss: typeof loss === 'number' && Number.isFinite(loss) ? loss : Infinity,
    history: history.map((p) => ({ ...p })),
  };
}
