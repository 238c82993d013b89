// gymnasium's Pendulum-v1: swing a pendulum up and hold it, with a torque in
// [−2, 2]; the reward is −(θ² + 0.1·θ̇² + 0.001·u²), θ normalised to [−π, π);
// 200 steps, no other end. The action is a float32 in gymnasium, so 3u and
// 0.001u² are float32 products (Math.fround), and θ is normalised with
// NumPy's modulo, which differs from JavaScript's % for negative numbers.

import type { Rng } from '../util/rng.ts';
import { type Environment, type Shape, type StepResult, uniform } from './environment.ts';

const MAX_SPEED = 8;
const MAX_TORQUE = 2.0;
const DT = 0.05;
const G = 10.0;
const M = 1.0;
const L = 1.0;

/** NumPy's x % m for m > 0: the sign of m. */
function floorMod(x: number, m: number): number {
  const r = x % m;
  return r !== 0 && r < 0 ? r + m : r;
}

export function angleNormalize(x: number): number {
  return floorMod(x + Math.PI, 2 * Math.PI) - Math.PI;
}

/** The held-out mean return that counts as solved: gymnasium sets none for Pendulum-v1; −200 is a pendulum swung up and held (docs/tasks.md). */
const TARGET = -200;

/** State: θ, θ̇ (gymnasium's order). */
export const pendulum: Environment = {
  name: 'pendulum',
  observationSize: 3,
  actions: { type: 'continuous', low: [-MAX_TORQUE], high: [MAX_TORQUE] },
  maxSteps: 200,
  targetReturn: TARGET,
  stepSeconds: DT,
  reset(rng: Rng): Float64Array {
    return Float64Array.of(uniform(rng, -Math.PI, Math.PI), uniform(rng, -1, 1));
  },
  step(s: Float64Array, action: number | Float64Array): StepResult {
    const [th, thDot] = s;
    const a = Math.fround(typeof action === 'number' ? action : action[0]);
    const u = Math.min(Math.max(a, -MAX_TORQUE), MAX_TORQUE);
    const n = angleNormalize(th);
    const costs = n * n + 0.1 * (thDot * thDot) + Math.fround(Math.fround(0.001) * Math.fround(u * u));
    const torque = Math.fround((3.0 / (M * L * L)) * u);
    let newThDot = thDot + (((3 * G) / (2 * L)) * Math.sin(th) + torque) * DT;
    newThDot = Math.min(Math.max(newThDot, -MAX_SPEED), MAX_SPEED);
    s[0] = th + newThDot * DT;
    s[1] = newThDot;
    return { reward: -costs, terminated: false };
  },
  observe(s: Float64Array, out: Float64Array): void {
    out[0] = Math.fround(Math.cos(s[0]));
    out[1] = Math.fround(Math.sin(s[0]));
    out[2] = Math.fround(s[1]);
  },
  // θ = 0 is upright (gymnasium draws the rod at θ + π/2).
  view: { xMin: -1.3, xMax: 1.3, yMin: -1.3, yMax: 1.3 },
  draw(s: Float64Array): Shape[] {
    return [
      { kind: 'line', x1: 0, y1: 0, x2: -L * Math.sin(s[0]), y2: L * Math.cos(s[0]), width: 0.16, color: '#c33' },
      { kind: 'circle', cx: 0, cy: 0, r: 0.05, color: '#333' },
    ];
  },
};
