// Data as --data names it: the built-in sets, or a user's file: CSV (read by
// csv.ts into columns, encoded by encode-table.ts: words to categories and class
// names) or JSON in the original's shape (`[{"x":[2,5,1],"ans":[0]}, ...]`,
// whose x already ends with the bias input). Each comes with its encoding,
// unscaled: scaling is fitted later, on the training part alone.
//
// Number labels: 0/1 train one logistic output (classes 2); class numbers
// 0..K-1 with K >= 3 become one-hot targets over K outputs; other whole numbers
// that look like classes become classes named by their numbers (CSV, see
// encode-target.ts); anything else is a regression target. JSON may also give one-hot `ans` arrays directly.

import { basename } from 'node:path';
import { parseJson, readText } from '../util/files.ts';
import { OptionError } from '../util/option-error.ts';
import { seed2class, spiral } from './builtin.ts';
import { parseCsvText, readCsvFile } from './csv.ts';
import { type Dataset, makeDataset } from './dataset.ts';
import { type Encoded, encodeTable, type TableOptions } from './encode-table.ts';
import { type Encoding, plainEncoding } from './encoding.ts';
import { targetRows } from './labels.ts';

export interface DataOptions extends TableOptions {
  samples: number;
  seed: string | number;
  /** A model's encoding: its categories, classes and columns, not the file's. */
  encoding?: Encoding;
}

export const BUILT_IN_DATA = ['seed2class', 'spiral'] as const;

/** Whether `--data` names a table read by csv.ts (--label, --ignore, --missing apply). */
export const isTableFile = (spec: string): boolean => /\.(csv|tsv|txt)$/i.test(spec);
/** Whether `--data` names a user's file (a table or the original's JSON), whose columns 'auto' scales. */
export const isUserFile = (spec: string): boolean => isTableFile(spec) || /\.json$/i.test(spec);

/** Resolves `--data`: a built-in name or a .csv/.json file, with its encoding. */
export function loadEncoded(spec: string, opts: DataOptions): Encoded {
  const plain = (data: Dataset): Encoded => ({
    data,
    encoding: plainEncoding(data.inDim),
    dropped: 0,
    labelled: true,
    notes: [],
  });
  if (spec === 'seed2class') return plain(seed2class());
  if (spec === 'spiral') return plain(spiral(opts.samples, opts.seed));
  const ext = spec.slice(spec.lastIndexOf('.')).toLowerCase(); // DATA.CSV as data.csv
  if (isTableFile(spec)) return encodeTable(readCsvFile(spec), opts, opts.encoding);
  if (ext === '.json') {
    const data = parseOriginalJson(readText(spec, 'data'), basename(spec));
    const encoding = plainEncoding(data.inDim);
    // One number per sample that is no class: a regression target, standardised as a CSV's would be.
    if (data.outDim === 1 && !data.binary) encoding.target = { name: 'ans', type: 'number', center: 0, scale: 1 };
    return { data, encoding, dropped: 0, labelled: true, notes: [] };
  }
  // mnist and IDX directories are read before this (sources.ts), but the user may have meant them.
  const names = [...BUILT_IN_DATA, 'mnist'].join(', ');
  throw new OptionError('data', spec, `expected ${names}, an IDX directory, or a .csv, .tsv or .json file`);
}

/** `--data` as a data set in the file's own units. */
export function loadData(spec: string, opts: DataOptions): Dataset {
  return loadEncoded(spec, opts).data;
}

/** A CSV text as a data set, unscaled: columns as encodeTable reads them (tests and small inputs). */
export function parseCsv(text: string, name: string, o: TableOptions = {}): Dataset {
  return encodeTable(parseCsvText(text, name), o).data;
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

export { classCount, MAX_CLASSES } from './labels.ts';
