// What a control task is to the trainer: an environment a policy acts in,
// episode by episode. The shape follows gymnasium's, with the state a plain
// Float64Array that `step` updates in place, so that a task can be started
// anywhere (tests replay gymnasium's own trajectories from their states) and
// an episode allocates nothing per step.

import type { Rng } from '../util/rng.ts';

/** A discrete space: the action is the index of the largest output. */
export interface Discrete {
  readonly type: 'discrete';
  readonly n: number;
}

/** A continuous space: each output is scaled into its bounds. */
export interface Continuous {
  readonly type: 'continuous';
  readonly low: readonly number[];
  readonly high: readonly number[];
}

/** A shape of a picture of a state, in the task's world units (y up). */
export type Shape =
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; width: number; color: string }
  | { kind: 'rect'; x: number; y: number; w: number; h: number; color: string }
  | { kind: 'circle'; cx: number; cy: number; r: number; color: string };

/** The part of the world a picture shows. */
export interface View {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

/** After a step: its reward, and whether the episode ended (not by the step limit: that is the runner's). */
export interface StepResult {
  reward: number;
  terminated: boolean;
}

export interface Environment {
  readonly name: string;
  /** Numbers `observe` writes: the policy's inputs (the bias 1 is added as everywhere). */
  readonly observationSize: number;
  readonly actions: Discrete | Continuous;
  /** Steps after which an episode is cut off (gymnasium's TimeLimit). */
  readonly maxSteps: number;
  /** The held-out mean return that counts as solved (--target-return's default); none: train until stopped. */
  readonly targetReturn?: number;
  /** A fresh start state drawn from `rng`. */
  reset(rng: Rng): Float64Array;
  /** Moves `state` in place by `action`: an index (discrete) or one number per dimension (continuous). */
  step(state: Float64Array, action: number | Float64Array, rng: Rng): StepResult;
  /** Writes the observation of `state` into `out`. */
  observe(state: Float64Array, out: Float64Array): void;
  /** A picture of `state` (optional: pictures of episodes need it), within `view`. */
  draw?(state: Float64Array): Shape[];
  readonly view?: View;
  /** Simulated seconds a step lasts, for the pace of an animation (default 0.05). */
  readonly stepSeconds?: number;
}

/** Uniform in [low, high), as gymnasium's starts are drawn (from our stream, not NumPy's). */
export function uniform(rng: Rng, low: number, high: number): number {
  return low + (high - low) * rng();
}
