// plot as a user runs it (compare: compare.test.ts): files written, one-line errors with
// exit code 2, and nothing written on a mistake.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../src/model/model-file.ts';
import { pointClassifier } from '../src/plot/classify.ts';
import { isValidXml, markItems } from './svg-helpers.ts';

const root = resolve('.');
const dir = mkdtempSync(join(tmpdir(), 'np-plot-'));

function cli(cmd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'dist', `${cmd}.js`), ...args], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.trim() };
}

// One model of the built-in set, trained as `npm run train` does, its decision map drawn at the end.
const trained = cli('train', '--out', 'm.json', '--quiet', '--plot', 'trained.svg');
expect(trained.code).toBe(0);

describe('plot', () => {
  const plotOk = (...args: string[]) => {
    const r = cli('plot', ...args);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return r;
  };

  it("writes plot-classify lines, x1,x2,class, each point's class the model's own", () => {
    plotOk('--model', 'm.json', '--points', '30', '--csv', 'p.csv');
    const [header, ...lines] = readFileSync(join(dir, 'p.csv'), 'utf8').trim().split('\n');
    expect(header).toBe('x1,x2,class');
    expect(lines).toHaveLength(30);
    const at = pointClassifier(loadModel(join(dir, 'm.json')));
    for (const line of lines) {
      const [x1, x2, c] = line.split(',').map(Number);
      expect(c, line).toBe(at(x1, x2).class);
    }
  });

  it('writes the same points and the same map for the same seed, other points for another', () => {
    plotOk('--model', 'm.json', '--csv', 's1.csv', '--svg', 's1.svg');
    plotOk('--model', 'm.json', '--csv', 's2.csv', '--svg', 's2.svg');
    plotOk('--model', 'm.json', '--csv', 's3.csv', '--seed', '7');
    const read = (f: string) => readFileSync(join(dir, f), 'utf8');
    expect(read('s2.csv')).toBe(read('s1.csv'));
    expect(read('s2.svg')).toBe(read('s1.svg'));
    expect(read('s3.csv')).not.toBe(read('s1.csv'));
  });

  it('writes a decision map as SVG and loss curves as PNG', () => {
    plotOk('--model', 'm.json', '--svg', 'map.svg');
    expect(markItems(readFileSync(join(dir, 'map.svg'), 'utf8'), 'symbol')).toHaveLength(50);
    plotOk('--curves', 'm.json', '--png', 'c.png');
    expect(readFileSync(join(dir, 'c.png')).subarray(1, 4).toString()).toBe('PNG');
  });

  it('says, for train --plot, where it wrote the map, after the model', () => {
    expect(trained.stdout).toContain('model:      m.json\nmap:        trained.svg\n');
  });

  it('draws, for train --plot, the map of the model it trained: its points and its title', () => {
    const svg = readFileSync(join(dir, 'trained.svg'), 'utf8');
    expect(isValidXml(svg)).toBe(true);
    expect(markItems(svg, 'symbol')).toHaveLength(50);
    expect(markItems(svg, 'line').length).toBeGreaterThan(0);
    expect(svg).toMatch(/net 3-6-1 logistic · gradient · bce loss 0\.19\d · accuracy 92\.0%/);
  });

  const bad: [string, string[], string][] = [
    [
      'a missing model file',
      ['--model', 'nope.json', '--svg', 'x.svg'],
      `plot: --model "nope.json": cannot read the file (ENOENT; tried ${join(dir, 'nope.json')})`,
    ],
    [
      '--points that is not a whole number > 0',
      ['--points', '2.5', '--csv', 'x.csv'],
      'plot: --points 2.5: expected a whole number > 0',
    ],
    ['a chart file of another kind', ['--svg', 'x.jpg'], 'plot: --svg "x.jpg": expected a file name ending in .svg'],
    ['an unknown flag', ['--colour', 'red'], 'plot: --colour: expected a flag of plot (see --help)'],
    ['a misspelt flag', ['--curve', 'a.json'], 'plot: --curve: expected a flag of plot, such as --curves (see --help)'],
    ['--model without its value', ['--model'], 'plot: --model: expected a value after it'],
    ['--png naming an SVG file', ['--png', 'map.svg'], 'plot: --png "map.svg": expected a file name ending in .png'],
    [
      '--plot-like chart of another kind',
      ['--digits', 'd.jpg'],
      'plot: --digits "d.jpg": expected a file name ending in .svg or .png',
    ],
    ['a switch given a word', ['--log=yes'], 'plot: --log "yes": expected true or false, or the flag alone'],
    [
      '--no- of a flag with a value',
      ['--no-model'],
      'plot: --no-model: --model is not a switch, expected --model with a value',
    ],
    ['a bare value', ['--svg', 'x.svg', 'extra'], 'plot: "extra": expected a flag; a value goes right after its flag'],
    ['a flag given twice', ['--svg', 'x.svg', '--svg', 'y.svg'], 'plot: --svg "x.svg" and "y.svg": expected it once'],
    ['a flag without its value', ['--model', 'm.json', '--svg'], 'plot: --svg: expected a value after it'],
    ['--points 0', ['--points', '0', '--csv', 'x.csv'], 'plot: --points 0: expected a whole number > 0'],
    [
      'a scale that would need gigabytes',
      ['--scale', '1000', '--png', 'x.png'],
      'plot: --scale 1000: expected a whole number from 1 to 10',
    ],
    [
      'a folder that does not exist',
      ['--csv', 'no/such/x.csv'],
      'plot: --csv "no/such/x.csv": expected a path in a folder that exists and can be written',
    ],
    [
      'nothing to draw',
      ['--model', 'm.json'],
      'plot: no picture asked for: expected --csv, --svg, --png, --digits, --confusion, --curves or --speedup',
    ],
  ];
  for (const [what, args, message] of bad) {
    it(`refuses ${what} in one line, with exit code 2 and nothing written`, () => {
      const before = readdirSync(dir).sort();
      const r = cli('plot', ...args);
      expect(r.stderr).toBe(message);
      expect(r.code).toBe(2);
      expect(readdirSync(dir).sort()).toEqual(before);
    });
  }

  it('refuses a decision map of data that is not 2-D', () => {
    const r = cli('plot', '--model', 'm.json', '--data', 'mnist', '--svg', 'x.svg');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^plot: --data "mnist": has 784 features/);
    expect(existsSync(join(dir, 'x.svg'))).toBe(false);
  });
});
