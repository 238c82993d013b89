// Rows with a missing cell in the columns a run uses: refused (the first
// one's error, naming line and column) or, with --missing drop, left out and
// counted per column, so that a user sees which columns cost the rows.

import { where } from './encode-target.ts';
import { firstMissing, type Table } from './table.ts';

export interface KeptRows {
  keep: Uint32Array;
  /** Per column with a missing cell in a dropped row: its name and those rows, most first. */
  missingBy: [string, number][];
}

/** The rows kept: all, or (--missing drop) those with no missing cell; refused: the first missing cell's error. */
export function keptRows(t: Table, used: number[], missing: 'refuse' | 'drop'): KeptRows {
  if (missing === 'refuse') {
    for (const c of used) {
      const row = firstMissing(t.columns[c]);
      if (row >= 0)
        throw new Error(`${where(t, row, c)}: a missing value, expected a value (or --missing drop to drop such rows)`);
    }
    return { keep: Uint32Array.from({ length: t.rows }, (_, r) => r), missingBy: [] };
  }
  const counts = new Array<number>(used.length).fill(0);
  const rows: number[] = [];
  for (let r = 0; r < t.rows; r++) {
    let ok = true;
    for (let i = 0; i < used.length; i++) {
      const col = t.columns[used[i]];
      const gone = col.kind === 'number' ? Number.isNaN(col.values[r]) : col.codes[r] === -1;
      if (gone) counts[i]++;
      ok &&= !gone;
    }
    if (ok) rows.push(r);
  }
  if (rows.length === 0) throw new Error(`${t.name}: every row has a missing value, expected some complete rows`);
  const missingBy = used
    .map((c, i): [string, number] => [t.names[c], counts[i]])
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1]);
  return { keep: Uint32Array.from(rows), missingBy };
}

/** "305 of 576 rows dropped for missing values (227 in "Insulin", 78 in "SkinThickness")": the five columns most to blame. */
export function droppedNote(name: string, dropped: number, rows: number, missingBy: [string, number][]): string {
  const shown = missingBy.slice(0, 5).map(([col, n]) => `${n} in ${JSON.stringify(col)}`);
  const more = missingBy.length > 5 ? `, and ${missingBy.length - 5} more columns` : '';
  const by = shown.length > 0 ? ` (${shown.join(', ')}${more})` : '';
  return `data ${name}: ${dropped} of ${rows} rows dropped for missing values${by}`;
}
