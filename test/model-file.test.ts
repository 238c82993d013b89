import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel, parseModel, saveModel, toModelJson } from '../src/model/model-file.ts';
import { makeNet, randomParams } from '../src/nn/network.ts';
import { stream } from '../src/util/rng.ts';
import { bytes } from './helpers.ts';

const net = makeNet([3, 4, 2, 1], 'tanh');
const params = randomParams(net, stream('m', 'init'));
const model = { net, params, loss: 'bce' as const, meta: { method: 'gradient', iterations: 12 } };

describe('model file', () => {
  it('reads like the original map: weights[layer][in][out]', () => {
    const doc = toModelJson(model) as { nodes: number[]; weights: number[][][]; func: string };
    expect(doc.nodes).toEqual([3, 4, 2, 1]);
    expect(doc.func).toBe('tanh');
    expect(doc.weights.map((m) => [m.length, m[0].length])).toEqual([
      [3, 4],
      [4, 2],
      [2, 1],
    ]);
    expect(doc.weights[1][2][1]).toBe(params[12 + 2 * 2 + 1]);
  });

  it('round-trips save and load to the same bits', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'np-')), 'm.json');
    saveModel(path, model);
    const back = loadModel(path);
    expect(bytes(back.params)).toBe(bytes(params));
    expect(back.net.nodes).toEqual(net.nodes);
    expect(back.net.func).toBe('tanh');
    expect(back.loss).toBe('bce');
    expect(back.meta).toEqual(model.meta);
  });

  it('leaves no file behind when the write fails', () => {
    const dir = mkdtempSync(join(tmpdir(), 'np-'));
    expect(() => saveModel(join(dir, 'missing', 'm.json'), model)).toThrow(/--out .*cannot write/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('says what it found where an array was expected', () => {
    const doc = toModelJson(model) as { weights: unknown };
    doc.weights = 7;
    expect(() => parseModel(JSON.stringify(doc), 'bad.json')).toThrow(
      'bad.json: "weights" is 7, expected 3 for nodes [3,4,2,1]',
    );
  });

  it('rejects a matrix whose shape does not match nodes', () => {
    const doc = toModelJson(model) as { weights: number[][][] };
    doc.weights[1][2] = [1];
    expect(() => parseModel(JSON.stringify(doc), 'bad.json')).toThrow(
      'bad.json: weights[1][2] has 1 number, expected 2 (nodes[2])',
    );
  });

  it('rejects a weight that is not a finite number', () => {
    const text = JSON.stringify(toModelJson(model)).replace(/(\[\[\[)[^,]+/, '$1"x"');
    expect(() => parseModel(text, 'bad.json')).toThrow('bad.json: weights[0][0][0] is "x", expected a finite number');
  });

  it('rejects an unknown activation and broken JSON', () => {
    expect(() => parseModel('{"nodes":[3,1],"weights":[[[1],[1],[1]]],"func":"sine"}', 'f.json')).toThrow(
      'f.json: "func" is "sine"',
    );
    expect(() => parseModel('{"nodes":', 'f.json')).toThrow(/f.json: not valid JSON/);
  });

  it('reads a file without "output" as the original\'s logistic output', () => {
    const m = parseModel('{"nodes":[3,1],"weights":[[[1],[2],[3]]],"func":"logistic"}', 'o.json');
    expect(m.loss).toBe('bce');
    expect([...m.params]).toEqual([1, 2, 3]);
  });
});

describe('the model file on disk', () => {
  it('is plain JSON on one line with a trailing newline', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'np-')), 'm.json');
    saveModel(path, model);
    const text = readFileSync(path, 'utf8');
    expect(text.endsWith('}\n')).toBe(true);
    expect(existsSync(`${path}.tmp`)).toBe(false);
  });
});
