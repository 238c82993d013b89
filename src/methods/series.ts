// Small pieces of the incremental differences: quartic series and per-sample
// lists of non-zero units.

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
  const [a1, a2, a3, a4] = [a[at], a[at + 1], a[at + 2], a[at + 3]];
  const [c1, c2, c3, c4] = [c[ct], c[ct + 1], c[ct + 2], c[ct + 3]];
  const a11 = a1 * a1;
  a[at] = c1 * a1;
  a[at + 1] = c1 * a2 + c2 * a11;
  a[at + 2] = c1 * a3 + 2 * c2 * a1 * a2 + c3 * a11 * a1;
  a[at + 3] = c1 * a4 + c2 * (a2 * a2 + 2 * a1 * a3) + 3 * c3 * a11 * a2 + c4 * a11 * a11;
}

/** For each sample, the units (ascending) whose value is not 0, with the value: CSR, grown as needed. */
export class NonZero {
  start = new Int32Array(1);
  unit = new Int32Array(64);
  value = new Float64Array(64);
  private n = 0;

  clear(samples: number): void {
    if (this.start.length < samples + 1) this.start = new Int32Array(samples + 1);
    this.n = 0;
  }

  open(p: number): void {
    this.start[p] = this.n;
  }

  push(unit: number, value: number): void {
    if (this.n === this.unit.length) {
      const unit = new Int32Array(2 * this.n);
      const value = new Float64Array(2 * this.n);
      unit.set(this.unit);
      value.set(this.value);
      this.unit = unit;
      this.value = value;
    }
    this.unit[this.n] = unit;
    this.value[this.n++] = value;
  }

  close(p: number): void {
    this.start[p + 1] = this.n;
  }

  /** Index of sample p's first entry with unit ≥ u. */
  firstFrom(p: number, u: number): number {
    let lo = this.start[p];
    let hi = this.start[p + 1];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.unit[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
