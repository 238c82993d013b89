// Hidden-unit activation functions. The output layer has its own function,
// chosen by the loss (see output.ts), so these apply to hidden layers only.

export type ActivationName = 'logistic' | 'relu' | 'tanh';

export const ACTIVATIONS: readonly ActivationName[] = ['logistic', 'relu', 'tanh'];

export function logistic(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

export function relu(z: number): number {
  return Math.max(z, 0);
}

export const activations: Record<ActivationName, (z: number) => number> = {
  logistic,
  relu,
  tanh: Math.tanh,
};

/**
 * f over a[0..count), in place. Written out per activation: through the
 * table, a call per unit costs about as much as the logistic's exponential.
 */
export function activateAll(func: ActivationName, a: Float64Array, count: number): void {
  if (func === 'logistic') for (let k = 0; k < count; k++) a[k] = 1 / (1 + Math.exp(-a[k]));
  else if (func === 'relu') for (let k = 0; k < count; k++) a[k] = Math.max(a[k], 0);
  else for (let k = 0; k < count; k++) a[k] = Math.tanh(a[k]);
}

/** Each activation's derivative, from its value a = f(z). */
export const derivative: Record<ActivationName, (a: number) => number> = {
  logistic: (a) => a * (1 - a),
  relu: (a) => (a > 0 ? 1 : 0),
  tanh: (a) => 1 - a * a,
};

/**
 * Each activation's Taylor coefficients f⁽ⁿ⁾(z)/n!, n = 1..4, at a point, from
 * its value a = f(z), into c[at..at+3]: f(z + δ) − f(z) ≈ δ(c1 + δ(c2 + δ(c3 + δ c4))),
 * with an error near δ⁵/120·|f⁽⁵⁾|. (relu has no such series at its kink: see smooth.)
 */
export const taylor: Record<ActivationName, (a: number, c: Float64Array, at: number) => void> = {
  logistic(a, c, at) {
    const s = a * (1 - a); // σ' = σ(1 − σ), and each further derivative follows from it
    const b = 1 - 2 * a;
    c[at] = s;
    c[at + 1] = 0.5 * s * b;
    c[at + 2] = s * (1 / 6 - s); // (1 − 6a + 6a²)/6 = 1/6 − s; no divisions: this runs per sample and unit
    c[at + 3] = s * b * (1 / 24 - 0.5 * s);
  },
  tanh(a, c, at) {
    const s = 1 - a * a; // tanh' = 1 − tanh²
    c[at] = s;
    c[at + 1] = -a * s;
    c[at + 2] = s * (a * a - 1 / 3);
    c[at + 3] = s * a * (2 / 3 - a * a);
  },
  relu(a, c, at) {
    c[at] = a > 0 ? 1 : 0;
    c[at + 1] = 0;
    c[at + 2] = 0;
    c[at + 3] = 0;
  },
};

/** Whether the Taylor series above holds on both sides of every point (relu's kink: no). */
export const smooth: Record<ActivationName, boolean> = { logistic: true, tanh: true, relu: false };

/** f(z + δ) − f(z) for relu, exact: δ itself where both sides are positive. */
export function reluDelta(z: number, delta: number): number {
  if (z > 0 && z + delta > 0) return delta;
  return Math.max(z + delta, 0) - Math.max(z, 0);
}

export function isActivationName(name: unknown): name is ActivationName {
  return typeof name === 'string' && (ACTIVATIONS as readonly string[]).includes(name);
}
