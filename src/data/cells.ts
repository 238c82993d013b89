// What a CSV cell reads as: a number, missing, or a word. Cells come as byte
// spans of the file's buffer, so that a number is read straight from its bytes
// and only words become strings.

export type Delimiter = ',' | ';' | '\t';

const MISSING = new Set(['', 'na', 'n/a', 'nan', 'null', '?']);

/** Empty, NA, N/A, NaN, null or ?, in any case. */
export function isMissing(cell: string): boolean {
  return cell.length <= 4 && MISSING.has(cell.toLowerCase());
}

// Decimal commas and thousands separators as spreadsheets write them: 1,5 and 1.234,5 in
// semicolon files (whose commas cannot be the separator), 1,234.5 (quoted) in comma files.
const DECIMAL_COMMA = /^[-+]?\d*,\d+$/;
const THOUSANDS_DOT = /^[-+]?\d{1,3}(\.\d{3})+(,\d+)?$/;
const THOUSANDS_COMMA = /^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/;

/** The finite number a cell's text reads as, or NaN (missing, or a word: Infinity is a word). */
export function readNumber(cell: string, delimiter: Delimiter): number {
  const v = +cell;
  // A zero needs a digit: Number reads '' and whitespace alone as 0.
  if (v - v === 0 && (v !== 0 || /\d/.test(cell))) return v;
  if (delimiter === ';') {
    if (DECIMAL_COMMA.test(cell)) return +cell.replace(',', '.');
    if (THOUSANDS_DOT.test(cell)) return +cell.replaceAll('.', '').replace(',', '.');
  } else if (delimiter === ',' && THOUSANDS_COMMA.test(cell)) return +cell.replaceAll(',', '');
  return Number.NaN;
}

const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k); // exact doubles up to 1e22

/**
 * A plain decimal (-12.5, .5, 3e-4) of at most 15 significant digits, read from its UTF-8 bytes;
 * NaN for anything else, which then goes the string way. The same double as Number(text): the
 * digits and the power of ten are both exact doubles, so one division or product rounds once.
 */
export function plainNumber(b: Uint8Array, i: number, end: number): number {
  const negative = b[i] === 45;
  if (negative || b[i] === 43) i++;
  let m = 0;
  let digits = 0;
  let seen = false;
  let scale = 0;
  let point = false;
  for (; i < end; i++) {
    const c = b[i];
    if (c === 46 && !point) {
      point = true;
      continue;
    }
    const digit = c - 48;
    if (digit < 0 || digit > 9) break;
    seen = true;
    if (point) scale--;
    if (m !== 0 || digit !== 0) {
      m = m * 10 + digit;
      digits++;
    }
  }
  if (!seen || digits > 15) return Number.NaN;
  if (i < end && (b[i] | 32) === 101) {
    const minus = b[++i] === 45;
    if (minus || b[i] === 43) i++;
    let e = 0;
    const from = i;
    for (; i < end && b[i] >= 48 && b[i] <= 57 && e < 1000; i++) e = e * 10 + b[i] - 48;
    if (i === from) return Number.NaN;
    scale += minus ? -e : e;
  }
  if (i !== end) return Number.NaN;
  if (m === 0) return negative ? -0 : 0;
  if (scale < -22 || scale > 22) return Number.NaN;
  const v = scale < 0 ? m / POW10[-scale] : m * POW10[scale];
  return negative ? -v : v;
}

/** One row's cells as spans of `buf`, trimmed, inside their quotes; reused from row to row. */
export class Cells {
  buf: Buffer = Buffer.alloc(0);
  n = 0;
  start = new Int32Array(64);
  end = new Int32Array(64);
  /** 1: a quoted cell with doubled quotes ("") to undo. */
  escaped = new Uint8Array(64);

  add(a: number, e: number, escaped: boolean): void {
    const k = this.n++;
    if (k === this.start.length) {
      this.start = grown(this.start, 2 * k);
      this.end = grown(this.end, 2 * k);
      this.escaped = grown(this.escaped, 2 * k);
    }
    this.start[k] = a;
    this.end[k] = e;
    this.escaped[k] = escaped ? 1 : 0;
  }

  text(c: number): string {
    const s = this.buf.toString('utf8', this.start[c], this.end[c]);
    return this.escaped[c] ? s.replaceAll('""', '"') : s;
  }

  /** The number cell c reads as, or NaN (missing, or a word). */
  number(c: number, delimiter: Delimiter): number {
    const v = plainNumber(this.buf, this.start[c], this.end[c]);
    return Number.isNaN(v) ? readNumber(this.text(c), delimiter) : v;
  }
}

/** A copy of `a` with room for `capacity` elements. */
export function grown<T extends Float64Array | Int32Array | Uint32Array | Uint8Array>(a: T, capacity: number): T {
  const b = new (a.constructor as new (n: number) => T)(capacity);
  b.set(a);
  return b;
}
