import { describe, expect, it } from 'vitest';
import { amdahl, efficiency, karpFlatt, median, spread } from '../src/util/stats.ts';

describe('speedup arithmetic', () => {
  it('takes the median of odd and even samples', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('gives the spread as half the range over the median', () => {
    expect(spread([9, 10, 11])).toBeCloseTo(0.1, 15);
  });

  it('finds no serial fraction in a perfect speedup and all of it in none', () => {
    expect(karpFlatt(4, 4)).toBeCloseTo(0, 15);
    expect(karpFlatt(1, 4)).toBeCloseTo(1, 15);
  });

  it('inverts Amdahl: the serial fraction of an Amdahl speedup is recovered', () => {
    const e = 0.07;
    for (const p of [2, 3, 8]) expect(karpFlatt(amdahl(e, p), p)).toBeCloseTo(e, 12);
  });

  it('computes efficiency and Amdahl by hand', () => {
    expect(efficiency(1.8, 2)).toBeCloseTo(0.9, 15);
    expect(amdahl(0.1, 4)).toBeCloseTo(1 / (0.1 + 0.9 / 4), 15);
    expect(karpFlatt(1.5, 1)).toBeNaN();
  });
});
