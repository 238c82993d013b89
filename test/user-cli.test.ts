// A user's CSV through the commands, as a spreadsheet exports it: trained,
// predicted (a file and one typed row) and plotted, each reading the model's
// own scaling, categories and class names.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { stream } from '../src/util/rng.ts';

const cwd = mkdtempSync(join(tmpdir(), 'np-user-cli-'));

function run(cmd: 'train' | 'predict' | 'plot', ...args: string[]) {
  const r = spawnSync(process.execPath, [resolve(`dist/${cmd}.js`), ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.trim() };
}

/** Semicolons, decimal commas, a BOM, CRLF, a quoted header, class names, a word column, one NA row. */
function spreadsheet(): string {
  const rng = stream('user-cli');
  const lines = ['"size (cm)";"weight (g)";shop;kind'];
  for (let r = 0; r < 120; r++) {
    const size = 10 * rng();
    const weight = 2000 * rng();
    const kind = size / 10 + weight / 2000 > 1 ? 'large fruit' : 'small fruit';
    lines.push(
      `${size.toFixed(2).replace('.', ',')};${weight.toFixed(1).replace('.', ',')};${['A', 'B'][r % 2]};${kind}`,
    );
  }
  lines.push('NA;12,5;A;small fruit');
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

/** Two numbers and a price in the hundreds. */
function prices(): string {
  const rng = stream('user-cli-prices');
  const lines = ['rooms,age,price'];
  for (let r = 0; r < 120; r++) {
    const rooms = 1 + 5 * rng();
    const age = 80 * rng();
    lines.push(`${rooms.toFixed(2)},${age.toFixed(1)},${(300 + 100 * rooms - 2 * age).toFixed(2)}`);
  }
  return `${lines.join('\n')}\n`;
}

beforeAll(() => {
  writeFileSync(join(cwd, 'fruit.csv'), spreadsheet());
  writeFileSync(join(cwd, 'prices.csv'), prices());
  const fruit = run('train', '--data', 'fruit.csv', '--ignore', 'shop', '--missing', 'drop', '--quiet');
  expect(fruit.stderr).toBe(
    'train: label: "kind" (the last column; name another with --label), 2 classes\n' +
      'train: data fruit.csv: 1 of 121 rows dropped for missing values (1 in "size (cm)")',
  );
  expect(fruit.code).toBe(0);
  expect(run('train', '--data', 'prices.csv', '--out', 'prices.json', '--quiet').code).toBe(0);
});

describe('a spreadsheet CSV', () => {
  it('trains with class names in its confusion table and keeps the encoding in the model', () => {
    const model = JSON.parse(readFileSync(join(cwd, 'model.json'), 'utf8'));
    expect(model.encoding.target).toEqual({ name: 'kind', type: 'classes', classes: ['large fruit', 'small fruit'] });
    expect(model.encoding.features.map((f: { name: string }) => f.name)).toEqual(['size (cm)', 'weight (g)']);
    expect(model.encoding.scale).toBe('standard');
  });

  it('is predicted, by name, with the accuracy of its labels', () => {
    const r = run('predict', '--data', 'fruit.csv', '--ignore', 'shop', '--missing', 'drop');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/small fruit {2}small fruit/);
    const accuracy = Number(/accuracy: ([\d.]+)%/.exec(r.stdout)?.[1]);
    expect(accuracy).toBeGreaterThan(90);
  });

  it('is predicted from one typed row in the file’s own units', () => {
    const big = JSON.parse(run('predict', '--json', '9.5', '1900').stdout);
    const small = JSON.parse(run('predict', '--json', '0.5', '100').stdout);
    expect([big.samples[0].class, small.samples[0].class]).toEqual(['large fruit', 'small fruit']);
  });

  it('draws its decision map with the header’s names on the axes', () => {
    const r = run('plot', '--svg', 'map.svg');
    expect(r.code).toBe(0);
    const svg = readFileSync(join(cwd, 'map.svg'), 'utf8');
    expect(svg).toContain('size (cm)');
    expect(svg).toContain('weight (g)');
  });
});

describe('flags and pictures a file cannot use', () => {
  it('refuses a decision map of one word column, whose two inputs are no plane', () => {
    writeFileSync(join(cwd, 'colours.csv'), 'colour,ripe\nred,1\ngreen,0\nred,1\ngreen,0\n');
    expect(run('train', '--data', 'colours.csv', '--out', 'colours.json', '--quiet').code).toBe(0);
    const r = run('plot', '--model', 'colours.json', '--svg', 'colours.svg');
    expect(r.stderr).toBe(
      'plot: --model "colours.json": expected two number columns for --svg "colours.svg"; it has a word column (colour)',
    );
    expect(r.code).toBe(2);
    expect(existsSync(join(cwd, 'colours.svg'))).toBe(false);
  });

  it('refuses --label on built-in data, which has no columns to choose', () => {
    const r = run('train', '--label', 'x');
    expect(r.stderr).toBe('train: --label: applies to a CSV file, expected without it for --data seed2class');
    expect(r.code).toBe(2);
  });
});

describe('a regression CSV', () => {
  it('predicts in the target’s own units, with the target column, RMSE and R²', () => {
    const r = run('predict', '--model', 'prices.json', '--data', 'prices.csv');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[1]).toMatch(/line\s+features\s+price\s+prediction/);
    expect(Number(/R²: +([-\d.]+)/.exec(r.stdout)?.[1])).toBeGreaterThan(0.95);
    const rmse = Number(/RMSE: +([\d.]+)/.exec(r.stdout)?.[1]);
    expect(rmse).toBeGreaterThan(0);
    expect(rmse).toBeLessThan(30);
  });

  it('is refused a decision map in one line, with nothing written', () => {
    const r = run('plot', '--model', 'prices.json', '--svg', 'prices.svg');
    expect(r.stderr).toBe(
      'plot: --model "prices.json": expected a classifier for --svg "prices.svg"; it is a regression (its output is a number, not a class)',
    );
    expect(r.code).toBe(2);
    expect(existsSync(join(cwd, 'prices.svg'))).toBe(false);
  });
});
