// The flags' fast path: with no flags, train takes the table's defaults
// without loading yargs. It must give what yargs would have given.
import { describe, expect, it } from 'vitest';
import { defaultArgs, negativeWords, parseWithYargs, toOptions } from '../src/cli/args.ts';
import { FLAGS } from '../src/cli/flags.ts';
import { givenOnce } from '../src/cli/repeated.ts';

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

describe('a flag given twice', () => {
  // yargs counted `--max-iters 5 --max-iters 1` up to 6 and glued `--lr fast --lr 1` into "fast1".
  const cases: [string[], string][] = [
    [['--max-iters', '5', '--max-iters', '1'], '--max-iters 5 and 1: expected it once'],
    [['--seed', 'a', '--seed', '1'], '--seed "a" and "1": expected it once'],
    [['--lr', 'fast', '--lr', '1'], '--lr fast and 1: expected it once'],
    [['--lr=0.5', '--lr', '1'], '--lr 0.5 and 1: expected it once'],
    [['--max-iters', '3', '--maxIters', '4'], '--max-iters 3 and 4: expected it once'],
  ];
  for (const [argv, line] of cases)
    it(argv.join(' '), async () => {
      await expect(parseWithYargs(argv)).rejects.toThrow(line);
    });

  it('is not a boolean given twice, or words after --', () => {
    expect(() => givenOnce(['--quiet', '--quiet', '--', '--out', 'a', '--out', 'b'], FLAGS)).not.toThrow();
  });
});

describe('a switch given a value', () => {
  it('takes true or false, and refuses any other word instead of reading it as false', async () => {
    expect(((await parseWithYargs(['--elitist=true'])) as Record<string, unknown>).elitist).toBe(true);
    expect(((await parseWithYargs(['--elitist=false'])) as Record<string, unknown>).elitist).toBe(false);
    await expect(parseWithYargs(['--elitist=yes'])).rejects.toThrow(
      '--elitist "yes": expected true or false, or the flag alone',
    );
    await expect(parseWithYargs(['--quiet=1'])).rejects.toThrow(
      '--quiet "1": expected true or false, or the flag alone',
    );
  });
});

describe('--no- before a flag that takes a value', () => {
  it('is refused instead of making the value false', async () => {
    for (const flag of ['init', 'plot', 'out', 'lr'])
      await expect(parseWithYargs([`--no-${flag}`])).rejects.toThrow(
        `--no-${flag}: --${flag} is not a switch, expected --${flag} with a value`,
      );
    expect(((await parseWithYargs(['--no-elitist'])) as Record<string, unknown>).elitist).toBe(false);
  });
});
