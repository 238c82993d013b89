// predict on new rows, its main use: rows whose label is empty or NA, or a
// file without the label column; each sample's line in the file; --out
// writing the rows back with their predictions in the file's own dialect;
// a row the model cannot read named by line and column without moving the
// others; and a --label that is one of the model's features refused.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsvText } from '../src/data/csv.ts';
import { type Model, saveModel } from '../src/model/model-file.ts';
import { makeNet, weightIndex } from '../src/nn/network.ts';

const cwd = mkdtempSync(join(tmpdir(), 'np-predict-rows-'));

function predict(...args: string[]) {
  const r = spawnSync(process.execPath, [resolve('dist/predict.js'), '--model', 'fruit.json', ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.trim() };
}

// colour (red, green) one-hot, then size: z = size − 5, so a fruit over 5 cm is a pear.
const net = makeNet([4, 1]);
const params = new Float64Array(4);
params[weightIndex(net, 0, 2, 0)] = 1;
params[weightIndex(net, 0, 3, 0)] = -5;
const model: Model = {
  net,
  params,
  loss: 'bce',
  meta: {},
  encoding: {
    scale: 'none',
    features: [
      { name: 'colour', type: 'category', categories: ['green', 'red'] },
      { name: 'size', type: 'number', center: 0, scale: 1 },
    ],
    target: { name: 'kind', type: 'classes', classes: ['apple', 'pear'] },
  },
};
saveModel(join(cwd, 'fruit.json'), model);
const pear = (size: number) => 1 / (1 + Math.exp(-(size - 5)));

describe('predict on rows to predict', () => {
  it('predicts rows whose label is empty or NA and leaves them out of the scores', () => {
    writeFileSync(join(cwd, 'some.csv'), 'colour,size,kind\nred,2,apple\ngreen,8,\nred,7,NA\ngreen,9,apple\n');
    const r = predict('--data', 'some.csv', '--json');
    expect([r.code, r.stderr]).toEqual([0, '']);
    const doc = JSON.parse(r.stdout);
    const got = doc.samples.map((s: { line: number; class: string; label?: string }) => [s.line, s.class, s.label]);
    expect(got).toEqual([
      [2, 'apple', 'apple'],
      [3, 'pear', undefined],
      [4, 'pear', undefined],
      [5, 'pear', 'apple'],
    ]);
    expect([doc.scored, doc.right, doc.accuracy]).toEqual([2, 1, 0.5]);
    const text = predict('--data', 'some.csv').stdout.trim().split('\n');
    expect(text[1]).toMatch(/^line\s+features\s+class\s+label\s+output$/);
    expect(text[3]).toMatch(new RegExp(`^ {3}3 +green 8 +pear +${pear(8).toFixed(6)}$`));
    expect(text.at(-1)).toBe('accuracy: 50.0% (1 of 2 right)');
  });

  it('predicts a file without the label column, each sample with its line', () => {
    writeFileSync(join(cwd, 'new.csv'), 'size,colour\n# a comment\n3,red\n\n6,green\n');
    const doc = JSON.parse(predict('--data', 'new.csv', '--json').stdout);
    expect(doc.samples).toEqual([
      { line: 3, features: ['red', 3], outputs: [pear(3)], class: 'apple' },
      { line: 5, features: ['green', 6], outputs: [pear(6)], class: 'pear' },
    ]);
    expect(doc.right).toBeUndefined();
  });
});

describe('predict --out', () => {
  it("writes the rows back in the file's dialect: semicolons, decimal commas, quotes, CRLF, lines kept", () => {
    const lines = ['\ufeff"colour";"size";"kind"', '"red";"2,5";"apple"', '# kept', '"green";"7,25";""', ''];
    writeFileSync(join(cwd, 'semi.csv'), lines.join('\r\n'));
    const r = predict('--data', 'semi.csv', '--out', 'semi-out.csv');
    expect([r.code, r.stderr]).toEqual([0, '']);
    const out = readFileSync(join(cwd, 'semi-out.csv'), 'utf8');
    const p = (s: number) => [1 - pear(s), pear(s)].map((v) => `"${v.toFixed(6).replace('.', ',')}"`).join(';');
    expect(out.split('\r\n')).toEqual([
      '\ufeff"colour";"size";"kind";"predicted kind";"p(apple)";"p(pear)";"reason"',
      `"red";"2,5";"apple";"apple";${p(2.5)};""`,
      '# kept',
      `"green";"7,25";"";"pear";${p(7.25)};""`,
      '',
    ]);
    // Read back as any input is: the same rows at the same lines, the new columns numbers.
    const t = parseCsvText(out, 'semi-out.csv');
    expect([t.delimiter, [...t.lines], t.names.slice(3)]).toEqual([
      ';',
      [2, 4],
      ['predicted kind', 'p(apple)', 'p(pear)', 'reason'],
    ]);
    expect(t.columns[5]).toEqual({
      kind: 'number',
      values: Float64Array.from([2.5, 7.25].map((s) => +pear(s).toFixed(6))),
    });
  });

  it('names an unseen category by line and column, keeps every other row in place, and exits 1', () => {
    const rows = ['colour,size', 'red,6', 'blue,1', 'green,2', 'red,', '"green",9.5'];
    writeFileSync(join(cwd, 'odd.csv'), `${rows.join('\n')}\n`);
    const r = predict('--data', 'odd.csv', '--out', 'odd-out.csv', '--json');
    expect(r.stderr.split('\n')).toEqual([
      'predict: odd.csv line 3, column "colour": "blue" is not a category the model knows, expected one of green, red, row not predicted',
      'predict: odd.csv line 5, column "size": a missing value, row not predicted',
      'predict: odd.csv: 2 of 5 rows not predicted',
    ]);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.samples.map((s: { line: number; class: string }) => [s.line, s.class])).toEqual([
      [2, 'pear'],
      [4, 'apple'],
      [6, 'pear'],
    ]);
    expect(doc.unpredicted.map((u: { line: number; column: string }) => [u.line, u.column])).toEqual([
      [3, 'colour'],
      [5, 'size'],
    ]);
    const out = readFileSync(join(cwd, 'odd-out.csv'), 'utf8').split('\n');
    expect(out[0]).toBe('colour,size,predicted kind,p(apple),p(pear),reason');
    expect(out[1]).toBe(`red,6,pear,${(1 - pear(6)).toFixed(6)},${pear(6).toFixed(6)},`);
    expect(out[2]).toBe(
      'blue,1,,,,"column ""colour"": ""blue"" is not a category the model knows, expected one of green, red"',
    );
    expect(out[3].startsWith('green,2,apple,')).toBe(true);
    expect(out[4]).toBe('red,,,,,"column ""size"": a missing value"');
    expect(out[5].startsWith('"green",9.5,pear,')).toBe(true);
  });

  it('leaves rows with a missing cell out without failing under --missing drop', () => {
    const r = predict('--data', 'odd.csv', '--missing', 'drop');
    expect(r.stderr.split('\n').slice(1)).toEqual([
      'predict: odd.csv: 1 row with a missing value not predicted (--missing drop)',
      'predict: odd.csv: 2 of 5 rows not predicted',
    ]);
    expect(r.code).toBe(1); // blue is still not a category the model knows
  });

  it('drops such rows as the model was trained when --missing is not typed', () => {
    const dropping = { ...model, meta: { missing: 'drop' } };
    saveModel(join(cwd, 'fruit.json'), dropping);
    const r = predict('--data', 'odd.csv');
    expect(predict('--data', 'odd.csv', '--missing', 'refuse').stderr).not.toContain('(--missing drop)');
    saveModel(join(cwd, 'fruit.json'), model);
    expect(r.stderr).toContain('1 row with a missing value not predicted (--missing drop)');
  });
});

