// Columns appended to a CSV file's own text, for predictions beside the rows
// they came from. The file is copied line for line (comments, blank lines,
// CRLF, a BOM), so that each row keeps its line number, and the new cells
// follow its dialect: its delimiter, a semicolon file's decimal commas, and
// quotes where the file quotes every cell or a cell needs them.

import type { Delimiter } from './cells.ts';
import type { Table } from './table.ts';

/** A new cell: text, or a number written with the file's decimal mark. */
export type OutCell = string | number;

interface Dialect {
  delimiter: Delimiter;
  decimalComma: boolean;
  quoteAll: boolean;
}

/**
 * `text` (the file `t` was read from) with `header` appended to its header
 * (where it has one) and `cells(r)` to the line where table row r ends.
 */
export function appendColumns(text: string, t: Table, header: string[], cells: (row: number) => OutCell[]): string {
  const lines = text.split('\n');
  const ends = rowEnds(lines, t);
  const first = t.hasHeader ? headerLines(lines, t.lines[0] - 1, t.delimiter) : [t.lines[0] - 1, ends[0]];
  const dialect = dialectOf(lines, t, first[0]);
  const add = (i: number, more: OutCell[]) => {
    const cr = lines[i].endsWith('\r') ? '\r' : '';
    const body = cr ? lines[i].slice(0, -1) : lines[i];
    lines[i] = `${body}${more.map((c) => dialect.delimiter + cellText(c, dialect)).join('')}${cr}`;
  };
  if (t.hasHeader) add(first[1], header);
  for (let r = 0; r < ends.length; r++) add(ends[r], cells(r));
  return lines.join('\n');
}

/** The index of the line where each row ends: a quoted cell may hold newlines. */
function rowEnds(lines: string[], t: Table): number[] {
  return Array.from(t.lines, (line) => endOf(lines, line - 1, t.delimiter));
}

/**
 * The line where the record starting at line i ends, read as the reader reads quotes: a quote
 * opens a quoted cell only at the cell's start (12" pipe is plain text), and "" inside is a quote.
 */
function endOf(lines: string[], i: number, d: string): number {
  let quoted = false;
  for (let j = i; j < lines.length; j++) {
    let start = !quoted;
    const s = lines[j];
    for (let k = 0; k < s.length; k++) {
      const ch = s[k];
      if (quoted) {
        if (ch === '"' && s[k + 1] === '"') k++;
        else if (ch === '"') quoted = false;
      } else if (ch === d) start = true;
      else if (ch === '"' && start) quoted = true;
      else if (!/[\s\ufeff]/.test(ch)) start = false;
    }
    if (!quoted) return j;
  }
  return lines.length - 1;
}

/** The header's first and last line: the first line that is neither blank nor a comment, before the first row. */
function headerLines(lines: string[], firstRow: number, delimiter: string): [number, number] {
  for (let i = 0; i < firstRow; i++) {
    const s = lines[i].replace(/^[\ufeff\s]+/, '');
    if (s !== '' && !s.startsWith('#')) return [i, endOf(lines, i, delimiter)];
  }
  return [0, 0];
}

/** Decimal commas: a semicolon file with a cell like 1,5; quotes: every cell of the first record quoted. */
function dialectOf(lines: string[], t: Table, first: number): Dialect {
  const d = t.delimiter;
  const decimalComma =
    d === ';' && lines.slice(first, first + 1000).some((l) => /(^|;)\s*"?[-+]?\d*,\d+"?\s*(?=;|\r?$)/.test(l));
  const sep = d === '\t' ? '\\t' : d;
  const quoted = new RegExp(`^[\\ufeff\\s]*"[^"]*"(\\s*${sep}\\s*"[^"]*")*\\s*$`);
  return { delimiter: d, decimalComma, quoteAll: quoted.test(lines[first] ?? '') };
}

function cellText(c: OutCell, d: Dialect): string {
  let s = String(c);
  if (typeof c === 'number' && d.decimalComma && !s.includes('e')) s = s.replace('.', ',');
  const needs = s.includes(d.delimiter) || s.includes('"') || s.includes('\n') || s !== s.trim();
  return d.quoteAll || needs ? `"${s.replaceAll('"', '""')}"` : s;
}
