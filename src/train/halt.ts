// The one signal that gives up an iteration in progress: the caller's (Ctrl-C,
// SIGTERM) or the time limit, whichever comes first. Checking the stop rules
// between iterations is not enough where one iteration takes half a minute;
// runners watch this signal between slices of their work (parallel/slices.ts).

import type { StopReason } from './stop.ts';

export class Halt {
  private readonly controller = new AbortController();
  private readonly timer?: NodeJS.Timeout;
  private readonly onAbort = () => this.controller.abort('interrupted');

  private readonly caller: AbortSignal | undefined;

  /** `ms`: time left under --max-seconds (NaN or Infinity: no limit, as maxSeconds 0 gives). */
  constructor(caller: AbortSignal | undefined, ms: number) {
    this.caller = caller;
    if (caller?.aborted) this.onAbort();
    caller?.addEventListener('abort', this.onAbort);
    if (Number.isFinite(ms) && ms >= 0 && !this.controller.signal.aborted)
      this.timer = setTimeout(() => this.controller.abort('max-seconds'), Math.max(0, ms));
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Why the iteration was given up. */
  reason(): StopReason {
    return this.controller.signal.reason === 'max-seconds' ? 'max-seconds' : 'interrupted';
  }

  /** The timer and the listener go, so that a finished run leaves nothing behind. */
  dispose(): void {
    clearTimeout(this.timer);
    this.caller?.removeEventListener('abort', this.onAbort);
  }
}
