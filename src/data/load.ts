// Data from files: CSV (`x1,...,xn,label`, optional header row) and JSON in
// the original's shape (`[{"x":[2,5,1],"ans":[0]}, ...]`). CSV rows get the
// bias input appended; the original's JSON already carries it and is taken
// as is. Every error names the file, the place and the bad value.
//
// Labels: 0/1 train one logistic output (classes 2); class numbers 0..K-1
// with K >= 3 become one-hot targets over K outputs; anything else is a
// regression target. JSON may also give one-hot `ans` arrays directly.

import { basename } from 'node:path';
import { parseJson, readText } from '../util/files.ts';
import { OptionError } from '../util/option-error.ts';
import { seed2class, spiral } from './builtin.ts';
import { type Dataset, makeDataset, withBias } from './dataset.ts';

export interface DataOptions {
  samples: number;
  seed: string | number;
}

export const BUILT_IN_DATA = ['seed2class', 'spiral'] as const;

/** Resolves `--data`: a built-in name or a .csv/.json file. */
export function loadData(spec: string, opts: DataOptions): Dataset {
  if (spec === 'seed2class') return seed2class();
  if (spec === 'spiral') return spiral(opts.samples, opts.seed);
  const ext = spec.slice(spec.lastIndexOf('.')).toLowerCase(); // DATA.CSV as data.csv
  if (ext === '.csv') return parseCsv(readText(spec, 'data'), basename(spec));
  if (ext === '.json') return parseOriginalJson(readText(spec, 'data'), basename(spec));
  // mnist and IDX directories are read before this (sources.ts), but the user may have meant them.
  const names = [...BUILT_IN_DATA, 'mnist'].join(', ');
  throw new OptionError('data', spec, `expected ${names}, an IDX directory, or a .csv or .json file`);
}

export function parseCsv(text: string, name: string): Dataset {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const features: number[][] = [];
  const labels: number[] = [];
  let width = -1;
  lines.forEach((line, i) => {
    if (line === '' || line.startsWith('#')) return;
    // Tabs or semicolons would read as one column, and a first such row as a header: say so instead.
    const other = line.includes(',')
      ? undefined
      : /\t/.test(line)
        ? 'tabs'
        : line.includes(';')
          ? 'semicolons'
          : undefined;
    if (other)
      throw new Error(`${name} line ${i + 1}: ${JSON.stringify(line)} is separated by ${other}, expected commas`);
    // Spreadsheets quote cells ("1","2","0"): a quoted number is still a number, and a header of them is data.
    const cells = line.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
    // A header names every column: a first row with numbers in it is data, typos and all.
    const isHeader = features.length === 0 && width < 0 && cells.every((c) => c !== '' && !Number.isFinite(Number(c)));
    if (isHeader) {
      width = cells.length;
      return;
    }
    const where = `${name} line ${i + 1}`;
    if (cells.length < 2)
      throw new Error(`${where}: ${JSON.stringify(line)} has ${cells.length} column, expected x1,...,xn,label`);
    if (width >= 0 && cells.length !== width) throw new Error(`${where}: ${cells.length} columns, expected ${width}`);
    width = cells.length;
    const row = cells.map((c) => {
      const v = c === '' ? NaN : Number(c);
      if (!Number.isFinite(v)) throw new Error(`${where}: ${JSON.stringify(c)} is not a finite number`);
      return v;
    });
    labels.push(row.pop() as number);
    features.push(row);
  });
  if (features.length === 0) throw new Error(`${name}: no data rows, expected lines of x1,...,xn,label`);
  return makeDataset(name, withBias(features), targetRows(labels));
}

/**
 * Past this many classes, integer labels stay regression targets: a column
 * of counts or prices (say 0..150000) would otherwise become 150,001 one-hot
 * outputs per sample and exhaust memory.
 */
export const MAX_CLASSES = 1000;

/** K when every label is a class number (an integer >= 0) and the largest is >= 2; else 0. */
export function classCount(labels: readonly number[]): number {
  let max = 0;
  for (const v of labels) {
    if (!Number.isInteger(v) || v < 0) return 0;
    if (v > max) max = v;
  }
  return max >= 2 && max < MAX_CLASSES ? max + 1 : 0;
}

/** One target row per label: one-hot over K when the labels are K >= 3 classes, else the label itself. */
function targetRows(labels: readonly number[]): number[][] {
  const k = classCount(labels);
  if (k === 0) return labels.map((v) => [v]);
  return labels.map((v) => {
    const row = new Array<number>(k).fill(0);
    row[v] = 1;
    return row;
  });
}

export function parseOriginalJson(text: string, name: string): Dataset {
  const rows = parseJson(text, name);
  const shape = 'expected [{"x":[...,1],"ans":[...]}, ...]';
  if (!Array.isArray(rows) || rows.length === 0) throw new Error(`${name}: ${shape}`);
  const xs: number[][] = [];
  const ys: number[][] = [];
  rows.forEach((row, s) => {
    const x = sameLength(numbers(row?.x, `${name} sample ${s} "x"`), xs[0], `${name} sample ${s} "x"`);
    // The original's x carries its bias input last; without it the net would lose its bias silently.
    if (x[x.length - 1] !== 1)
      throw new Error(
        `${name} sample ${s} "x": ${JSON.stringify(x)} does not end with the bias input 1, expected [...,1]`,
      );
    xs.push(x);
    ys.push(sameLength(numbers(row?.ans, `${name} sample ${s} "ans"`), ys[0], `${name} sample ${s} "ans"`));
  });
  // `"ans":[3]`: a class number, as a CSV label; one-hot arrays are kept and recognised by makeDataset.
  return makeDataset(name, xs, ys[0].length === 1 ? targetRows(ys.map((y) => y[0])) : ys);
}

function sameLength(v: number[], first: number[] | undefined, where: string): number[] {
  if (first && v.length !== first.length) {
    const values = (m: number) => `${m} value${m === 1 ? '' : 's'}`;
    throw new Error(`${where}: ${JSON.stringify(v)} has ${values(v.length)}, expected ${first.length} as sample 0`);
  }
  return v;
}

function numbers(v: unknown, where: string): number[] {
  if (!Array.isArray(v) || v.length === 0)
    throw new Error(`${where}: ${JSON.stringify(v)}, expected a non-empty array of numbers`);
  for (const e of v) {
    if (typeof e !== 'number' || !Number.isFinite(e))
      throw new Error(`${where}: ${JSON.stringify(e)} is not a finite number`);
  }
  return v as number[];
}
