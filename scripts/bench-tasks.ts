// `npm run bench:tasks`: what an episode step costs on each built-in task, the
// environment alone and with a policy net acting (observation + bias → 16 tanh
// units → actions), on one thread: median of 5 runs of 100 held-out episodes
// each. A candidate's score is whole episodes of these steps, which is why the
// policy's size, not the physics, sets the cost of training on a task.
// A short episode (a policy that drops the pole in 9 steps) carries its start: a stream and a reset.

import { makeNet } from '../src/nn/network.ts';
import { acrobot } from '../src/tasks/acrobot.ts';
import { cartpole } from '../src/tasks/cartpole.ts';
import type { Environment } from '../src/tasks/environment.ts';
import { pendulum } from '../src/tasks/pendulum.ts';
import { makePolicy, type Policy, policyNodes } from '../src/tasks/policy.ts';
import { heldOutEpisodes, playEpisode } from '../src/tasks/rollout.ts';
import { stream } from '../src/util/rng.ts';
import { median } from '../src/util/stats.ts';

const HIDDEN = 16;
const RUNS = 5;
const EPISODES = 100;

/** Nanoseconds per step over the held-out episodes, acting by `policy`. */
function nsPerStep(env: Environment, policy: Policy, params: Float64Array): number {
  const t0 = process.hrtime.bigint();
  let steps = 0;
  for (const [seed, ...path] of heldOutEpisodes(1, EPISODES))
    steps += playEpisode(env, policy, params, stream(seed, ...path)).steps;
  return Number(process.hrtime.bigint() - t0) / steps;
}

console.log(`Node ${process.version}; one thread, ${EPISODES} held-out episodes a run, median of ${RUNS} runs:`);
for (const env of [cartpole, acrobot, pendulum]) {
  const net = makeNet(policyNodes(env, [HIDDEN]), 'tanh');
  const params = Float64Array.from({ length: net.offsets.at(-1) ?? 0 }, (_, i) => 0.3 * Math.sin(i + 1));
  const policy = makePolicy(env, net);
  const fixed = env.actions.type === 'discrete' ? 0 : Float64Array.of(0);
  const still: Policy = { act: () => fixed };
  const alone: number[] = [];
  const acting: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    alone.push(nsPerStep(env, still, params));
    acting.push(nsPerStep(env, policy, params));
  }
  const episode = playEpisode(env, policy, params, stream(1, 'held-out', 0));
  console.log(
    `  ${env.name.padEnd(9)} environment alone ${median(alone).toFixed(0).padStart(4)} ns/step, with a ${HIDDEN}-unit policy ${median(acting).toFixed(0).padStart(5)} ns/step (an episode of this policy: ${episode.steps} steps)`,
  );
}
