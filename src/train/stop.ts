// When to stop training: the original's loss threshold, plus the limits a
// user needs to keep a run bounded (iterations, seconds, a plateau, Ctrl-C).

export type StopReason =
  | 'target-loss'
  | 'target-accuracy'
  | 'target-return'
  | 'max-iters'
  | 'max-seconds'
  | 'plateau'
  | 'early-stop'
  | 'diverged'
  | 'interrupted'
  | 'failed';

export interface StopOptions {
  targetLoss: number;
  /** 0: no target. */
  targetAccuracy: number;
  maxIters: number;
  /** 0 = no time limit. */
  maxSeconds: number;
  /**
   * Plateau: stop when the best loss improved by less than minDelta over
   * `patience` reports (0 = off): an amount below a loss of 1, a share of the
   * loss above it, so that a loss of 345,000 plateaus as one of 0.3 does.
   */
  minDelta: number;
  patience: number;
  /** The best loss is a validation part's: its plateau is early stopping ('early-stop'). */
  validation?: boolean;
  signal?: AbortSignal;
}

export class StopRules {
  private readonly bestAtReport: number[] = [];

  private readonly o: StopOptions;

  constructor(o: StopOptions) {
    this.o = o;
  }

  /** `loss` undefined: not measured at this iteration (mini-batch runs measure at reports only). */
  check(
    iteration: number,
    loss: number | undefined,
    bestLoss: number,
    elapsedMs: number,
    report: boolean,
    accuracy: number | null = null,
  ): StopReason | undefined {
    if (loss !== undefined && !Number.isFinite(loss)) return 'diverged';
    if (loss !== undefined && loss < this.o.targetLoss) return 'target-loss';
    if (this.o.targetAccuracy > 0 && accuracy !== null && accuracy >= this.o.targetAccuracy) return 'target-accuracy';
    if (iteration >= this.o.maxIters) return 'max-iters';
    if (this.o.maxSeconds > 0 && elapsedMs >= this.o.maxSeconds * 1000) return 'max-seconds';
    if (this.o.signal?.aborted) return 'interrupted';
    if (report && loss !== undefined && this.o.patience > 0) {
      this.bestAtReport.push(bestLoss);
      const n = this.bestAtReport.length;
      const before = this.bestAtReport[n - 1 - this.o.patience];
      if (n > this.o.patience && before - bestLoss < this.o.minDelta * Math.max(Math.abs(before), 1))
        return this.o.validation ? 'early-stop' : 'plateau';
    }
    return undefined;
  }
}
