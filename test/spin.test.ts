// When a waiting thread spins: only where its waits of that kind have been short.
import { describe, expect, it } from 'vitest';
import { SpinPolicy } from '../src/parallel/spin.ts';

describe('the spin policy', () => {
  it('spins for its budget before any wait is known', () => {
    expect(new SpinPolicy(200, 2).spinUs(1)).toBe(200);
  });

  it('stops spinning in a kind of wait that has been lasting longer than the budget', () => {
    const s = new SpinPolicy(200, 2);
    for (let i = 0; i < 10; i++) s.observe(0, 1000);
    expect([s.spinUs(0), s.spinUs(1)]).toEqual([0, 200]);
  });

  it('spins again once those waits have become short', () => {
    const s = new SpinPolicy(200, 1);
    for (let i = 0; i < 10; i++) s.observe(0, 1000);
    for (let i = 0; i < 10; i++) s.observe(0, 10);
    expect(s.spinUs(0)).toBe(200);
  });

  it('weighs the newest wait a quarter in its running mean', () => {
    const s = new SpinPolicy(200, 1);
    s.observe(0, 400); // mean 100: still spins
    expect(s.spinUs(0)).toBe(200);
    s.observe(0, 800); // mean 100 + (800 − 100) / 4 = 275
    expect(s.spinUs(0)).toBe(0);
  });
});
