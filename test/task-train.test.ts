// Training on a task or an objective: the same seed gives the same policy at
// any number of threads, the built-in defaults solve CartPole, a score trains
// like an environment, and a bad module is refused in one line, exit 2.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TrainEvent } from '../src/train/events.ts';
import type { Method } from '../src/train/options.ts';
import { train } from '../src/train/trainer.ts';
import { bytes } from './helpers.ts';

const at = (name: string) => join(import.meta.dirname, 'fixtures', 'objectives', name);
const dir = mkdtempSync(join(tmpdir(), 'np-task-'));
// A fixed amount of work whatever happens: no target, no clock.
const fixed = { task: 'cartpole', maxIters: 8, reportEvery: 4, targetReturn: 1e9, maxSeconds: 0 } as const;

describe('training on a task', () => {
  it.each(['es', 'random', 'spsa'] as Method[])(
    'gives %s byte-identical weights at 1, 2 and 3 threads',
    async (method) => {
      const runs = [];
      for (const threads of [0, 2, 3]) runs.push(await train({ ...fixed, method, threads, seed: '5' }));
      const [one, ...more] = runs;
      for (const r of more) {
        expect(bytes(r.params)).toBe(bytes(one.params));
        expect(r.history).toEqual(one.history.map((p, i) => ({ ...p, ms: r.history[i].ms })));
      }
      // It trained: the weights moved from their start.
      expect(one.history.at(-1)?.loss).not.toBe(one.history[0].loss);
    },
  );

  it('gives the same weights with --threads auto, whose pool takes over mid-run, as in the main thread', async () => {
    const long = { task: 'pendulum', maxIters: 500, reportEvery: 5, targetReturn: 1e9, maxSeconds: 0 } as const;
    const auto = await train({ ...long, threads: 'auto' });
    const main = await train({ ...long, threads: 0 });
    expect(auto.runner).toMatch(/pool worker/); // the pool did take over
    expect(bytes(auto.params)).toBe(bytes(main.params));
    expect(auto.heldOutReturn).toBe(main.heldOutReturn);
  });

  it('solves CartPole with no other options: a held-out mean of at least 475 over 100 episodes', async () => {
    const r = await train({ task: 'cartpole', threads: 0 });
    expect(r.stopReason).toBe('target-return');
    expect(r.heldOutReturn).toBeGreaterThanOrEqual(475);
  });

  it('names what it decided for the task, and keeps what it is given', async () => {
    let chosen: string[] = [];
    const onEvent = (e: TrainEvent) => {
      if (e.type === 'task-start') chosen = e.chosen;
    };
    await train({ ...fixed, maxIters: 1, threads: 0, sigma: 0.5, onEvent });
    expect(chosen).toContain('--candidates 32');
    expect(chosen).toContain('--func tanh');
    expect(chosen.some((c) => c.startsWith('--sigma'))).toBe(false);
  });

  it('trains by finite differences of the return too', async () => {
    const r = await train({ ...fixed, method: 'gradient', maxIters: 20, threads: 0, seed: '3' });
    expect(-(r.history.at(-1)?.testLoss ?? 0)).toBeGreaterThan(-r.history[0].testLoss!);
  });

  it('trains on a score module: the net learns to follow sin(πx)', async () => {
    const r = await train({ objective: at('match-sine.mjs'), maxIters: 300, threads: 2, maxSeconds: 0 });
    const start = -(r.history[0].testLoss as number);
    expect(r.heldOutReturn).toBeGreaterThan(start / 4); // the squared error is a quarter of the start's, or less
  });

  it('takes a module as a file URL too, as import.meta.resolve gives one', async () => {
    const url = new URL('./fixtures/objectives/line-world.mjs', import.meta.url);
    const byUrl = await train({ objective: url, maxIters: 3, threads: 0, seed: '4' });
    const byPath = await train({ objective: at('line-world.mjs'), maxIters: 3, threads: 0, seed: '4' });
    expect(bytes(byUrl.params)).toBe(bytes(byPath.params));
  });

  it('calls a module’s functions on its own object: a class instance, and a score that reads this', async () => {
    const r = await train({ objective: at('with-this.mjs'), maxIters: 1, threads: 0 });
    expect(r.heldOutReturn).toBe(7); // evaluate() returns this.points
  });

  it('scores the last weights too where --max-iters falls between two reports', async () => {
    const r = await train({ ...fixed, maxIters: 6, reportEvery: 4, threads: 0 });
    expect(r.history.map((p) => p.iteration)).toEqual([0, 4, 6]);
  });

  it('does not restart a policy it goes on from, though every candidate ties at the cap', async () => {
    const solved = await train({ task: 'cartpole', threads: 0, seed: '2' });
    const notes: string[] = [];
    await train({
      task: 'cartpole',
      params: solved.params,
      sigma: 0.01,
      maxIters: 10,
      targetReturn: 1e9,
      threads: 0,
      onEvent: (e) => e.type === 'task-note' && notes.push(e.note),
    });
    expect(notes).toEqual([]);
  });

  it('refuses what applies to data runs only, and a scheme as --init', async () => {
    await expect(train({ task: 'cartpole', rank: 4 })).rejects.toThrow(
      'rank 4: applies to data, expected without it for --task cartpole',
    );
    await expect(train({ task: 'cartpole', init: 'rand' })).rejects.toThrow('init "rand": expected a policy');
  });

  it('gives up a held-out report in the main thread part way when stopped, as it does an iteration', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    // 100,000 held-out Pendulum episodes: seconds of one report, never finished.
    const r = await train({ task: 'pendulum', heldOut: 100_000, threads: 0, signal: controller.signal });
    expect(r.stopReason).toBe('interrupted');
    expect(r.history).toEqual([]);
  });

  it('refuses --strategy run for a module: it could not give up an episode that never returns', async () => {
    await expect(train({ objective: at('line-world.mjs'), strategy: 'run', threads: 2 })).rejects.toThrow(
      'strategy "run": expected spin-main, spin or wait for --objective',
    );
  });

  it('refuses backprop: an episode has no gradient', async () => {
    await expect(train({ task: 'cartpole', method: 'backprop' })).rejects.toThrow(
      'method "backprop": expected es, random, spsa or gradient on a task',
    );
  });
});

