import { describe, expect, it } from 'vitest';
import { Balancer, splitByWeight } from '../src/parallel/balance.ts';

function sizes(bounds: number[]): number[] {
  return bounds.slice(1).map((b, p) => b - bounds[p]);
}

describe('splitting evaluations', () => {
  it('covers 0..count in contiguous chunks proportional to weight', () => {
    expect(splitByWeight(100, [1, 3])).toEqual([0, 25, 100]);
  });

  it('splits near-equal speeds evenly rather than overloading one thread', () => {
    // 9 : 7 would make the first finish at 9 / 1.06 = 8.5 > 8 / 1.
    expect(splitByWeight(16, [1.06, 1])).toEqual([0, 8, 16]);
  });

  it('gives everyone at least one evaluation when there are enough', () => {
    expect(sizes(splitByWeight(16, [1000, 1, 1]))).toEqual([14, 1, 1]);
  });

  it('leaves some participants idle only when evaluations are fewer than participants', () => {
    const b = splitByWeight(2, [1, 1, 1]);
    expect(b[0]).toBe(0);
    expect(b[3]).toBe(2);
    expect(sizes(b).every((n) => n >= 0)).toBe(true);
  });

  it('always ends at count, whatever the weights', () => {
    for (const w of [
      [0.3, 0.3, 0.4],
      [5, 1e-9],
      [1, 1, 1, 1, 1, 1, 1],
    ]) {
      for (const count of [0, 1, 7, 25, 1153]) {
        const b = splitByWeight(count, w);
        expect(b[w.length]).toBe(count);
        expect(sizes(b).every((n) => n >= 0)).toBe(true);
      }
    }
  });
});

describe('balancer', () => {
  it('splits evenly until each participant has been measured', () => {
    const bal = new Balancer(2);
    bal.observe(0, 10, 1);
    expect(bal.split(10)).toEqual([0, 5, 10]);
  });

  it('gives the faster participant more once both are measured', () => {
    const bal = new Balancer(2);
    bal.observe(0, 10, 1);
    bal.observe(1, 10, 3);
    expect(bal.split(40)).toEqual([0, 30, 40]);
  });
});
