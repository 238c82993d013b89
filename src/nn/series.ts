// Quartic series, the arithmetic of the incremental differences: a change
// written as u(c1 + u(c2 + u(c3 + u·c4))), truncated after the fourth order.

/** Largest step of a unit's pre-activation for its Taylor series. */
export const DELTA_MAX = 1e-3;
/** Largest logit step for the loss series. */
export const U_MAX = 1e-3;
/**
 * Largest pre-activation step for a third-order expansion (methods/expansion.ts).
 * What it drops is the fourth-order term, δ⁴ times the fourth coefficient: at
 * the default step (δ ≤ 1e-5 on inputs up to 1) a 1e-12 share of the first
 * order's term, far below a finite difference's own rounding; the changes
 * downstream stay within their own series' limits (DELTA_MAX, U_MAX). Cubics
 * and quartics measured 5e-12 apart at most, on weights and inputs scaled up.
 */
export const DEEP_MAX = 1e-4;

/** u(c1 + u(c2 + u(c3 + u·c4))) with the coefficients at c[at..at+3]. */
export function poly(c: Float64Array, at: number, u: number): number {
  return u * (c[at] + u * (c[at + 1] + u * (c[at + 2] + u * c[at + 3])));
}

/**
 * Composes two series, in place: with u(δ) = Σ a_n δⁿ (in a[at..]) and
 * φ(u) = Σ c_n uⁿ (in c[ct..]), writes φ(u(δ)) = Σ e_n δⁿ to fourth order into
 * a[at..]. One series from a pre-activation step straight to the loss step.
 */
export function composeSeries(a: Float64Array, at: number, c: Float64Array, ct: number): void {
  const a1 = a[at];
  const a2 = a[at + 1];
  const a3 = a[at + 2];
  const a4 = a[at + 3];
  const c1 = c[ct];
  const c2 = c[ct + 1];
  const c3 = c[ct + 2];
  const c4 = c[ct + 3];
  const a11 = a1 * a1;
  a[at] = c1 * a1;
  a[at + 1] = c1 * a2 + c2 * a11;
  a[at + 2] = c1 * a3 + 2 * c2 * a1 * a2 + c3 * a11 * a1;
  a[at + 3] = c1 * a4 + c2 * (a2 * a2 + 2 * a1 * a3) + 3 * c3 * a11 * a2 + c4 * a11 * a11;
}
