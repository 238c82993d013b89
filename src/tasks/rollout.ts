// Episodes: a policy acting in an environment from a start to its end or its
// step limit. An episode is named by a stream, (seed, 'training', iteration,
// e) or (seed, 'held-out', e): the stream draws its start, then whatever its
// steps draw, so every candidate of an iteration meets the same episodes
// (common random numbers: their returns differ by their weights alone), on
// any thread, and the held-out episodes, which score the weights kept, are
// never ones training saw.

import { type Rng, stream } from '../util/rng.ts';
import type { Environment, Shape } from './environment.ts';
import type { Policy } from './policy.ts';

/** A stream's path: its seed first. */
export type EpisodeName = readonly [string | number, ...(string | number)[]];

/**
 * One episode: its start drawn from `rng`, then steps until it ends or reaches the step limit;
 * `onStep` sees the state after each step (a picture's frames).
 */
export function playEpisode(
  env: Environment,
  policy: Policy,
  params: Float64Array,
  rng: Rng,
  onStep?: (state: Float64Array) => void,
): { ret: number; steps: number } {
  const s = env.reset(rng);
  let ret = 0;
  for (let t = 0; t < env.maxSteps; t++) {
    const r = env.step(s, policy.act(params, s), rng);
    ret += r.reward;
    onStep?.(s);
    if (r.terminated) return { ret, steps: t + 1 };
  }
  return { ret, steps: env.maxSteps };
}

/** playEpisode, with a picture of the state after each step (the task's draw()). */
export function recordEpisode(
  env: Environment,
  policy: Policy,
  params: Float64Array,
  rng: Rng,
): { ret: number; steps: number; frames: Shape[][] } {
  const draw = env.draw;
  if (!draw) throw new Error(`${env.name}: no draw(), so no picture of its episodes`);
  const frames: Shape[][] = [];
  const { ret, steps } = playEpisode(env, policy, params, rng, (s) => frames.push(draw.call(env, s)));
  return { ret, steps, frames };
}

/** The mean return over the named episodes. */
export function meanReturn(
  env: Environment,
  policy: Policy,
  params: Float64Array,
  episodes: readonly EpisodeName[],
): number {
  let sum = 0;
  for (const [seed, ...path] of episodes) sum += playEpisode(env, policy, params, stream(seed, ...path)).ret;
  return sum / episodes.length;
}

/** Training episode e of iteration t: its stream, the same for every candidate of the iteration. */
export function trainingStream(seed: string | number, t: number, e: number): Rng {
  return stream(seed, 'training', t, e);
}

/** Held-out episode e: a stream name no training iteration draws from. */
export function heldOutStream(seed: string | number, e: number): Rng {
  return stream(seed, 'held-out', e);
}

/** Iteration `iteration`'s training episodes: the same for every candidate of it. */
export function trainingEpisodes(seed: string | number, iteration: number, count: number): EpisodeName[] {
  return Array.from({ length: count }, (_, e) => [seed, 'training', iteration, e] as const);
}

/** The held-out episodes: a stream name no training iteration draws from. */
export function heldOutEpisodes(seed: string | number, count: number): EpisodeName[] {
  return Array.from({ length: count }, (_, e) => [seed, 'held-out', e] as const);
}
