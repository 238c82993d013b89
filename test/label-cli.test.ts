// The label a run on a user's table takes is never a silent guess: a line
// that --quiet keeps names the column, how it was picked and what it became,
// and the summary (text and --json) says the same; --loss mse makes a
// regression of whole-number labels.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const cwd = mkdtempSync(join(tmpdir(), 'np-label-cli-'));

function train(...args: string[]) {
  const r = spawnSync(process.execPath, [resolve('dist/train.js'), '--max-iters', '5', ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.trim() };
}

/** Cars: a size, cylinders (3, 4, 5, 6, 8) and a last column z that is no label anyone means. */
function cars(header: boolean): string {
  const rows = Array.from({ length: 50 }, (_, i) => {
    const cyl = [3, 4, 5, 6, 8][i % 5];
    return `${(cyl * 0.4 + (i % 7) / 10).toFixed(2)},${cyl},${((i * 37) % 11) / 10}`;
  });
  return `${[...(header ? ['size,cylinders,z'] : []), ...rows].join('\n')}\n`;
}

beforeAll(() => {
  writeFileSync(join(cwd, 'cars.csv'), cars(true));
  writeFileSync(join(cwd, 'bare.csv'), cars(false));
});

describe('the label line', () => {
  it('names the last column taken by default, and --label, on stderr under --quiet and in the summary', () => {
    const r = train('--data', 'cars.csv', '--quiet');
    expect(r.code).toBe(0);
    const line = 'label: "z" (the last column; name another with --label), a regression';
    expect(r.stderr.split('\n')).toContain(`train: ${line}`);
    expect(r.stdout).toContain('label:      "z" (the last column; name another with --label), a regression');
  });

  it('says a named label was named, with its classes, and gives it in --json', () => {
    const r = train('--data', 'cars.csv', '--label', 'cylinders', '--json', '--quiet');
    expect(r.stderr.split('\n')).toContain('train: label: "cylinders" (named with --label), 5 classes');
    const summary = JSON.parse(r.stdout.trim().split('\n').at(-1) as string);
    expect(summary.label).toEqual({ name: 'cylinders', how: 'named', target: 'classes', classes: 5 });
  });

  it("says a resumed run's label is its model's, --label not typed", () => {
    train('--data', 'cars.csv', '--label', 'cylinders', '--out', 'cyl.json', '--quiet');
    const r = train('--init', 'cyl.json', '--out', 'cyl2.json', '--quiet');
    expect(r.stderr.split('\n')).toContain('train: label: "cylinders" (the model\'s label), 5 classes');
  });

  it('is not a note for a file without a header, whose last column is the documented label', () => {
    const r = train('--data', 'bare.csv', '--quiet');
    expect(r.stderr).not.toContain('label:');
    expect(r.stdout).toContain('label:      "column 3" (the last column; name another with --label), a regression');
  });
});

describe('--loss mse', () => {
  it('makes a regression of whole-number labels: one output, the target in its units', () => {
    const r = train('--data', 'cars.csv', '--label', 'cylinders', '--loss', 'mse', '--quiet', '--out', 'cyl.json');
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n')).toContain('train: label: "cylinders" (named with --label), a regression');
    expect(r.stdout).toMatch(/RMSE, R²: /);
    const model = JSON.parse(readFileSync(join(cwd, 'cyl.json'), 'utf8'));
    expect(model.nodes.at(-1)).toBe(1);
    expect(model.encoding.target).toMatchObject({ name: 'cylinders', type: 'number' });
  });
});