describe('a bad objective module', () => {
  const cli = (args: string[]) => {
    const out = join(dir, `${args.join('-').replace(/\W/g, '_')}.json`);
    const r = spawnSync(process.execPath, [resolve('dist/train.js'), '--out', out, '--max-iters', '20', ...args], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { ...r, written: existsSync(out) };
  };

  it.each([
    ['gives-nan.mjs', /the weights scored, held-out episode \d+, gave NaN, expected a finite number$/],
    ['gives-text.mjs', /the weights scored, held-out episode \d+, gave "[-\d.e]+", expected a finite number$/],
    ['not-seeded.mjs', /candidate 0 of iteration 0, training episode 0, gave \S+ and then \S+: expected the same/],
    ['random-start.mjs', /reset\(\) gave \[\S+\] and then \[\S+\] from the same stream: expected the same start/],
    ['syntax-error.mjs', /cannot be imported: /],
  ])('%s is refused in one line naming it, exit 2, nothing written', (name, problem) => {
    const r = cli(['--objective', at(name), '--threads', '2']);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`--objective "${at(name)}": `);
    expect(r.stderr.trim()).toMatch(problem);
    expect([r.status, r.written]).toEqual([2, false]);
  });

  it('that never returns is given up at --max-seconds, its worker ended, the first weights kept', () => {
    const t0 = performance.now();
    const r = cli(['--objective', at('never-returns.mjs'), '--max-seconds', '1']);
    expect(performance.now() - t0).toBeLessThan(15_000);
    expect(r.stdout).toContain('stopped:    max-seconds');
    expect(r.stdout).toContain('held-out:   not scored: the run stopped before its first report');
    expect([r.status, r.written]).toEqual([0, true]);
  });

  it('is no flag of a data run: --episodes without a task is refused in one line', () => {
    const r = cli(['--episodes', '2']);
    expect(r.stderr).toBe(
      'train: --episodes: applies to --task or --objective, expected without it for --data seed2class\n',
    );
    expect([r.status, r.written]).toEqual([2, false]);
  });

  it.each([0, 2])('that throws mid-run is named with the weights and the episode (threads %i)', (threads) => {
    const r = cli(['--objective', at('throws-later.mjs'), '--threads', String(threads)]);
    // Whichever thread meets it first: a candidate's training episode, or a held-out one at a report.
    expect(r.stderr).toMatch(
      /: (candidate \d+ of iteration \d+, training|the weights scored, held-out) episode \d+, threw: boom\n$/,
    );
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect([r.status, r.written]).toEqual([2, false]);
  });
});
