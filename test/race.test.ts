// The race as a library call: every method from the same start, each run
// watched while it lasts (compare's live line on a terminal) and the watch
// ended even when a run fails.
import { describe, expect, it } from 'vitest';
import type { TrainEvent } from '../src/train/events.ts';
import { race } from '../src/train/race.ts';

const tiny = { maxIters: 20, maxSeconds: 0, threads: 0, reportEvery: 10 } as const;

describe('race', () => {
  it('watches each method in turn: its events while it runs, then stop', async () => {
    const seen: string[] = [];
    const watch = async (method: string) => ({
      onEvent: (e: TrainEvent) => seen.push(`${method} ${e.type}`),
      stop: () => seen.push(`${method} stop`),
    });
    const r = await race(['gradient', 'backprop'], tiny, watch);
    expect(r.rows.map((x) => [x.method, x.iterations])).toEqual([
      ['gradient', 20],
      ['backprop', 20],
    ]);
    expect(seen[0]).toBe('gradient start');
    expect(seen).toContain('gradient progress');
    const gradientStop = seen.indexOf('gradient stop');
    expect(gradientStop).toBeGreaterThan(0);
    expect(seen.indexOf('backprop start')).toBeGreaterThan(gradientStop);
    expect(seen.at(-1)).toBe('backprop stop');
  });

  it('starts every method from the same weights: the first reported loss is the same', async () => {
    const first = new Map<string, number>();
    const watch = async (method: string) => ({
      onEvent: (e: TrainEvent) => {
        if (e.type === 'progress' && !first.has(method)) first.set(method, e.loss);
      },
      stop: () => {},
    });
    await race(['gradient', 'random', 'backprop'], tiny, watch);
    expect(new Set(first.values()).size).toBe(1);
    expect(first.size).toBe(3);
  });

  it('ends the watch of a run that fails', async () => {
    const seen: string[] = [];
    const watch = async () => ({ onEvent: () => {}, stop: () => seen.push('stop') });
    await expect(race(['gradient'], { ...tiny, hidden: [0] }, watch)).rejects.toThrow(/hidden/);
    expect(seen).toEqual(['stop']);
  });
});
