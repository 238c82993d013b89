// gymnasium's Acrobot-v1: two links hanging from a pivot, a torque of −1, 0
// or +1 on the joint between them; −1 per step until the tip swings a link's
// length above the pivot; 500 steps at most. One fourth-order Runge-Kutta step
// of 0.2 s of the "book" equations (Sutton & Barto), angles wrapped to
// [−π, π], speeds bounded, in gymnasium's order of operations. The motion is
// chaotic: a last-bit difference grows within an episode, so tests compare
// single steps from gymnasium's states (within 1e-9), not whole trajectories.

import type { Rng } from '../util/rng.ts';
import { type Environment, type Shape, type StepResult, uniform } from './environment.ts';

const DT = 0.2;
const L1 = 1.0;
const M1 = 1.0;
const M2 = 1.0;
const LC1 = 0.5;
const LC2 = 0.5;
const I1 = 1.0;
const I2 = 1.0;
const G = 9.8;
const MAX_VEL_1 = 4 * Math.PI;
const MAX_VEL_2 = 9 * Math.PI;
const TORQUES = [-1.0, 0.0, 1];

/** The state's derivative (θ₁, θ₂, θ̇₁, θ̇₂) under torque a, written into `out`. */
function dsdt(s: Float64Array, a: number, out: Float64Array): void {
  const [theta1, theta2, dtheta1, dtheta2] = s;
  const d1 = M1 * LC1 ** 2 + M2 * (L1 ** 2 + LC2 ** 2 + 2 * L1 * LC2 * Math.cos(theta2)) + I1 + I2;
  const d2 = M2 * (LC2 ** 2 + L1 * LC2 * Math.cos(theta2)) + I2;
  const phi2 = M2 * LC2 * G * Math.cos(theta1 + theta2 - Math.PI / 2.0);
  const phi1 =
    -M2 * L1 * LC2 * (dtheta2 * dtheta2) * Math.sin(theta2) -
    2 * M2 * L1 * LC2 * dtheta2 * dtheta1 * Math.sin(theta2) +
    (M1 * LC1 + M2 * L1) * G * Math.cos(theta1 - Math.PI / 2) +
    phi2;
  const ddtheta2 =
    (a + (d2 / d1) * phi1 - M2 * L1 * LC2 * (dtheta1 * dtheta1) * Math.sin(theta2) - phi2) /
    (M2 * LC2 ** 2 + I2 - (d2 * d2) / d1);
  out[0] = dtheta1;
  out[1] = dtheta2;
  out[2] = -(d2 * ddtheta2 + phi1) / d1;
  out[3] = ddtheta2;
}

const k1 = new Float64Array(4);
const k2 = new Float64Array(4);
const k3 = new Float64Array(4);
const k4 = new Float64Array(4);
const y = new Float64Array(4);

/** One Runge-Kutta step of DT from `s`, in place: gymnasium's rk4 over t = [0, DT]. */
function rk4(s: Float64Array, a: number): void {
  const dt2 = DT / 2.0;
  dsdt(s, a, k1);
  for (let i = 0; i < 4; i++) y[i] = s[i] + dt2 * k1[i];
  dsdt(y, a, k2);
  for (let i = 0; i < 4; i++) y[i] = s[i] + dt2 * k2[i];
  dsdt(y, a, k3);
  for (let i = 0; i < 4; i++) y[i] = s[i] + DT * k3[i];
  dsdt(y, a, k4);
  for (let i = 0; i < 4; i++) s[i] = s[i] + (DT / 6.0) * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
}

function wrap(x: number, m: number, M: number): number {
  const diff = M - m;
  let w = x;
  while (w > M) w = w - diff;
  while (w < m) w = w + diff;
  return w;
}

const bound = (x: number, m: number, M: number) => Math.min(Math.max(x, m), M);

/** The held-out mean return that counts as solved: gymnasium's reward threshold for Acrobot-v1. */
const TARGET = -100;

/** State: θ₁, θ₂, θ̇₁, θ̇₂ (gymnasium's order). */
export const acrobot: Environment = {
  name: 'acrobot',
  observationSize: 6,
  actions: { type: 'discrete', n: 3 },
  maxSteps: 500,
  targetReturn: TARGET,
  stepSeconds: DT,
  reset(rng: Rng): Float64Array {
    // gymnasium draws the start in float32.
    return Float64Array.from({ length: 4 }, () => Math.fround(uniform(rng, -0.1, 0.1)));
  },
  step(s: Float64Array, action: number | Float64Array): StepResult {
    const a = typeof action === 'number' ? TORQUES[action] : undefined;
    if (a === undefined) throw new Error(`acrobot: action ${String(action)}, expected 0, 1 or 2`);
    rk4(s, a);
    s[0] = wrap(s[0], -Math.PI, Math.PI);
    s[1] = wrap(s[1], -Math.PI, Math.PI);
    s[2] = bound(s[2], -MAX_VEL_1, MAX_VEL_1);
    s[3] = bound(s[3], -MAX_VEL_2, MAX_VEL_2);
    const terminated = -Math.cos(s[0]) - Math.cos(s[1] + s[0]) > 1.0;
    return { reward: terminated ? 0.0 : -1.0, terminated };
  },
  observe(s: Float64Array, out: Float64Array): void {
    out[0] = Math.fround(Math.cos(s[0]));
    out[1] = Math.fround(Math.sin(s[0]));
    out[2] = Math.fround(Math.cos(s[1]));
    out[3] = Math.fround(Math.sin(s[1]));
    out[4] = Math.fround(s[2]);
    out[5] = Math.fround(s[3]);
  },
  // Both links from the pivot, θ₁ from straight down, θ₂ from the first link; the line the tip must pass.
  view: { xMin: -2.2, xMax: 2.2, yMin: -2.2, yMax: 2.2 },
  draw(s: Float64Array): Shape[] {
    const x1 = L1 * Math.sin(s[0]);
    const y1 = -L1 * Math.cos(s[0]);
    const x2 = x1 + Math.sin(s[0] + s[1]);
    const y2 = y1 - Math.cos(s[0] + s[1]);
    return [
      { kind: 'line', x1: -2.2, y1: 1, x2: 2.2, y2: 1, width: 0.02, color: '#999' },
      { kind: 'line', x1: 0, y1: 0, x2: x1, y2: y1, width: 0.1, color: '#36c' },
      { kind: 'line', x1, y1, x2, y2, width: 0.1, color: '#36c' },
      { kind: 'circle', cx: 0, cy: 0, r: 0.06, color: '#333' },
      { kind: 'circle', cx: x1, cy: y1, r: 0.06, color: '#333' },
    ];
  },
};