describe('--out and quotes', () => {
  it('reads a quote inside an unquoted cell as text, as the reader does, keeping every row on its line', () => {
    const text = 'note,colour,size,kind\n12" pipe,red,2,apple\n"a, b",green,8,\nlast,red,7,NA\n';
    writeFileSync(join(cwd, 'bare.csv'), text);
    expect(predict('--data', 'bare.csv', '--out', 'bare-out.csv').code).toBe(0);
    const out = readFileSync(join(cwd, 'bare-out.csv'), 'utf8').split('\n');
    expect(out.map((l) => l.split(',').slice(-4, -3)[0])).toEqual([
      'predicted kind',
      'apple',
      'pear',
      'pear',
      undefined,
    ]);
    expect(out[1].startsWith('12" pipe,red,2,apple,')).toBe(true);
  });
});

describe('one sample typed as features', () => {
  it('names the column of a feature that is not a number', () => {
    const r = predict('red', 'NA');
    expect([r.stderr, r.code]).toEqual(['predict: feature 2 (column "size") "NA": expected a finite number', 2]);
  });
});

describe('predict refuses', () => {
  it('a header with a column named twice, as train does', () => {
    writeFileSync(join(cwd, 'twice.csv'), 'colour,size,size,kind\nred,2,3,apple\n');
    const r = predict('--data', 'twice.csv');
    expect([r.stderr, r.code]).toEqual([
      'predict: twice.csv header: column "size" twice, expected a name of its own for each column',
      2,
    ]);
  });

  it("a --label that is one of the model's features, in one line, writing nothing", () => {
    const r = predict('--data', 'some.csv', '--label', 'size', '--out', 'never.csv');
    expect([r.code, r.stdout, r.stderr]).toEqual([
      2,
      '',
      'predict: --label "size": is one of the model\'s features (colour, size), expected its label "kind"',
    ]);
    expect(existsSync(join(cwd, 'never.csv'))).toBe(false);
  });

  it('--out without a CSV to predict, or onto the data file itself', () => {
    for (const args of [
      ['--out', 'x.csv', 'red', '3'],
      ['--data', 'some.csv', '--out', 'some.csv'],
    ]) {
      const r = predict(...args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(
        /^predict: --out ".*": expected a new file for the predictions of --data with a \.csv file$/,
      );
    }
    expect(readFileSync(join(cwd, 'some.csv'), 'utf8')).toBe(
      'colour,size,kind\nred,2,apple\ngreen,8,\nred,7,NA\ngreen,9,apple\n',
    );
  });
});
