// The benchmark scripts read their flags as the commands do: a mistake is one
// line `<script>: <what>`, exit code 2, nothing on stdout and nothing written,
// before any benchmarking starts (so each case here takes a fraction of a
// second). --help lists the flags and exits 0.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArgError, type Flag, listOf, oneOf, readArgs, whole } from '../scripts/script-args.ts';
import { STRATEGIES } from '../src/parallel/runner.ts';

/** npm script name -> its bundle in dist/. */
const BUNDLES = {
  'bench:gradient': 'bench-gradient',
  'bench:mnist': 'bench-mnist',
  'bench:ab': 'ab-runs',
  'bench:load': 'idx-load-bench',
  'bench:inputs': 'input-bench',
  'bench:startup': 'startup',
  'bench:charts': 'chart-bench',
  'bench:soak': 'soak',
  speedup: 'speedup',
} as const;
type Script = keyof typeof BUNDLES;

/** Runs a script's bundle in a fresh directory; returns what it said and what it left there. */
function run(script: Script, args: string[]) {
  const cwd = mkdtempSync(join(tmpdir(), 'np-script-'));
  const r = spawnSync(process.execPath, [resolve(`dist/${BUNDLES[script]}.js`), ...args], {
    cwd,
    encoding: 'utf8',
    // Every case fails at once; should one start its benchmark, it is stopped here rather than run to the end.
    timeout: 15_000,
  });
  return { code: r.status, stderr: r.stderr.trim(), stdout: r.stdout, added: readdirSync(cwd) };
}

function refuses(script: Script, args: string[], line: string): void {
  const r = run(script, args);
  expect(r.stderr).toBe(`${script}: ${line}`);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.added).toEqual([]);
}

describe('bench:gradient', () => {
  it('refuses a repeat count that is not a number', () =>
    refuses('bench:gradient', ['--repeats', 'x'], '--repeats "x": expected a whole number >= 1'));

  it('refuses zero repeats, typed with an equals sign', () =>
    refuses('bench:gradient', ['--repeats=0'], '--repeats 0: expected a whole number >= 1'));

  it('refuses a flag given twice, in either spelling', () =>
    refuses('bench:gradient', ['--repeats', '5', '--repeats=6'], '--repeats 5 and 6: expected it once'));

  it('refuses a flag missing its value', () =>
    refuses('bench:gradient', ['--threads'], '--threads: expected a value after it'));

  it('refuses more threads than 4 per core, as train caps them', () =>
    refuses(
      'bench:gradient',
      ['--threads', '0,100000'],
      `--threads 100000: expected a whole number from 0 to ${4 * availableParallelism()} (4 per core)`,
    ));

  it('refuses a thread count in a list that is not a whole number, quoting that item', () =>
    refuses('bench:gradient', ['--threads', '0,x'], '--threads "x": expected a whole number >= 0'));

  it('refuses an unknown workload, naming those it has', () =>
    refuses(
      'bench:gradient',
      ['--workloads=seed2class,mnist'],
      '--workloads "mnist": expected seed2class, spiral, digits, digits2 or digits3',
    ));

  it('refuses the start of a name that fits more than one workload', () =>
    refuses(
      'bench:gradient',
      ['--workloads=s'],
      '--workloads "s": expected seed2class, spiral, digits, digits2 or digits3',
    ));

  it('refuses an unknown flag in the words of train, with the flag probably meant', () =>
    refuses(
      'bench:gradient',
      ['--repeat', '5'],
      '--repeat: expected a flag of bench:gradient, such as --repeats (see --help)',
    ));

  it('refuses a stray word', () =>
    refuses('bench:gradient', ['fast'], '"fast": expected a flag; a value goes right after its flag'));
});

