// A table of columns as read (csv.ts) to a data set the net can take: which
// column is the label, which are dropped, words to one-hot categories or class
// names, rows with missing cells refused or dropped. With a model's encoding
// (predict, a resumed run) its categories and classes are used, not the file's.

import { OptionError } from '../util/option-error.ts';
import { type Dataset, datasetFromArrays, inferClasses, sharedFloat64 } from './dataset.ts';
import { cellText, type Target, targetOf, where, words } from './encode-target.ts';
import type { Encoding, FeatureEncoding } from './encoding.ts';
import { keptRows } from './missing-rows.ts';
import type { Table } from './table.ts';

export interface TableOptions {
  /** The label column: a name, or its number counted from 1; default: the last. */
  label?: string;
  /** Columns dropped: names or numbers from 1. */
  ignore?: string[];
  /** Rows with a missing cell: refused (an error naming line and column) or dropped. */
  missing?: 'refuse' | 'drop';
  /** With a model's encoding of number labels: its outputs (K >= 3: one-hot over K classes). */
  outputs?: number;
  /** A number label as a regression target even where its values look like classes (--loss mse). */
  regression?: boolean;
}

/** Which column is the label and how it was picked: named (--label), the last by default, or a model's. */
export interface LabelColumn {
  name: string;
  how: 'named' | 'last' | 'model';
  hasHeader: boolean;
}

/** The most categories a word column is one-hot encoded over; more are refused (an ID, a free text). */
export const MAX_CATEGORIES = 20;

export interface Encoded {
  data: Dataset;
  /** Unscaled: scale none, centers 0 and scales 1 (fitted later on the training part). */
  encoding: Encoding;
  /** Rows dropped for missing cells, and per column the dropped rows missing a cell there (most first). */
  dropped: number;
  missingBy?: [string, number][];
  /** The label column, where the file has one. */
  label?: LabelColumn;
  /** false: the file has no label column (rows to predict); targets are 0. */
  labelled: boolean;
  /** What the user should know about the columns (one left out), in words. */
  notes: string[];
}

/** Column index of a --label or --ignore value: a header name, else a number from 1. */
export function columnOf(t: Table, spec: string, option: string): number {
  const byName = t.names.indexOf(spec);
  if (byName >= 0) return byName;
  const n = Number(spec);
  if (Number.isInteger(n) && n >= 1 && n <= t.names.length) return n - 1;
  const names = t.hasHeader ? `a column of ${t.name} (${t.names.join(', ')})` : `a column number 1..${t.names.length}`;
  throw new OptionError(option, spec, `expected ${names}`);
}

/**
 * The table as a data set. Without `fixed`: feature columns of words become
 * categories (sorted), a label of words class names (sorted), numbers as they
 * are. With `fixed` (a model's encoding): its columns by name where the file
 * has a header, by position where not; a file without the label column gives
 * targets of 0 (unlabelled: predict only).
 */
