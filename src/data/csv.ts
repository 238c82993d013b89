// CSV, TSV and semicolon files into typed columns (table.ts), streaming: the
// file is read in chunks of bytes and each complete row goes straight into the
// columns, numbers read from their bytes, so memory is the columns' plus a
// chunk whatever the file's size. Our own scanner rather than a library's:
// none reads a file both synchronously and incrementally, and on the file of
// scripts/bench-csv.ts (1,000,000 × 21) this loads in 2.7 s where papaparse,
// d3-dsv and csv-parse, each with the same typing of its strings, take 7.3,
// 8.7 and 17 s.

import { closeSync, openSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import { unreadable } from '../util/files.ts';
import { OptionError } from '../util/option-error.ts';
import { Cells } from './cells.ts';
import { COMMA, CR, detectDelimiter, HASH, LF, QUOTE, SPACE, TAB } from './delimiter.ts';
import { type Table, TableBuilder } from './table.ts';

const CHUNK = 1 << 20;

/** Reads a CSV (or TSV, or semicolon) file into typed columns, streaming. Errors name file, line and column. */
export function readCsvFile(path: string): Table {
  const fail = (err: unknown): never => {
    throw new OptionError('data', path, unreadable(path, err));
  };
  let fd = -1;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    fail(err);
  }
  try {
    return readCsvBytes((buf, at, length) => {
      try {
        return readSync(fd, buf, at, length, null);
      } catch (err) {
        return fail(err); // a directory opens, and fails here (EISDIR)
      }
    }, basename(path));
  } finally {
    closeSync(fd);
  }
}

/** A table from bytes that `read` puts at buf[at...], at most `length` of them, 0 at the end (tests read in small pieces). */
export function readCsvBytes(
  read: (buf: Buffer, at: number, length: number) => number,
  name: string,
  chunk = CHUNK,
): Table {
  const parser = new CsvParser(name);
  let buf = Buffer.allocUnsafe(chunk);
  let held = 0; // bytes at the start of buf not yet taken: an incomplete row
  for (;;) {
    if (held === buf.length) {
      // A row longer than the buffer: a bigger one, within bounds, since an open quote takes in the rest of the file.
      if (held >= 256 * chunk)
        throw new Error(
          `${name} line ${parser.line}: a row of over ${Math.ceil(held / 2 ** 20)} MB; is a quote left open?`,
        );
      buf = Buffer.concat([buf], 2 * held);
    }
    const n = read(buf, held, buf.length - held);
    const len = held + n;
    const used = parser.push(buf, len, n === 0);
    if (n === 0) return parser.finish();
    buf.copyWithin(0, used, len);
    held = len - used;
  }
}

/** The same for text already in memory (tests, small inputs). */
export function parseCsvText(text: string, name: string): Table {
  const parser = new CsvParser(name);
  const buf = Buffer.from(text);
  parser.push(buf, buf.length, true);
  return parser.finish();
}

/** Bytes in, rows out to a TableBuilder as each one completes. */
class CsvParser {
  private table: TableBuilder | undefined;
  private delimiter = COMMA;
  /** The line of the next row: of the incomplete one, between pushes. */
  line = 1;
  private readonly cells = new Cells();

  private readonly name: string;

  constructor(name: string) {
    this.name = name;
  }

  /** The rows complete in buf[0, len); returns where the first incomplete one starts, to be given again. */
  push(buf: Buffer, len: number, final: boolean): number {
    const b = buf.subarray(0, len); // indexOf stops at len
    let at = 0;
    if (!this.table) {
      if (len < 3 && !final) return 0;
      if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) at = 3; // the UTF-8 BOM
      const d = detectDelimiter(b, at, final);
      if (!d) return 0;
      this.table = new TableBuilder(this.name, d);
      this.delimiter = d.charCodeAt(0);
    }
    return this.scan(b, at, final);
  }

  finish(): Table {
    return this.table!.finish();
  }

  /** Keeps the incomplete row at `start` (its line `line`) for the next chunk. */
  private wait(start: number, line: number): number {
    this.line = line;
    return start;
  }

  /** Every complete row of b from i, in turn; returns where the first incomplete one starts. */
  private scan(b: Buffer, i: number, final: boolean): number {
    const n = b.length;
    const d = this.delimiter;
    const cells = this.cells;
    cells.buf = b;
    const blank = (c: number) => c === SPACE || c === CR || (c === TAB && d !== TAB);
    let line = this.line;
    for (;;) {
      const start = i;
      const startLine = line;
      while (i < n && blank(b[i])) i++;
      if (i >= n) return final ? n : this.wait(start, startLine);
      let c = b[i];
      if (c === LF || c === HASH) {
        // A blank line, or a comment (a line starting with #): neither is a row.
        const end = c === LF ? i : b.indexOf(LF, i);
        if (end < 0) return final ? n : this.wait(start, startLine);
        i = end + 1;
        line++;
        continue;
      }
      cells.n = 0;
      for (;;) {
        if (c === QUOTE) {
          const open = i + 1;
          let j = open;
          let escaped = false;
          for (;;) {
            const q = b.indexOf(QUOTE, j);
            if (q < 0 && final)
              throw new Error(`${this.name} line ${line}: the quote that opens column ${cells.n + 1} is never closed`);
            if (q < 0 || (q + 1 >= n && !final)) return this.wait(start, startLine); // "" may be split
            j = q + 1;
            if (b[j] !== QUOTE) break;
            escaped = true;
            j++;
          }
          let a = open;
          let e = j - 1;
          for (let p = a; p < e; p++) if (b[p] === LF) line++;
          while (a < e && b[a] <= SPACE) a++;
          while (e > a && b[e - 1] <= SPACE) e--;
          cells.add(a, e, escaped);
          i = j;
          while (i < n && blank(b[i])) i++;
          c = i < n ? b[i] : -1;
          if (c >= 0 && c !== d && c !== LF)
            throw new Error(
              `${this.name} line ${line}, column ${cells.n}: text after a closing quote, expected ${show(d)} or the end of the line`,
            );
        } else {
          const a = i;
          for (; i < n; i++) if (b[i] === d || b[i] === LF) break;
          let e = i;
          while (e > a && blank(b[e - 1])) e--;
          cells.add(a, e, false);
          c = i < n ? b[i] : -1;
        }
        if (i >= n && !final) return this.wait(start, startLine);
        if (c !== d) break; // the end of the line, or of the text
        i++;
        while (i < n && blank(b[i])) i++;
        c = i < n ? b[i] : -1;
      }
      this.table!.row(cells, startLine);
      i++; // past the newline
      line++;
    }
  }
}

const show = (d: number) => (d === TAB ? 'a tab' : `'${String.fromCharCode(d)}'`);
