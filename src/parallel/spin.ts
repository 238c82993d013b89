// Spinning before blocking pays only when what is awaited comes within the
// spin: waking from a blocked wait costs tens of microseconds, a spin costs
// its core for as long as it lasts, and on a machine whose cores are busy
// with other work it takes a core from them. So each waiter keeps, for each
// kind of wait (the phase it has just finished or waits on), a running mean
// of how long those waits lasted, and spins only where they have been shorter
// than its budget. Waits that grow (another process on the cores, a phase
// followed by a long update) stop the spinning; waits that shrink again,
// measured as they block, bring it back.

/** Weight of the newest wait in the running mean. */
const NEWEST = 0.25;

export class SpinPolicy {
  private readonly meanUs: Float64Array;
  private readonly budgetUs: number;

  constructor(budgetUs: number, kinds: number) {
    this.budgetUs = budgetUs;
    this.meanUs = new Float64Array(kinds); // 0: spin until waits say otherwise
  }

  /** How long to spin before blocking in a wait of this kind, in µs (0: block at once). */
  spinUs(kind: number): number {
    return this.meanUs[kind] <= this.budgetUs ? this.budgetUs : 0;
  }

  /** A wait of this kind lasted `us`. */
  observe(kind: number, us: number): void {
    this.meanUs[kind] += NEWEST * (us - this.meanUs[kind]);
  }
}
