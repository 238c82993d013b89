// A table of typed columns, as read from a CSV file (csv.ts): numbers in a
// Float64Array, text as codes into a capped dictionary, so that a million
// rows cost a few bytes a cell and no JS value per cell or row.

import { type Cells, type Delimiter, grown, isMissing, plainNumber, readNumber } from './cells.ts';

export type TableColumn =
  | { kind: 'number'; values: Float64Array } // NaN marks a missing cell
  | {
      kind: 'text';
      codes: Int32Array; // index into `values`; -1 marks a missing cell
      values: string[]; // distinct cell texts, in first-seen order (capped, see below)
      /** Non-missing cells that read as numbers, and the first row index of a number and of a word (-1: none). */
      numbers: number;
      firstNumber: number;
      firstWord: number;
      /** More than MAX_DISTINCT distinct texts: `values` stopped growing, later new texts get code -2. */
      tooMany: boolean;
    };

export interface Table {
  name: string; // the file's base name, for messages
  names: string[]; // column names: the header's, or "column 1", "column 2", ... without a header
  hasHeader: boolean;
  /** Columns the header leaves without a name (pandas' index, written by to_csv): left out unless asked for. */
  unnamed?: number[];
  rows: number;
  columns: TableColumn[]; // each of length `rows`
  /** The file's line number (1-based) of each row, for messages. */
  lines: Uint32Array;
  delimiter: ',' | ';' | '\t';
}

/** Distinct texts kept per column: an ID column of a million rows keeps this many strings, not a million. */
export const MAX_DISTINCT = 1000;

/** First row index whose cell is missing in column c, or -1. */
export function firstMissing(col: TableColumn): number {
  if (col.kind === 'text') return col.codes.indexOf(-1);
  const v = col.values;
  for (let r = 0; r < v.length; r++) if (Number.isNaN(v[r])) return r; // a loop: findIndex called back per cell
  return -1;
}

type TextColumn = Extract<TableColumn, { kind: 'text' }>;

/** One column while rows arrive: numbers until the first word, then codes. */
class ColumnBuilder {
  nums: Float64Array | undefined;
  text: TextColumn | undefined;
  private codeOf = new Map<string, number>();

  constructor(capacity: number) {
    this.nums = new Float64Array(capacity);
  }

  add(cells: Cells, c: number, row: number, delimiter: Delimiter): void {
    if (this.nums) {
      // Numbers from their bytes; a string only for what is not a plain decimal.
      let v = plainNumber(cells.buf, cells.start[c], cells.end[c]);
      if (Number.isNaN(v) && cells.start[c] < cells.end[c]) {
        const text = cells.text(c);
        v = readNumber(text, delimiter);
        if (Number.isNaN(v) && !isMissing(text)) {
          this.toText(row).codes[row] = this.code(text);
          return;
        }
      }
      this.nums[row] = v;
      return;
    }
    const t = this.text!;
    const text = cells.text(c);
    if (!Number.isNaN(readNumber(text, delimiter))) {
      t.numbers++;
      if (t.firstNumber < 0) t.firstNumber = row;
    } else if (isMissing(text)) {
      t.codes[row] = -1;
      return;
    }
    t.codes[row] = this.code(text);
  }

  /** The first word, at `row`: earlier numbers become their texts. */
  private toText(row: number): TextColumn {
    const nums = this.nums!;
    const t: TextColumn = {
      kind: 'text',
      codes: new Int32Array(nums.length),
      values: [],
      numbers: 0,
      firstNumber: -1,
      firstWord: row,
      tooMany: false,
    };
    this.text = t;
    this.nums = undefined;
    for (let r = 0; r < row; r++) {
      const v = nums[r];
      if (Number.isNaN(v)) {
        t.codes[r] = -1;
        continue;
      }
      t.numbers++;
      if (t.firstNumber < 0) t.firstNumber = r;
      t.codes[r] = this.code(String(v));
    }
    return t;
  }

  private code(cell: string): number {
    const t = this.text!;
    const known = this.codeOf.get(cell);
    if (known !== undefined) return known;
    if (t.values.length === MAX_DISTINCT) {
      t.tooMany = true;
      return -2;
    }
    this.codeOf.set(cell, t.values.length);
    t.values.push(cell);
    return t.values.length - 1;
  }

  grow(capacity: number): void {
    if (this.nums) this.nums = grown(this.nums, capacity);
    else this.text!.codes = grown(this.text!.codes, capacity);
  }

  finish(rows: number): TableColumn {
    if (this.nums) return { kind: 'number', values: trimmed(this.nums, rows) };
    const t = this.text!;
    t.codes = trimmed(t.codes, rows);
    return t;
  }
}

/** Rows in, typed columns out; the first row is the header when every cell is a non-empty non-number. */
export class TableBuilder {
  private names: string[] | undefined;
  private hasHeader = false;
  private unnamed: number[] = [];
  private cols: ColumnBuilder[] = [];
  private lines = new Uint32Array(0);
  private rows = 0;

  private readonly name: string;
  private readonly delimiter: Delimiter;

  constructor(name: string, delimiter: Delimiter) {
    this.name = name;
    this.delimiter = delimiter;
  }

  /** One row's cells; `line`: where it starts in the file. */
  row(cells: Cells, line: number): void {
    const d = this.delimiter;
    const n = cells.n;
    if (!this.names) {
      const head = Array.from({ length: n }, (_, c) => cells.text(c));
      // A first cell left empty is pandas' index column (to_csv's default): the rest still name their columns.
      this.hasHeader =
        head.some((t) => t !== '') &&
        head.every((t, c) => (t !== '' || c === 0) && (t === '' || Number.isNaN(cells.number(c, d))));
      this.unnamed = this.hasHeader && head[0] === '' ? [0] : [];
      this.names = this.hasHeader ? head.map((t, c) => t || `column ${c + 1}`) : head.map((_, c) => `column ${c + 1}`);
      // Room for 1024 rows, fewer when they are wide: 10,000 columns start at 50 rows, not 80 MB.
      this.lines = new Uint32Array(Math.max(16, Math.min(1024, Math.floor(500_000 / n))));
      this.cols = head.map(() => new ColumnBuilder(this.lines.length));
      if (this.hasHeader) return;
    } else if (n !== this.cols.length) {
      throw new Error(`${this.name} line ${line}: ${n} columns, expected ${this.cols.length}`);
    }
    const r = this.rows;
    if (r === this.lines.length) {
      // Doubling: a copy of each column per doubling, about one extra column's worth at a time.
      this.lines = grown(this.lines, 2 * r);
      for (const c of this.cols) c.grow(2 * r);
    }
    this.lines[r] = line;
    for (let c = 0; c < n; c++) this.cols[c].add(cells, c, r, d);
    this.rows = r + 1;
  }

  finish(): Table {
    const { name, rows, delimiter } = this;
    if (rows === 0) throw new Error(`${name}: no data rows, expected lines of x1,...,xn,label`);
    const columns = this.cols.map((c) => c.finish(rows));
    return {
      name,
      names: this.names!,
      hasHeader: this.hasHeader,
      unnamed: this.unnamed,
      rows,
      columns,
      lines: trimmed(this.lines, rows),
      delimiter,
    };
  }
}

/** The first `rows`: a view when little is unused, else a copy so that the spare capacity is freed. */
function trimmed<T extends Float64Array | Int32Array | Uint32Array>(a: T, rows: number): T {
  return (rows >= a.length * 0.875 ? a.subarray(0, rows) : a.slice(0, rows)) as T;
}