export function encodeTable(t: Table, o: TableOptions = {}, fixed?: Encoding): Encoded {
  const notes: string[] = [];
  // An index column without a name (pandas' to_csv) is row numbers, not data: left out unless named by a flag.
  const asked = [o.label, ...(o.ignore ?? [])];
  const unnamed = (t.unnamed ?? []).filter((c) => !asked.includes(t.names[c]) && !asked.includes(String(c + 1)));
  if (unnamed.length > 0 && !fixed) {
    o = { ...o, ignore: [...(o.ignore ?? []), ...unnamed.map((c) => t.names[c])] };
    notes.push(
      `data ${t.name}: ${unnamed.map((c) => t.names[c]).join(', ')} has no name in the header (an index, as pandas writes): left out`,
    );
  }
  checkNamesOnce(t);
  const ignored = new Set((o.ignore ?? []).map((s) => columnOf(t, s, 'ignore')));
  const { featureCols, label } = fixed ? columnsAsModel(t, o, fixed, ignored) : columnsOf(t, o, ignored);
  if (featureCols.length === 0) throw new Error(`${t.name}: no feature columns, expected x1,...,xn,label`);
  const used = label >= 0 ? [...featureCols, label] : featureCols;
  const { keep, missingBy } = keptRows(t, used, o.missing ?? 'refuse');
  const features = featureCols.map((c, i) => featureEncoding(t, c, keep, fixed?.features[i]));
  const target = label >= 0 ? targetOf(t, label, keep, fixed?.target, o.outputs, o.regression) : undefined;
  const encoding: Encoding = {
    scale: 'none',
    features,
    target: target?.enc ?? fixed?.target ?? { name: 'label', type: 'labels' },
  };
  if (!fixed) notes.push(...countingColumns(t, featureCols));
  const data = build(t, featureCols, features, keep, target, o.outputs);
  // A resumed run takes its model's label, whether typed again or brought from the model (--init).
  const own = fixed && (o.label === undefined || o.label === fixed.target.name);
  const how = own ? 'model' : o.label === undefined ? 'last' : 'named';
  const labelColumn = label >= 0 ? { label: { name: t.names[label], how, hasHeader: t.hasHeader } as const } : {};
  const dropped = t.rows - keep.length;
  return { data, encoding, dropped, missingBy, labelled: target !== undefined, notes, ...labelColumn };
}

type Columns = { featureCols: number[]; label: number };

/** Two columns of one name: by name, the second could never be reached, and a model would read the first twice. */
export function checkNamesOnce(t: Table): void {
  const twice = t.names.find((n, c) => t.names.indexOf(n) !== c);
  if (t.hasHeader && twice !== undefined)
    throw new Error(
      `${t.name} header: column ${JSON.stringify(twice)} twice, expected a name of its own for each column`,
    );
}

/** A new run's columns: the label (--label, or the last), the features the rest but --ignore's. */
function columnsOf(t: Table, o: TableOptions, ignored: Set<number>): Columns {
  const label = o.label !== undefined ? columnOf(t, o.label, 'label') : t.names.length - 1;
  if (ignored.has(label)) throw new OptionError('ignore', t.names[label], 'is the label column, expected a feature');
  return { featureCols: t.names.map((_, c) => c).filter((c) => c !== label && !ignored.has(c)), label };
}

/**
 * A model's columns in a file: by name where the header has them all (the label
 * too, if there), else by position: the model's features, then the label if
 * one more column is there (label -1: unlabelled rows, to predict).
 */
export function columnsAsModel(t: Table, o: TableOptions, fixed: Encoding, ignored: Set<number>): Columns {
  const names = fixed.features.map((f) => f.name);
  // Names of the model's own (not x1.. or "column 1"..) and a header: the columns by name, never by place.
  const named = !names.every((n, i) => n === `x${i + 1}` || n === `column ${i + 1}`);
  if (t.hasHeader && named) {
    const absent = names.filter((n) => !t.names.includes(n));
    if (absent.length > 0)
      throw new Error(
        `${t.name}: no column ${absent.map((n) => JSON.stringify(n)).join(', ')} in its header, expected the model's columns (${names.join(', ')})`,
      );
    const label = o.label !== undefined ? columnOf(t, o.label, 'label') : t.names.indexOf(fixed.target.name);
    return { featureCols: names.map((n) => t.names.indexOf(n)), label };
  }
  const rest = t.names.map((_, c) => c).filter((c) => !ignored.has(c));
  if (rest.length === names.length && o.label === undefined) return { featureCols: rest, label: -1 };
  // No header: the label where the model's was ("column 1" trained with --label 1), not only the last.
  const at = t.names.indexOf(fixed.target.name);
  if (o.label === undefined && rest.length === names.length + 1 && !t.hasHeader && at >= 0)
    return { featureCols: rest.filter((c) => c !== at), label: at };
  const cols = columnsOf(t, o, ignored);
  if (cols.featureCols.length !== names.length)
    throw new Error(
      `${t.name}: ${cols.featureCols.length} feature columns, expected ${names.length} as the model's (${names.join(', ')})`,
    );
  return cols;
}

