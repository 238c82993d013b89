// One row of an expansion passing a hidden layer (expansion.ts): unit j's
// changes y of layer k's pre-activations, a polynomial in u per unit (orders
// 1..3), bent by each unit's activation series into changes x of their
// activations: composeSeries' formulas, a row at a time. The order past those
// pushed is not carried on: its share of the loss, the units' adjoints times
// that order's terms, is summed here instead (expansion.ts says why).

import { DELTA_MAX } from '../nn/series.ts';

/**
 * Bends row [row, row + n) of y into x with layer k's series s (4 per unit)
 * and adjoints adj; writes the next order's share into share[0]. Returns the
 * largest |u| for which the changes stay within each unit's series (relu:
 * short of its kink, zs from `at` its pre-activations; else DELTA_MAX).
 */
export function bendRow(
  s: Float64Array,
  adj: Float64Array,
  y: Float64Array[],
  x: Float64Array[],
  row: number,
  n: number,
  orders: number,
  zs: Float64Array,
  at: number,
  share: Float64Array,
): number {
  const [y1, y2, y3] = y;
  const [x1, x2, x3] = x;
  let top = 0;
  let m1 = 0;
  let m2 = 0;
  let m3 = 0;
  share[0] = 0;
  if (orders === 1) {
    for (let r = 0, i = row; r < n; r++, i++) {
      x1[i] = s[4 * r] * y1[i];
      if (y1[i] !== 0) m1 = Math.max(m1, Math.abs(y1[i]) / Math.abs(zs[at + r])); // at a kink (reach 0): no u
    }
    return 1 / m1;
  }
  if (orders === 2)
    for (let r = 0, i = row; r < n; r++, i++) {
      const s1 = s[4 * r];
      const s2 = s[4 * r + 1];
      const a1 = y1[i];
      const a2 = y2[i];
      x1[i] = s1 * a1;
      x2[i] = s1 * a2 + s2 * a1 * a1;
      top += adj[r] * (2 * s2 * a1 * a2 + s[4 * r + 2] * a1 * a1 * a1);
      m1 = Math.max(m1, Math.abs(a1));
      m2 = Math.max(m2, Math.abs(a2));
    }
  else
    for (let r = 0, i = row; r < n; r++, i++) {
      const s1 = s[4 * r];
      const s2 = s[4 * r + 1];
      const s3 = s[4 * r + 2];
      const a1 = y1[i];
      const a2 = y2[i];
      const a3 = y3[i];
      const a11 = a1 * a1;
      x1[i] = s1 * a1;
      x2[i] = s1 * a2 + s2 * a11;
      x3[i] = s1 * a3 + 2 * s2 * a1 * a2 + s3 * a11 * a1;
      top += adj[r] * (s2 * (a2 * a2 + 2 * a1 * a3) + 3 * s3 * a11 * a2 + s[4 * r + 3] * a11 * a11);
      m1 = Math.max(m1, Math.abs(a1));
      m2 = Math.max(m2, Math.abs(a2));
      m3 = Math.max(m3, Math.abs(a3));
    }
  share[0] = top;
  return smoothBound(m1, m2, m3, DELTA_MAX);
}

/**
 * The largest |u| for which a change Σ y_n·uⁿ (n ≤ 3) stays within reach,
 * given M_n, the largest |y_n| over the units: u at most half of every
 * (reach/M_n)^(1/n) keeps Σ M_n·uⁿ under 7/8 of the reach.
 */
export function smoothBound(m1: number, m2: number, m3: number, reach: number): number {
  return 0.5 * Math.min(reach / m1, Math.sqrt(reach / m2), Math.cbrt(reach / m3));
}
