// A trained policy played back: its held-out episodes are those training
// scored it on, its picture has a frame per step, and --init and play refuse
// a model of another task or of data.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadModel, saveModel } from '../src/model/model-file.ts';
import { curveRows, curvesSpec, modelRun } from '../src/plot/curves.ts';
import { play } from '../src/train/replay.ts';
import { taskModel } from '../src/train/task-model.ts';
import { type TaskResult, train } from '../src/train/trainer.ts';
import { seedRun } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'np-play-'));
const policy = join(dir, 'cartpole.json');
const node = (script: string, args: string[]) =>
  spawnSync(process.execPath, [resolve(`dist/${script}.js`), ...args], { encoding: 'utf8', timeout: 60_000 });

beforeAll(async () => {
  // Stopped short of the target, so that episodes differ in length.
  const r = await train({ task: 'cartpole', threads: 0, maxIters: 10, reportEvery: 10, targetReturn: 1e9, seed: '2' });
  saveModel(policy, taskModel(r));
});

describe('play', () => {
  it('plays the held-out episodes training scored: their mean is the kept held-out return, to the bit', async () => {
    const model = loadModel(policy);
    let sum = 0;
    for (let e = 0; e < 100; e++) sum += (await play(model, { episode: e })).ret;
    expect(sum / 100).toBe(model.meta.heldOutReturn);
  });

  it('writes an SVG with one frame per step, and prints the episode’s return', async () => {
    const svg = join(dir, 'episode.svg');
    const r = node('play', ['--model', policy, '--svg', svg, '--episode', '4']);
    const p = await play(loadModel(policy), { episode: 4 });
    expect(r.stdout).toContain(`cartpole, held-out episode 4: return ${p.ret} in ${p.steps} steps`);
    expect(readFileSync(svg, 'utf8').match(/<g display=/g)).toHaveLength(p.steps);
    expect(p.steps).toBe(p.ret); // CartPole pays 1 a step
  });

  it('is what a policy is for: predict refuses one, naming it', () => {
    const r = node('predict', ['--model', policy, '0', '0', '0', '0']);
    expect(r.stderr).toBe(
      `predict: --model "${policy}": is a policy of a task, expected a model of data (play plays a policy)\n`,
    );
    expect(r.status).toBe(2);
  });

  it('has no data for plot to picture: plot --model refuses it, naming what does draw it', () => {
    const r = node('plot', ['--model', policy, '--svg', join(dir, 'map.svg')]);
    expect(r.stderr).toContain(`plot: --model "${policy}": is a policy of a task, which has no data to picture`);
    expect(r.status).toBe(2);
  });

  it('refuses a model of data, naming it', () => {
    const data = join(dir, 'data.json');
    node('train', ['--out', data, '--max-iters', '2', '--quiet']);
    const r = node('play', ['--model', data]);
    expect(r.stderr).toBe(
      `play: --model "${data}": is not a policy: it has no "task" (train one with --task or --objective)\n`,
    );
    expect(r.status).toBe(2);
  });
});

describe('plot --curves of a policy', () => {
  it('draws its training and held-out returns, not their negatives as losses', () => {
    const model = loadModel(policy);
    const rows = curveRows([modelRun('cartpole', model)]);
    const heldOut = rows.filter((r) => r.set === 'held-out').map((r) => r.loss);
    expect(heldOut).toEqual(model.history?.map((p) => -(p.testLoss as number)));
    expect(new Set(rows.map((r) => r.set))).toEqual(new Set(['training', 'held-out']));
    expect(JSON.stringify(curvesSpec([modelRun('cartpole', model)]))).toContain('"title":"mean return"');
  });
});

describe('--init of a policy', () => {
  it('goes on from the policy’s weights on its own task', async () => {
    // The policy's task comes with it: the result is a task run's (train's types cannot see it in the file).
    const r = (await train({ init: policy, threads: 0, maxIters: 0 })) as unknown as TaskResult;
    expect(r.run.label).toBe('cartpole');
    expect(Array.from(r.params)).toEqual(Array.from(loadModel(policy).params));
  });

  it('goes on with a module’s policy named by another path to the same file', async () => {
    const module = join(dir, 'walker.mjs');
    copyFileSync(join(import.meta.dirname, 'fixtures', 'objectives', 'line-world.mjs'), module);
    const saved = join(dir, 'walker.json');
    saveModel(saved, taskModel(await train({ objective: module, threads: 0, maxIters: 2, targetReturn: 1e9 })));
    const other = relative(process.cwd(), module);
    const r = (await train({ init: saved, objective: other, threads: 0, maxIters: 0 })) as unknown as TaskResult;
    expect(Array.from(r.params)).toEqual(Array.from(loadModel(saved).params));
  });

  it('refuses a policy of another task, and a model of data on a task', async () => {
    await expect(train({ init: policy, task: 'acrobot', threads: 0 })).rejects.toThrow(
      `init "${policy}": is a policy of cartpole, expected one of acrobot`,
    );
    const r = await train(seedRun({ maxIters: 1 }));
    const data = join(dir, 'seed.json');
    saveModel(data, { net: r.net, params: r.params, loss: r.output.name, meta: {} });
    await expect(train({ init: data, task: 'cartpole', threads: 0 })).rejects.toThrow(
      'is a model of data, expected a policy of cartpole',
    );
    await expect(train(seedRun({ init: policy }))).rejects.toThrow('is a policy of a task, expected a model of data');
  });

  it('says when the module has changed since the policy was trained', async () => {
    const module = join(dir, 'line-world.mjs');
    copyFileSync(join(import.meta.dirname, 'fixtures', 'objectives', 'line-world.mjs'), module);
    const r = await train({ objective: module, threads: 0, maxIters: 2, targetReturn: 1e9 });
    const saved = join(dir, 'line.json');
    saveModel(saved, taskModel(r));
    writeFileSync(module, `${readFileSync(module, 'utf8')}// changed\n`);
    // The model records the contents the run loaded, not the file as it is when the model is written.
    expect(taskModel(r).task).toEqual(loadModel(saved).task);
    const notes: string[] = [];
    await train({
      init: saved,
      threads: 0,
      maxIters: 0,
      onEvent: (e) => e.type === 'task-note' && notes.push(e.note),
    });
    expect(notes).toEqual([`${module} has changed since ${saved} was trained on it`]);
    expect((await play(loadModel(saved))).changed).toBe(true);
  });
});