describe('bench:mnist', () => {
  it('refuses a run count that is not a whole number', () =>
    refuses('bench:mnist', ['--runs', '2.5'], '--runs 2.5: expected a whole number >= 1'));

  it('refuses a near miss of its own flag, with the flag probably meant', () =>
    refuses('bench:mnist', ['--run', '2'], '--run: expected a flag of bench:mnist, such as --runs (see --help)'));

  it("refuses a bad value of a flag it gives on to train, in train's words, before the first run", () =>
    refuses('bench:mnist', ['--runs', '1', '--lr', 'fast'], '--lr "fast": expected a number or auto'));

  it("refuses a value out of train's range before the first run, as train() would", () =>
    refuses('bench:mnist', ['--lr', '-1'], '--lr -1: expected a number > 0'));

  it('refuses a flag of train that it sets itself', () =>
    refuses('bench:mnist', ['--method', 'backprop'], '--method: expected a flag of bench:mnist (see --help)'));
});

describe('the scripts that take one number', () => {
  it('bench:load refuses zero loads', () => refuses('bench:load', ['0'], 'repeats 0: expected a whole number >= 1'));

  it('bench:inputs refuses a sample count that is not a number', () =>
    refuses('bench:inputs', ['many'], 'samples "many": expected a whole number >= 1'));

  it('bench:startup refuses a negative run count', () =>
    refuses('bench:startup', ['-1'], 'runs -1: expected a whole number >= 1'));

  it('bench:startup refuses a second word', () =>
    refuses('bench:startup', ['3', '4'], '"4": expected at most one word, [runs]'));

  it('bench:load refuses an unknown flag', () =>
    refuses('bench:load', ['--fast'], '--fast: expected a flag of bench:load (see --help)'));

  it('bench:load still runs itself with --child, which is no flag of its own', () => {
    const r = run('bench:load', ['--child', '--none']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).samples).toBe(0);
  });
});

describe('bench:charts', () => {
  it('refuses any word, taking none', () => refuses('bench:charts', ['fast'], '"fast": expected no arguments'));

  it('refuses any flag', () =>
    refuses('bench:charts', ['--runs=3'], '--runs: expected a flag of bench:charts (see --help)'));
});

describe('speedup', () => {
  it('refuses an unknown strategy, naming those it has', () =>
    refuses('speedup', ['--strategies', 'spin,fast'], `--strategies "fast": expected ${STRATEGIES.join(', ')} or all`));

  it('refuses a thread count that is not a number', () =>
    refuses('speedup', ['--threads', 'x'], '--threads "x": expected a whole number >= 0'));

  it('refuses zero repeats', () => refuses('speedup', ['--repeats', '0'], '--repeats 0: expected a whole number >= 1'));

  it('refuses an unknown method', () =>
    refuses('speedup', ['--methods', 'backprop'], '--methods "backprop": expected gradient, random or es'));

  it('refuses an unknown flag in one line, not with the whole help', () =>
    refuses('speedup', ['--frob'], '--frob: expected a flag of speedup (see --help)'));

  it('refuses a switch given a word', () =>
    refuses('speedup', ['--profile=yes'], '--profile "yes": expected true or false, or the flag alone'));

  it('refuses an empty results folder before the run rather than after it', () =>
    refuses('speedup', ['--out-dir='], '--out-dir "": expected a folder'));
});

describe('bench:ab', () => {
  it('refuses a revision git does not know, before building anything', () =>
    refuses(
      'bench:ab',
      ['--base', 'no-such-revision'],
      '--base "no-such-revision": expected a git revision of this project',
    ));

  it('refuses no pairs', () => refuses('bench:ab', ['--pairs', '0'], '--pairs 0: expected a whole number >= 1'));

  it("refuses a flag of train's it sets itself", () =>
    refuses('bench:ab', ['--profile'], '--profile: expected a flag of bench:ab (see --help)'));
});

describe('bench:soak', () => {
  it('refuses a run too short for its two 10-second windows', () =>
    refuses('bench:soak', ['--seconds', '5'], '--seconds 5: expected a whole number >= 20'));
});

