// The loss change of one sample along a polynomial path of its logits,
// z + u·v1 + u²·v2 + u³·v3 + u⁴·v4, as a quartic in u. A change of a unit two
// or more layers before the output reaches the logits along such a path (each
// later unit bends it by its own series), so these serve the shared downstream
// expansions of methods/expansion.ts. Output.series is the straight-line case.
//
// v holds the path per logit, v[4k + n − 1] = v_n[k]; the sample's per-logit
// terms (4 per logit, written once per sample by the output's pathTerms) are t.
// With `third`, only orders 1..3 are computed (the fourth is written as 0).

/** Logistic outputs: per logit, softplus's series (y − d, then σ's) composed with the logit's path. */
export function bcePath(t: Float64Array, v: Float64Array, K: number, c: Float64Array, at: number, third = false): void {
  let c1 = 0;
  let c2 = 0;
  let c3 = 0;
  let c4 = 0;
  for (let k = 0, i = 0; k < K; k++, i += 4) {
    const a1 = v[i];
    const a2 = v[i + 1];
    const a3 = v[i + 2];
    const a4 = v[i + 3];
    const a11 = a1 * a1;
    c1 += t[i] * a1;
    c2 += t[i] * a2 + t[i + 1] * a11;
    c3 += t[i] * a3 + 2 * t[i + 1] * a1 * a2 + t[i + 2] * a11 * a1;
    if (!third) c4 += t[i] * a4 + t[i + 1] * (a2 * a2 + 2 * a1 * a3) + 3 * t[i + 2] * a11 * a2 + t[i + 3] * a11 * a11;
  }
  c[at] = c1;
  c[at + 1] = c2;
  c[at + 2] = c3;
  c[at + 3] = c4;
}

/** Identity outputs, half squared error: e·Δ + ½|Δ|², exactly, with e = z − d in t[4k]. */
export function msePath(t: Float64Array, v: Float64Array, K: number, c: Float64Array, at: number, third = false): void {
  let c1 = 0;
  let c2 = 0;
  let c3 = 0;
  let c4 = 0;
  for (let k = 0, i = 0; k < K; k++, i += 4) {
    const e = t[i];
    c1 += e * v[i];
    c2 += e * v[i + 1] + 0.5 * v[i] * v[i];
    c3 += e * v[i + 2] + v[i] * v[i + 1];
    if (!third) c4 += e * v[i + 3] + 0.5 * v[i + 1] * v[i + 1] + v[i] * v[i + 2];
  }
  c[at] = c1;
  c[at + 1] = c2;
  c[at + 2] = c3;
  c[at + 3] = c4;
}

/**
 * Softmax outputs with cross-entropy, p = softmax(z) in t[4k] and d in t[4k + 1]:
 * D·[lse(z + Δ) − lse(z)] − d·Δ with D = Σ d. With μ = Σ p·Δ (a polynomial),
 * lse(z + Δ) − lse(z) = μ + log Σ p·e^(Δ − μ), and the centred path Δ − μ has
 * p-mean 0, so the log's argument is 1 + S with S = Σ p·(x²/2 + x³/6 + x⁴/24)
 * starting at u²: log(1 + S) = S − S²/2 to fourth order. Centring keeps the
 * variance from being the difference of two large sums (as Output.series's
 * cumulants do for a straight line, which this reduces to).
 */
export function cePath(t: Float64Array, v: Float64Array, K: number, c: Float64Array, at: number, third = false): void {
  let m1 = 0;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  let d1 = 0;
  let d2 = 0;
  let d3 = 0;
  let d4 = 0;
  let D = 0;
  for (let k = 0, i = 0; k < K; k++, i += 4) {
    const p = t[i];
    const d = t[i + 1];
    m1 += p * v[i];
    m2 += p * v[i + 1];
    m3 += p * v[i + 2];
    d1 += d * v[i];
    d2 += d * v[i + 1];
    d3 += d * v[i + 2];
    D += d;
    if (third) continue;
    m4 += p * v[i + 3];
    d4 += d * v[i + 3];
  }
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  for (let k = 0, i = 0; k < K; k++, i += 4) {
    const e1 = v[i] - m1;
    const e2 = v[i + 1] - m2;
    const e11 = e1 * e1;
    const p = t[i];
    s2 += p * 0.5 * e11;
    s3 += p * (e1 * e2 + e11 * e1 * (1 / 6));
    if (third) continue;
    const e3 = v[i + 2] - m3;
    s4 += p * (0.5 * (e2 * e2 + 2 * e1 * e3) + 0.5 * e11 * e2 + e11 * e11 * (1 / 24));
  }
  c[at] = D * m1 - d1;
  c[at + 1] = D * (m2 + s2) - d2;
  c[at + 2] = D * (m3 + s3) - d3;
  c[at + 3] = third ? 0 : D * (m4 + s4 - 0.5 * s2 * s2) - d4;
}
