import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel, type Model, saveModel } from '../src/model/model-file.ts';
import { meanLoss } from '../src/nn/loss.ts';
import type { TrainEvent } from '../src/train/events.ts';
import type { TrainOptions } from '../src/train/options.ts';
import { type TrainResult, train } from '../src/train/trainer.ts';
import { bytes, seedRun } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'np-resume-'));

/** The model file train.ts would write for a result, written and read back (the JSON round trip included). */
function saved(r: TrainResult, name: string): Model {
  const path = join(dir, name);
  const meta = { seed: r.options.seed, iterations: r.iterations, loss: r.loss };
  saveModel(path, { net: r.net, params: r.params, loss: r.output.name, meta, history: r.history });
  return loadModel(path);
}

/** Iterations and losses: what two runs can share (their clocks cannot). */
const curve = (r: TrainResult) => r.history.map(({ iteration, loss }) => ({ iteration, loss }));

/** Runs `o` for 60 iterations in one go, and for 30, then 30 more resumed from the saved model. */
async function oneGoAndResumed(o: TrainOptions) {
  const run = (over: TrainOptions) => train(seedRun({ targetLoss: -Infinity, reportEvery: 10, ...o, ...over }));
  const whole = await run({ maxIters: 60 });
  const first = await run({ maxIters: 30 });
  const resumed = await run({ maxIters: 60, init: saved(first, `${o.method}-${o.batch}.json`) });
  return { whole, first, resumed };
}

describe('resuming from a model (train() with init: a model)', () => {
  it('gives the weights and history of one run, bit for bit, when the first part ended at its best weights', async () => {
    const { whole, first, resumed } = await oneGoAndResumed({ method: 'gradient', lr: 0.5 });
    expect(first.loss).toBe(first.history.at(-1)!.loss); // the premise: its last weights were its best
    expect(bytes(resumed.params)).toBe(bytes(whole.params));
    expect(resumed.loss).toBe(whole.loss);
    expect(curve(resumed)).toEqual(curve(whole));
    expect([resumed.iterations, resumed.startIteration]).toEqual([60, 30]);
  });

  it('draws the same random candidates as one run: they are keyed by the iteration number, which goes on', async () => {
    // Elitist: the weights change only when they improve, so the last weights are always the best.
    const { whole, resumed } = await oneGoAndResumed({ method: 'random', elitist: true, delta: 0.05 });
    expect(bytes(resumed.params)).toBe(bytes(whole.params));
    expect(curve(resumed)).toEqual(curve(whole));
  });

  it('draws the same mini-batches as one run: epochs go on from the saved iteration', async () => {
    const { whole, first, resumed } = await oneGoAndResumed({ method: 'gradient', lr: 0.5, batch: 10 });
    expect(first.loss).toBe(first.history.at(-1)!.loss);
    expect(bytes(resumed.params)).toBe(bytes(whole.params));
    expect(curve(resumed)).toEqual(curve(whole));
  });

  it('goes on from the best weights, not the last, when the first part ended above its best', async () => {
    // lr 2 overshoots now and then: the first 30 iterations end above their best loss.
    const { first, resumed } = await oneGoAndResumed({ method: 'gradient', lr: 2 });
    const last = first.history.at(-1)!;
    expect(last.loss).toBeGreaterThan(first.loss);
    // The saved points, then the resumed weights' own loss at the same iteration, then the new points.
    expect(curve(resumed).slice(0, first.history.length)).toEqual(curve(first));
    expect(resumed.history[first.history.length]).toMatchObject({ iteration: 30, loss: first.loss });
    expect(resumed.history.slice(first.history.length + 1).map((p) => p.iteration)).toEqual([40, 50, 60]);
  });

  it("continues the saved history's clock: new points count on from its last milliseconds", async () => {
    const { first, resumed } = await oneGoAndResumed({ method: 'gradient', lr: 0.5 });
    const savedMs = first.history.at(-1)!.ms;
    const added = resumed.history.slice(first.history.length);
    expect(added.length).toBe(3);
    expect(added.every((p) => p.ms > savedMs && p.ms <= savedMs + resumed.elapsedMs)).toBe(true);
  });

  it('starts its best loss at the saved loss: weights that do not beat it are never the result', async () => {
    const first = await train(seedRun({ maxIters: 30, targetLoss: -Infinity, lr: 0.5 }));
    const model = saved(first, 'claimed.json');
    // The file claims a loss lower than any the next 5 iterations reach.
    model.meta.loss = first.loss / 2;
    const bests: number[] = [];
    const onEvent = (e: TrainEvent) => e.type === 'progress' && bests.push(e.bestLoss);
    const r = await train(
      seedRun({ init: model, maxIters: 35, targetLoss: -Infinity, lr: 0.5, reportEvery: 1, onEvent }),
    );
    expect(Math.min(...r.history.slice(first.history.length).map((p) => p.loss))).toBeGreaterThan(first.loss / 2);
    expect(r.loss).toBe(first.loss / 2);
    expect(bytes(r.params)).toBe(bytes(model.params));
    expect(new Set(bests)).toEqual(new Set([first.loss / 2]));
  });

  it('counts max-iters over all iterations: a model saved at 30 resumed with maxIters 30 makes no update', async () => {
    const first = await train(seedRun({ maxIters: 30, targetLoss: -Infinity, lr: 0.5 }));
    const notes: string[] = [];
    const onEvent = (e: TrainEvent) => {
      if (e.type === 'start') notes.push(...e.notes);
    };
    const again = { init: saved(first, 'at30.json'), maxIters: 30, targetLoss: -Infinity, lr: 0.5, onEvent };
    const r = await train(seedRun(again));
    expect([r.stopReason, r.iterations]).toEqual(['max-iters', 30]);
    expect(bytes(r.params)).toBe(bytes(first.params));
    expect(notes).toEqual([
      'the init model has 30 iterations already, and --max-iters 30 counts them: no update will be made; ' +
        'give --max-iters above 30 to go on',
    ]);
    expect(meanLoss(r.net, r.params, r.data, r.output)).toBe(first.loss);
  });

  it('starts the counts at 0 from a model file with no meta and no history', async () => {
    const first = await train(seedRun({ maxIters: 30, targetLoss: -Infinity, lr: 0.5 }));
    const model = { net: first.net, params: first.params, loss: first.output.name, meta: {} };
    const r = await train(seedRun({ init: model, maxIters: 10, targetLoss: -Infinity, lr: 0.5 }));
    expect([r.startIteration, r.iterations, r.history[0].iteration]).toEqual([0, 10, 0]);
  });
});

