// Ctrl-C and SIGTERM for train: the first asks the run to stop (even in the
// middle of an iteration) and save the best model so far; a second press exits
// at once. The exit code then says which signal: 130 or 143.
//
// One press can arrive twice. A terminal signals the whole foreground process
// group, and `npm run` forwards the signal it got to its child as well. Where
// the script shell runs node as npm's direct child (bash execs a lone command;
// dash, Debian's sh, does not), node gets the same Ctrl-C twice within
// milliseconds; taken as a second press, it exited at once without saving the
// model. A repeat within SAME_PRESS_MS is therefore the same press. Under
// `npm run` the copy can come later than that (npm forwards it from its own
// event loop, late on a busy machine), so there the first repeat is the same
// press whenever it comes, and the one after it exits.

const SAME_PRESS_MS = 300;
const CODES = { SIGINT: 130, SIGTERM: 143 } as const;

export interface Interrupt {
  /** Aborted at the first signal. */
  readonly signal: AbortSignal;
  /** 130 or 143 after a signal, else 0. */
  code(): number;
  /** Stops listening: signals then have their default effect again. */
  dispose(): void;
}

/** Whether npm runs this very command (`npm run train`), not merely a parent of ours (`npm test` running tests). */
function ranByNpm(): boolean {
  return process.env.npm_lifecycle_script?.includes('scripts/run.mjs') === true;
}

export function listenForInterrupt(exit: (code: number) => void = process.exit, underNpm = ranByNpm()): Interrupt {
  const stop = new AbortController();
  let code = 0;
  let firstAt = 0;
  let copyAwaited = underNpm;
  const handlers = Object.entries(CODES).map(([name, c]) => {
    const handler = () => {
      if (!stop.signal.aborted) {
        code = c;
        firstAt = performance.now();
        stop.abort();
      } else if (copyAwaited) copyAwaited = false;
      else if (performance.now() - firstAt > SAME_PRESS_MS) exit(c);
    };
    process.on(name, handler);
    return [name, handler] as const;
  });
  return {
    signal: stop.signal,
    code: () => code,
    dispose() {
      for (const [name, handler] of handlers) process.off(name, handler);
    },
  };
}
