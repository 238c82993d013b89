import { describe, expect, it } from 'vitest';
import { gradCheck } from '../src/train/grad-check.ts';
import { seedRun } from './helpers.ts';

describe('--grad-check', () => {
  it('finds central differences within 1e-8 of backprop, relative to the largest component', () => {
    const g = gradCheck(seedRun({ diff: 'central' }));
    expect(g.maxRel).toBeLessThan(1e-8);
    expect(g.worst).toHaveLength(5);
  });

  it('finds forward differences off by about h, and names the worst weight first', () => {
    const g = gradCheck(seedRun({ diff: 'forward', h: 1e-3 }));
    expect(g.maxRel).toBeGreaterThan(1e-5);
    expect(g.maxRel).toBeLessThan(1e-2);
    const [w] = g.worst;
    expect(Math.abs(w.numerical - w.analytic)).toBe(g.maxAbs);
  });
});
