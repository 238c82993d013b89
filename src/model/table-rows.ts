// A user's table as predict reads it: each row's features through the model's
// own encoding, one row at a time, so that a row the model cannot read (a
// missing cell, a category it never saw) is set aside with its line and
// column while every other row is predicted; a row whose label is empty or NA
// is predicted and left out of the scores. Words in a number column still
// refuse the file: the column, not the row, is then not what the model reads.

import { readNumber } from '../data/cells.ts';
import { type Dataset, datasetFromArrays, inferClasses } from '../data/dataset.ts';
import { checkNamesOnce, columnOf, columnsAsModel, type TableOptions } from '../data/encode-table.ts';
import { cellText, targetOf, where } from '../data/encode-target.ts';
import { type Encoding, scaleRow, width } from '../data/encoding.ts';
import type { Table, TableColumn } from '../data/table.ts';
import { OptionError } from '../util/option-error.ts';

/** A row left unpredicted: its line, the column and what is wrong there. */
export interface Unpredicted {
  line: number;
  column: string;
  problem: string;
  /** A missing cell (which --missing drop expects), not a value the model cannot read. */
  missing: boolean;
}

export interface TableRows {
  /** Per table row: 1 predicted and labelled, 2 predicted without a label, 0 not predicted. */
  status: Uint8Array;
  /** The predicted rows with labels, and those without, each in file order and in the net's units. */
  scored?: Dataset;
  unlabelled?: Dataset;
  /** Per table row, the not-predicted ones only. */
  unpredicted: Map<number, Unpredicted>;
}

const cellMissing = (col: TableColumn, r: number) =>
  col.kind === 'number' ? Number.isNaN(col.values[r]) : col.codes[r] === -1;

/** The table's rows as the model reads them; `outputs`: the model's output count. */
export function tableRows(t: Table, o: TableOptions, enc: Encoding, outputs: number): TableRows {
  checkNamesOnce(t);
  const ignored = new Set((o.ignore ?? []).map((s) => columnOf(t, s, 'ignore')));
  const { featureCols, label } = columnsAsModel(t, o, enc, ignored);
  if (o.label !== undefined && (featureCols.includes(label) || enc.features.some((f) => f.name === t.names[label]))) {
    const names = enc.features.map((f) => f.name).join(', ');
    const own = JSON.stringify(enc.target.name);
    throw new OptionError('label', o.label, `is one of the model's features (${names}), expected its label ${own}`);
  }
  featureCols.forEach((c, i) => {
    const col = t.columns[c];
    if (enc.features[i].type === 'number' && col.kind === 'text' && col.firstWord >= 0)
      throw new Error(
        `${where(t, col.firstWord, c)}: ${JSON.stringify(cellText(col, col.firstWord))} is not a number, expected a number`,
      );
  });
  const inDim = enc.features.reduce((n, f) => n + width(f), 0) + 1;
  const status = new Uint8Array(t.rows);
  const unpredicted = new Map<number, Unpredicted>();
  const inputs: [number[], number[]] = [[], []];
  for (let r = 0; r < t.rows; r++) {
    const row = inputRow(t, r, featureCols, enc, inDim);
    if ('problem' in row) {
      unpredicted.set(r, row);
      continue;
    }
    const labelled = label >= 0 && !cellMissing(t.columns[label], r);
    status[r] = labelled ? 1 : 2;
    for (const v of row) inputs[labelled ? 0 : 1].push(v);
  }
  const keep = Uint32Array.from(status.keys()).filter((r) => status[r] === 1);
  const target = label >= 0 && keep.length > 0 ? targetOf(t, label, keep, enc.target, outputs) : undefined;
  const targets = new Float64Array(keep.length * outputs);
  keep.forEach((r, s) => {
    const v = target!.value(r);
    const t = enc.target;
    if (outputs === 1) targets[s] = t.type === 'number' ? (v - t.center) / t.scale : v;
    else targets[s * outputs + v] = 1;
  });
  const set = (xs: number[], ys: Float64Array) =>
    xs.length === 0
      ? undefined
      : datasetFromArrays(t.name, Float64Array.from(xs), ys, inDim, outputs, inferClasses(ys, outputs));
  const rest = new Float64Array((inputs[1].length / inDim) * outputs);
  return { status, scored: set(inputs[0], targets), unlabelled: set(inputs[1], rest), unpredicted };
}

/** Row r's inputs in the net's units (the bias 1 last), or why the model cannot read it. */
function inputRow(t: Table, r: number, cols: number[], enc: Encoding, inDim: number): Float64Array | Unpredicted {
  const row = new Float64Array(inDim);
  let at = 0;
  for (let i = 0; i < cols.length; i++) {
    const f = enc.features[i];
    const col = t.columns[cols[i]];
    const unread = (problem: string, missing = false): Unpredicted => ({
      line: t.lines[r],
      column: t.names[cols[i]],
      problem,
      missing,
    });
    if (cellMissing(col, r)) return unread('a missing value', true);
    if (f.type === 'number') {
      row[at] = col.kind === 'number' ? col.values[r] : readNumber(cellText(col, r), t.delimiter);
    } else {
      const word = col.kind === 'number' ? String(col.values[r]) : cellText(col, r);
      const k = f.categories.indexOf(word);
      if (k < 0)
        return unread(
          `${JSON.stringify(word)} is not a category the model knows, expected one of ${f.categories.join(', ')}`,
        );
      row[at + k] = 1;
    }
    at += width(f);
  }
  row[at] = 1;
  scaleRow(enc, row);
  return row;
}
