import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seed2class, spiral } from '../src/data/builtin.ts';
import { strayLabels } from '../src/data/dataset.ts';
import { MAX_LABEL_VALUES } from '../src/data/labels.ts';
import { loadData, MAX_CLASSES, parseCsv, parseOriginalJson } from '../src/data/load.ts';

describe('built-in data', () => {
  it('holds the original 50 points, 26 of class 0 and 24 of class 1, with a bias 1', () => {
    const d = seed2class();
    expect([d.n, d.inDim, d.outDim]).toEqual([50, 3, 1]);
    expect([...d.inputs.subarray(0, 3)]).toEqual([2, 5, 1]);
    expect([...d.targets].filter((y) => y === 0).length).toBe(26);
    for (let s = 0; s < d.n; s++) expect(d.inputs[s * 3 + 2]).toBe(1);
    expect(d.inputs.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  it('generates the same spiral for the same seed, with both classes', () => {
    const a = spiral(200, '4');
    expect([...spiral(200, '4').inputs]).toEqual([...a.inputs]);
    expect([...spiral(200, '5').inputs]).not.toEqual([...a.inputs]);
    expect([...a.targets].filter((y) => y === 1).length).toBe(100);
    expect(Math.max(...a.inputs)).toBeLessThanOrEqual(1.1);
  });
});

describe('CSV data', () => {
  it('reads rows of x1,...,xn,label, skips a header and appends the bias', () => {
    const d = parseCsv('x1,x2,label\n1,2,0\n3.5,-4,1\n', 'p.csv');
    expect([d.n, d.inDim]).toEqual([2, 3]);
    expect([...d.inputs]).toEqual([1, 2, 1, 3.5, -4, 1]);
    expect([...d.targets]).toEqual([0, 1]);
    expect(d.binary).toBe(true);
  });

  it('treats labels other than 0/1 as regression targets', () => {
    expect(parseCsv('1,2,0.5\n', 'r.csv').binary).toBe(false);
  });

  it('names the line and the value that is not a number', () => {
    expect(() => parseCsv('1,2,0\n1,abc,1\n', 'p.csv')).toThrow(
      'p.csv line 2, column "column 2": "abc" is not a number, expected a number',
    );
  });

  it('rejects rows of different widths', () => {
    expect(() => parseCsv('1,2,0\n1,1\n', 'p.csv')).toThrow('p.csv line 2: 2 columns, expected 3');
  });

  it('reads quoted cells, as spreadsheets write them, as numbers: a first quoted row is data', () => {
    const d = parseCsv('"1","2","1"\n"3","4","0"\n', 'q.csv');
    expect(d.n).toBe(2);
    expect([...d.inputs]).toEqual([1, 2, 1, 3, 4, 1]);
    expect([...d.targets]).toEqual([1, 0]);
    expect(() => parseCsv('"1","2o","1"\n"3","4","0"\n', 'q.csv')).toThrow(
      'q.csv line 1, column "column 2": "2o" is not a number, expected a number',
    );
  });

  it('rejects a file with no data rows', () => {
    expect(() => parseCsv('x,y,label\n', 'e.csv')).toThrow(/e.csv: no data rows/);
  });
});

describe('original-shape JSON data', () => {
  it('takes x (bias included) and ans as they are', () => {
    const d = parseOriginalJson('[{"x":[2,5,1],"ans":[0]},{"x":[3,7,1],"ans":[1]}]', 'o.json');
    expect([...d.inputs]).toEqual([2, 5, 1, 3, 7, 1]);
    expect([...d.targets]).toEqual([0, 1]);
  });

  it('names the sample with a bad field', () => {
    expect(() => parseOriginalJson('[{"x":[2,5,1],"ans":[0]},{"x":[3,"a",1],"ans":[1]}]', 'o.json')).toThrow(
      'o.json sample 1 "x": "a" is not a finite number',
    );
    expect(() => parseOriginalJson('[{"x":[2,5,1],"ans":[0]},{"x":[3,1],"ans":[1]}]', 'o.json')).toThrow(
      'o.json sample 1 "x": [3,1] has 2 values, expected 3 as sample 0',
    );
  });
});

describe('class labels', () => {
  it('turns CSV labels 0..K-1 with K >= 3 into one-hot targets over K outputs', () => {
    const d = parseCsv('1,2,0\n3,4,2\n5,6,1\n', 'k.csv');
    expect([d.outDim, d.classes]).toEqual([3, 3]);
    expect([...d.targets]).toEqual([1, 0, 0, 0, 0, 1, 0, 1, 0]);
  });

  it('makes whole-number labels other than 0..K-1 class names in numeric order, with no empty class', () => {
    // 0 and 4: two classes (one logistic output), not five of which three are empty.
    const d = parseCsv('1,0\n2,4\n', 'gap.csv');
    expect([d.outDim, d.classes]).toEqual([1, 2]);
    expect([...d.targets]).toEqual([0, 1]);
  });

  it('keeps CSV labels 0/1 as one binary output', () => {
    const d = parseCsv('1,0\n2,1\n', 'b.csv');
    expect([d.outDim, d.classes, d.binary]).toEqual([1, 2, true]);
  });

  it('finds the labels that are neither 0 nor 1 in a set that is mostly 0/1', () => {
    const d = parseCsv('1,0\n2,1\n3,0.5\n4,1\n5,2\n6,0\n', 'stray.csv');
    expect(strayLabels(d)).toEqual({ count: 2, sample: 2, value: 0.5 });
  });

  it('finds no stray labels in a 0/1 set, nor in one mostly of other values', () => {
    expect(strayLabels(parseCsv('1,0\n2,1\n', 'b.csv'))).toBeUndefined();
    expect(strayLabels(parseCsv('1,0.2\n2,0.7\n3,1\n', 'r.csv'))).toBeUndefined();
  });

  it('keeps CSV labels as regression targets when one is not an integer', () => {
    const d = parseCsv('1,0\n2,3\n3,0.5\n', 'r.csv');
    expect([d.outDim, d.classes]).toEqual([1, 0]);
    expect([...d.targets]).toEqual([0, 3, 0.5]);
  });

  it('keeps CSV labels as regression targets when one is negative', () => {
    expect(parseCsv('1,-1\n2,3\n', 'r.csv').classes).toBe(0);
  });

  it('keeps whole-number labels that would leave most classes empty as regression targets', () => {
    const d = parseCsv(`1,0\n2,${MAX_CLASSES - 1}\n`, 'big.csv');
    expect([d.outDim, d.classes]).toEqual([1, 0]);
    expect(parseCsv('1,100\n2,300\n', 'price.csv').classes).toBe(0);
  });

  it('keeps whole-number labels of more than MAX_LABEL_VALUES values as regression targets', () => {
    const rows = (k: number) => Array.from({ length: k }, (_, i) => `${i},${i}`).join('\n');
    expect(parseCsv(rows(MAX_LABEL_VALUES), 'k.csv').classes).toBe(MAX_LABEL_VALUES);
    expect(parseCsv(rows(MAX_LABEL_VALUES + 1), 'k1.csv').classes).toBe(0);
  });

  it('recognises one-hot JSON ans arrays of length K >= 3 as K classes', () => {
    const d = parseOriginalJson('[{"x":[1,1],"ans":[0,0,1]},{"x":[2,1],"ans":[1,0,0]}]', 'h.json');
    expect([d.outDim, d.classes]).toEqual([3, 3]);
    expect([...d.targets]).toEqual([0, 0, 1, 1, 0, 0]);
  });

  it('keeps JSON 0/1 arrays with two ones as multi-label targets, not classes', () => {
    const d = parseOriginalJson('[{"x":[1,1],"ans":[0,1,1]},{"x":[2,1],"ans":[1,0,0]}]', 'm.json');
    expect([d.outDim, d.classes, d.binary]).toEqual([3, 0, true]);
  });

  it('turns single integer JSON ans values with a largest >= 2 into one-hot targets', () => {
    const d = parseOriginalJson('[{"x":[1,1],"ans":[3]},{"x":[2,1],"ans":[0]}]', 'i.json');
    expect([d.outDim, d.classes]).toEqual([4, 4]);
    expect([...d.targets]).toEqual([0, 0, 0, 1, 1, 0, 0, 0]);
  });

  it('names the sample whose ans has another length than the first', () => {
    expect(() => parseOriginalJson('[{"x":[1,1],"ans":[0,0,1]},{"x":[2,1],"ans":[2]}]', 'mix.json')).toThrow(
      'mix.json sample 1 "ans": [2] has 1 value, expected 3 as sample 0',
    );
  });
});

describe('--data', () => {
  it('rejects a name that is neither built in nor a data file', () => {
    expect(() => loadData('mnist', { samples: 10, seed: 1 })).toThrow(
      'data "mnist": expected seed2class, spiral, mnist, an IDX directory, or a .csv, .tsv or .json file',
    );
  });

  it('reads a .CSV or .JSON file whatever the case of its extension', () => {
    const dir = mkdtempSync(join(tmpdir(), 'np-data-'));
    writeFileSync(join(dir, 'D.CSV'), '1,2,1\n3,4,0\n');
    writeFileSync(join(dir, 'O.Json'), '[{"x":[1,2,1],"ans":[1]}]');
    expect(loadData(join(dir, 'D.CSV'), { samples: 10, seed: 1 }).n).toBe(2);
    expect(loadData(join(dir, 'O.Json'), { samples: 10, seed: 1 }).n).toBe(1);
  });

  it('names a file that cannot be read', () => {
    expect(() => loadData('/no/such.csv', { samples: 10, seed: 1 })).toThrow(
      'data "/no/such.csv": cannot read the file (ENOENT)',
    );
  });
});
