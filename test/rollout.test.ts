// A net acting in a task: its action from its outputs, and episodes named by
// streams (the same for every candidate of an iteration, held-out ones apart).
import { describe, expect, it } from 'vitest';
import { makeNet, weightIndex } from '../src/nn/network.ts';
import { acrobot } from '../src/tasks/acrobot.ts';
import { cartpole } from '../src/tasks/cartpole.ts';
import { pendulum } from '../src/tasks/pendulum.ts';
import { makePolicy, policyNodes } from '../src/tasks/policy.ts';
import { type EpisodeName, heldOutEpisodes, meanReturn, playEpisode, trainingEpisodes } from '../src/tasks/rollout.ts';
import { stream } from '../src/util/rng.ts';

/** A linear policy [x, ẋ, θ, θ̇, 1] → 2 outputs whose difference is θ + 0.5·θ̇: push under the pole. */
function balancer() {
  const net = makeNet(policyNodes(cartpole, []), 'tanh');
  const params = new Float64Array(10);
  params[weightIndex(net, 0, 2, 1)] = 1;
  params[weightIndex(net, 0, 3, 1)] = 0.5;
  return { net, params, policy: makePolicy(cartpole, net) };
}

describe('a net as a policy', () => {
  it('has the observation and the bias as inputs and one output per action', () => {
    expect(policyNodes(cartpole, [16])).toEqual([5, 16, 2]);
    expect(policyNodes(acrobot, [])).toEqual([7, 3]);
    expect(policyNodes(pendulum, [8, 4])).toEqual([4, 8, 4, 1]);
  });

  it('takes the largest output of a discrete space, as the hand-written rule takes its sign', () => {
    const { params, policy } = balancer();
    const s = Float64Array.of(0, 0, 0.03, -0.1);
    expect(policy.act(params, s)).toBe(0); // 0.03 − 0.05 < 0: push left
    s[3] = 0.1;
    expect(policy.act(params, s)).toBe(1);
  });

  it('scales a continuous output into its bounds by tanh: 0 to the middle, large ones to the ends', () => {
    const net = makeNet(policyNodes(pendulum, []), 'tanh');
    const policy = makePolicy(pendulum, net);
    const s = Float64Array.of(0.5, 0);
    const params = new Float64Array(4);
    expect((policy.act(params, s) as Float64Array)[0]).toBe(0);
    params[weightIndex(net, 0, 3, 0)] = 50; // the bias
    expect((policy.act(params, s) as Float64Array)[0]).toBeCloseTo(2, 12);
    params[weightIndex(net, 0, 3, 0)] = -50;
    expect((policy.act(params, s) as Float64Array)[0]).toBeCloseTo(-2, 12);
  });
});

/** The start an episode's stream draws. */
const start = (name: EpisodeName) => [...cartpole.reset(stream(...name))];

describe('episodes', () => {
  it('return what a hand loop over the same start and rule returns', () => {
    const { params, policy } = balancer();
    for (let e = 0; e < 5; e++) {
      const s = cartpole.reset(stream(3, 'hand', e));
      let hand = 0;
      for (let t = 0; t < cartpole.maxSteps; t++) {
        const r = cartpole.step(s, s[2] + 0.5 * s[3] > 0 ? 1 : 0, stream('unused'));
        hand += r.reward;
        if (r.terminated) break;
      }
      expect(playEpisode(cartpole, policy, params, stream(3, 'hand', e)).ret).toBe(hand);
    }
  });

  it('end at the step limit: the balancing rule keeps the pole up for all 500 steps', () => {
    const { params, policy } = balancer();
    expect(meanReturn(cartpole, policy, params, heldOutEpisodes(1, 10))).toBe(500);
  });

  it('are the same for every candidate of an iteration and differ between iterations', () => {
    expect(trainingEpisodes(1, 7, 3)).toEqual(trainingEpisodes(1, 7, 3));
    expect(start(trainingEpisodes(1, 7, 1)[0])).not.toEqual(start(trainingEpisodes(1, 8, 1)[0]));
  });

  it('held out never share a start with training episodes', () => {
    const key = (name: EpisodeName) => String(start(name));
    const training = new Set(Array.from({ length: 200 }, (_, i) => trainingEpisodes(1, i, 5).map(key)).flat());
    expect(heldOutEpisodes(1, 100).filter((h) => training.has(key(h)))).toEqual([]);
  });
});
