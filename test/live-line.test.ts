// The terminal's progress line: rewritten in place on a TTY, with the fields
// a learner watches; and the loss sparkline of the summary.
import { Writable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { eventView, liveLine, lossSparkline } from '../src/cli/live-line.ts';
import type { TrainEvent } from '../src/train/events.ts';

/** A terminal 100 columns wide that keeps what is written to it. */
function fakeTty() {
  let text = '';
  const stream = new Writable({
    write(chunk, _enc, done) {
      text += chunk.toString();
      done();
    },
  });
  Object.assign(stream, {
    isTTY: true,
    columns: 100,
    cursorTo: () => true,
    clearLine: () => true,
    moveCursor: () => true,
  });
  return { stream, text: () => text };
}

const progress = (iteration: number, loss: number, elapsedMs = iteration): TrainEvent => ({
  type: 'progress',
  iteration,
  loss,
  accuracy: 0.9,
  bestLoss: loss,
  elapsedMs,
  itersPerSec: 1000,
  threads: 0,
});

describe('the live progress line', () => {
  it('rewrites one line in place with iteration, loss, accuracy, speed and an ETA towards --max-iters', async () => {
    const tty = fakeTty();
    const line = await liveLine(tty.stream, { maxIters: 1000, maxSeconds: 0 }, () => {});
    line.onEvent(progress(0, 2));
    line.onEvent(progress(500, 0.5));
    line.stop();
    const out = tty.text();
    expect(out).toContain('iteration 500  loss 0.500000  accuracy 90.0%  1000 it/s');
    expect(out).toContain('50%');
    expect(out).toContain('ETA');
    expect(out.split('\n').filter((l) => l.includes('iteration')).length).toBe(1); // the same line, redrawn
    // Redrawn from the first column, the rest of the old line cleared: no new line per report.
    expect(out.split('\x1b[1G').length - 1).toBeGreaterThanOrEqual(2);
    expect(out).toContain('\x1b[0K');
  });

  it('shows epochs, test accuracy and samples/s for a mini-batch run, and its ETA towards --max-seconds', async () => {
    const tty = fakeTty();
    const line = await liveLine(tty.stream, { maxIters: 1_000_000, maxSeconds: 10 }, () => {});
    line.onEvent({
      type: 'epoch',
      epoch: 3,
      iteration: 300,
      trainLoss: 0.25,
      testLoss: 0.3,
      testAccuracy: 0.912,
      elapsedMs: 2500,
      samplesPerSec: 4200,
    });
    line.stop();
    const out = tty.text();
    expect(out).toContain('epoch 3  loss 0.2500  test accuracy 91.2%  4200 samples/s');
    expect(out).toContain('25%'); // 2.5 of 10 seconds
  });

  it('follows the limit that ends the run first when both --max-iters and --max-seconds are given', async () => {
    const fast = fakeTty();
    const byIters = await liveLine(fast.stream, { maxIters: 1000, maxSeconds: 60 }, () => {});
    byIters.onEvent(progress(500, 1, 1000)); // half the iterations in 1 s of 60
    byIters.stop();
    expect(fast.text()).toContain(' 50%');
    const slow = fakeTty();
    const bySeconds = await liveLine(slow.stream, { maxIters: 1000, maxSeconds: 2 }, () => {});
    bySeconds.onEvent(progress(100, 1, 1500)); // 10% of the iterations, 75% of the time
    bySeconds.stop();
    expect(slow.text()).toContain(' 75%');
  });

  it("names the run before its fields and clears itself at the end when asked (compare's lines)", async () => {
    const tty = fakeTty();
    const opts = { maxIters: 0, maxSeconds: 10, label: 'random (2/3)', clear: true };
    const line = await liveLine(tty.stream, opts, () => {});
    line.onEvent(progress(100, 1));
    line.stop();
    expect(tty.text()).toContain('random (2/3)  iteration 100  loss 1.000000');
    expect(tty.text().endsWith('\x1b[2K')).toBe(true); // the line erased, not left with a new line after it
  });

  it('turns the cursor and line wrapping back on if the process exits with the line drawn', async () => {
    const tty = fakeTty();
    const before = process.listenerCount('exit');
    const line = await liveLine(tty.stream, { maxIters: 1000, maxSeconds: 0 }, () => {});
    line.onEvent(progress(1, 1));
    expect(tty.text()).toContain('\x1b[?25l'); // cursor hidden while drawn
    expect(process.listenerCount('exit')).toBe(before + 1);
    process.listeners('exit').at(-1)?.(0); // what a second Ctrl-C's process.exit runs
    expect(tty.text().endsWith('\x1b[?25h\x1b[?7h\n')).toBe(true);
    line.stop();
    expect(process.listenerCount('exit')).toBe(before);
  });

  it('draws no bar or ETA when the only limit is the default safety net', async () => {
    const tty = fakeTty();
    const line = await liveLine(tty.stream, { maxIters: 1_000_000, maxSeconds: 0 }, () => {});
    line.onEvent(progress(100, 1));
    line.stop();
    expect(tty.text()).toContain('iteration 100  loss 1.000000');
    expect(tty.text()).not.toContain('ETA');
  });

  it('hands the start event to the plain printer, so the headline stays above the line', async () => {
    const seen: string[] = [];
    const line = await liveLine(fakeTty().stream, { maxIters: 0, maxSeconds: 0 }, (e) => seen.push(e.type));
    line.onEvent({ type: 'start' } as TrainEvent);
    expect(seen).toEqual(['start']);
  });
});

describe('which view a run gets', () => {
  const limits = { maxIters: 1000, maxSeconds: 0 };
  const plainTo = (seen: string[]) => (e: TrainEvent) => seen.push(e.type);

  it('is the live line on a terminal', async () => {
    const tty = fakeTty();
    const seen: string[] = [];
    const view = await eventView(tty.stream, { ...limits, json: false, quiet: false }, plainTo(seen));
    view.onEvent(progress(10, 1));
    view.stop();
    expect(view.live).toBe(true);
    expect(seen).toEqual([]);
    expect(tty.text()).toContain('iteration 10');
  });

  for (const [what, stream, flags] of [
    ['a pipe or a file', Object.assign(fakeTty().stream, { isTTY: false }), { json: false, quiet: false }],
    ['--quiet on a terminal', fakeTty().stream, { json: false, quiet: true }],
    ['--json on a terminal', fakeTty().stream, { json: true, quiet: false }],
  ] as const) {
    it(`is the plain printer for ${what}`, async () => {
      const seen: string[] = [];
      const view = await eventView(stream, { ...limits, ...flags }, plainTo(seen));
      view.onEvent(progress(10, 1));
      view.stop();
      expect(view.live).toBe(false);
      expect(seen).toEqual(['progress']);
    });
  }

  it("prints report.ts's plain lines, one per report and no cursor codes, into a pipe", async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      const view = await eventView(Object.assign(fakeTty().stream, { isTTY: false }), {
        ...limits,
        json: false,
        quiet: false,
      });
      view.onEvent(progress(100, 0.5));
      view.onEvent(progress(200, 0.25));
      const lines = log.mock.calls.map((c) => String(c[0]));
      expect(lines).toHaveLength(2);
      expect(lines[1]).toMatch(/^200 now diff: 0\.250000, accuracy 90\.0% {2}\(/);
      expect(lines.join('')).not.toContain('\x1b');
      expect(lines.join('')).not.toContain('\r');
    } finally {
      log.mockRestore();
    }
  });
});

describe('the loss sparkline', () => {
  it('falls from a high first tick to a low last one as the loss falls', async () => {
    const ticks = [...(await lossSparkline([2, 1, 0.5, 0.25, 0.1]))].filter((c) => /[▁-█]/.test(c));
    expect(ticks).toHaveLength(5);
    expect(ticks[0]).toBe('█');
    expect(ticks[4]).toBe('▁');
  });

  it('keeps a long history to about the width asked for, still falling', async () => {
    const losses = Array.from({ length: 1000 }, (_, k) => 1 / (1 + k));
    const ticks = [...(await lossSparkline(losses, 40))].filter((c) => /[▁-█]/.test(c));
    expect(ticks.length).toBeGreaterThanOrEqual(40);
    expect(ticks.length).toBeLessThanOrEqual(41);
    expect(ticks[0]).toBe('█');
    expect(ticks.at(-1)).toBe('▁');
    const height = (c: string) => '▁▂▃▄▅▆▇█'.indexOf(c);
    for (let k = 1; k < ticks.length; k++) expect(height(ticks[k])).toBeLessThanOrEqual(height(ticks[k - 1]));
  });
});
