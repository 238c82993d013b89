// gymnasium's CartPole-v1: a pole on a cart, pushed left or right by 10 N
// every 20 ms; +1 per step until the pole leans past 12° or the cart leaves
// ±2.4 m; 500 steps at most. Written in NumPy's order of operations
// (pml·(θ̇·θ̇)·sinθ, m_p·(cosθ·cosθ)/M): in any other order a state drifts
// from gymnasium's within an episode, and test/tasks.test.ts replays
// gymnasium's episodes bit for bit.

import type { Rng } from '../util/rng.ts';
import { type Environment, type Shape, type StepResult, uniform } from './environment.ts';

const GRAVITY = 9.8;
const MASS_CART = 1.0;
const MASS_POLE = 0.1;
const TOTAL_MASS = MASS_POLE + MASS_CART;
/** Half the pole's length. */
const LENGTH = 0.5;
const POLE_MASS_LENGTH = MASS_POLE * LENGTH;
const FORCE = 10.0;
/** Seconds per step (Euler). */
const TAU = 0.02;
const THETA_LIMIT = (12 * 2 * Math.PI) / 360;
const X_LIMIT = 2.4;

/** The held-out mean return that counts as solved: gymnasium's reward threshold for CartPole-v1. */
const TARGET = 475;

/** State: x, ẋ, θ, θ̇ (gymnasium's order). */
export const cartpole: Environment = {
  name: 'cartpole',
  observationSize: 4,
  actions: { type: 'discrete', n: 2 },
  maxSteps: 500,
  targetReturn: TARGET,
  stepSeconds: TAU,
  reset(rng: Rng): Float64Array {
    return Float64Array.from({ length: 4 }, () => uniform(rng, -0.05, 0.05));
  },
  step(s: Float64Array, action: number | Float64Array): StepResult {
    const [x, xDot, theta, thetaDot] = s;
    if (action !== 0 && action !== 1) throw new Error(`cartpole: action ${String(action)}, expected 0 or 1`);
    const force = action === 1 ? FORCE : -FORCE;
    const cos = Math.cos(theta);
    const sin = Math.sin(theta);
    const temp = (force + POLE_MASS_LENGTH * (thetaDot * thetaDot) * sin) / TOTAL_MASS;
    const thetaAcc = (GRAVITY * sin - cos * temp) / (LENGTH * (4.0 / 3.0 - (MASS_POLE * (cos * cos)) / TOTAL_MASS));
    const xAcc = temp - (POLE_MASS_LENGTH * thetaAcc * cos) / TOTAL_MASS;
    s[0] = x + TAU * xDot;
    s[1] = xDot + TAU * xAcc;
    s[2] = theta + TAU * thetaDot;
    s[3] = thetaDot + TAU * thetaAcc;
    const terminated = s[0] < -X_LIMIT || s[0] > X_LIMIT || s[2] < -THETA_LIMIT || s[2] > THETA_LIMIT;
    // gymnasium pays the step on which the pole falls too.
    return { reward: 1.0, terminated };
  },
  observe(s: Float64Array, out: Float64Array): void {
    // gymnasium hands the policy float32s.
    for (let i = 0; i < 4; i++) out[i] = Math.fround(s[i]);
  },
  // The track between the limits, the cart at x, the pole (2·LENGTH long) leaning by θ.
  view: { xMin: -X_LIMIT - 0.3, xMax: X_LIMIT + 0.3, yMin: -0.6, yMax: 1.4 },
  draw(s: Float64Array): Shape[] {
    const [x, , theta] = s;
    return [
      { kind: 'line', x1: -X_LIMIT, y1: -0.15, x2: X_LIMIT, y2: -0.15, width: 0.02, color: '#444' },
      { kind: 'rect', x: x - 0.25, y: -0.15, w: 0.5, h: 0.3, color: '#333' },
      {
        kind: 'line',
        x1: x,
        y1: 0.15,
        x2: x + 2 * LENGTH * Math.sin(theta),
        y2: 0.15 + 2 * LENGTH * Math.cos(theta),
        width: 0.06,
        color: '#c96',
      },
    ];
  },
};
