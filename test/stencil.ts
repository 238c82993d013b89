// Taylor coefficients of a function from its values alone: the oracle the
// series tests (expansion, path-series) hold the code's coefficients to.

/**
 * f⁽ⁿ⁾(0)/n!, n = 1..4, of f with f(0) = 0, from f at ±h and ±2h by the
 * classic central stencils (error O(h²) times the higher coefficients).
 */
export function stencil(f: (u: number) => number, h: number): number[] {
  const [m2, m1, p1, p2] = [f(-2 * h), f(-h), f(h), f(2 * h)];
  return [
    (p1 - m1) / (2 * h),
    (p1 + m1) / (2 * h * h),
    (p2 - 2 * p1 + 2 * m1 - m2) / (12 * h ** 3),
    (p2 - 4 * p1 - 4 * m1 + m2) / (24 * h ** 4),
  ];
}
