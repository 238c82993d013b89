// The flags' fast path: with no flags, train takes the table's defaults
// without loading yargs. It must give what yargs would have given.
import { describe, expect, it } from 'vitest';
import { defaultArgs, parseWithYargs, toOptions } from '../src/cli/args.ts';

describe('no flags at all', () => {
  it('give every value yargs gives for an empty command line', async () => {
    const viaYargs = (await parseWithYargs([])) as Record<string, unknown>;
    const fast = defaultArgs() as Record<string, unknown>;
    for (const key of Object.keys(viaYargs)) if (key !== '$0') expect(fast[key], key).toEqual(viaYargs[key]);
  });

  it('give the same train() options as yargs does', async () => {
    expect(toOptions(defaultArgs())).toEqual(toOptions(await parseWithYargs([])));
  });
});
