// Which separator a CSV file uses, from its first records.

import type { Delimiter } from './cells.ts';

export const [TAB, LF, CR, SPACE, QUOTE, HASH, COMMA, SEMICOLON] = [9, 10, 13, 32, 34, 35, 44, 59];

/**
 * The delimiter: the one found most outside quotes in the first record, except that commas lose
 * to semicolons found as often in every one of the first ten (1,5;2,5 is a decimal-comma file).
 * Undefined while the text holds no complete record and more is coming.
 */
export function detectDelimiter(b: Buffer, i: number, final: boolean): Delimiter | undefined {
  const counts: number[][] = []; // per record: commas, semicolons, tabs
  const n = b.length;
  while (i < n && counts.length < 10) {
    while (b[i] === SPACE || b[i] === CR) i++;
    if (b[i] === LF || b[i] === HASH) {
      const end = b.indexOf(LF, i);
      i = end < 0 ? n : end + 1;
      continue;
    }
    const count = [0, 0, 0];
    let quoted = false;
    for (; i < n; i++) {
      const c = b[i];
      if (c === QUOTE) quoted = !quoted;
      else if (quoted) continue;
      else if (c === LF) break;
      else if (c === COMMA) count[0]++;
      else if (c === SEMICOLON) count[1]++;
      else if (c === TAB) count[2]++;
    }
    if (i >= n && !final) break; // an incomplete record: its counts may be short
    i++;
    counts.push(count);
  }
  if (counts.length === 0) return final ? ',' : undefined;
  const [commas, semicolons, tabs] = counts[0];
  if (semicolons > 0 && semicolons >= tabs && counts.every((r) => r[1] === semicolons)) return ';';
  if (tabs > 0 && tabs >= commas && tabs >= semicolons) return '\t';
  return semicolons > commas ? ';' : ',';
}