describe('--help', () => {
  const FLAGS: Record<Script, string[]> = {
    'bench:gradient': ['--repeats', '--threads', '--workloads'],
    'bench:mnist': ['--runs'],
    'bench:ab': ['--base', '--pairs'],
    'bench:load': ['[repeats]'],
    'bench:inputs': ['[samples]'],
    'bench:startup': ['[runs]'],
    'bench:charts': [],
    'bench:soak': ['--seconds', '--threads'],
    speedup: ['--workloads', '--methods', '--threads', '--strategies', '--repeats', '--min-ms', '--out-dir'],
  };
  for (const [script, flags] of Object.entries(FLAGS) as [Script, string[]][]) {
    it(`${script} lists its flags, writes nothing and exits 0`, () => {
      const r = run(script, ['--help']);
      expect(r.stdout.split('\n')[0]).toMatch(new RegExp(`^npm run ${script}\\b`));
      const listed = r.stdout.split('\n').map((line) => /^ {2}(\S+) +\S/.exec(line)?.[1]);
      expect(listed.filter(Boolean)).toEqual(expect.arrayContaining([...flags, '--help']));
      expect([r.code, r.stderr, r.added]).toEqual([0, '', []]);
    });
  }
});

describe('the reader itself', () => {
  const FLAGS = {
    repeats: { describe: '', default: 5, read: whole(1) },
    threads: { describe: '', default: [0, 2], read: listOf(whole(0)) },
    grad: { describe: '', default: 'incremental', read: oneOf(['incremental', 'naive']) },
    profile: { describe: '', default: false },
  } satisfies Record<string, Flag>;
  const read = (argv: string[]) => readArgs(argv, 'bench', FLAGS);
  const mistake = async (argv: string[]) => {
    try {
      await read(argv);
    } catch (e) {
      if (e instanceof ArgError) return e.message;
      throw e;
    }
    return 'no mistake';
  };

  it('gives the defaults when nothing is typed', async () =>
    expect(await read([])).toEqual({ repeats: 5, threads: [0, 2], grad: 'incremental', profile: false }));

  it('takes a value after the flag or after an equals sign alike', async () => {
    expect((await read(['--repeats', '7'])).repeats).toBe(7);
    expect((await read(['--repeats=7'])).repeats).toBe(7);
  });

  it('reads a list, skipping empty items and spaces', async () =>
    expect((await read(['--threads', '0, 4,'])).threads).toEqual([0, 4]));

  it('refuses an empty list', async () =>
    expect(await mistake(['--threads='])).toBe('--threads "": expected a whole number >= 0'));

  it('reads a switch alone, or given true or false', async () => {
    expect((await read(['--profile'])).profile).toBe(true);
    expect((await read(['--profile=false'])).profile).toBe(false);
  });

  it('takes a negative number for a value, and refuses it as a value', async () =>
    expect(await mistake(['--repeats', '-2'])).toBe('--repeats -2: expected a whole number >= 1'));

  it('refuses a count typed as an exponent or a decimal', async () => {
    expect(await mistake(['--repeats', '1e3'])).toBe('--repeats 1e3: expected a whole number >= 1');
    expect(await mistake(['--repeats', '5.0'])).toBe('--repeats 5.0: expected a whole number >= 1');
  });

  it('quotes both values of a flag given twice unless both are numbers', async () =>
    expect(await mistake(['--threads', '0,2', '--threads', '4'])).toBe('--threads "0,2" and "4": expected it once'));

  it('says a flag is missing its value when the next word is a flag', async () =>
    expect(await mistake(['--repeats', '--profile'])).toBe('--repeats: expected a value after it'));

  it('refuses a flag typed with one dash', async () =>
    expect(await mistake(['-repeats', '5'])).toBe(
      '-repeats: expected a flag of bench, such as --repeats (see --help)',
    ));

  it('refuses the first mistake of several', async () =>
    expect(await mistake(['--grad', 'fast', '--repeats', 'x'])).toBe('--grad "fast": expected incremental or naive'));
});
