// A run's loss history, as the model file (and a --history file) keeps it, so
// that curves can be drawn after the fact and a resumed run can go on from it;
// and which of its iterations the model's weights are of (the kept one).

/** One measurement: the loss after `iteration` updates, `ms` into the run. */
export interface HistoryPoint {
  iteration: number;
  /** The training loss (with mini-batches: on the fixed evaluation set). */
  loss: number;
  /** Milliseconds of training since the run began (a resumed run continues the count). */
  ms: number;
  /** Where there is a validation part, at reports: the loss that picks the best weights. */
  validationLoss?: number;
  /** Where there is a test set, at reports and epoch ends; absent elsewhere. */
  testLoss?: number;
  testAccuracy?: number;
}

/** The most points a saved history keeps: a curve this dense is smooth on any screen, and the file stays small. */
export const MAX_SAVED_POINTS = 2000;

/**
 * At most `max` points, evenly spread over the run, always with the first,
 * the last, the lowest loss, the lowest validation loss and the best test
 * accuracy: a 60,000-iteration run reported every iteration would otherwise
 * make a model file of megabytes.
 */
export function decimate(history: readonly HistoryPoint[], max = MAX_SAVED_POINTS): HistoryPoint[] {
  const n = history.length;
  if (n <= max) return history.slice();
  const keep = new Set<number>([0, n - 1, best(history, (p) => p.loss)]);
  const validation = best(history, (p) => p.validationLoss);
  if (validation >= 0) keep.add(validation);
  const acc = best(history, (p) => (p.testAccuracy === undefined ? undefined : -p.testAccuracy));
  if (acc >= 0) keep.add(acc);
  // Evenly spaced in index; reports are evenly spaced in iterations, so in iterations too.
  const spread = Math.max(max - keep.size, 2);
  for (let k = 0; k < spread; k++) keep.add(Math.round((k * (n - 1)) / (spread - 1)));
  return [...keep].sort((a, b) => a - b).map((i) => history[i]);
}

/** Index of the first point with the smallest defined key; -1 if none has one. */
function best(history: readonly HistoryPoint[], key: (p: HistoryPoint) => number | undefined): number {
  let at = -1;
  let min = Infinity;
  history.forEach((p, i) => {
    const v = key(p);
    if (v !== undefined && (at < 0 || v < min)) {
      at = i;
      min = v;
    }
  });
  return at;
}

/** The iteration whose weights a model holds, why they were kept, and the losses its run's summary quoted. */
export interface Kept {
  iteration: number;
  /** Milliseconds into the run (between two points' where the history has none at that iteration). */
  ms: number;
  why: string;
  loss: number;
  validationLoss?: number;
}

/**
 * The kept iteration of a model: as its meta records it (train writes
 * bestIteration), or, in older files, the history's lowest validation loss
 * (lowest loss without a validation part). Its losses are the meta's, as the
 * summary quoted them, else the history's at that point; undefined: none known.
 */
export function keptPoint(history: readonly HistoryPoint[], meta: Record<string, unknown>): Kept | undefined {
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  const byValidation = history.some((p) => p.validationLoss !== undefined) || num(meta.validationLoss) !== undefined;
  const lowest = best(history, byValidation ? (p) => p.validationLoss : (p) => p.loss);
  const iteration = num(meta.bestIteration) ?? history[lowest]?.iteration;
  if (iteration === undefined) return undefined;
  const at = history.find((p) => p.iteration === iteration);
  const loss = num(meta.loss) ?? at?.loss;
  if (loss === undefined) return undefined;
  const validationLoss = num(meta.validationLoss) ?? at?.validationLoss;
  const why =
    meta.stopReason === 'target-accuracy'
      ? 'the weights that reached the target accuracy'
      : `the lowest ${byValidation ? 'validation ' : ''}loss`;
  return {
    iteration,
    ms: at?.ms ?? msAt(history, iteration),
    why,
    loss,
    ...(validationLoss !== undefined ? { validationLoss } : {}),
  };
}

/** The clock at an iteration between two reports, read off the line between them. */
function msAt(history: readonly HistoryPoint[], iteration: number): number {
  const k = history.findIndex((p) => p.iteration > iteration);
  if (k < 0) return history.at(-1)?.ms ?? 0;
  if (k === 0) return history[0].ms;
  const [a, b] = [history[k - 1], history[k]];
  return a.ms + ((b.ms - a.ms) * (iteration - a.iteration)) / (b.iteration - a.iteration);
}

/** A history from a user's file, checked point by point; `name` names the file in errors. */
export function parseHistory(doc: unknown, name: string): HistoryPoint[] {
  if (!Array.isArray(doc))
    throw new Error(`${name}: "history" is ${JSON.stringify(doc)}, expected an array of {iteration, loss, ms}`);
  return doc.map((p, i) => {
    const where = `${name}: history[${i}]`;
    if (typeof p !== 'object' || p === null) throw new Error(`${where} is ${JSON.stringify(p)}, expected an object`);
    const field = (key: string, ok: (v: number) => boolean, expected: string, optional = false) => {
      const v = (p as Record<string, unknown>)[key];
      if (optional && v === undefined) return undefined;
      if (typeof v !== 'number' || !ok(v))
        throw new Error(`${where}.${key} is ${JSON.stringify(v) ?? 'missing'}, expected ${expected}`);
      return v;
    };
    const before = i > 0 ? (doc[i - 1] as HistoryPoint).iteration : 0;
    const point: HistoryPoint = {
      iteration: field('iteration', (v) => Number.isInteger(v) && v >= before, `a whole number >= ${before}`) as number,
      loss: field('loss', Number.isFinite, 'a finite number') as number,
      ms: field('ms', (v) => Number.isFinite(v) && v >= 0, 'a number of milliseconds >= 0') as number,
    };
    const validationLoss = field('validationLoss', Number.isFinite, 'a finite number', true);
    if (validationLoss !== undefined) point.validationLoss = validationLoss;
    const testLoss = field('testLoss', Number.isFinite, 'a finite number', true);
    const testAccuracy = field('testAccuracy', (v) => v >= 0 && v <= 1, 'a number from 0 to 1', true);
    if (testLoss !== undefined) point.testLoss = testLoss;
    if (testAccuracy !== undefined) point.testAccuracy = testAccuracy;
    return point;
  });
}
