import { describe, expect, it } from 'vitest';
import { bestCandidate, makeCandidate } from '../src/methods/candidates.ts';

const params = Float64Array.from([0.5, -1, 0.25, 2, -0.5, 0.1, 1.5, -2, 0, 3]);

describe('random candidates', () => {
  it('are the same for the same (seed, iteration, candidate)', () => {
    const a = makeCandidate(params, '7', 12, 3, 0.001, new Float64Array(params.length));
    const b = makeCandidate(params, '7', 12, 3, 0.001, new Float64Array(params.length));
    expect([...a]).toEqual([...b]);
  });

  it('differ between candidates, iterations and seeds', () => {
    const make = (seed: string, t: number, c: number) => [
      ...makeCandidate(params, seed, t, c, 0.001, new Float64Array(params.length)),
    ];
    const base = make('7', 12, 3);
    expect(make('7', 12, 4)).not.toEqual(base);
    expect(make('7', 13, 3)).not.toEqual(base);
    expect(make('8', 12, 3)).not.toEqual(base);
  });

  it('move each weight by exactly +δ, 0 or −δ, all three occurring', () => {
    const big = new Float64Array(3000);
    const cand = makeCandidate(big, '1', 0, 0, 0.25, new Float64Array(big.length));
    const counts = new Map<number, number>();
    for (const w of cand) counts.set(w, (counts.get(w) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual([-0.25, 0, 0.25]);
    for (const n of counts.values()) expect(n).toBeGreaterThan(900);
  });

  it('can be rebuilt in place over the params they came from', () => {
    const copy = Float64Array.from(params);
    const fresh = makeCandidate(params, '3', 5, 1, 0.001, new Float64Array(params.length));
    makeCandidate(copy, '3', 5, 1, 0.001, copy);
    expect([...copy]).toEqual([...fresh]);
  });

  it('pick the lowest loss, the first one on a tie', () => {
    expect(bestCandidate(Float64Array.from([0.5, 0.2, 0.2, 0.9]), 4)).toBe(1);
    expect(bestCandidate(Float64Array.from([0.1, 0.2]), 2)).toBe(0);
  });
});