/** Number columns that count the rows (1, 2, 3, ...): an ID, most likely, which the net would learn from. */
function countingColumns(t: Table, cols: number[]): string[] {
  if (t.rows < 10) return [];
  return cols.flatMap((c) => {
    const col = t.columns[c];
    if (col.kind !== 'number') return [];
    const v = col.values;
    for (let r = 1; r < v.length; r++) if (v[r] !== v[r - 1] + 1) return [];
    return [
      `data ${t.name}: column ${JSON.stringify(t.names[c])} counts the rows (${v[0]}, ${v[1]}, ${v[2]}, ...): ` +
        `if it is an ID, --ignore ${JSON.stringify(t.names[c])}`,
    ];
  });
}

function featureEncoding(t: Table, c: number, keep: Uint32Array, fixed?: FeatureEncoding): FeatureEncoding {
  const col = t.columns[c];
  const name = t.names[c];
  if (fixed?.type === 'category') return { ...fixed, name };
  if (col.kind === 'number') return { name, type: 'number', center: 0, scale: 1 };
  const present = col.codes.reduce((n, code) => n + (code === -1 ? 0 : 1), 0);
  if (fixed || 2 * col.numbers >= present) {
    // Mostly numbers (or the model reads numbers here): the words are typos.
    const row = col.firstWord;
    throw new Error(`${where(t, row, c)}: ${JSON.stringify(cellText(col, row))} is not a number, expected a number`);
  }
  if (col.numbers > 0) {
    const row = col.firstNumber;
    throw new Error(
      `${where(t, row, c)}: ${JSON.stringify(cellText(col, row))} is a number among words, expected a word (a category)`,
    );
  }
  const cats = col.tooMany ? [] : words(col, keep);
  if (col.tooMany || cats.length > MAX_CATEGORIES)
    throw new OptionError(
      'data',
      t.name,
      `column ${JSON.stringify(name)} has ${col.tooMany ? 'over 1000' : cats.length} distinct words, ` +
        `expected at most ${MAX_CATEGORIES} categories (--ignore ${JSON.stringify(name)} to leave it out)`,
    );
  return { name, type: 'category', categories: cats };
}

function build(
  t: Table,
  cols: number[],
  fs: FeatureEncoding[],
  keep: Uint32Array,
  target: Target | undefined,
  outputs = 1,
): Dataset {
  const inDim = fs.reduce((n, f) => n + (f.type === 'number' ? 1 : f.categories.length), 0) + 1;
  const n = keep.length;
  const inputs = sharedFloat64(n * inDim);
  fs.forEach((f, i) => {
    const col = t.columns[cols[i]];
    let at = 0;
    for (let j = 0; j < i; j++)
      at += fs[j].type === 'number' ? 1 : (fs[j] as { categories: string[] }).categories.length;
    if (f.type === 'number') {
      if (col.kind !== 'number')
        throw new Error(`${t.name}: column ${JSON.stringify(t.names[cols[i]])} is not numbers`);
      for (let s = 0; s < n; s++) inputs[s * inDim + at] = col.values[keep[s]];
      return;
    }
    const index = new Map(f.categories.map((w, k) => [w, k]));
    for (let s = 0; s < n; s++) {
      const r = keep[s];
      const word = col.kind === 'number' ? String(col.values[r]) : cellText(col, r);
      const k = index.get(word);
      if (k === undefined)
        throw new Error(
          `${where(t, r, cols[i])}: ${JSON.stringify(word)} is not a category the model knows, expected one of ${f.categories.join(', ')}`,
        );
      inputs[s * inDim + at + k] = 1;
    }
  });
  for (let s = 0; s < n; s++) inputs[s * inDim + inDim - 1] = 1;
  const outDim = target?.outDim ?? outputs;
  const targets = sharedFloat64(n * outDim);
  if (target) {
    for (let s = 0; s < n; s++) {
      const v = target.value(keep[s]);
      if (outDim === 1) targets[s] = v;
      else targets[s * outDim + v] = 1;
    }
  }
  return datasetFromArrays(t.name, inputs, targets, inDim, outDim, inferClasses(targets, outDim));
}
