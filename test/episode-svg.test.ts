// A picture of an episode: one animated frame per step, drawn from the task's
// draw(), with the return the episode gave.
import { describe, expect, it } from 'vitest';
import { makeNet, weightIndex } from '../src/nn/network.ts';
import { episodeSvg } from '../src/plot/episode-svg.ts';
import { acrobot } from '../src/tasks/acrobot.ts';
import { cartpole } from '../src/tasks/cartpole.ts';
import { pendulum } from '../src/tasks/pendulum.ts';
import { makePolicy, policyNodes } from '../src/tasks/policy.ts';
import { playEpisode, recordEpisode } from '../src/tasks/rollout.ts';
import { stream } from '../src/util/rng.ts';

/** A net that pushes left while the pole leans left: it falls in a few dozen steps. */
function leaner() {
  const net = makeNet(policyNodes(cartpole, []), 'tanh');
  const params = new Float64Array(10);
  params[weightIndex(net, 0, 2, 0)] = -1; // output 0 (left) grows as θ goes negative
  return { params, policy: makePolicy(cartpole, net) };
}

describe('an episode as an animated SVG', () => {
  const { params, policy } = leaner();
  const run = recordEpisode(cartpole, policy, params, stream(1, 'held-out', 0));
  const svg = episodeSvg(
    run.frames,
    cartpole.view ?? { xMin: 0, xMax: 1, yMin: 0, yMax: 1 },
    0.02,
    `return ${run.ret}`,
  );

  it('has one frame per step, each shown once per loop', () => {
    expect(run.steps).toBeGreaterThan(5);
    expect(run.steps).toBeLessThan(cartpole.maxSteps);
    expect(svg.match(/<g display=/g)?.length).toBe(run.steps);
    expect(svg.match(/<animate /g)?.length).toBe(run.steps);
    expect(svg).toContain(`dur="${Math.round(run.steps * 0.02 * 1000) / 1000}s"`);
  });

  it('records the same episode, and return, as playing it does', () => {
    expect(run.ret).toBe(playEpisode(cartpole, policy, params, stream(1, 'held-out', 0)).ret);
    expect(svg).toContain(`return ${run.ret}`);
  });

  it('draws the cart where the state puts it in its last frame', () => {
    const s = cartpole.reset(stream(1, 'held-out', 0));
    for (let t = 0; t < run.steps; t++) cartpole.step(s, policy.act(params, s), stream('unused'));
    const last = run.frames.at(-1)?.find((shape) => shape.kind === 'rect');
    expect(last).toMatchObject({ x: s[0] - 0.25 });
  });

  it('draws every built-in task', () => {
    for (const env of [cartpole, acrobot, pendulum]) {
      const shapes = env.draw?.(env.reset(stream(2, 'start')));
      expect(shapes?.length, env.name).toBeGreaterThan(1);
      expect(env.view, env.name).toBeDefined();
    }
  });
});
