// The built-in tasks against gymnasium's own episodes (test/fixtures/gym,
// written by scripts/gym-fixtures.py): CartPole bit for bit over whole
// episodes; Acrobot (chaotic) and Pendulum step by step from gymnasium's
// states, within 1e-9.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acrobot } from '../src/tasks/acrobot.ts';
import { cartpole } from '../src/tasks/cartpole.ts';
import type { Environment } from '../src/tasks/environment.ts';
import { angleNormalize, pendulum } from '../src/tasks/pendulum.ts';
import { stream } from '../src/util/rng.ts';

interface Episode {
  seed: number;
  start: number[];
  startObs: number[];
  actions: number[];
  states: number[][];
  observations: number[][];
  rewards: number[];
  terminated: boolean[];
  truncated: boolean[];
}

const episodes = (name: string): Episode[] =>
  JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'gym', `${name}.json`), 'utf8')).episodes;

const observed = (env: Environment, s: Float64Array) => {
  const out = new Float64Array(env.observationSize);
  env.observe(s, out);
  return [...out];
};

/** Plays `e`'s actions from its start; what each step gave, and the step limit's cut. */
function replay(env: Environment, e: Episode) {
  const s = Float64Array.from(e.start);
  const rng = stream('unused');
  return e.actions.map((a, t) => {
    const r = env.step(s, a, rng);
    return {
      state: [...s],
      obs: observed(env, s),
      reward: r.reward,
      terminated: r.terminated,
      cut: t + 1 >= env.maxSteps,
    };
  });
}

describe('CartPole-v1', () => {
  it('replays gymnasium’s episodes bit for bit: every state, observation, reward and end', () => {
    for (const e of episodes('cartpole')) {
      const got = replay(cartpole, e);
      expect(got.map((g) => g.state)).toEqual(e.states);
      expect(got.map((g) => g.obs)).toEqual(e.observations);
      expect(got.map((g) => g.reward)).toEqual(e.rewards);
      expect(got.map((g) => g.terminated)).toEqual(e.terminated);
      expect(got.map((g) => g.cut && !g.terminated)).toEqual(e.truncated);
    }
  });

  it('has episodes that fall and episodes that last the 500 steps', () => {
    const ends = episodes('cartpole').map((e) => [e.actions.length, e.terminated.at(-1)]);
    expect(ends).toContainEqual([500, false]);
    expect(ends.some(([n, fell]) => fell && (n as number) < 500)).toBe(true);
  });
});

/** Each step from gymnasium's state before it, compared with gymnasium's state after it, and what the policy observes. */
function stepwise(env: Environment, e: Episode, tolerance: number): void {
  const rng = stream('unused');
  expect(observed(env, Float64Array.from(e.start))).toEqual(e.startObs);
  e.actions.forEach((a, t) => {
    const s = Float64Array.from(t === 0 ? e.start : e.states[t - 1]);
    const r = env.step(s, typeof a === 'number' && env.actions.type === 'continuous' ? Float64Array.of(a) : a, rng);
    const obs = observed(env, s);
    for (let i = 0; i < obs.length; i++)
      expect(Math.abs(obs[i] - e.observations[t][i]), `step ${t} obs[${i}]`).toBeLessThanOrEqual(
        1e-6 * Math.max(1, Math.abs(obs[i])),
      );
    for (let i = 0; i < s.length; i++)
      expect(Math.abs(s[i] - e.states[t][i]), `step ${t} state[${i}]`).toBeLessThan(tolerance);
    expect(Math.abs(r.reward - e.rewards[t]), `step ${t} reward`).toBeLessThan(tolerance);
    expect(r.terminated).toBe(e.terminated[t]);
  });
}

describe('Acrobot-v1', () => {
  it('takes each of gymnasium’s steps to within 1e-9, rewards and ends alike', () => {
    for (const e of episodes('acrobot')) stepwise(acrobot, e, 1e-9);
  });

  it('ends an episode when the tip rises a link above the pivot, that step paying 0', () => {
    const ended = episodes('acrobot').filter((e) => e.terminated.at(-1));
    expect(ended.length).toBeGreaterThan(0);
    for (const e of ended) {
      const s = Float64Array.from(e.states.at(-2) ?? e.start);
      expect(acrobot.step(s, e.actions.at(-1) as number, stream('unused'))).toEqual({ reward: 0, terminated: true });
    }
  });

  it('refuses an action that is not one of its three', () => {
    expect(() => acrobot.step(new Float64Array(4), 3, stream('unused'))).toThrow(
      'acrobot: action 3, expected 0, 1 or 2',
    );
    expect(() => cartpole.step(new Float64Array(4), 2, stream('unused'))).toThrow(
      'cartpole: action 2, expected 0 or 1',
    );
  });

  it('observes cos and sin of both angles and both speeds, as float32s', () => {
    const e = episodes('acrobot')[0];
    expect(observed(acrobot, Float64Array.from(e.states[10]))).toEqual(e.observations[10]);
  });
});

describe('Pendulum-v1', () => {
  it('takes each of gymnasium’s steps to within 1e-9, torques beyond ±2 clipped', () => {
    const all = episodes('pendulum');
    expect(all.flatMap((e) => e.actions).some((a) => Math.abs(a) > 2)).toBe(true);
    for (const e of all) stepwise(pendulum, e, 1e-9);
  });

  it('normalises angles as NumPy’s modulo does, negative ones included', () => {
    expect(angleNormalize(-4)).toBeCloseTo(-4 + 2 * Math.PI, 15);
    expect(angleNormalize(4)).toBeCloseTo(4 - 2 * Math.PI, 15);
    expect(angleNormalize(-Math.PI)).toBe(-Math.PI);
  });
});

describe('a task’s start', () => {
  it('comes from the stream it is given: the same stream, the same start; within gymnasium’s bounds', () => {
    for (const [env, bound] of [
      [cartpole, 0.05],
      [acrobot, 0.1],
    ] as const) {
      const a = env.reset(stream(1, 'start', 0));
      expect(env.reset(stream(1, 'start', 0))).toEqual(a);
      expect(env.reset(stream(1, 'start', 1))).not.toEqual(a);
      expect(a.every((v) => Math.abs(v) <= bound)).toBe(true);
    }
  });
});
