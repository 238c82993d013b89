// A net as a policy: the observation plus the constant 1 (the bias, as
// everywhere) in, one output per action out. A discrete space takes the
// largest output's index (ties: the first); a continuous one squashes each
// output by tanh into (−1, 1) and scales it into its bounds.

import { forwardLogits, makeScratch, type Net, type Scratch } from '../nn/network.ts';
import type { Environment } from './environment.ts';

/** The net's layer sizes for a task: observation + bias in, the action space's outputs out. */
export function policyNodes(env: Environment, hidden: readonly number[]): number[] {
  const outputs = env.actions.type === 'discrete' ? env.actions.n : env.actions.low.length;
  return [env.observationSize + 1, ...hidden, outputs];
}

export interface Policy {
  /** The action for `state` under `params`: an index, or the policy's own array of numbers. */
  act(params: Float64Array, state: Float64Array): number | Float64Array;
}

export function makePolicy(env: Environment, net: Net): Policy {
  const scratch: Scratch = makeScratch(net);
  const input = new Float64Array(env.observationSize + 1);
  input[env.observationSize] = 1;
  const obs = input.subarray(0, env.observationSize);
  const space = env.actions;
  const action = new Float64Array(space.type === 'continuous' ? space.low.length : 0);
  return {
    act(params, state) {
      env.observe(state, obs);
      const out = forwardLogits(net, params, input, 0, scratch);
      if (space.type === 'discrete') {
        let best = 0;
        for (let j = 1; j < space.n; j++) if (out[j] > out[best]) best = j;
        return best;
      }
      for (let j = 0; j < action.length; j++) {
        const unit = (Math.tanh(out[j]) + 1) / 2;
        action[j] = space.low[j] + unit * (space.high[j] - space.low[j]);
      }
      return action;
    },
  };
}