function trainCli(...args: string[]) {
  const r = spawnSync(process.execPath, ['dist/train.js', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.trim() };
}

describe('train --init model.json', () => {
  const common = ['--quiet', '--threads', '0', '--target-loss', '0', '--lr', '0.5', '--report-every', '10'];

  it("goes on with the model's own data and spiral size when --data is not given", () => {
    const [a, b] = ['cli-sp.json', 'cli-sp2.json'].map((f) => join(dir, f));
    expect(trainCli('--data', 'spiral', '--samples', '300', '--max-iters', '5', '--out', a, ...common).code).toBe(0);
    expect(loadModel(a).meta.samples).toBe(300);
    const r = spawnSync(
      process.execPath,
      ['dist/train.js', '--init', a, '--max-iters', '8', '--out', b, '--threads', '0'],
      {
        encoding: 'utf8',
      },
    );
    expect(r.stdout.split('\n')[0]).toContain('data spiral, 300 samples');
    expect(loadModel(b).meta).toMatchObject({ data: 'spiral', samples: 300, iterations: 8 });
  });

  it('saves the total iterations and the continued history, as one run of as many iterations', () => {
    const [a, b, c] = ['cli-a.json', 'cli-b.json', 'cli-c.json'].map((f) => join(dir, f));
    trainCli(...common, '--max-iters', '30', '--out', a);
    const r = trainCli(...common, '--max-iters', '60', '--init', a, '--out', b);
    expect(r.stdout).toMatch(/^iterations: 60$/m);
    trainCli(...common, '--max-iters', '60', '--out', c);
    const [resumed, whole] = [loadModel(b), loadModel(c)];
    expect(resumed.meta.iterations).toBe(60);
    expect(bytes(resumed.params)).toBe(bytes(whole.params));
    const points = (m: Model) => m.history!.map(({ iteration, loss }) => ({ iteration, loss }));
    expect(points(resumed)).toEqual(points(whole));
    expect(resumed.history!.slice(0, 4)).toEqual(loadModel(a).history);
  });

  it('refuses a model whose hidden layers are not the ones asked for, in one line, writing nothing', () => {
    const a = join(dir, 'cli-h.json');
    trainCli(...common, '--max-iters', '5', '--out', a);
    const out = join(dir, 'never.json');
    const r = trainCli('--init', a, '--hidden', '4', '--out', out);
    expect([r.code, r.stderr, r.stdout]).toEqual([2, 'train: --hidden "4": the model has hidden layers 6', '']);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a model file whose history is broken, naming the file and the entry', () => {
    const a = join(dir, 'cli-broken.json');
    trainCli(...common, '--max-iters', '5', '--out', a);
    const doc = JSON.parse(readFileSync(a, 'utf8'));
    doc.history[1].loss = 'x';
    writeFileSync(a, JSON.stringify(doc));
    const out = join(dir, 'never2.json');
    const r = trainCli('--init', a, '--out', out);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toBe(`train: ${a}: history[1].loss is "x", expected a finite number`);
    expect(existsSync(out)).toBe(false);
  });
});
