// plot's other pictures as a user asks for them: digits and confusion from a
// model of mnist, the speedup chart from a results file, curves of several
// runs; and a model that cannot have the picture asked for, refused in one line.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel, toModelJson } from '../src/model/model-file.ts';
import { makeNet, xavierParams } from '../src/nn/network.ts';
import { stream } from '../src/util/rng.ts';
import { isValidXml, markItems } from './svg-helpers.ts';

const root = resolve('.');
const dir = mkdtempSync(join(tmpdir(), 'np-plot-pictures-'));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'dist', 'plot.js'), ...args], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.trim() };
}

/** A model file of the given shape with seeded weights (untrained: its pictures need not be pretty). */
function modelFile(name: string, nodes: number[], meta: Record<string, unknown>, history?: object[]) {
  const net = makeNet(nodes, 'logistic');
  const loss = nodes[nodes.length - 1] === 1 ? 'bce' : 'ce';
  const doc = toModelJson({ net, params: xavierParams(net, stream(name, 'init')), loss, meta });
  writeFileSync(join(dir, name), JSON.stringify(history ? { ...doc, history } : doc));
}

const read = (name: string) => readFileSync(join(dir, name), 'utf8');

modelFile('digits.json', [785, 10, 10], { data: 'mnist', seed: '1' });
modelFile('three.json', [4, 3, 1], {});
modelFile('spiral.json', [3, 4, 1], { data: 'spiral', samples: 300, seed: '2' });
modelFile('nohistory.json', [3, 2, 1], { data: 'seed2class' });
const history = (k: number) =>
  Array.from({ length: 40 }, (_, i) => ({
    iteration: 10 * i,
    loss: k / (1 + i),
    ms: 3 * i,
    testLoss: (1.2 * k) / (1 + i),
  }));
modelFile('a.json', [3, 2, 1], { data: 'seed2class' }, history(1));
modelFile('b.json', [3, 2, 1], { data: 'seed2class' }, history(2));
writeFileSync(join(dir, 'three.csv'), ['1,2,3,0', '2,3,4,1', '3,1,2,0', '0,1,1,1'].join('\n'));
writeFileSync(join(dir, 'reg.csv'), ['1,2,0.3', '2,3,1.5', '3,1,2.7', '4,4,0.1'].join('\n'));

