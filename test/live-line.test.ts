// The terminal's progress line: rewritten in place on a TTY, with the fields
// a learner watches; and the loss sparkline of the summary.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { liveLine, lossSparkline } from '../src/cli/live-line.ts';
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

const progress = (iteration: number, loss: number): TrainEvent => ({
  type: 'progress',
  iteration,
  loss,
  accuracy: 0.9,
  bestLoss: loss,
  elapsedMs: iteration,
  itersPerSec: 1000,
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
  });

  it('hands the start event to the plain printer, so the headline stays above the line', async () => {
    const seen: string[] = [];
    const line = await liveLine(fakeTty().stream, { maxIters: 0, maxSeconds: 0 }, (e) => seen.push(e.type));
    line.onEvent({ type: 'start' } as TrainEvent);
    expect(seen).toEqual(['start']);
  });
});

describe('the loss sparkline', () => {
  it('falls from a high first tick to a low last one as the loss falls', async () => {
    const ticks = [...(await lossSparkline([2, 1, 0.5, 0.25, 0.1]))].filter((c) => /[▁-█]/.test(c));
    expect(ticks).toHaveLength(5);
    expect(ticks[0]).toBe('█');
    expect(ticks[4]).toBe('▁');
  });
});
