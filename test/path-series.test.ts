// The loss along a curved path of logits (nn/path-series.ts), against the
// loss itself: along z + Σ uⁿ·v_n the exact change, sampled at u = ±s, ±2s,
// gives each Taylor coefficient by central stencils (Richardson-extrapolated); and along a
// straight line the path series must be Output.series, computed another way.
import { describe, expect, it } from 'vitest';
import { bce, ce, mse, type Output } from '../src/nn/output.ts';
import { stream } from '../src/util/rng.ts';
import { stencil } from './stencil.ts';

const K = 4;
const rng = stream('path-series');
const z = Float64Array.from({ length: K }, () => 4 * rng() - 2);
const targets = Float64Array.from([0, 1, 0, 0]);
const v = Float64Array.from({ length: 4 * K }, () => 2 * rng() - 1);

function coefficients(output: Output, path: Float64Array): number[] {
  const t = new Float64Array(4 * K);
  const c = new Float64Array(4);
  output.pathTerms(z, targets, 0, t);
  output.pathSeries(t, path, K, c, 0);
  return [...c];
}

/** The exact loss change along the path at u. */
function along(output: Output, path: Float64Array) {
  return (u: number) => {
    const moved = z.map(
      (zk, k) => zk + u * (path[4 * k] + u * (path[4 * k + 1] + u * (path[4 * k + 2] + u * path[4 * k + 3]))),
    );
    return output.sampleLoss(moved, targets, 0) - output.sampleLoss(z, targets, 0);
  };
}

describe('loss series along a path', () => {
  for (const output of [bce, ce, mse]) {
    it(`give the Taylor coefficients of the exact change along a curved path for ${output.name}`, () => {
      const ours = coefficients(output, v);
      // Richardson: four times the half-step stencil less the whole-step one cancels their O(s²) error.
      const [a, b] = [stencil(along(output, v), 0.01), stencil(along(output, v), 0.005)];
      const theirs = a.map((x, n) => (4 * b[n] - x) / 3);
      for (let n = 0; n < 4; n++) expect(Math.abs(ours[n] - theirs[n]), `order ${n + 1}`).toBeLessThan(1e-5);
    });

    it(`give the same three first coefficients and a fourth of 0 to third order for ${output.name}`, () => {
      const t = new Float64Array(4 * K);
      const c = new Float64Array(4);
      output.pathTerms(z, targets, 0, t);
      output.pathSeries(t, v, K, c, 0, true);
      expect([...c]).toEqual([...coefficients(output, v).slice(0, 3), 0]);
    });

    it(`equal the straight-line series along a straight path for ${output.name}`, () => {
      const w = Float64Array.from({ length: K }, (_, k) => v[4 * k]);
      const line = new Float64Array(4 * K);
      for (let k = 0; k < K; k++) line[4 * k] = w[k];
      const c = new Float64Array(4);
      output.series(z, targets, 0, { w, wAt: 0, wStep: K, count: 1, c, cAt: 0, cStep: 4 });
      const ours = coefficients(output, line);
      for (let n = 0; n < 4; n++) expect(ours[n]).toBeCloseTo(c[n], 14);
    });
  }
});
