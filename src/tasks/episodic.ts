// What training needs of any objective: the net's sizes and one number per
// episode, higher better. An environment's episode is a policy acting from a
// start to its end or its step limit; a score's "episode" is one call of its
// evaluate() with the episode's stream. Whatever the module returns is checked
// here, so a bad number is named where it appears, in any thread.

import type { Net } from '../nn/network.ts';
import { forwardLogits, makeScratch } from '../nn/network.ts';
import type { Rng } from '../util/rng.ts';
import type { Objective } from './objective.ts';
import { makePolicy, policyNodes } from './policy.ts';
import { playEpisode } from './rollout.ts';

/** One episode's return under params, from the episode's stream. */
export type EpisodeFn = (params: Float64Array, rng: Rng) => number;

/** The net's layer sizes for an objective: its inputs + the bias, the hidden layers, its outputs. */
export function objectiveNodes(objective: Objective, hidden: readonly number[]): number[] {
  if (objective.kind === 'environment') return policyNodes(objective.env, hidden);
  return [objective.inputs + 1, ...hidden, objective.outputs];
}

/** Where a net cannot be a policy of the objective (its inputs or outputs are not the objective's), in words. */
export function shapeProblem(objective: Objective, nodes: readonly number[]): string | undefined {
  const expected = objectiveNodes(objective, []);
  if (nodes[0] === expected[0] && nodes.at(-1) === expected.at(-1)) return undefined;
  return `has nodes ${JSON.stringify(nodes)}, expected ${expected[0]} inputs and ${expected.at(-1)} outputs for its task`;
}

/**
 * The objective's episodes for this net, each return checked to be a finite
 * number. What goes wrong is thrown as "threw: …" or "gave NaN, …", for the
 * caller to say which episode of which weights it was (task-job.ts).
 */
export function episodeFn(objective: Objective, net: Net): EpisodeFn {
  const play = rawEpisode(objective, net);
  return (params, rng) => {
    let ret: unknown;
    try {
      ret = play(params, rng);
    } catch (e) {
      throw new Error(`threw: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    }
    if (typeof ret !== 'number' || !Number.isFinite(ret))
      throw new Error(
        `gave ${typeof ret === 'number' ? ret : (JSON.stringify(ret) ?? String(ret))}, expected a finite number`,
      );
    return ret;
  };
}

function rawEpisode(objective: Objective, net: Net): (params: Float64Array, rng: Rng) => unknown {
  if (objective.kind === 'environment') {
    const policy = makePolicy(objective.env, net);
    return (params, rng) => playEpisode(objective.env, policy, params, rng).ret;
  }
  const { inputs } = objective;
  const scratch = makeScratch(net);
  const x = new Float64Array(inputs + 1);
  x[inputs] = 1;
  let current: Float64Array = new Float64Array(0);
  const policy = (input: ArrayLike<number>) => {
    if (input.length !== inputs) throw new Error(`policy() was given ${input.length} inputs, expected ${inputs}`);
    for (let i = 0; i < inputs; i++) x[i] = input[i];
    return Float64Array.from(forwardLogits(net, current, x, 0, scratch));
  };
  return (params, rng) => {
    current = params;
    return objective.evaluate(policy, { rng });
  };
}

/**
 * An environment's reset called twice with the same stream must give the same start (a start drawn
 * with Math.random would make the same seed give other weights); a problem in words, else undefined.
 */
export function startProblem(objective: Objective, rng: () => Rng): string | undefined {
  if (objective.kind !== 'environment') return undefined;
  const a = Array.from(objective.env.reset(rng()) as ArrayLike<number>);
  const b = Array.from(objective.env.reset(rng()) as ArrayLike<number>);
  if (a.length === b.length && a.every((v, i) => Object.is(v, b[i]))) return undefined;
  return `reset() gave [${a.join(', ')}] and then [${b.join(', ')}] from the same stream: expected the same start, drawn only from the rng it is given`;
}
