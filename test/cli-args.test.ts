// The flags' fast path: with no flags, train takes the table's defaults
// without loading yargs. It must give what yargs would have given.
import { describe, expect, it } from 'vitest';
import { defaultArgs, negativeWords, parseWithYargs, toOptions } from '../src/cli/args.ts';

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

describe('a negative word as a value', () => {
  it('is joined to its flag, so it is refused as typed rather than as a missing value', async () => {
    expect(negativeWords(['--lr', '-Infinity', '--seed', 'x'])).toEqual(['--lr=-Infinity', '--seed', 'x']);
    expect(negativeWords(['--lr', '-1', '--h', '-NaN'])).toEqual(['--lr', '-1', '--h=-NaN']);
    await expect(parseWithYargs(['--lr', '-Infinity'])).rejects.toThrow('--lr -Infinity: expected a finite number');
  });
});
