// A model's own data, kept so that plot and a resumed train find it from any
// folder: names stay names, paths go from the model's folder and never pass
// for a name; seed, spiral size and digit come along unless typed.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { saveModel } from '../src/model/model-file.ts';
import { makeNet } from '../src/nn/network.ts';
import { dataForMeta, modelData, withModelData } from '../src/train/model-data.ts';

const net = makeNet([3, 2, 1], 'logistic');
const model = (meta: Record<string, unknown>) => ({ net, params: new Float64Array(8), loss: 'bce' as const, meta });

describe('dataForMeta', () => {
  it('keeps built-in names and mnist as they are', () => {
    expect(['seed2class', 'spiral', 'mnist'].map((d) => dataForMeta(d, 'runs/m.json'))).toEqual([
      'seed2class',
      'spiral',
      'mnist',
    ]);
  });

  it('keeps a file as a path from the model file, one that cannot pass for a name', () => {
    expect(dataForMeta('runs/pts.csv', 'runs/m.json')).toBe('./pts.csv');
    expect(dataForMeta('mnist/', 'm.json')).toBe('./mnist');
    expect(dataForMeta('data/pts.csv', 'runs/m.json')).toBe('../data/pts.csv');
  });
});

describe('modelData', () => {
  const home = mkdtempSync(join(tmpdir(), 'np-model-data-'));
  mkdirSync(join(home, 'mnist'));
  writeFileSync(join(home, 'pts.csv'), '1,2,0\n2,3,1\n');

  it('reads an IDX folder named mnist back as that folder, not the built-in digits', () => {
    expect(modelData(model({ data: './mnist' }), join(home, 'm.json'))).toBe(join(home, 'mnist'));
  });

  it('names the model and the path it looked at when the data is gone', () => {
    expect(() => modelData(model({ data: './gone.csv' }), join(home, 'm.json'), 'init')).toThrow(
      `--init "${join(home, 'm.json')}": its data "./gone.csv" is not there (${join(home, 'gone.csv')}); expected --data`,
    );
  });
});

describe('withModelData', () => {
  const home = mkdtempSync(join(tmpdir(), 'np-model-data-'));
  const path = join(home, 'm.json');
  saveModel(path, model({ data: 'spiral', samples: 200, seed: '7' }));
  const none = () => false;

  it("takes the model's data, spiral size and seed for --init without --data", () => {
    expect(withModelData({ init: path, data: 'seed2class', seed: '1', samples: 1000 }, none)).toMatchObject({
      data: 'spiral',
      samples: 200,
      seed: '7',
    });
  });

  it('keeps each of them that was typed', () => {
    const typed = (flag: string) => flag === 'seed';
    expect(withModelData({ init: path, data: 'seed2class', seed: '3' }, typed)).toMatchObject({ seed: '3' });
    expect(withModelData({ init: path, data: 'pts.csv' }, (f) => f === 'data')).toMatchObject({ data: 'pts.csv' });
  });
});
