// A run's loss history, as the model file (and a --history file) keeps it, so
// that curves can be drawn after the fact and a resumed run can go on from it.

/** One measurement: the loss after `iteration` updates, `ms` into the run. */
export interface HistoryPoint {
  iteration: number;
  /** The training loss (with mini-batches: on the fixed evaluation set). */
  loss: number;
  /** Milliseconds of training since the run began (a resumed run continues the count). */
  ms: number;
  /** Where there is a test set, at reports and epoch ends; absent elsewhere. */
  testLoss?: number;
  testAccuracy?: number;
}
