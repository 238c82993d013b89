// A user's objective module: an environment or a score, checked on import;
// what is wrong with one is said in one line naming the module and the export.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeNet } from '../src/nn/network.ts';
import { loadObjective } from '../src/tasks/objective.ts';
import { makePolicy, policyNodes } from '../src/tasks/policy.ts';
import { heldOutEpisodes, meanReturn } from '../src/tasks/rollout.ts';
import { stream } from '../src/util/rng.ts';

const at = (name: string) => join(import.meta.dirname, 'fixtures', 'objectives', name);

describe('an objective module', () => {
  it('that exports an environment acts as a built-in task does: a policy plays its episodes', async () => {
    const o = await loadObjective(at('line-world.mjs'));
    if (o.kind !== 'environment') throw new Error(`expected an environment, got ${o.kind}`);
    expect(policyNodes(o.env, [])).toEqual([2, 2]);
    const net = makeNet(policyNodes(o.env, []), 'tanh');
    // Output 1 (push right) wins for x < 0, output 0 for x > 0: the walker stays near 0 all 50 steps.
    const params = Float64Array.of(1, -1, 0, 0);
    expect(meanReturn(o.env, makePolicy(o.env, net), params, heldOutEpisodes(1, 5))).toBe(50);
    expect(o.env.name).toBe(at('line-world.mjs'));
  });

  it('that exports evaluate() as a default export is a score of the net’s outputs', async () => {
    const o = await loadObjective(at('match-sine.mjs'));
    if (o.kind !== 'score') throw new Error(`expected a score, got ${o.kind}`);
    expect([o.inputs, o.outputs]).toEqual([1, 1]);
    const zero = o.evaluate(() => Float64Array.of(0), { rng: stream('unused') });
    // Σ sin²(πx) over x = −1, −0.9, …, 1: ten for the 20 half-steps.
    expect(zero).toBeCloseTo(-10, 10);
  });

  it.each([
    ['syntax-error.mjs', 'cannot be imported: '],
    ['neither.mjs', 'exports neither evaluate() (a score) nor reset(), step() and observe() (an environment)'],
    ['no-step.mjs', 'exports no function step(), expected one'],
    ['bad-actions.mjs', 'export actions is {"type":"beam"}, expected'],
    ['bad-inputs.mjs', 'export inputs is 0, expected a whole number >= 1'],
    ['not-there.mjs', 'cannot be imported: '],
  ])('%s is refused in one line naming the module', async (file, problem) => {
    const path = at(file);
    const error = await loadObjective(path).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message).toContain(`objective ${JSON.stringify(path)}: ${problem}`);
    expect(error?.message).not.toContain('\n');
  });
});