describe('plot from the command line', () => {
  it('draws a grid of test digits and the confusion map of a model of mnist', () => {
    const r = cli('--model', 'digits.json', '--digits', 'digits.svg', '--confusion', 'conf.svg');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const digits = read('digits.svg');
    expect(isValidXml(digits)).toBe(true);
    expect(markItems(digits, 'image')).toHaveLength(36);
    expect(digits).toMatch(/misclassified first \(\d+ of 1000 wrong/);
    const conf = read('conf.svg');
    expect(isValidXml(conf)).toBe(true);
    expect(markItems(conf, 'rect').length).toBeGreaterThan(0);
    expect(conf).toContain('>true<');
    expect(conf).toContain('>predicted<');
  });

  it("maps a model of the spiral over the very points it was trained on (the model's seed and count)", () => {
    expect(cli('--model', 'spiral.json', '--svg', 'spiral.svg').code).toBe(0);
    expect(markItems(read('spiral.svg'), 'symbol')).toHaveLength(300);
  });

  it('draws the speedup chart of a results file with its fitted serial fraction', () => {
    const rows = [0, 1, 2, 4].map((threads) => ({
      workload: 'w',
      method: 'gradient',
      strategy: threads === 0 ? 'inline' : 'spin-main',
      threads,
      vs0: threads === 0 ? 1 : 1 / (0.2 + 0.8 / threads),
    }));
    const results = { machine: { cpu: 'cpu', cores: 4, node: 'v20' }, groups: [{ workload: 'w', method: 'g', rows }] };
    writeFileSync(join(dir, 'speedup.json'), JSON.stringify(results));
    const r = cli('--speedup', 'speedup.json', '--svg', 'speedup.svg');
    expect(r.code).toBe(0);
    const svg = read('speedup.svg');
    expect(isValidXml(svg)).toBe(true);
    expect(markItems(svg, 'line')).toHaveLength(6);
    expect(svg).toContain('serial fraction 0.200');
  });

  it('writes a chart of runs to both --svg and --png when both are given', () => {
    expect(cli('--curves', 'a.json', '--svg', 'both.svg', '--png', 'both.png').code).toBe(0);
    expect(isValidXml(read('both.svg'))).toBe(true);
    expect(readFileSync(join(dir, 'both.png')).subarray(1, 4).toString()).toBe('PNG');
  });

  it('draws the curves of several runs on one chart, train and test, a file named twice told apart', () => {
    const r = cli('--curves', 'a.json', 'b.json', 'a.json', '--log', '--svg', 'curves.svg');
    expect(r.code).toBe(0);
    const svg = read('curves.svg');
    expect(isValidXml(svg)).toBe(true);
    // 3 runs × (train, test) × (against iterations, against seconds)
    expect(markItems(svg, 'line')).toHaveLength(12);
    expect(svg).toContain('>a (2)<');
  });
});

describe("a model's own data", () => {
  const trainCli = (cwd: string, ...args: string[]) =>
    spawnSync(process.execPath, [resolve('dist/train.js'), ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  const plotCli = (cwd: string, ...args: string[]) =>
    spawnSync(process.execPath, [resolve('dist/plot.js'), ...args], { cwd, encoding: 'utf8', timeout: 60_000 });

  it('is found from another folder: a data file is kept relative to the model file', () => {
    const home = mkdtempSync(join(tmpdir(), 'np-own-'));
    mkdirSync(join(home, 'runs'));
    writeFileSync(join(home, 'runs', 'pts.csv'), ['1,2,0', '2,3,1', '3,1,0', '4,4,1'].join('\n'));
    expect(trainCli(home, '--data', 'runs/pts.csv', '--max-iters', '2', '--out', 'runs/m.json', '--quiet').status).toBe(
      0,
    );
    expect(loadModel(join(home, 'runs', 'm.json')).meta.data).toBe('./pts.csv');
    const r = plotCli(tmpdir(), '--model', join(home, 'runs', 'm.json'), '--svg', join(home, 'map.svg'));
    expect([r.status, r.stderr]).toEqual([0, '']);
  });

  it('is named with the model when it is no longer there', () => {
    const home = mkdtempSync(join(tmpdir(), 'np-own-'));
    writeFileSync(join(home, 'pts.csv'), ['1,2,0', '2,3,1', '3,1,0', '4,4,1'].join('\n'));
    expect(trainCli(home, '--data', 'pts.csv', '--max-iters', '2', '--out', 'm.json', '--quiet').status).toBe(0);
    rmSync(join(home, 'pts.csv'));
    const r = plotCli(home, '--model', 'm.json', '--svg', 'map.svg');
    expect(r.stderr.trim()).toBe(
      `plot: --model "m.json": its data "./pts.csv" is not there (pts.csv); expected --data`,
    );
    expect(r.status).toBe(2);
  });
});

describe('plot refuses a model that cannot have the picture', () => {
  const refused: [string, string[], string][] = [
    [
      'a decision map of a model whose inputs are not 2-D',
      ['--model', 'three.json', '--data', 'three.csv', '--svg', 'x.svg'],
      'plot: --model "three.json": expected a model of 2-D data for --svg "x.svg"; it has 3 inputs ("three.csv")',
    ],
    [
      'plot-classify points of a model whose inputs are not 2-D',
      ['--model', 'digits.json', '--csv', 'x.csv'],
      'plot: --model "digits.json": expected a model of 2-D data for --csv "x.csv"; it has 784 inputs ("mnist")',
    ],
    [
      'a confusion matrix of a regression',
      ['--model', 'nohistory.json', '--data', 'reg.csv', '--confusion', 'c.svg'],
      'plot: --model "nohistory.json": expected a classifier for --confusion "c.svg"; its data "reg.csv" has no classes',
    ],
    [
      'a digit grid of a model of points',
      ['--model', 'nohistory.json', '--digits', 'x.svg'],
      'plot: --model "nohistory.json": expected a model of square images for --digits "x.svg"; it has 2 inputs ("seed2class")',
    ],
    [
      'curves of a model file without a loss history',
      ['--curves', 'a.json', 'nohistory.json', '--svg', 'x.svg'],
      'plot: --curves "nohistory.json": has no loss history, expected a model file written by train',
    ],
    [
      "a model's picture asked for with a chart of runs",
      ['--curves', 'a.json', '--svg', 'x.svg', '--digits', 'd.svg'],
      'plot: --digits "d.svg": expected without --curves (one picture at a time)',
    ],
    [
      'two charts of runs at once',
      ['--curves', 'a.json', '--speedup', 'speedup.json', '--svg', 'x.svg'],
      'plot: --speedup "speedup.json": expected without --curves (one chart at a time)',
    ],
    [
      'a speedup file that is not JSON',
      ['--speedup', 'three.csv', '--svg', 'x.svg'],
      'plot: --speedup "three.csv": not JSON, expected a speedup results file (bench-results/*.json)',
    ],
  ];
  for (const [what, args, message] of refused) {
    it(`refuses ${what} in one line, with exit code 2 and nothing written`, () => {
      const before = readdirSync(dir).sort();
      const r = cli(...args);
      expect(r.stderr).toBe(message);
      expect(r.code).toBe(2);
      expect(readdirSync(dir).sort()).toEqual(before);
    });
  }
});
