// The flags' fast path: with no flags, train takes the rows' defaults
// without loading yargs. It must give what yargs would have given.
import { describe, expect, it } from 'vitest';
import { negativeWords } from '../src/cli/flag-reader.ts';
import { parsePlotArgs } from '../src/cli/plot-flags.ts';
import { parseArgs } from '../src/cli/train-flags.ts';

/** Through yargs: any flag at all takes that path; --seed 1 is the default's own value. */
const parseWithYargs = async (argv: string[]) => {
  const a = await parseArgs(argv);
  return { ...a.options, ...a.command } as Record<string, unknown>;
};

describe('no flags at all', () => {
  it('give the same train() options and command values as yargs does', async () => {
    const fast = await parseArgs([]);
    expect({ ...fast.options, ...fast.command }).toEqual(await parseWithYargs(['--seed', '1']));
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

  it('is not a switch given twice, or words after --', async () => {
    await expect(parseWithYargs(['--quiet', '--quiet'])).resolves.toMatchObject({ quiet: true });
  });
});

describe('a switch given a value', () => {
  it('takes true or false, and refuses any other word instead of reading it as false', async () => {
    expect((await parseWithYargs(['--elitist=true'])).elitist).toBe(true);
    expect((await parseWithYargs(['--elitist=false'])).elitist).toBe(false);
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
    expect((await parseWithYargs(['--no-elitist'])).elitist).toBe(false);
  });
});

describe('a flag typed with one dash', () => {
  it('is the step -h with its value joined, as yargs reads one-letter flags', async () => {
    expect((await parseWithYargs(['-h1e-4'])).h).toBe(1e-4);
  });

  it('is refused as an unknown flag when it has several letters, naming the flag meant', async () => {
    await expect(parseWithYargs(['-max-iters', '3'])).rejects.toThrow(
      '-max-iters: expected a flag of train, such as --max-iters (see --help)',
    );
  });
});

describe('--no- before a flag that is no row', () => {
  it('is refused for plot --curves as for any flag with a value', async () => {
    await expect(parsePlotArgs(['--no-curves'])).rejects.toThrow(
      '--no-curves: --curves is not a switch, expected --curves with a value',
    );
  });
});
